"""The diff in Word: tracked changes (w:ins / w:del) and the printable 花脸稿."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_diff_edits import NEW_ITEM, edited, seed_plan

from drafter.diff import diff_plans
from drafter.diff.docx_redline import write_redline
from drafter.diff.docx_tracked import build_tracked, write_tracked
from drafter.diff.model import PlanDiff
from drafter.export.layout import level_format
from drafter.export.pdf import find_soffice
from drafter.export.profile import load_profile
from drafter.model import Plan

W_T, W_DEL_T = qn("w:t"), qn("w:delText")
W_INS, W_DEL = qn("w:ins"), qn("w:del")
WHEN = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


@cache
def _case(index: int) -> tuple[Plan, Plan, PlanDiff]:
    plan = seed_plan(index)
    draft, _ = edited(plan)
    return plan, draft, diff_plans(plan, draft)


def _lines(plan: Plan) -> list[str]:
    """The plan's paragraphs as the diff document lays them out."""
    out = [plan.meta.title, *plan.preamble]
    for s in plan.sections:
        out.append(s.label + s.title)
        out.extend(s.intro)
        out.extend(it.label + it.text for it in s.items)
    return [line for line in out if line]


def _resolved(document: docx.document.Document, *, accept: bool) -> list[str]:
    """Body paragraphs with every change accepted (or rejected), as Word would show them."""
    gone, mark_gone = (W_DEL, W_DEL) if accept else (W_INS, W_INS)
    paras: list[str] = []
    joining = False
    for p in document.element.body.iter(qn("w:p")):
        text = ""
        for el in p.iter(W_T, W_DEL_T):
            wrapper = el.getparent().getparent()
            if wrapper.tag == gone:
                continue
            text += el.text or ""
        if joining and paras:
            paras[-1] += text
        else:
            paras.append(text)
        rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        joining = rpr is not None and rpr.find(mark_gone) is not None
    return [t for t in paras if t]


@pytest.mark.parametrize("index", range(5))
def test_accepting_all_gives_the_draft(index: int) -> None:
    """Accept every tracked change: the document reads exactly as the draft."""
    _, draft, diff = _case(index)
    assert _resolved(build_tracked(diff, date=WHEN), accept=True) == _lines(draft)


@pytest.mark.parametrize("index", range(5))
def test_rejecting_all_gives_last_year(index: int) -> None:
    """Reject every tracked change: the document reads exactly as last year's plan."""
    plan, _, diff = _case(index)
    assert _resolved(build_tracked(diff, date=WHEN), accept=False) == _lines(plan)


def test_revisions_carry_author_and_iso_date() -> None:
    """Every w:ins / w:del names the author and an ISO date, with unique ids."""
    document = build_tracked(_case(1)[2], author="办公室", date=WHEN)
    marks = [el for el in document.element.body.iter(W_INS, W_DEL)]
    assert len(marks) > 6
    assert {el.get(qn("w:author")) for el in marks} == {"办公室"}
    assert {el.get(qn("w:date")) for el in marks} == {"2026-01-05T09:30:00Z"}
    ids = [el.get(qn("w:id")) for el in marks]
    assert len(ids) == len(set(ids))


def test_tracked_document_uses_the_official_layout() -> None:
    """A4 with GB/T 9704 margins; section and item paragraphs in the export's level styles."""
    profile = load_profile()
    document = build_tracked(_case(1)[2], date=WHEN)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    styles = {p.style.name for p in document.paragraphs}
    for level in ("title", "section", "item"):
        assert level_format(profile, level).style_name in styles


