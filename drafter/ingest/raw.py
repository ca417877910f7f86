"""What every reader returns: the document's text as lines, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawText:
    """A document read from disk, as text lines in reading order."""

    lines: tuple[str, ...]
    """Paragraphs or lines as the file holds them (may include web or Word debris)."""
    format: str
    """``txt``, ``docx`` or ``html``."""
    encoding: str | None = None
    """The text encoding, for formats that have one."""
