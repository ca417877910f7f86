"""OFD (GB/T 33190), the national layout format: text objects from its zipped XML pages.

``OFD.xml`` names each document's ``Document.xml``, which lists the pages (and template
pages); each page's ``Content.xml`` holds ``TextObject``/``TextCode`` with positions in mm.
The positioned text goes through the same layout steps as a PDF's.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.ingest import formats, layout, safezip
from drafter.ingest.layout import Line
from drafter.ingest.raw import RawText

SUFFIXES = formats.SUFFIXES["ofd"]
Element = Any  # lxml.etree._Element
#: Pages beyond this are not a work plan.
MAX_PAGES = 300
_PT_PER_MM = 72 / 25.4


@lru_cache(maxsize=1)
def _parser() -> Any:
    """An XML parser that expands no entities and fetches nothing (lxml, imported on use)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def read(path: Path) -> RawText:
    """Read every page's text in reading order into paragraphs."""
    with safezip.open_package(path, " OFD 文件") as zf:
        names = set(zf.namelist())
        if "OFD.xml" not in names:
            raise InputError(f"{path} 不是有效的 OFD 文件（缺少 OFD.xml）。")
        root = _xml(zf, "OFD.xml", path)
        pages: list[list[Line]] = []
        for doc_root in _all(root, "DocRoot"):
            doc_path = _resolve("", (doc_root.text or "").strip())
            pages.extend(_document_pages(zf, doc_path, path, len(pages)))
    if sum(len(line.text) for page in pages for line in page) < 20:
        raise InputError(f"{path} 中没有可读取的文字（可能是扫描件），请先用文字识别（OCR）转成文字。")
    kept = layout.remove_running_lines(pages)
    return RawText(lines=tuple(layout.join_lines(kept)), format="ofd", encoding=None)


def _document_pages(
    zf: zipfile.ZipFile, doc_path: str, where: Path, first: int
) -> list[list[Line]]:
    document = _xml(zf, doc_path, where)
    base = posixpath.dirname(doc_path)
    width, height = _box(_first(document, "PhysicalBox"), (210.0, 297.0))
    templates = {
        t.get("ID", ""): _resolve(base, t.get("BaseLoc", ""))
        for t in _all(document, "TemplatePage")
    }
    page_refs = _all(document, "Page")
    if len(page_refs) > MAX_PAGES:
        raise InputError(f"{where} 有 {len(page_refs)} 页，超过 {MAX_PAGES} 页，不像是一份工作要点。")
    pages: list[list[Line]] = []
    for n, ref in enumerate(page_refs):
        content_path = _resolve(base, ref.get("BaseLoc", ""))
        content = _xml(zf, content_path, where)
        page_w, page_h = _box(_first(content, "PhysicalBox"), (width, height))
        frags: list[Line] = []
        for template in _all(content, "Template"):
            loc = templates.get(template.get("TemplateID", ""))
            if loc:
                frags.extend(_text_lines(_xml(zf, loc, where), page_h, first + n))
        frags.extend(_text_lines(content, page_h, first + n))
        pages.append(layout.page_lines(frags, page_w * _PT_PER_MM))
    return pages


def _text_lines(content: Element, page_h: float, page: int) -> list[Line]:
    """Each TextCode as a positioned fragment, in points with y growing upwards."""
    out: list[Line] = []
    for obj in _all(content, "TextObject"):
        bx, by, _, _ = (_floats(obj.get("Boundary", "")) + [0.0] * 4)[:4]
        size = float(obj.get("Size", "3.5") or 3.5)
        for code in _all(obj, "TextCode"):
            text = code.text or ""
            if not text.strip():
                continue
            x = bx + float(code.get("X", "0") or 0)
            y = by + float(code.get("Y", "0") or 0)
            advances = _deltas(code.get("DeltaX", ""))
            width = sum(advances[: len(text) - 1]) + _glyph_width(text[-1], size)
            if len(advances) < len(text) - 1:
                width += size * (len(text) - 1 - len(advances))
            out.append(Line(
                text=text, x0=x * _PT_PER_MM, x1=(x + width) * _PT_PER_MM,
                top=(page_h - y + 0.88 * size) * _PT_PER_MM,
                bottom=(page_h - y - 0.12 * size) * _PT_PER_MM,
                size=size * _PT_PER_MM, page=page,
            ))
    return out


def _glyph_width(ch: str, size: float) -> float:
    return size * (0.5 if ch.isascii() else 1.0)


def _deltas(value: str) -> list[float]:
    """``DeltaX="g 3 5.6 2.8"`` → [5.6, 5.6, 5.6, 2.8]."""
    tokens = value.split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([_float(tokens[i + 2])] * int(_float(tokens[i + 1])))
            i += 3
        else:
            out.append(_float(tokens[i]))
            i += 1
    return out


def _float(token: str) -> float:
    try:
        return float(token)
    except ValueError:
        return 0.0


def _floats(value: str) -> list[float]:
    return [_float(t) for t in value.split()]


def _box(node: Element | None, default: tuple[float, float]) -> tuple[float, float]:
    if node is None:
        return default
    values = _floats(node.text or "")
    return (values[2], values[3]) if len(values) >= 4 and values[2] > 0 else default


def _resolve(base: str, loc: str) -> str:
    """A BaseLoc relative to its document's folder, or absolute from the package root."""
    loc = loc.strip().replace("\\", "/")
    path = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)
    return posixpath.normpath(path)


def _xml(zf: zipfile.ZipFile, name: str, where: Path) -> Element:
    from lxml import etree

    data = safezip.read_member(zf, name, where)
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = f"（第 {exc.lineno} 行）" if exc.lineno else ""
        raise InputError(f"{where} 中的 {name} 不是有效的 XML{line}，文件已损坏。") from exc


def _local(tag: object) -> str:
    return re.sub(r"^\{[^}]*\}", "", tag) if isinstance(tag, str) else ""


def _all(node: Element, name: str) -> list[Element]:
    return [n for n in node.iter() if _local(n.tag) == name]


def _first(node: Element, name: str) -> Element | None:
    found = _all(node, name)
    return found[0] if found else None
