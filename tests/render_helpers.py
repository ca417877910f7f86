"""Rendering an exported .docx with headless LibreOffice and measuring the PDF."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from drafter.export.pdf import PDF_FILTER, find_soffice

PT_PER_MM = 72 / 25.4

#: Characters a line may not start with (kinsoku): a line before one of them ends short.
NO_LINE_START = set("，。、；：？！）》」』”’…—·%％")
#: Characters a line may not end with: they move to the next line.
NO_LINE_END = set("（《「『“‘")


@dataclass(frozen=True)
class Line:
    """One printed line: its characters left to right."""

    top_mm: float
    """Top of the line's character boxes from the top of the page."""
    text: str
    """The characters, in order (spaces inside the line kept)."""
    x0_mm: float
    """Left edge of the first character."""
    x1_mm: float
    """Right edge of the last character."""
    size: float
    """Font size of the first character, in points."""
    all_wide: bool
    """Whether every character is full-width (CJK or full-width punctuation)."""


def render_batch(docs: list[Path], out_dir: Path) -> list[Path]:
    """Render every .docx in ``docs`` as it is (no font renaming: the file a user opens) in
    one LibreOffice start, blank pages kept; returns the PDFs in the same order."""
    soffice = find_soffice()
    assert soffice, "LibreOffice (soffice) is required for render tests"
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", PDF_FILTER, "--outdir", str(out_dir),
             *map(str, docs)],
            capture_output=True, timeout=900, check=False,
        )  # fmt: skip
    pdfs = [out_dir / (d.stem + ".pdf") for d in docs]
    missing = [p.name for p in pdfs if not p.is_file()]
    assert not missing, f"LibreOffice did not render {missing}"
    return pdfs


def _wide(ch: str) -> bool:
    """A character that takes a full em (CJK, full-width forms, CJK punctuation)."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xFF01 <= code <= 0xFF60
        or code in (0x201C, 0x201D, 0x2018, 0x2019, 0x2026, 0x2014)
    )


def page_lines(page: pdfplumber.page.Page) -> list[Line]:
    """The page's lines, top to bottom (characters grouped by their baseline, which unlike
    the top edge does not depend on the font's ascent)."""
    rows: dict[float, list[dict]] = {}
    for ch in page.chars:
        baseline = round(page.height - ch["matrix"][5], 0)
        rows.setdefault(baseline, []).append(ch)
    lines = []
    for key in sorted(rows):
        chars = sorted(rows[key], key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars).strip()
        if not text:
            continue
        lines.append(
            Line(
                top_mm=min(c["top"] for c in chars) / PT_PER_MM,
                text=text,
                x0_mm=chars[0]["x0"] / PT_PER_MM,
                x1_mm=chars[-1]["x1"] / PT_PER_MM,
                size=round(chars[0]["size"], 1),
                all_wide=all(_wide(c) for c in text),
            )
        )
    return lines


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open a rendered PDF."""
    return pdfplumber.open(path)
