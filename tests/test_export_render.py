"""Every built-in plan exported four ways, rendered by headless LibreOffice and measured the
way a 文书 clerk checks a document before sealing it.

Modes: ``default`` (what ``drafter export`` does: with the plan's own notice when it came
with one), ``plain`` (白头, plan alone), ``notice`` (red-header notice), ``full`` (notice with
a 文号, 附件 and a 版记). The .docx handed to the user is rendered as it is, all twenty in one
LibreOffice start; one PDF export checks the faces embedded in the PDF.
"""

from __future__ import annotations

import collections
import itertools
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from render_helpers import (
    NO_LINE_END,
    NO_LINE_START,
    PT_PER_MM,
    Line,
    page_lines,
    render_batch,
)

from drafter.export import export_bytes, export_plan, notice_from_plan
from drafter.export.advice import has_own_notice
from drafter.export.document import plan_title
from drafter.export.notice import NoticeInfo, notice_title
from drafter.export.profile import load_profile
from drafter.export.title import protected_spans, word_boundaries
from drafter.library.store import load_plan
from drafter.model import Plan
from drafter.paths import builtin_library

pytestmark = pytest.mark.render

PROFILE = load_profile()
LEFT = PROFILE.page.left_mm
RIGHT = PROFILE.page.width_mm - PROFILE.page.right_mm
TOP = PROFILE.page.top_mm
BOTTOM = PROFILE.page.height_mm - PROFILE.page.bottom_mm
CHAR_MM = (PROFILE.sizes.body + PROFILE.grid.char_spacing_pt) / PT_PER_MM
PITCH_MM = PROFILE.grid.line_pitch_twips / 20 / PT_PER_MM
NUMBER_CHAR_MM = PROFILE.sizes.page_number / PT_PER_MM
BODY = PROFILE.sizes.body
TITLE = PROFILE.sizes.title
TOLERANCE_MM = 0.6
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Punctuation whose loss or overhang at a line end a clerk would see.
PUNCTUATION = set("，。、；：？！）》」』”’…—（《“‘")
MODES = ("default", "plain", "notice", "full")
_SIGNATURE_LINE = re.compile(r".{2,30}(?:局|厅|室|政府|委员会)|\d{4}年\d{1,2}月\d{1,2}日|（此件.*）")
#: Lines of a page that are not body text: signature, date, 附注 and the 附件说明.
_NOT_BODY = re.compile(rf"{_SIGNATURE_LINE.pattern}|附件：.*")
_RECORD_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发")


@dataclass
class Rendered:
    """One exported document and its rendering."""

    plan: Plan
    mode: str
    notice: NoticeInfo | None
    docx: Path
    pages: list[list[Line]]
    pdf: pdfplumber.PDF


def builtin_plans() -> list[Plan]:
    """The plans of the built-in library, in a stable order."""
    return [load_plan(p) for p in sorted(builtin_library().glob("*/*.toml"))]


