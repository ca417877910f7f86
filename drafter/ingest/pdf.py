"""PDF files with a text layer, read with pypdfium2 (PDFium, the engine of Chrome's viewer).

Characters come with their boxes; the reader rebuilds lines from them, keeps two-column pages
in reading order, drops running headers, footers and page numbers, and joins lines that the
page layout broke (no spaces invented between Chinese characters).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError
from drafter.ingest import furniture
from drafter.ingest.raw import RawText

SUFFIXES = (".pdf",)

#: A work plan is a few dozen pages; a much longer PDF is something else (a yearbook, a scan).
MAX_PAGES = 300
#: Fewer characters than this in the whole file: a scan without a text layer.
_MIN_CHARS = 20


def can_read(path: Path, head: bytes) -> bool:
    """A PDF starts with ``%PDF`` (some writers put a few bytes before it)."""
    return b"%PDF" in head[:1024]


@dataclass
class _Line:
    """One printed line (or a fragment of one) with its position on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    left: float = 0.0
    """The left edge of the column this line sits in."""
    right: float = 0.0
    """The right edge of the column this line sits in."""


def read(path: Path) -> RawText:
    """Read the text layer into paragraphs in reading order."""
    pages = _pages(path)
    if sum(len(line.text.strip()) for page in pages for line in page) < _MIN_CHARS:
        raise InputError(
            f"{path} 是扫描件或图片 PDF，没有可读取的文字层；请先用文字识别（OCR）转成文字后再导入。"
        )
    kept = remove_running_lines(pages)
    return RawText(lines=tuple(join_lines(kept)), format="pdf", encoding=None)


def _pages(path: Path) -> list[list[_Line]]:
    """Every page's lines, in reading order."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{path} 是加密的 PDF，需要密码才能打开；请先取消密码保护后再导入。") from exc
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise InputError(f"{path} 使用了不支持的 PDF 加密方式，无法读取。") from exc
        raise InputError(f"{path} 不是有效的 PDF 文件（文件已损坏或不完整）。") from exc
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise InputError(f"{path} 有 {count} 页，超过 {MAX_PAGES} 页，不像是一份工作要点。")
        pages = []
        for index in range(count):
            page = document[index]
            try:
                width, _ = page.get_size()
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage, index, width))
                finally:
                    textpage.close()
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path} 的内容已损坏，无法读取其中的文字。") from exc
    finally:
        document.close()


def _fragments(textpage, page: int) -> list[_Line]:  # type: ignore[no-untyped-def]
    """Runs of characters on one baseline without a wide gap, in the file's own order."""
    import pypdfium2.raw as raw

    frags: list[_Line] = []
    chars: list[tuple[str, float, float, float, float, float]] = []

    def flush() -> None:
        if chars:
            frags.append(_fragment(chars, page))
            chars.clear()

    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if raw.FPDFText_IsGenerated(textpage, i) == 1 or code in (0xFFFE, 0xFFFF, 0):
            if code in (10, 13):
                flush()
            continue
        ch = chr(code)
        if ch in "\r\n":
            flush()
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i)
        size = raw.FPDFText_GetFontSize(textpage, i) or (y1 - y0) or 10.0
        if chars:
            last = chars[-1]
            mid, last_mid = (y0 + y1) / 2, (last[2] + last[4]) / 2
            same_line = abs(mid - last_mid) < 0.6 * max(size, last[5])
            gap = x0 - last[3]
            if not same_line or gap > 1.5 * max(size, last[5]) or gap < -0.5 * size:
                flush()
        chars.append((ch, x0, y0, x1, y1, size))
    flush()
    return [f for f in frags if f.text.strip()]


def _fragment(chars: list[tuple[str, float, float, float, float, float]], page: int) -> _Line:
    """Characters → a line; a space survives only between Latin letters or digits."""
    text = "".join(c[0] for c in chars)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?<=[^\x21-\x7e]) | (?=[^\x21-\x7e])", "", text)
    boxes = [c for c in chars if not c[0].isspace()] or chars
    sizes = Counter(round(c[5], 1) for c in boxes)
    return _Line(
        text=text.strip(),
        x0=min(c[1] for c in boxes),
        x1=max(c[3] for c in boxes),
        top=max(c[4] for c in boxes),
        bottom=min(c[2] for c in boxes),
        size=sizes.most_common(1)[0][0],
        page=page,
    )


