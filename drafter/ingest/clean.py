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

from drafter.model import Warning

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
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]")


def remove_control_chars(c: Cleaning) -> Cleaning:
    """Drop control and zero-width characters pasted from other programs."""
    count = sum(len(_CONTROL.findall(line)) for line in c.lines)
    if not count:
        return c
    lines = tuple(_CONTROL.sub("", line) for line in c.lines)
    return replace(c, lines=lines).warn("control-chars", f"删除了 {count} 个不可见的控制字符。")


_BOOKMARK = re.compile(r"\[(?:bookmark|书签)\s*:\s*[^\]]*\]", re.IGNORECASE)


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


_META_KEYS = {
    "索引号", "主题分类", "体裁分类", "发布机构", "成文日期", "发布日期", "标题", "发文字号",
    "有效性", "废止日期", "主题词", "文号", "生成日期", "组配分类", "信息来源",
}
_BULLET = re.compile(r"^[•·●▪◆\-\*]\s*")


def extract_web_metadata(c: Cleaning) -> Cleaning:
    """Take a web page's metadata block (• 索引号 / • value …) out of the text, keeping its values.

    Handles both the bulleted two-line form and ``键:值`` on one line, when the keys come
    together as a block before the plan.
    """
    meta: dict[str, str] = {}
    keep: list[str] = []
    lines = c.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        bare = _BULLET.sub("", line).strip()
        key = re.sub(r"\s+", "", bare).rstrip(":：")
        one_line = re.match(r"^([^:：]{2,6})[:：]\s*(.+)$", bare)
        if key in _META_KEYS and (_BULLET.match(line) or i + 1 < len(lines)):
            value = ""
            if i + 1 < len(lines) and _BULLET.match(lines[i + 1] or ""):
                nxt = _BULLET.sub("", lines[i + 1]).strip()
                if re.sub(r"\s+", "", nxt).rstrip(":：") not in _META_KEYS:
                    value = nxt
                    i += 1
            if _BULLET.match(line) or value:
                meta.setdefault(key, value)
                i += 1
                continue
        if one_line and re.sub(r"\s+", "", one_line.group(1)) in _META_KEYS and len(line) < 80:
            meta.setdefault(re.sub(r"\s+", "", one_line.group(1)), one_line.group(2).strip())
            i += 1
            continue
        keep.append(line)
        i += 1
    if not meta:
        return c
    cleaned = replace(c, lines=tuple(keep), web_meta={**c.web_meta, **meta})
    return cleaned.warn("web-metadata", f"网页的元数据块（{'、'.join(meta)}）已提取为元数据。")


_CHROME = re.compile(
    r"^(?:部\s*门|街\s*镇|首\s*页|字\s*号\s*[:：]?.*|[【\[]?\s*(?:打印|关闭|返回顶部|收藏)\s*[】\]]?"
    r"|分享(?:文章)?到\s*[:：]?.*|扫一扫.*|.*(?:微信|微博)\s*扫.*"
    r"|(?:主办|承办|协办)单位\s*[:：].*|.*备案(?:证)?(?:编)?号\s*[:：]?.*|.*公网安备.*"
    r"|.*网站标识码.*|.*版权所有.*|隐私声明.*|网站地图.*|无障碍.*|.*便民热线.*|\d{5}"
    r"|链接\s*[:：].*|当前位置\s*[:：].*|来源\s*[:：].*|浏览次数\s*[:：].*|访问量.*"
    r"|(?:上一篇|下一篇)\s*[:：].*|相关(?:链接|文章|附件).*|【\s*字体\s*[:：].*"
    r"|地址\s*[:：].*|联系电话\s*[:：].*|电话\s*[:：]\s*[\d\-]+.*|邮编\s*[:：].*)$"
)


def remove_web_chrome(c: Cleaning) -> Cleaning:
    """Drop navigation, share buttons and page footers of a saved web page."""
    keep = [line for line in c.lines if not _CHROME.match(line)]
    removed = len(c.lines) - len(keep)
    if not removed:
        return c
    return replace(c, lines=tuple(keep)).warn(
        "web-chrome", f"删除了 {removed} 行网页导航、分享或页脚文字。"
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


_PDF_GAP = re.compile(rf"(?<={_CJK_CHAR})[ \u3000\u00a0\u2002-\u200a]+(?={_CJK_CHAR})")
_CJK_DIGIT_GAP = re.compile(rf"(?<={_CJK_CHAR})[ \u00a0\u2002-\u200a]+(?=\d)|(?<=\d)[ \u00a0\u2002-\u200a]+(?={_CJK_CHAR})")


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
_ASCII_PUNCT = re.compile(rf"(?<={_CJK_CHAR}|[）”》%％])([,;:?!])|([,;:?!])(?={_CJK_CHAR}|[（“《])")
_PAREN = re.compile(r"\(([^()]{0,40})\)")


def normalize_punctuation(c: Cleaning) -> Cleaning:
    """Use full-width punctuation inside Chinese text: ASCII , ; : ? ! ( ) next to Chinese."""

    def punct(m: re.Match[str]) -> str:
        return _PUNCT[m.group(1) or m.group(2)]

    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        if re.search(_CJK_CHAR, inner) or re.fullmatch(r"\d{1,2}", inner):
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


_INLINE_SECTION = re.compile(r"(?<=[。；！？])(?=[一二三四五六七八九十]{1,3}、)")
_INLINE_ITEM = re.compile(r"(?<=[。；！？])(?=[（(][一二三四五六七八九十]{1,4}[）)])")
_INLINE_SHI = re.compile(r"(?<=[。；])(?=[一二三四五六七八九十]{1,3}是)")


def split_run_on_lines(c: Cleaning) -> Cleaning:
    """Split a whole plan pasted as one long line at its section and item labels."""
    out: list[str] = []
    split_any = False
    for line in c.lines:
        if len(line) < 300:
            out.append(line)
            continue
        parts = [line]
        for pattern in (_INLINE_SECTION, _INLINE_ITEM):
            parts = [piece for part in parts for piece in pattern.split(part)]
        if len(parts) == 1 and len(_INLINE_SHI.findall(line)) >= 3:
            parts = _INLINE_SHI.split(line)
        if len(parts) > 2:
            split_any = True
            out.extend(_split_heading_from_preamble(p) for p in parts)
        else:
            out.append(line)
    if not split_any:
        return c
    flat = tuple(s for p in out for s in p.split("\n") if s)
    return replace(c, lines=flat).warn("run-on", "正文挤在一行里，已按章节和条目编号拆分。")


_SECTION_HEAD = re.compile(r"^([一二三四五六七八九十]{1,3}、[^。；，]{2,40}?)(?=[（(][一二三四五六七八九十]|$)")


def _split_heading_from_preamble(part: str) -> str:
    """In a run-on line, put a section title on its own line before its first item."""
    m = _SECTION_HEAD.match(part)
    if m and len(part) > len(m.group(1)):
        return m.group(1) + "\n" + part[len(m.group(1)):]
    return part


#: The steps, in the order they run.
STEPS: tuple[Step, ...] = (
    remove_control_chars,
    split_embedded_breaks,
    remove_word_debris,
    strip_lines,
    extract_web_metadata,
    remove_web_chrome,
    remove_repeated_copies,
    normalize_width,
    join_broken_words,
    normalize_punctuation,
    split_run_on_lines,
    strip_lines,
)


def clean_lines(lines: tuple[str, ...] | list[str]) -> Cleaning:
    """Run every cleaning step over the lines."""
    c = Cleaning(lines=tuple(lines))
    for step in STEPS:
        c = step(c)
    return c
