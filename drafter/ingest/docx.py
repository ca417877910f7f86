"""Word documents: paragraphs in order, with automatic numbering turned back into labels."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.ingest import formats
from drafter.ingest.raw import RawText
from drafter.ingest.safezip import READ_ERRORS, open_package, xml_int
from drafter.numbering import int_to_cn

SUFFIXES = formats.SUFFIXES["docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: Path) -> RawText:
    """Read every body paragraph (tables included, row by row) with its numbering label."""
    import docx  # python-docx; imported here so text-only use stays light
    from docx.opc.exceptions import PackageNotFoundError

    # Bounds first: python-docx unpacks and parses every part without limits of its own.
    open_package(path, "Word 文档").close()
    try:
        document = docx.Document(str(path))
    except SyntaxError as exc:  # lxml's XMLSyntaxError: broken XML or entity tricks
        raise InputError(f"{path} 中的 XML 已损坏（{_where(exc)}），无法读取。") from exc
    except PackageNotFoundError as exc:
        raise InputError(f"{path} 不是有效的 Word 文档（.docx 文件已损坏或只是改了扩展名）。") from exc
    except READ_ERRORS as exc:
        raise InputError(f"{path} 不是有效的 Word 文档（.docx 文件已损坏或只是改了扩展名）。") from exc
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}。") from exc
    counter = _Numbering(document, path)
    lines: list[str] = []
    _read_blocks(document.element.body, counter, lines)
    return RawText(lines=tuple(lines), format="docx", encoding=None)


# Containers whose children are body blocks: content controls and custom XML.
_CONTAINERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}


def _read_blocks(parent, counter: _Numbering, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs and tables in reading order; a table row becomes one tab-separated line."""
    for block in parent.iterchildren():
        if block.tag == f"{_W}p":
            lines.append(counter.label(block) + _paragraph_text(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iterchildren(f"{_W}tr"):
                cells = []
                for cell in row.iterchildren(f"{_W}tc"):
                    inner: list[str] = []
                    _read_blocks(cell, counter, inner)
                    cells.append("".join(inner))
                lines.append("\t".join(c for c in cells if c))
        elif block.tag in _CONTAINERS:
            _read_blocks(block, counter, lines)


def _paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    """Text of a paragraph: runs, tabs and breaks; deleted revisions left out."""
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{_W}t":
            if _inside_deletion(node) or _inside_fallback(node):
                continue
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _inside_fallback(node) -> bool:  # type: ignore[no-untyped-def]
    """Text boxes are stored twice (mc:Choice and mc:Fallback); read only the first."""
    parent = node.getparent()
    while parent is not None and parent.tag != f"{_W}p":
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _inside_deletion(node) -> bool:  # type: ignore[no-untyped-def]
    parent = node.getparent()
    while parent is not None:
        if parent.tag == f"{_W}del":
            return True
        parent = parent.getparent()
    return False


class _Numbering:
    """Rebuilds the labels Word draws from numbering.xml (一、 （一） 1. …)."""

    def __init__(self, document, path: Path) -> None:  # type: ignore[no-untyped-def]
        self.path = path
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counts: dict[str, list[int]] = {}
        self.style_numbering = _style_numbering(document, path)
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.findall(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in an.findall(f"{_W}lvl"):
                ilvl = _level(lvl.get(f"{_W}ilvl"), path)
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = xml_int(_val(lvl.find(f"{_W}start")), 1, path, "编号起始值 w:start",
                                high=9999)
                levels[ilvl] = (fmt, text, start)
            abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering.findall(f"{_W}num"):
            ref = _val(num.find(f"{_W}abstractNumId"))
            for ilvl, spec in abstract.get(ref or "", {}).items():
                self.formats[(num.get(f"{_W}numId", ""), ilvl)] = spec

    def label(self, p) -> str:  # type: ignore[no-untyped-def]
        """The label Word shows before this paragraph, or ''."""
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr.find(f"{_W}numId")) or ""
            ilvl = _level(_val(numpr.find(f"{_W}ilvl")), self.path)
        elif style in self.style_numbering:
            num_id, ilvl = self.style_numbering[style]
        else:
            return ""
        if num_id == "0" or (num_id, ilvl) not in self.formats:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        fmt, text, start = self.formats[(num_id, ilvl)]
        counts[ilvl] = (counts[ilvl] or start - 1) + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        label = text
        for level in range(ilvl + 1):
            lvl_fmt = self.formats.get((num_id, level), (fmt, "", 1))[0]
            label = label.replace(f"%{level + 1}", _format(counts[level] or 1, lvl_fmt))
        return label


def _style_numbering(document, path: Path) -> dict[str, tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Numbering that paragraph styles carry (List Number, 标题 1 …), by style id."""
    found: dict[str, tuple[str, int]] = {}
    for style in document.styles.element.findall(f"{_W}style"):
        ppr = style.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is not None and numpr.find(f"{_W}numId") is not None:
            found[style.get(f"{_W}styleId", "")] = (
                _val(numpr.find(f"{_W}numId")) or "",
                _level(_val(numpr.find(f"{_W}ilvl")), path),
            )
    return found


def _level(value: str | None, path: Path) -> int:
    """A numbering level ``w:ilvl``: Word has nine (0–8) and reads larger ones as the last."""
    return xml_int(value, 0, path, "编号级别 w:ilvl", high=8)


def _where(exc: SyntaxError) -> str:
    """Where lxml found the XML broken, in words."""
    return f"第 {exc.lineno} 行" if exc.lineno else "位置不明"


def _val(node) -> str | None:  # type: ignore[no-untyped-def]
    return None if node is None else node.get(f"{_W}val")


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwanese")) and 0 < n < 10000:
        return int_to_cn(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "bullet":
        return ""
    return str(n)
