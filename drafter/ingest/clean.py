"""Cleaning steps, applied in order to a document's lines before parsing.

Each step is a small function ``(Cleaning) -> Cleaning`` with one job. Steps remove only
debris (web chrome, Word bookmarks, repeated copies) and record what they removed as
warnings; the plan's own words are kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from drafter import rx
from drafter.ingest import furniture, rewrap
from drafter.ingest.runon import split_run_on
from drafter.model import Warning
from drafter.parse.metadata import is_title

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = f"[{CJK}]"


@dataclass(frozen=True)
class Cleaning:
    """Lines being cleaned, with what the steps learned on the way."""

    lines: tuple[str, ...]
    """Current lines (blank ones already dropped after ``strip_lines``)."""
    web_meta: dict[str, str] = field(default_factory=dict)
    """Key/value pairs from a web page's metadata block (发布机构, 成文日期, 发文字号 …)."""
    warnings: tuple[Warning, ...] = ()
    """What was removed or looked wrong."""

    def warn(self, code: str, message: str, line: int | None = None) -> Cleaning:
        """A copy with one more warning."""
        return replace(self, warnings=(*self.warnings, Warning(code, message, line)))


Step = Callable[[Cleaning], Cleaning]

# C0 and C1 controls (U+009B is a one-character CSI to a terminal), zero-width characters and
# the bidirectional overrides.
_CONTROL = rx.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]")


def remove_control_chars(c: Cleaning) -> Cleaning:
    """Drop control and zero-width characters pasted from other programs."""
    count = sum(len(_CONTROL.findall(line)) for line in c.lines)
    if not count:
        return c
    lines = tuple(_CONTROL.sub("", line) for line in c.lines)
    return replace(c, lines=lines).warn("control-chars", f"删除了 {count} 个不可见的控制字符。")


_BOOKMARK = rx.compile(r"\[(?:bookmark|书签)\s*:\s*[^\]]*\]", re.IGNORECASE)


def remove_word_debris(c: Cleaning) -> Cleaning:
    """Remove Word export debris such as ``[bookmark: _GoBack]``."""
    return replace(c, lines=tuple(_BOOKMARK.sub("", line) for line in c.lines))


def split_embedded_breaks(c: Cleaning) -> Cleaning:
    """Split lines that still contain line breaks (docx soft breaks, HTML text)."""
    out: list[str] = []
    for line in c.lines:
        out.extend(line.replace("\r", "\n").split("\n"))
    return replace(c, lines=tuple(out))


_SPACES = "\u3000\u00a0\u2002\u2003\u2009\t "


def strip_lines(c: Cleaning) -> Cleaning:
    """Strip indentation (full-width spaces included) and drop blank lines."""
    lines = tuple(s for s in (line.strip(_SPACES) for line in c.lines) if s)
    return replace(c, lines=lines)


def extract_web_metadata(c: Cleaning) -> Cleaning:
    """Take a web page's metadata out of the text, keeping its values (发布机构, 成文日期 …).

    The labels are the kinds in ``templates/ingest/furniture.toml``, in any of the forms sites
    use: bullets with the value on the next line, ``键：值`` (several on one line), a pipe or
    tab table row, padded or bracketed labels.
    """
    meta: dict[str, str] = {}
    keep: list[str] = []
    lines = c.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        hits = _metadata_hits(line)
        if hits is None:
            keep.append(line)
            i += 1
            continue
        if not hits:  # a table's rule row (| --- | --- |)
            i += 1
            continue
        last = hits[-1]
        if last.kind == furniture.METADATA and not last.value and i + 1 < len(lines):
            value = _value_line(line, lines[i + 1])
            if value is not None:
                hits[-1] = furniture.LabelHit(last.kind, last.key, value, last.marked)
                i += 1
        for hit in hits:
            if hit.kind == furniture.METADATA:
                meta[hit.key] = meta.get(hit.key) or hit.value
        i += 1
    if not meta:
        return replace(c, lines=tuple(keep)) if len(keep) != len(lines) else c
    cleaned = replace(c, lines=tuple(keep), web_meta={**c.web_meta, **meta})
    return cleaned.warn("web-metadata", f"网页的元数据块（{'、'.join(meta)}）已提取为元数据。")