def _notice(plan: Plan, mode: str) -> NoticeInfo | None:
    """The notice each mode exports with."""
    if mode == "default":
        return notice_from_plan(plan) if has_own_notice(plan) else None
    if mode == "plain":
        return None
    notice = notice_from_plan(plan)
    if mode == "notice":
        return notice
    year = plan.meta.year or 2025
    return replace(
        notice,
        doc_number=notice.doc_number or f"{(plan.meta.region or '本')[:1]}民发〔{year}〕3号",
        date=notice.date or f"{year}-02-10",
        attachment=plan_title(plan),
        copies_to="区委办公室，区政府办公室，区人大常委会办公室",
        printer=f"{notice.issuer}办公室",
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every built-in plan in every mode, rendered: ``"<plan index>-<mode>"`` → Rendered."""
    folder = tmp_path_factory.mktemp("render")
    made = {}
    for n, plan in enumerate(builtin_plans()):
        for mode in MODES:
            notice = _notice(plan, mode)
            profile = "plain" if mode == "plain" else "gbt9704"
            path = export_plan(plan, folder / f"{n}-{mode}.docx", profile=profile, notice=notice)
            made[f"{n}-{mode}"] = (plan, mode, notice, path)
    pdfs = render_batch([m[3] for m in made.values()], folder)
    out = {}
    for (key, (plan, mode, notice, path)), pdf_path in zip(made.items(), pdfs, strict=True):
        pdf = pdfplumber.open(pdf_path)
        out[key] = Rendered(plan, mode, notice, path, [page_lines(p) for p in pdf.pages], pdf)
    yield out
    for doc in out.values():
        doc.pdf.close()


DOCS = [f"{n}-{mode}" for n in range(len(builtin_plans())) for mode in MODES]


def _body(lines: list[Line]) -> list[Line]:
    """Lines set in the body size inside the text area."""
    return [ln for ln in lines if ln.size == BODY and ln.top_mm < BOTTOM]


def _footer(lines: list[Line]) -> list[Line]:
    """Lines below the text area (the page number)."""
    return [ln for ln in lines if ln.top_mm > BOTTOM]


def _record_page(doc: Rendered) -> int | None:
    """1-based number of the page holding the 版记, or None."""
    for n, lines in enumerate(doc.pages, 1):
        if any(_RECORD_DATE.search(ln.text) for ln in lines):
            return n
    return None


def _text_pages(doc: Rendered) -> list[int]:
    """0-based indexes of the pages that hold text (not the 版记 page or a blank page)."""
    record = _record_page(doc)
    return [i for i, lines in enumerate(doc.pages) if lines and i + 1 != record]


def _full_pages(doc: Rendered) -> list[tuple[int, list[Line]]]:
    """(page number, body lines) of pages wholly inside the plan: after the page with the
    plan's title, before its last text page."""
    text = _text_pages(doc)
    title_pages = [i for i in text if any(ln.size > BODY for ln in doc.pages[i])]
    return [(i + 1, _body(doc.pages[i])) for i in text if title_pages[-1] < i < text[-1]]


# --- page geometry ---------------------------------------------------------------------


@pytest.mark.parametrize("key", DOCS)
def test_every_page_is_a4(rendered: dict[str, Rendered], key: str) -> None:
    """Every page is 210 × 297 mm."""
    for page in rendered[key].pdf.pages:
        assert abs(page.width / PT_PER_MM - 210) < 0.5
        assert abs(page.height / PT_PER_MM - 297) < 0.5


@pytest.mark.parametrize("key", DOCS)
def test_no_line_leaves_the_type_area(rendered: dict[str, Rendered], key: str) -> None:
    """Text starts at the 28 mm margin on every full page and no character on any page lies
    outside the type area: no punctuation hangs into the margin in the user's file."""
    doc = rendered[key]
    for _, body in _full_pages(doc):
        assert min(ln.x0_mm for ln in body) == pytest.approx(LEFT, abs=TOLERANCE_MM)
    for n, page in enumerate(doc.pdf.pages, 1):
        for ch in page.chars:
            if ch["top"] / PT_PER_MM < BOTTOM:
                x0, x1 = ch["x0"] / PT_PER_MM, ch["x1"] / PT_PER_MM
                assert x0 >= LEFT - TOLERANCE_MM and x1 <= RIGHT + TOLERANCE_MM, (n, ch["text"])


@pytest.mark.parametrize("key", DOCS)
def test_no_punctuation_is_lost(rendered: dict[str, Rendered], key: str) -> None:
    """Every punctuation mark of the document's text is printed (LibreOffice used to drop
    or push off the page 7–18 line-end marks per plan)."""
    doc = rendered[key]
    root = etree.fromstring(zipfile.ZipFile(doc.docx).read("word/document.xml"))
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    printed = "".join(c["text"] for p in doc.pdf.pages for c in p.chars)
    want = collections.Counter(c for c in text if c in PUNCTUATION)
    got = collections.Counter(c for c in printed if c in PUNCTUATION)
    assert want - got == collections.Counter()


@pytest.mark.parametrize("key", DOCS)
def test_full_pages_hold_22_lines_on_the_grid(rendered: dict[str, Rendered], key: str) -> None:
    """Every full page has 22 body lines, 28.95 pt apart; only the page before the last
    text page may end early, when the end of the text went over with the signature (the
    text's last paragraph keeps with it)."""
    full = _full_pages(rendered[key])
    assert len(full) >= 5
    for number, body in full:
        if number == full[-1][0]:
            assert PROFILE.grid.lines_per_page // 2 <= len(body), f"page {number}"
        else:
            assert len(body) == PROFILE.grid.lines_per_page, f"page {number}"
        gaps = [b.top_mm - a.top_mm for a, b in itertools.pairwise(body)]
        assert all(abs(g - PITCH_MM) < 0.3 for g in gaps), f"page {number}: {gaps}"


def _kinsoku(following: Line | None) -> bool:
    """Whether line-breaking rules explain a line one or two characters short."""
    if following is None:
        return False
    return (
        any(c in NO_LINE_START for c in following.text[:3])
        or following.text[:1] in NO_LINE_END
        or any(c.isascii() for c in following.text[:2])  # a number is not split
    )


@pytest.mark.parametrize("key", DOCS)
def test_full_lines_hold_28_characters(rendered: dict[str, Rendered], key: str) -> None:
    """A full line of Chinese text holds 28 characters, 26 after the two-character indent;
    only line-breaking rules may move one or two characters to the next line."""
    exact = moved = 0
    lines = [ln for _, body in _full_pages(rendered[key]) for ln in body]
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        if not line.all_wide or line.x1_mm < RIGHT - CHAR_MM / 2:
            continue
        indented = line.x0_mm > LEFT + CHAR_MM
        expected = 26 if indented else 28
        if len(line.text) == expected:
            exact += 1
        else:
            assert expected - 2 <= len(line.text) < expected, line
            assert _kinsoku(following), (line, following)
            moved += 1
    assert exact >= 60 and moved <= exact / 3, (exact, moved)


# --- pagination -------------------------------------------------------------------------


@pytest.mark.parametrize("key", DOCS)
def test_no_page_holds_only_the_signature(rendered: dict[str, Rendered], key: str) -> None:
    """No page holds only the signature, the date, the 附注 or the 附件说明 (GB/T 9704
    7.3.5): they share a page with body text."""
    for n, lines in enumerate(rendered[key].pages, 1):
        body = _body(lines)
        if body and not any(_RECORD_DATE.search(ln.text) for ln in lines):
            assert not all(_NOT_BODY.fullmatch(ln.text) for ln in body), (n, body)


@pytest.mark.parametrize("key", DOCS)
def test_page_numbers_odd_right_even_left(rendered: dict[str, Rendered], key: str) -> None:
    """Every text page shows “— N —” about 7 mm below the text area, odd pages at the right
    one character in, even pages at the left; the 版记 page and a blank page before it show
    none."""
    doc = rendered[key]
    text = _text_pages(doc)
    for i, lines in enumerate(doc.pages):
        number = i + 1
        footer = _footer(lines)
        if i not in text:
            assert not footer, f"page {number} ({'版记' if lines else 'blank'}) has {footer}"
            continue
        assert len(footer) == 1, f"page {number}"
        (line,) = footer
        assert re.fullmatch(rf"—\s*{number}\s*—", line.text)
        assert 5 <= line.top_mm - BOTTOM <= 9
        if number % 2:
            assert line.x1_mm == pytest.approx(RIGHT - NUMBER_CHAR_MM, abs=TOLERANCE_MM)
        else:
            assert line.x0_mm == pytest.approx(LEFT + NUMBER_CHAR_MM, abs=TOLERANCE_MM)


@pytest.mark.parametrize("key", [k for k in DOCS if k.endswith("-full")])
def test_record_is_at_the_bottom_of_an_even_last_page(
    rendered: dict[str, Rendered], key: str
) -> None:
    """The 版记 is on the last page, an even one (the back of the last sheet), alone, its
    last rule on the bottom of the text area; 0.35 mm rules outside, 0.25 mm between."""
    doc = rendered[key]
    record = _record_page(doc)
    assert record == len(doc.pages) and record % 2 == 0
    if not doc.pages[record - 2]:
        assert not doc.pdf.pages[record - 2].chars  # the blank page is blank
    page = doc.pdf.pages[record - 1]
    rules = sorted(page.lines, key=lambda e: e["top"])
    assert len(rules) == 3
    assert all((r["x1"] - r["x0"]) / PT_PER_MM == pytest.approx(156, abs=1) for r in rules)
    assert rules[-1]["top"] / PT_PER_MM == pytest.approx(BOTTOM, abs=1.5)
    widths = [round(r["linewidth"], 2) for r in rules]
    assert widths[0] == widths[2] > widths[1]
    lines = doc.pages[record - 1]
    assert lines[0].text == "抄送：区委办公室，区政府办公室，区人大常委会办公室。"
    assert lines[1].text.startswith(f"{doc.notice.issuer}办公室")  # one line, not wrapped
    assert all(ln.top_mm > BOTTOM - 25 for ln in lines)


# --- the red header and titles ------------------------------------------------------------


def _red(page) -> list[dict]:
    """Red strokes and fills on the page."""
    return [e for e in page.lines + page.rects
            if tuple(e.get("stroking_color") or ()) == (1, 0, 0)
            or tuple(e.get("non_stroking_color") or ()) == (1, 0, 0)]  # fmt: skip


@pytest.mark.parametrize("key", [k for k in DOCS if k.endswith(("-notice", "-full"))])
def test_issuer_mark_is_one_red_line(rendered: dict[str, Rendered], key: str) -> None:
    """The 发文机关标志 is printed in red on one line inside the text width, however long the
    office's name (武汉经开区（汉南区）民政局文件 is compressed to fit)."""
    doc = rendered[key]
    page = doc.pdf.pages[0]
    mark = [c for c in page.chars if c["size"] > TITLE + 1]
    assert "".join(c["text"] for c in mark) == f"{doc.notice.issuer}文件"
    assert len({round(c["top"]) for c in mark}) == 1
    assert min(c["x0"] for c in mark) / PT_PER_MM >= LEFT - TOLERANCE_MM
    assert max(c["x1"] for c in mark) / PT_PER_MM <= RIGHT + TOLERANCE_MM
    assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in mark)
    rule = max(_red(page), key=lambda e: e["x1"] - e["x0"])
    assert (rule["x1"] - rule["x0"]) / PT_PER_MM == pytest.approx(156, abs=1)