def test_redline_strikes_deletions_in_red_and_underlines_insertions(tmp_path: Path) -> None:
    """花脸稿: deleted text struck and red, inserted text underlined; notes say where items
    came from; no tracked-change elements."""
    path = tmp_path / "花脸稿.docx"
    write_redline(_case(1)[2], path)
    document = docx.Document(str(path))
    struck = "".join(r.text for p in document.paragraphs for r in p.runs if r.font.strike)
    under = "".join(r.text for p in document.paragraphs for r in p.runs if r.font.underline)
    reds = {str(r.font.color.rgb) for p in document.paragraphs for r in p.runs if r.font.strike}
    assert "650元/月" in struck and "680元/月" in under
    assert NEW_ITEM.heading in under
    assert reds == {"C00000"}
    assert "〔移自原第1部分第5项〕" in "".join(p.text for p in document.paragraphs)
    assert not list(document.element.body.iter(W_INS, W_DEL))


def _fodt_changes(fodt: str) -> list[tuple[str, str, str]]:
    """(kind, author, text) of every tracked change LibreOffice lists in a .fodt."""
    out = []
    for cid, body in re.findall(
        r'<text:changed-region[^>]*text:id="([^"]+)"[^>]*>(.*?)</text:changed-region>', fodt, re.S
    ):
        kind = re.search(r"<text:(insertion|deletion|format-change)", body).group(1)
        author = re.search(r"<dc:creator>(.*?)</dc:creator>", body).group(1)
        span = re.search(
            rf'<text:change-start text:change-id="{cid}"/>(.*?)<text:change-end text:change-id='
            rf'"{cid}"/>',
            fodt,
            re.S,
        )
        inline = span.group(1) if span else body.split("</office:change-info>")[-1]
        out.append((kind, author, re.sub(r"<[^>]+>", "", inline)))
    return out


@pytest.mark.render
def test_libreoffice_lists_the_tracked_changes(tmp_path: Path) -> None:
    """LibreOffice opens the tracked .docx with the edits as tracked changes by the author:
    the old figure and the removed item deleted, the new figure and the new item inserted."""
    soffice = find_soffice()
    assert soffice, "LibreOffice (soffice) is required for render tests"
    plan, _, diff = _case(1)
    _, e = edited(plan)
    path = tmp_path / "修订稿.docx"
    write_tracked(diff, path, author="审稿人", date=WHEN)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    changes = _fodt_changes((tmp_path / "修订稿.fodt").read_text(encoding="utf-8"))
    assert {author for _, author, _ in changes} == {"审稿人"}
    deleted = [text for kind, _, text in changes if kind == "deletion"]
    inserted = [text for kind, _, text in changes if kind == "insertion"]
    removed = plan.sections[e.deleted[0]].items[e.deleted[1]]
    moved = plan.sections[e.moved[0]].items[e.moved[1]]
    assert e.number_from in deleted and e.number_to in inserted
    assert e.heading_from in deleted and e.heading_to in inserted
    assert any(removed.heading in t for t in deleted)
    assert any(NEW_ITEM.heading in t for t in inserted)
    assert any(moved.heading in t for t in deleted) and any(moved.heading in t for t in inserted)


@pytest.mark.parametrize(("base", "draft"), [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)])
def test_accepting_all_gives_the_draft_even_when_everything_changed(base: int, draft: int) -> None:
    """Two plans of different regions (sections added, removed and reordered, intros and
    preambles rewritten): accepting every change still gives exactly the draft."""
    plan, other = seed_plan(base), seed_plan(draft)
    document = build_tracked(diff_plans(plan, other), date=WHEN)
    assert _resolved(document, accept=True) == _lines(other)


@pytest.mark.parametrize("kind", ["tracked", "redline"])
def test_a_blank_line_follows_the_title(tmp_path: Path, kind: str) -> None:
    """Both diff documents keep the official layout's blank line after the title."""
    _, _, diff = _case(0)
    out = tmp_path / f"{kind}.docx"
    (write_tracked if kind == "tracked" else write_redline)(diff, out)
    paras = docx.Document(str(out)).paragraphs
    assert paras[0].style.name == "公文标题" and paras[0].text
    assert paras[1].text == "" and paras[1].style.name == "公文正文"
    assert paras[2].text