def _metadata_hits(line: str) -> list[furniture.LabelHit] | None:
    """The labelled values of a metadata line (a table row or labels), None for other text."""
    row = furniture.table_row(line)
    if row is not None:
        return row
    hit = furniture.label_at(line)
    if hit is None or hit.kind != furniture.METADATA:
        return None
    return furniture.split_values(hit)


def _value_line(label_line: str, nxt: str) -> str | None:
    """The value of a bare label printed on the next line (• 发布机构 / • 涪陵区民政局)."""
    bulleted = bool(_BULLET.match(label_line))
    if bulleted != bool(_BULLET.match(nxt)):
        return None
    value = _BULLET.sub("", nxt).strip()
    if not value or len(value) > 60 or "。" in value or _metadata_hits(nxt) is not None:
        return None
    if furniture.label_at(value) is not None or is_title(value):
        return None
    return value


_BULLET = rx.compile(r"^[•·●▪◆■\-\*]\s*")


def remove_web_chrome(c: Cleaning) -> Cleaning:
    """Drop page furniture: navigation, page controls, share buttons, footers, breadcrumbs,
    page numbers and image placeholders (the kinds of ``templates/ingest/furniture.toml``)."""
    keep = [line for line in c.lines if furniture.line_kind(line) is None]
    removed = len(c.lines) - len(keep)
    if not removed:
        return c
    return replace(c, lines=tuple(keep)).warn(
        "web-chrome", f"删除了 {removed} 行网页导航、分享、页码或页脚文字。"
    )


def remove_repeated_copies(c: Cleaning) -> Cleaning:
    """Keep one copy of a document pasted several times over.

    The period is the distance between repeats of a long line; the copies are the longest
    run of lines equal to the line one period later.
    """
    lines = c.lines
    for period in _candidate_periods(lines):
        same = [lines[i] == lines[i + period] for i in range(len(lines) - period)]
        start, run = _longest_true_run(same)
        if run >= max(5, int(period * 0.8)):
            copies = 1 + round(run / period)
            kept = lines[: start + period] + _not_in(
                lines[start + run + period :], lines[: start + period]
            )
            return replace(c, lines=kept).warn(
                "duplicate-copy", f"全文重复粘贴了 {copies} 遍，只保留第一遍。"
            )
    return c


def _candidate_periods(lines: tuple[str, ...]) -> list[int]:
    """Distances between repeats of long lines, most frequent first."""
    seen: dict[str, int] = {}
    counts: dict[int, int] = {}
    for i, line in enumerate(lines):
        if len(line) < 20:
            continue
        if line in seen:
            d = i - seen[line]
            counts[d] = counts.get(d, 0) + 1
        seen[line] = i
    return [d for d, k in sorted(counts.items(), key=lambda kv: -kv[1]) if k >= 3][:3]


def _longest_true_run(flags: list[bool]) -> tuple[int, int]:
    """(start, length) of the longest run of True values."""
    best = (0, 0)
    start = None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start > best[1]:
                best = (start, i - start)
            start = None
    return best


def _not_in(tail: tuple[str, ...], copy: tuple[str, ...]) -> tuple[str, ...]:
    seen = set(copy)
    return tuple(line for line in tail if line not in seen)


_ONE_CJK = rx.compile(_CJK_CHAR)
_PDF_GAP = rx.compile(rf"(?<={_CJK_CHAR})[ \u3000\u00a0\u2002-\u200a]+(?={_CJK_CHAR})")
_CJK_DIGIT_GAP = rx.compile(rf"(?<={_CJK_CHAR})[ \u00a0\u2002-\u200a]+(?=\d)|(?<=\d)[ \u00a0\u2002-\u200a]+(?={_CJK_CHAR})")


