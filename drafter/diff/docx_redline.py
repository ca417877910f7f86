"""The diff as a printable 花脸稿: deletions struck through in red, insertions underlined.

Unlike the tracked-changes document this one is plain formatting, for reading on paper: the
marks survive printing in black and white (strike-through and underline), and moved, split or
merged items carry a bracketed note saying where they came from.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn

from drafter.atomic import write_bytes
from drafter.diff.docx_layout import NOTE, paragraphs
from drafter.diff.model import PlanDiff
from drafter.diff.segments import DEL, INS
from drafter.export.layout import add_blank_lines, add_paragraph, new_document
from drafter.export.profile import DEFAULT_PROFILE, Profile, load_profile
from drafter.export.sanitize import clean_text
from drafter.export.xml import RPR_ORDER, set_child

RED = "C00000"
BLUE = "0033CC"
GREY = "595959"


def build_redline(diff: PlanDiff, *, profile: Profile | None = None) -> Document:
    """The 花脸稿 document of a diff."""
    profile = profile or load_profile(DEFAULT_PROFILE)
    doc = new_document(profile)
    for para in paragraphs(diff, tracked=False):
        runs = [(r, clean_text(r.text)) for r in para.runs]
        runs = [(r, text) for r, text in runs if text]
        paragraph = add_paragraph(
            doc,
            profile,
            para.level,
            [(text, "body" if r.kind == NOTE else r.role) for r, text in runs],
        )
        for (run, _), r_el in zip(runs, paragraph._p.findall(qn("w:r")), strict=True):
            rpr = r_el.get_or_add_rPr()
            if run.kind == DEL:
                set_child(rpr, "strike", RPR_ORDER)
                set_child(rpr, "color", RPR_ORDER, val=RED)
            elif run.kind == INS:
                set_child(rpr, "color", RPR_ORDER, val=BLUE)
                set_child(rpr, "u", RPR_ORDER, val="single")
            elif run.kind == NOTE:
                set_child(rpr, "color", RPR_ORDER, val=GREY)
        if para.level == "title":
            add_blank_lines(doc, profile, profile.title.blank_lines_after)
    return doc


def write_redline(
    diff: PlanDiff, path: Path, *, profile: Profile | None = None, overwrite: bool = True
) -> None:
    """Write the 花脸稿 to ``path`` atomically."""
    doc = build_redline(diff, profile=profile)
    buffer = BytesIO()
    doc.save(buffer)
    write_bytes(Path(path), buffer.getvalue(), overwrite=overwrite)
