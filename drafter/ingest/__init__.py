"""Reading plans from files: a registry of readers, the cleaning steps, then the parser."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from drafter.errors import InputError
from drafter.ingest import docx as docx_reader
from drafter.ingest import html as html_reader
from drafter.ingest import ofd as ofd_reader
from drafter.ingest import office as office_reader
from drafter.ingest import pdf as pdf_reader
from drafter.ingest import text as text_reader
from drafter.ingest.clean import clean_lines
from drafter.ingest.raw import RawText
from drafter.ingest.simplify import Restorer, is_traditional, restore_plan, to_simplified
from drafter.model import Plan, Source, Warning
from drafter.parse.structure import parse_lines

#: Readers in the order they are asked; text is the fallback.
READERS: tuple[ModuleType, ...] = (
    pdf_reader, office_reader, ofd_reader, docx_reader, html_reader, text_reader,
)

_MAX_BYTES = 50 * 1024 * 1024


def read_raw(path: Path | str) -> RawText:
    """Read a file with the first reader that accepts it."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"找不到文件：{path}。")
    if path.is_dir():
        raise InputError(f"{path} 是文件夹，不是文件。")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    if size == 0:
        raise InputError(f"{path} 是空文件。")
    if size > _MAX_BYTES:
        raise InputError(f"{path} 太大（超过 50 MB），不像是一份工作要点。")
    if _disguised(path, head):
        raise InputError(
            f"{path} 的扩展名是 {path.suffix}，但内容不是 Word/WPS 文档（文件已损坏或只是改了扩展名）。"
        )
    for reader in READERS:
        if reader.can_read(path, head):
            try:
                return reader.read(path)
            except OSError as exc:
                raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    raise InputError(f"{path} 的格式无法识别。")


def converted_in_batch(paths: Iterable[Path]) -> contextlib.AbstractContextManager[None]:
    """Within this block, .doc/.wps/.odt/.rtf among ``paths`` are converted in one LibreOffice
    start (a batch import), instead of one start per file."""
    return office_reader.converted(paths)


def _parse(lines: tuple[str, ...], web_meta: dict[str, str], where: str) -> Plan:
    """Parse the lines; a traditional-Chinese text is parsed in its simplified form and its
    words are then given back as written."""
    if not is_traditional("".join(lines[:400])):
        return parse_lines(lines, web_meta, where)
    simple = tuple(to_simplified(line) for line in lines)
    meta_values = tuple(web_meta.values())
    restore = Restorer((*lines, *meta_values), (*simple, *map(to_simplified, meta_values)))
    plan = parse_lines(simple, {k: to_simplified(v) for k, v in web_meta.items()}, where)
    plan = restore_plan(plan, restore)
    return replace(plan, warnings=(*plan.warnings, Warning(
        "traditional", "原文为繁体字，按原样保存；检查和相似表述按简体字比对。"
    )))


def _disguised(path: Path, head: bytes) -> bool:
    """A .doc/.wps/.odt/.rtf whose bytes are no document at all (a .docx, a PDF or a web page
    saved under such a name is read as what it is)."""
    if path.suffix.lower() not in office_reader.SUFFIXES:
        return False
    if any(r.can_read(path, head) for r in (pdf_reader, office_reader, ofd_reader)):
        return False
    if head.startswith(b"PK") and docx_reader.can_read(path, head):
        return False
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<meta", b"<head"))


def read_plan(path: Path | str) -> Plan:
    """Read and parse any supported file into a Plan (no library id yet)."""
    path = Path(path)
    raw = read_raw(path)
    cleaned = clean_lines(raw.lines)
    if not cleaned.lines:
        raise InputError(f"{path} 中没有文字内容。")
    plan = _parse(cleaned.lines, cleaned.web_meta, str(path))
    digest = hashlib.sha256("\n".join(cleaned.lines).encode("utf-8")).hexdigest()
    source = Source(file=path.name, format=raw.format, encoding=raw.encoding, sha256=digest)
    return replace(plan, source=source, warnings=(*cleaned.warnings, *plan.warnings))