@pytest.mark.parametrize("key", [k for k in DOCS if k.endswith("-full")])
def test_red_rule_4_mm_below_the_doc_number(rendered: dict[str, Rendered], key: str) -> None:
    """The red rule lies 4 ± 0.5 mm below the 发文字号's characters."""
    page = rendered[key].pdf.pages[0]
    chars = [c for c in page.chars if c["text"] == "〔"]
    (bracket,) = chars
    row = [c for c in page.chars if abs(c["top"] - bracket["top"]) < 3]
    rule = max(_red(page), key=lambda e: e["x1"] - e["x0"])
    gap = (rule["top"] - max(c["bottom"] for c in row)) / PT_PER_MM
    assert gap == pytest.approx(4, abs=0.5)


def _title_blocks(doc: Rendered) -> list[list[Line]]:
    """Runs of consecutive title-size lines (one run per title)."""
    blocks: list[list[Line]] = []
    for lines in doc.pages:
        previous = None
        for line in lines:
            if line.size == TITLE:
                if previous is not None and previous.size == TITLE:
                    blocks[-1].append(line)
                else:
                    blocks.append([line])
            previous = line
    return blocks


@pytest.mark.parametrize("key", DOCS)
def test_titles_break_between_words(rendered: dict[str, Rendered], key: str) -> None:
    """Each title is centred, and when it takes more than one line no line starts or ends
    inside a word, inside 《》 or inside the issuer's name."""
    doc = rendered[key]
    expected = [plan_title(doc.plan)]
    if doc.notice is not None:
        expected.insert(0, notice_title(doc.notice, plan_title(doc.plan)))
    blocks = _title_blocks(doc)
    assert ["".join(ln.text for ln in b) for b in blocks] == expected
    names = [doc.notice.issuer] if doc.notice else []
    for block, text in zip(blocks, expected, strict=True):
        bounds = set(word_boundaries(text))
        pos = 0
        for line in block:
            assert (line.x0_mm + line.x1_mm) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1.5)
        for line in block[:-1]:
            pos += len(line.text)
            assert pos in bounds, [ln.text for ln in block]
            assert not any(s < pos < e for s, e in protected_spans(text, names))


