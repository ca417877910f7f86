"""The diff as a Word document with real tracked changes (``w:ins`` / ``w:del``).

The document is laid out like the export (GB/T 9704 profile, via ``drafter.export.layout``)
and shows the draft with last year's text as tracked deletions, so a reviewer can accept or
reject each change in Word, WPS or LibreOffice. Accepting all gives the draft; rejecting all
gives last year's plan.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.atomic import write_bytes
from drafter.diff.docx_layout import Para, paragraphs
from drafter.diff.model import PlanDiff
from drafter.diff.segments import DEL, INS
from drafter.export.layout import add_blank_lines, add_paragraph, new_document
from drafter.export.profile import DEFAULT_PROFILE, Profile, load_profile
from drafter.export.sanitize import clean_text
from drafter.export.xml import PPR_ORDER, set_child

DEFAULT_AUTHOR = "drafter"


class _Revisions:
    """Hands out revision ids and stamps author and date on w:ins / w:del elements."""

    def __init__(self, author: str, date: datetime) -> None:
        self.author = author
        self.date = date.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1

    def element(self, kind: str):  # type: ignore[no-untyped-def]
        """A new, empty w:ins or w:del."""
        el = OxmlElement("w:ins" if kind == INS else "w:del")
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def build_tracked(
    diff: PlanDiff,
    *,
    profile: Profile | None = None,
    author: str = DEFAULT_AUTHOR,
    date: datetime | None = None,
) -> Document:
    """The tracked-changes document of a diff."""
    profile = profile or load_profile(DEFAULT_PROFILE)
    revisions = _Revisions(author, date or datetime.now(UTC))
    doc = new_document(profile)
    for para in paragraphs(diff, tracked=True):
        _add(doc, profile, para, revisions)
        if para.level == "title":
            # The official layout: a blank line between the title and the text.
            add_blank_lines(doc, profile, profile.title.blank_lines_after)
    return doc


def write_tracked(
    diff: PlanDiff,
    path: Path,
    *,
    profile: Profile | None = None,
    author: str = DEFAULT_AUTHOR,
    date: datetime | None = None,
    overwrite: bool = True,
) -> None:
    """Write the tracked-changes document to ``path`` atomically."""
    doc = build_tracked(diff, profile=profile, author=author, date=date)
    buffer = BytesIO()
    doc.save(buffer)
    write_bytes(Path(path), buffer.getvalue(), overwrite=overwrite)


def _add(doc: Document, profile: Profile, para: Para, revisions: _Revisions) -> None:
    """Append one paragraph; wrap its deleted and inserted runs in tracked-change elements."""
    runs = [(r, clean_text(r.text)) for r in para.runs]
    runs = [(r, text) for r, text in runs if text]
    paragraph = add_paragraph(doc, profile, para.level, [(text, r.role) for r, text in runs])
    elements = paragraph._p.findall(qn("w:r"))
    assert len(elements) == len(runs)
    for (run, _), r_el in zip(runs, elements, strict=True):
        if run.kind not in (INS, DEL):
            continue
        wrapper = revisions.element(run.kind)
        r_el.addprevious(wrapper)
        wrapper.append(r_el)
        if run.kind == DEL:
            for t in r_el.findall(qn("w:t")):
                t.tag = qn("w:delText")
    if para.mark in (INS, DEL):
        # The paragraph mark itself is tracked, so accepting or rejecting joins paragraphs.
        rpr = set_child(paragraph._p.get_or_add_pPr(), "rPr", PPR_ORDER)
        rpr.append(revisions.element(para.mark))
