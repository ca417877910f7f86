"""drafter's own docx outputs carry a marker, so that importing a work folder skips them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from drafter import rx

MARK = "drafter"
"""Prefix of the core-properties identifier: ``drafter:修订稿``, ``drafter:导出稿``…"""
_CORE = "docProps/core.xml"
_MAX_CORE = 256 * 1024  # core.xml is a few hundred bytes; a huge one is not drafter's
_IDENTIFIER = rx.compile(r"<dc:identifier>\s*([^<]*?)\s*</dc:identifier>")


def mark_output(document: Any, kind: str) -> None:
    """Mark a python-docx ``document`` as drafter's ``kind`` (修订稿, 花脸稿, 导出稿)."""
    document.core_properties.identifier = f"{MARK}:{kind}"


def output_kind(path: Path) -> str | None:
    """The kind of drafter output ``path`` is (``修订稿``…), or None for anyone else's file."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CORE)
            if info.file_size > _MAX_CORE:
                return None
            xml = archive.read(info).decode("utf-8", errors="replace")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return None
    match = _IDENTIFIER.search(xml)
    if not match:
        return None
    prefix, _, kind = match.group(1).partition(":")
    return (kind or "输出文件") if prefix == MARK else None
