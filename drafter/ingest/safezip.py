"""Zipped XML packages (.docx, .ofd, .odt …) read within bounds, for every reader.

A package may be broken, lie about its contents, or be built to exhaust the machine: 200 MB of
XML inside a 750 KB file, a billion entity references, attributes that should be numbers.
Readers open packages with :func:`open_package`, read parts with :func:`read_member`, parse
them with :func:`parse_xml` and read numbers with :func:`xml_int`; every failure is an
:class:`~drafter.errors.InputError` with one Chinese sentence naming the file.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import InputError

READ_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, KeyError, IndexError, RecursionError, SyntaxError, EOFError,
    zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, zlib.error,
)
"""What a reader's parsing code may raise on malformed input (lxml's XMLSyntaxError is a
SyntaxError; UnicodeError a ValueError; zlib.error comes from damaged compressed data). The ingest edge turns them into one sentence."""


@dataclass(frozen=True)
class Limits:
    """How much a package may unpack to."""

    members: int = 5000
    """Files inside the package."""
    total_bytes: int = 256 * 1024 * 1024
    """All members together, unpacked (images included)."""
    xml_bytes: int = 32 * 1024 * 1024
    """All XML members together, unpacked (a long plan's document.xml is a few MB)."""


LIMITS = Limits()
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def open_package(path: Path, what: str = "压缩包", limits: Limits = LIMITS) -> zipfile.ZipFile:
    """The zip package at ``path`` (a ``what``: "Word 文档" …), checked against ``limits``
    before anything is unpacked.

    The sizes checked are those the package declares; :mod:`zipfile` never unpacks more than
    a member declares (it stops and fails its checksum), so the declaration bounds memory.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(f"{path} 不是有效的{what}（文件已损坏或只是改了扩展名）。") from exc
    try:
        check_package(zf, path, limits)
    except InputError:
        zf.close()
        raise
    return zf


def check_package(zf: zipfile.ZipFile, path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a package with too many members or too much unpacked content."""
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise InputError(f"{path} 中有 {len(infos)} 个内部文件，超过 {limits.members} 个，不像是一份文档。")
    total = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith(_XML_SUFFIXES))
    if total > limits.total_bytes or xml > limits.xml_bytes:
        raise InputError(
            f"{path} 解压后过大（超过 {_mb(limits.xml_bytes if xml > limits.xml_bytes else limits.total_bytes)} MB），"
            "不像是一份文档（可能是压缩炸弹），未读取。")


def read_member(zf: zipfile.ZipFile, name: str, path: Path, limit: int = LIMITS.xml_bytes) -> bytes:
    """One member's bytes (at most ``limit``), or a Chinese error naming the package."""
    try:
        info = zf.getinfo(name)
    except KeyError as exc:
        raise InputError(f"{path} 中缺少 {name}，文件不完整。") from exc
    if info.file_size > limit:
        raise InputError(f"{path} 中的 {name} 解压后过大（超过 {_mb(limit)} MB），未读取。")
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError, OSError,
            zlib.error) as exc:
        raise InputError(f"{path} 中的 {name} 已损坏，无法解压。") from exc
    if len(data) > limit:
        raise InputError(f"{path} 中的 {name} 解压后过大（超过 {_mb(limit)} MB），未读取。")
    return data


def xml_parser() -> Any:
    """An lxml parser that never reads entities, DTDs or the network and keeps lxml's limits
    on depth and text size (no ``huge_tree``)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


def parse_xml(data: bytes, path: Path, name: str) -> Any:
    """The root element of one XML member, or one sentence saying it is broken and where."""
    from lxml import etree

    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        line = f"第 {exc.lineno} 行" if getattr(exc, "lineno", None) else ""
        raise InputError(f"{path} 中的 {name} {line}XML 已损坏，无法读取。") from exc
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        raise InputError(f"{path} 中的 {name} 无法解析为 XML。") from exc


def xml_int(value: str | None, default: int, path: Path, what: str,
            low: int = 0, high: int = 1 << 31) -> int:
    """An attribute that must be a whole number (``w:ilvl``, ``w:start`` …), clamped to
    ``low..high``; one sentence naming the file and attribute when it is not a number."""
    if value is None or value == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise InputError(f"{path} 中 {what} 的值“{value[:20]}”不是数字，文件已损坏。") from None
    return max(low, min(high, number))


def _mb(n: int) -> int:
    return n // (1024 * 1024)
