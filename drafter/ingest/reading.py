"""Reading a plan from a file: the registry of readers, the cleaning steps, then the parser."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from drafter.errors import InputError
from drafter.files import check_regular
from drafter.ingest import formats
from drafter.ingest.clean import clean_lines
from drafter.ingest.raw import RawText
from drafter.ingest.safezip import READ_ERRORS
from drafter.ingest.simplify import parse_as_written
from drafter.model import Plan, Source

_MAX_BYTES = 50 * 1024 * 1024


def read_raw(path: Path | str) -> RawText:
    """Read a file with the first reader that accepts it."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"找不到文件：{path}。")
    if path.is_dir():
        raise InputError(f"{path} 是文件夹，不是文件。")
    try:
        check_regular(path, path.stat())  # a FIFO or device would block the read below
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    if size == 0:
        raise InputError(f"{path} 是空文件。")
    if size > _MAX_BYTES:
        raise InputError(f"{path} 太大（超过 50 MB），不像是一份工作要点。")
    if formats.disguised(path, head):
        raise InputError(
            f"{path} 的扩展名是 {path.suffix}，但内容不是 Word/WPS 文档（文件已损坏或只是改了扩展名）。"
        )
    name = formats.reader_for(path, head)
    if name is None:
        raise InputError(f"{path} 的格式无法识别。")
    reader = importlib.import_module(f"drafter.ingest.{name}")
    try:
        return reader.read(path)
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    except READ_ERRORS as exc:
        # The reader's edge: whatever a malformed file makes a reader trip on.
        raise InputError(f"{path} 的内容已损坏，无法读取（{name}）。") from exc


def converted_in_batch(paths: Iterable[Path]) -> contextlib.AbstractContextManager[None]:
    """Within this block, .doc/.wps/.odt/.rtf among ``paths`` are converted in one LibreOffice
    start (a batch import), instead of one start per file."""
    paths = list(paths)
    if not any(p.suffix.lower() in formats.SUFFIXES["office"] for p in paths):
        return contextlib.nullcontext()
    from drafter.ingest import office

    return office.converted(paths)


def read_plan(path: Path | str) -> Plan:
    """Read and parse any supported file into a Plan (no library id yet)."""
    path = Path(path)
    raw = read_raw(path)
    cleaned = clean_lines(raw.lines)
    if not cleaned.lines:
        raise InputError(f"{path} 中没有文字内容。")
    plan = parse_as_written(cleaned.lines, cleaned.web_meta, str(path))
    digest = hashlib.sha256("\n".join(cleaned.lines).encode("utf-8")).hexdigest()
    source = Source(file=path.name, format=raw.format, encoding=raw.encoding, sha256=digest)
    return replace(plan, source=source, warnings=(*cleaned.warnings, *plan.warnings))
