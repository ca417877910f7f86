"""The exported .docx rendered by headless LibreOffice and measured in the PDF.

Rendering is slow, so two documents are rendered once per module: seed 000 behind its red-
header notice with a 版记, and seed 002 (一是 items) alone with the 白头 profile.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest
from render_helpers import NO_LINE_END, NO_LINE_START, PT_PER_MM, Line, open_pdf, page_lines, render

from drafter.export import export_plan, notice_from_plan
from drafter.export.profile import load_profile
from drafter.model import Plan

pytestmark = pytest.mark.render

PROFILE = load_profile()
LEFT = PROFILE.page.left_mm
RIGHT = PROFILE.page.width_mm - PROFILE.page.right_mm
BOTTOM = PROFILE.page.height_mm - PROFILE.page.bottom_mm
CHAR_MM = (PROFILE.sizes.body + PROFILE.grid.char_spacing_pt) / PT_PER_MM
PITCH_MM = PROFILE.grid.line_pitch_twips / 20 / PT_PER_MM
NUMBER_CHAR_MM = PROFILE.sizes.page_number / PT_PER_MM
BODY = PROFILE.sizes.body
TOLERANCE_MM = 0.6


@pytest.fixture(scope="module")
def rendered(seed_plans: list[Plan], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The two rendered documents: name → list of pages (each a list of Lines) and the PDF."""
    folder = tmp_path_factory.mktemp("render")
    plan0 = seed_plans[0]
    notice = replace(
        notice_from_plan(plan0),
        attachment=plan0.meta.title,
        copies_to="区委办公室，区政府办公室",
        printer="重庆市涪陵区民政局办公室",
    )
    docs = {
        "notice": export_plan(plan0, folder / "notice.docx", notice=notice),
        "plain": export_plan(seed_plans[2], folder / "plain.docx", profile="plain"),
    }
    out = {}
    for name, path in docs.items():
        pdf = open_pdf(render(path, folder))
        out[name] = {"pdf": pdf, "pages": [page_lines(p) for p in pdf.pages]}
    return out


DOCS = ["notice", "plain"]


def _body(lines: list[Line]) -> list[Line]:
    """Lines set in the body size (the page number and title excluded)."""
    return [ln for ln in lines if ln.size == BODY]


def _full_pages(pages: list[list[Line]]) -> list[tuple[int, list[Line]]]:
    """(page number, body lines) of pages wholly inside the plan: after the page with the
    plan's title, before the last page."""
    title_pages = [i for i, lines in enumerate(pages) if any(ln.size > BODY for ln in lines)]
    start = title_pages[-1] + 1
    return [(i + 1, _body(pages[i])) for i in range(start, len(pages) - 1)]


@pytest.mark.parametrize("doc", DOCS)
def test_every_page_is_a4(rendered: dict, doc: str) -> None:
    """Every page is 210 × 297 mm."""
    for page in rendered[doc]["pdf"].pages:
        assert abs(page.width / PT_PER_MM - 210) < 0.5
        assert abs(page.height / PT_PER_MM - 297) < 0.5


@pytest.mark.parametrize("doc", DOCS)
def test_text_starts_28_mm_from_the_left(rendered: dict, doc: str) -> None:
    """Text starts at the 28 mm margin on every full page; no line on any page reaches
    outside the text area (no punctuation hangs into the margin)."""
    for _, body in _full_pages(rendered[doc]["pages"]):
        assert min(ln.x0_mm for ln in body) == pytest.approx(LEFT, abs=TOLERANCE_MM)
    for lines in rendered[doc]["pages"]:
        for line in _body(lines):
            assert line.x0_mm >= LEFT - TOLERANCE_MM and line.x1_mm <= RIGHT + TOLERANCE_MM


@pytest.mark.parametrize("doc", DOCS)
def test_full_pages_hold_22_lines_on_the_grid(rendered: dict, doc: str) -> None:
    """Every full page has 22 body lines, 28.95 pt apart, the first at the top margin."""
    full = _full_pages(rendered[doc]["pages"])
    assert len(full) >= 5
    for number, body in full:
        assert len(body) == PROFILE.grid.lines_per_page, f"page {number}"
        gaps = [b.top_mm - a.top_mm for a, b in itertools.pairwise(body)]
        assert all(abs(g - PITCH_MM) < 0.3 for g in gaps), f"page {number}: {gaps}"


def _kinsoku(line: Line, following: Line | None) -> bool:
    """Whether line-breaking rules explain a line one character short or long."""
    if following is None:
        return False
    head = following.text[:3]
    return (
        any(c in NO_LINE_START for c in head)
        or following.text[:1] in NO_LINE_END
        or following.text[:1].isascii()  # a number or Latin word is not broken
    )