def join_broken_words(c: Cleaning) -> Cleaning:
    """Remove spaces inside words left by PDF line breaks ("民政工 作" → "民政工作")."""
    count = 0
    out: list[str] = []
    for line in c.lines:
        fixed, k = _PDF_GAP.subn("", line)
        fixed, k2 = _CJK_DIGIT_GAP.subn("", fixed)
        count += k + k2
        out.append(fixed)
    return replace(c, lines=tuple(out)) if count else c


_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_ASCII_PUNCT = rx.compile(rf"(?<={_CJK_CHAR}|[）”》%％])([,;:?!])|([,;:?!])(?={_CJK_CHAR}|[（“《])")
_PAREN = rx.compile(r"\(([^()]{0,40})\)")


def normalize_punctuation(c: Cleaning) -> Cleaning:
    """Use full-width punctuation inside Chinese text: ASCII , ; : ? ! ( ) next to Chinese."""

    def punct(m: re.Match[str]) -> str:
        return _PUNCT[m.group(1) or m.group(2)]

    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        if _ONE_CJK.search(inner) or re.fullmatch(r"\d{1,2}", inner):
            return f"（{inner}）"
        return m.group(0)

    out = tuple(_PAREN.sub(paren, _ASCII_PUNCT.sub(punct, line)) for line in c.lines)
    return replace(c, lines=out)


def normalize_width(c: Cleaning) -> Cleaning:
    """Fold full-width digits and Latin letters to ASCII (ＡＢ１２ → AB12); keep ％ and symbols."""
    table = {ord(ch): unicodedata.normalize("NFKC", ch) for ch in
             "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
             "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"}
    return replace(c, lines=tuple(line.translate(table) for line in c.lines))


def split_run_on_lines(c: Cleaning) -> Cleaning:
    """Split a whole plan pasted as one long line at its titles, headings, items and dates."""
    out: list[str] = []
    for line in c.lines:
        out.extend(split_run_on(line))
    if len(out) == len(c.lines):
        return c
    return replace(c, lines=tuple(out)).warn("run-on", "正文挤在一行里，已按章节和条目编号拆分。")


def remove_running_text_lines(c: Cleaning) -> Cleaning:
    """Drop a PDF copy's running header or footer: a short line recurring at page intervals
    (a title among them is kept once)."""
    running = rewrap.running_lines(c.lines)
    if not running:
        return c
    keep: list[str] = []
    for line in c.lines:
        if line in running and (not is_title(line) or line in keep):
            continue
        keep.append(line)
    return replace(c, lines=tuple(keep)).warn(
        "running-lines", f"删除了每页重复的页眉或页脚：{'、'.join(sorted(running))}。"
    )


def join_hard_wraps(c: Cleaning) -> Cleaning:
    """Join the lines of a text copied out of a PDF, broken at every printed line."""
    joined = rewrap.rewrap(c.lines)
    if joined is None:
        return c
    return replace(c, lines=joined).warn("rewrapped", "文字按页面逐行断开，已接回成段。")


#: The steps, in the order they run.
STEPS: tuple[Step, ...] = (
    remove_control_chars,
    split_embedded_breaks,
    remove_word_debris,
    strip_lines,
    extract_web_metadata,
    remove_web_chrome,
    remove_repeated_copies,
    remove_running_text_lines,
    join_hard_wraps,
    normalize_width,
    split_run_on_lines,
    join_broken_words,
    normalize_punctuation,
    strip_lines,
)


def clean_lines(lines: tuple[str, ...] | list[str]) -> Cleaning:
    """Run every cleaning step over the lines."""
    c = Cleaning(lines=tuple(lines))
    for step in STEPS:
        c = step(c)
    return c