@pytest.mark.parametrize("key", DOCS)
def test_signature_is_centred_over_the_date(rendered: dict[str, Rendered], key: str) -> None:
    """Where a signature stands over a date, its centre is the date's centre (± 1 mm), the
    date ending about four characters in from the right."""
    found = 0
    for lines in rendered[key].pages:
        for above, below in itertools.pairwise(lines):
            if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", below.text) and _SIGNATURE_LINE.fullmatch(
                above.text
            ):
                found += 1
                centre = (below.x0_mm + below.x1_mm) / 2
                assert (above.x0_mm + above.x1_mm) / 2 == pytest.approx(centre, abs=1)
                assert RIGHT - below.x1_mm == pytest.approx(4 * CHAR_MM, abs=CHAR_MM)
    doc = rendered[key]
    signed = doc.notice is not None or doc.plan.meta.signature
    dated = doc.notice.date if doc.notice else doc.plan.meta.date
    assert found >= (1 if signed and dated else 0)


# --- faces ---------------------------------------------------------------------------------


def _face(name: str) -> str:
    """A PDF font name without its subset prefix."""
    return re.sub(r"^[A-Z]{6}\+", "", name)


def test_pdf_embeds_distinct_faces_for_each_level() -> None:
    """The PDF export sets the title (小标宋), sections (黑体), item lead sentences (楷体) and
    body (仿宋) in four different installed faces, not one Japanese sans for everything."""
    plan = builtin_plans()[-1]  # 涪陵: （一） items under 一、 sections
    data = export_bytes(plan, fmt="pdf", notice=None)
    import io

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    title = {_face(c["fontname"]) for c in chars if c["size"] == TITLE and c["text"] >= "\u4e00"}
    lines = [ln for p in pdfplumber.open(io.BytesIO(data)).pages for ln in page_lines(p)]
    section_line = next(ln for ln in lines if ln.text.startswith("一、"))
    item_line = next(ln for ln in lines if ln.text.startswith("（一）"))

    def faces_of(line: Line, count: int) -> set[str]:
        row = [c for c in chars if abs(c["top"] / PT_PER_MM - line.top_mm) < 0.5
               and c["text"] in line.text[:count]]  # fmt: skip
        return {_face(c["fontname"]) for c in row if "\u4e00" <= c["text"] <= "\u9fff"}

    section = faces_of(section_line, 6)
    item = faces_of(item_line, 6)
    body_line = next(ln for ln in lines if ln.text.startswith(plan.preamble[0][:6]))
    body = faces_of(body_line, 30)
    faces = [title, section, item, body]
    assert all(len(f) == 1 for f in faces), faces
    names = [f.pop() for f in faces]
    assert len(set(names)) == 4, names