@pytest.mark.parametrize("doc", DOCS)
def test_full_lines_hold_28_characters(rendered: dict, doc: str) -> None:
    """A full line of Chinese text (margin to margin) holds 28 characters, 26 after the
    two-character indent; only line-breaking rules (punctuation that may not start or end
    a line, a number that is not split) may move one or two characters to the next line."""
    exact = moved = 0
    for _, body in _full_pages(rendered[doc]["pages"]):
        for line, following in zip(body, [*body[1:], None], strict=True):
            if not line.all_wide or line.x1_mm < RIGHT - CHAR_MM / 2:
                continue
            indented = line.x0_mm > LEFT + CHAR_MM
            expected = 26 if indented else 28
            if indented:
                assert line.x0_mm == pytest.approx(LEFT + 2 * CHAR_MM, abs=TOLERANCE_MM)
            if len(line.text) == expected:
                exact += 1
            else:
                assert expected - 2 <= len(line.text) < expected, line
                assert _kinsoku(line, following), (line, following)
                moved += 1
    assert exact >= 100 and moved <= exact / 3, (exact, moved)


@pytest.mark.parametrize("doc", DOCS)
def test_page_numbers_odd_right_even_left(rendered: dict, doc: str) -> None:
    """Every page shows “— N —” about 7 mm below the text area: odd pages at the right
    edge one character in, even pages at the left edge one character in."""
    for number, lines in enumerate(rendered[doc]["pages"], 1):
        footer = [ln for ln in lines if ln.top_mm > BOTTOM]
        assert len(footer) == 1, f"page {number}"
        (line,) = footer
        assert re.fullmatch(rf"—\s*{number}\s*—", line.text)
        assert 5 <= line.top_mm - BOTTOM <= 9
        if number % 2:
            assert line.x1_mm == pytest.approx(RIGHT - NUMBER_CHAR_MM, abs=TOLERANCE_MM)
        else:
            assert line.x0_mm == pytest.approx(LEFT + NUMBER_CHAR_MM, abs=TOLERANCE_MM)


@pytest.mark.parametrize("doc", DOCS)
def test_chinese_text_is_set_in_a_chinese_font(rendered: dict, doc: str) -> None:
    """LibreOffice substitutes a CJK font for the official ones; no glyph falls back to a
    Latin font (which would break the grid)."""
    for page in rendered[doc]["pdf"].pages:
        for ch in page.chars:
            if "\u4e00" <= ch["text"] <= "\u9fff":
                assert not re.search(r"DejaVu|Liberation", ch["fontname"]), ch["fontname"]


def test_title_is_centred_in_22_pt(rendered: dict) -> None:
    """The plan title is 22 pt and centred on the text area."""
    pages = rendered["plain"]["pages"]
    (title,) = [ln for ln in pages[0] if ln.size == PROFILE.sizes.title]
    assert title.text == "2022年宝山民政工作要点"
    assert (title.x0_mm + title.x1_mm) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1)


def test_red_header_is_red(rendered: dict) -> None:
    """The issuer mark on the first page is printed in red, above a red rule."""
    page = rendered["notice"]["pdf"].pages[0]
    mark = [c for c in page.chars if c["size"] > PROFILE.sizes.title]
    assert "".join(c["text"] for c in mark) == "重庆市涪陵区民政局文件"
    assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in mark)
    red = [e for e in page.lines + page.rects if tuple(e.get("stroking_color") or ()) == (1, 0, 0)
           or tuple(e.get("non_stroking_color") or ()) == (1, 0, 0)]  # fmt: skip
    assert red, "a red separator line"
    assert (red[0]["x1"] - red[0]["x0"]) / PT_PER_MM == pytest.approx(156, abs=1)


def test_record_sits_at_the_bottom_of_the_last_page(rendered: dict) -> None:
    """The 版记 rules span the text width and the last one lies on the text area's bottom."""
    page = rendered["notice"]["pdf"].pages[-1]
    rules = sorted(page.lines, key=lambda e: e["top"])
    assert len(rules) == 3
    assert all((r["x1"] - r["x0"]) / PT_PER_MM == pytest.approx(156, abs=1) for r in rules)
    assert rules[-1]["top"] / PT_PER_MM == pytest.approx(BOTTOM, abs=1.5)
    widths = [round(r["linewidth"], 2) for r in rules]
    assert widths[0] == widths[2] > widths[1]
    text = "".join(ln.text for ln in page_lines(page))
    assert "抄送：区委办公室，区政府办公室。" in text and "2022年3月17日印发" in text