def _page_lines(textpage, page: int, width: float) -> list[_Line]:  # type: ignore[no-untyped-def]
    """The page's lines in reading order: full-width lines and column bands top to bottom."""
    frags = _fragments(textpage, page)
    if not frags:
        return []
    gutter = _gutter(frags, width)
    rows = sorted(frags, key=lambda f: (-round(f.top), f.x0))
    if gutter is None:
        lines = _merge_rows(rows)
        _set_edges(lines)
        return lines
    out: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []

    def close_band() -> None:
        for column in (left, right):
            merged = _merge_rows(column)
            _set_edges(merged)
            out.extend(merged)
            column.clear()

    for frag in rows:
        if frag.x1 <= gutter + 0.5:
            left.append(frag)
        elif frag.x0 >= gutter - 0.5:
            right.append(frag)
        else:
            close_band()
            frag.left, frag.right = frag.x0, frag.x1
            out.append(frag)
    close_band()
    return out


def _gutter(frags: list[_Line], width: float) -> float | None:
    """The x of the white band between two columns, when the page has two."""
    if len(frags) < 12:
        return None
    best: tuple[int, float, float] | None = None
    x = width * 0.3
    while x <= width * 0.7:
        left = sum(f.x1 <= x for f in frags)
        right = sum(f.x0 >= x for f in frags)
        crossing = len(frags) - left - right
        if left >= 5 and right >= 5 and crossing <= 0.15 * len(frags):
            key = (crossing, abs(x - width / 2), x)
            if best is None or key < best:
                best = key
        x += 2.0
    return best[2] if best else None


def _merge_rows(frags: list[_Line]) -> list[_Line]:
    """Fragments on one baseline (sorted top-down, left-right) become one line."""
    lines: list[_Line] = []
    for frag in sorted(frags, key=lambda f: (-round(f.top), f.x0)):
        if lines:
            last = lines[-1]
            mid, last_mid = (frag.top + frag.bottom) / 2, (last.top + last.bottom) / 2
            if abs(mid - last_mid) < 0.5 * max(frag.size, last.size) and frag.x0 >= last.x1 - 1:
                joiner = " " if frag.x0 - last.x1 > 0.9 * frag.size else ""
                last.text = _join(last.text, frag.text, joiner)
                last.x1 = frag.x1
                last.top, last.bottom = max(last.top, frag.top), min(last.bottom, frag.bottom)
                continue
        lines.append(_Line(frag.text, frag.x0, frag.x1, frag.top, frag.bottom, frag.size,
                           frag.page))
    return lines


def _set_edges(lines: list[_Line]) -> None:
    """Give each line the left and right edge of its column (robust to short lines)."""
    if not lines:
        return
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    left = lefts[len(lefts) // 10]
    right = rights[-1 - len(rights) // 10]
    for line in lines:
        line.left, line.right = left, right


def remove_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """Drop page numbers and the headers and footers that repeat at one place on most pages."""
    edge: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in _edge_lines(page):
            edge[_shape(line.text)].append((line.page, round(line.top)))
    running: set[tuple[str, float]] = set()
    needed = max(2, (len(pages) + 1) // 2)
    for shape, places in edge.items():
        for _, y in places:
            if len({p for p, yy in places if abs(yy - y) <= 3}) >= needed:
                running.add((shape, y))
    kept: list[_Line] = []
    for page in pages:
        edges = {id(line) for line in _edge_lines(page)}
        for line in page:
            if id(line) in edges and (
                furniture.is_page_number(line.text)
                or any(s == _shape(line.text) and abs(y - round(line.top)) <= 3 for s, y in running)
            ):
                continue
            kept.append(line)
    return kept


def _edge_lines(page: list[_Line]) -> list[_Line]:
    """The two top-most and two bottom-most lines: where running headers and footers sit."""
    ordered = sorted(page, key=lambda line: -line.top)
    return ordered[:2] + ordered[-2:] if len(ordered) > 4 else ordered


def _shape(text: str) -> str:
    """A line with its digits masked: 第3页 and 第4页 have one shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


_STARTS_BLOCK = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,4}[）)])")


def join_lines(lines: list[_Line]) -> list[str]:
    """Join lines the layout broke: a line that runs to the column's right edge goes on
    in the next line, unless that one is indented, starts a heading or is in another size."""
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _continues(previous, line):
            paragraphs[-1] = _join(paragraphs[-1], line.text, "")
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def _continues(prev: _Line, line: _Line) -> bool:
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if prev.x1 < prev.right - 1.2 * prev.size:
        return False  # the previous line stops short: its paragraph ended there
    if line.x0 > line.left + 0.8 * line.size:
        return False  # first-line indent: a new paragraph
    if prev.right - prev.left < 8 * prev.size:
        return False  # a narrow block (a table cell, a signature): keep its lines apart
    return not (_STARTS_BLOCK.match(line.text) and prev.text.endswith(("。", "；", "：", ":")))


def _join(left: str, right: str, joiner: str) -> str:
    """Two pieces of one line or paragraph: a space only between Latin letters or digits."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + joiner + right if joiner and (left[-1:].isascii() or right[:1].isascii()) \
        else left + right
