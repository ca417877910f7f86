"""Web pages saved from government sites: visible text, one line per block element."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from drafter.ingest import formats
from drafter.ingest.raw import RawText
from drafter.ingest.text import decode

SUFFIXES = formats.SUFFIXES["html"]

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "nav", "blockquote", "pre", "dd", "dt", "title",
}
_CELLS = {"td", "th"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "select", "button"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")  # table cells stay apart: a metadata table is one row

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " ").replace("\r", " "))


def read(path: Path) -> RawText:
    """Read a saved web page into visible text lines."""
    data = path.read_bytes()
    declared = _CHARSET.search(data[:4096])
    text = None
    encoding = None
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)
        try:
            text, encoding = data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None:
        text, encoding = decode(data, str(path))
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    return RawText(lines=tuple(line.strip() for line in lines), format="html", encoding=encoding)
