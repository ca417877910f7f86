"""PDF files with a text layer, read with pypdfium2 (PDFium, the engine of Chrome's viewer).

Characters come with their boxes; the reader rebuilds lines from them, keeps two-column pages
in reading order, drops running headers, footers and page numbers, and joins lines that the
page layout broke (no spaces invented between Chinese characters).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from drafter.errors import InputError
from drafter.ingest import formats, layout
from drafter.ingest.layout import Line
from drafter.ingest.raw import RawText

SUFFIXES = formats.SUFFIXES["pdf"]

#: A work plan is a few dozen pages; a much longer PDF is something else (a yearbook, a scan).
MAX_PAGES = 300
#: Fewer characters than this in the whole file: a scan without a text layer.
_MIN_CHARS = 20


def read(path: Path) -> RawText:
    """Read the text layer into paragraphs in reading order."""
    pages = _pages(path)
    if sum(len(line.text.strip()) for page in pages for line in page) < _MIN_CHARS:
        raise InputError(
            f"{path} 是扫描件或图片 PDF，没有可读取的文字层；请先用文字识别（OCR）转成文字后再导入。"
        )
    kept = layout.remove_running_lines(pages)
    return RawText(lines=tuple(layout.join_lines(kept)), format="pdf", encoding=None)


def _pages(path: Path) -> list[list[Line]]:
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
                    pages.append(layout.page_lines(_fragments(textpage, index), width))
                finally:
                    textpage.close()
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path} 的内容已损坏，无法读取其中的文字。") from exc
    finally:
        document.close()


def _fragments(textpage, page: int) -> list[Line]:  # type: ignore[no-untyped-def]
    """Runs of characters on one baseline without a wide gap, in the file's own order."""
    import pypdfium2.raw as raw

    frags: list[Line] = []
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


def _fragment(chars: list[tuple[str, float, float, float, float, float]], page: int) -> Line:
    """Characters → a line; a space survives only between Latin letters or digits."""
    text = "".join(c[0] for c in chars)
    # Characters beyond the BMP (rare names in 扩展B) arrive as two UTF-16 halves.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?<=[^\x21-\x7e]) | (?=[^\x21-\x7e])", "", text)
    boxes = [c for c in chars if not c[0].isspace()] or chars
    sizes = Counter(round(c[5], 1) for c in boxes)
    return Line(
        text=text.strip(),
        x0=min(c[1] for c in boxes),
        x1=max(c[3] for c in boxes),
        top=max(c[4] for c in boxes),
        bottom=min(c[2] for c in boxes),
        size=sizes.most_common(1)[0][0],
        page=page,
    )
