"""Which reader a file needs, told from its name and first bytes, before any reader is loaded.

Readers are imported only for the files that need them: reading a .txt loads neither
the PDF nor the OFD layout code, nor python-docx.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SUFFIXES: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "office": (".doc", ".wps", ".wpt", ".dot", ".odt", ".ott", ".rtf"),
    "ofd": (".ofd",),
    "docx": (".docx", ".docm"),
    "html": (".html", ".htm", ".shtml", ".xhtml", ".mht"),
    "text": (".txt", ".text", ".md", ""),
}
"""The file names each reader takes (by its module name in ``drafter.ingest``)."""

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_TEXT = b"mimetypeapplication/vnd.oasis.opendocument.text"
_MARKUP = (b"<!doctype html", b"<html")


def office_kind(head: bytes) -> str | None:
    """``word`` (Word/WPS binary), ``odt`` or ``rtf`` by content, or None."""
    if head.startswith(_OLE2):
        return "word"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK") and _ODF_TEXT in head[:100]:
        return "odt"
    return None


def reader_for(path: Path, head: bytes) -> str | None:
    """The reader of a file, asked in order: PDF, Word/WPS binary, OFD, .docx, web page, text;
    None for a zip that is none of these."""
    suffix = path.suffix.lower()
    if b"%PDF" in head[:1024]:  # some writers put a few bytes before it
        return "pdf"
    if office_kind(head) is not None:
        return "office"
    if head.startswith(b"PK"):
        names = () if suffix in SUFFIXES["ofd"] else _names(path)  # the zip is opened once
        if suffix in SUFFIXES["ofd"] or "OFD.xml" in names:
            return "ofd"
        if suffix in SUFFIXES["docx"] or "word/document.xml" in names:
            return "docx"
    elif suffix in SUFFIXES["docx"]:
        return "docx"  # a broken .docx: its reader says so
    if suffix in SUFFIXES["html"] or head[:512].lstrip().lower().startswith(_MARKUP):
        return "html"
    if suffix in SUFFIXES["text"] or not head.startswith(b"PK"):
        return "text"
    return None


def disguised(path: Path, head: bytes) -> bool:
    """A .doc/.wps/.odt/.rtf whose bytes are no document at all (a .docx, a PDF, an OFD or a
    web page saved under such a name is read as what it is)."""
    if path.suffix.lower() not in SUFFIXES["office"]:
        return False
    if reader_for(path, head) in ("pdf", "office", "ofd", "docx"):
        return False
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not start.startswith((*_MARKUP, b"<?xml", b"<meta", b"<head"))


def has_member(path: Path, name: str) -> bool:
    """Whether a zip holds ``name`` (False for anything that is not a readable zip)."""
    return name in _names(path)


def _names(path: Path) -> frozenset[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            return frozenset(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return frozenset()
