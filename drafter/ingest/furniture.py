"""Page furniture as data: the labels and kinds of lines that web pages and PDFs add to a plan.

The vocabulary lives in ``templates/ingest/furniture.toml`` (plus an office's own
``furniture.toml`` in its configuration folder). This module only matches it, tolerantly:
a label may be padded with spaces (``文       号``), bracketed (``[ 索引号 ]``), followed by a
colon or not, or have lost one character in extraction (``[ 索号 ]``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter import rx
from drafter.errors import DrafterError
from drafter.ingest.simplify import to_simplified
from drafter.paths import templates_dir, user_config_dir

METADATA = "metadata"
"""A label whose value the plan's metadata keeps (发布机构, 成文日期, 发文字号 …)."""
DROP = "drop"
"""A label of a line that carries nothing for the plan (访问次数, 责任编辑 …)."""

_SPACE = "\\s\u3000\u00a0\u2002-\u200a"
_OPEN = "[【［〔(（<"
_CLOSE = "]】］〕)）>"
_BULLET = rx.compile(r"^[•·●▪◆■□○◇\-\*]\s*")
_CJK = rx.compile(r"[\u3400-\u9fff]")
_CELL_SPLIT = rx.compile(r"\s*[|｜\t]\s*")
_STAMP = rx.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")
_NUMBERED = rx.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.是]|[（(][一二三四五六七八九十\d]{1,4}[）)]|\d{1,2}[.．、])")
_LABEL_MARKS = rx.compile(rf"[{_SPACE}{re.escape(_OPEN + _CLOSE)}:：]+")
# After a label: its closing bracket, its colon, a gap before the value, what leads to it.
_CLOSER = rx.compile(rf"[{_SPACE}]*[{re.escape(_CLOSE)}]")
_COLON = rx.compile(rf"[{_SPACE}{re.escape(_CLOSE)}]*[:：]")
_GAP = rx.compile(rf"[{_SPACE}]{{2,}}|[{_SPACE}]*$")
_ONE_SPACE = rx.compile(rf"[{_SPACE}]\S")
_LEAD = rx.compile(rf"^[{_SPACE}{re.escape(_CLOSE)}]*[:：]?[{_SPACE}]*")
_TOKENS = rx.compile(rf"[{_SPACE}|｜丨/／·•【】\[\]［］（）()<>：:，,、]+")


@dataclass(frozen=True)
class Vocabulary:
    """The furniture vocabulary, ready to match."""

    labels: dict[str, tuple[str, str]]
    """Spelling without spaces → (kind, the name it is filed under)."""
    buttons: frozenset[str]
    """Words of a line of page controls."""
    navigation: frozenset[str]
    """Menu entries of a site's header."""
    footer: tuple[str, ...]
    """Marks of a site's footer."""
    separators: tuple[str, ...]
    """Breadcrumb separators."""
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    """Kinds of unlabelled lines (page numbers, image placeholders …) as patterns."""
    longest: int
    """Characters of the longest label spelling (how far back from a colon to look)."""
    drop_suffixes: tuple[str, ...]
    """Endings that make an unlisted label a furniture label (…次数, …编辑)."""
    stamp_suffixes: tuple[str, ...]
    """Endings of an unlisted label whose web time stamp value makes it furniture (…时间)."""


@dataclass(frozen=True)
class LabelHit:
    """A label found at the start of a line."""

    kind: str
    """METADATA or DROP."""
    key: str
    """The name the value is filed under (for DROP labels, the label itself)."""
    value: str
    """What follows the label on the line (may be empty)."""
    marked: bool
    """True when a colon or brackets set the label off (not a bare word)."""


def _files() -> list[Path]:
    files = [templates_dir() / "ingest" / "furniture.toml"]
    own = user_config_dir() / "furniture.toml"
    if own.is_file():
        files.append(own)
    return files


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary merged with the office's own additions."""
    labels: dict[str, tuple[str, str]] = {}
    lists: dict[str, list[str]] = {
        "buttons": [], "navigation": [], "footer": [], "seps": [], "suffixes": [], "stamps": [],
    }
    patterns: dict[str, list[re.Pattern[str]]] = {}
    for path in _files():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise DrafterError(f"页面杂项词表 {path} 无法读取：{exc}。") from exc
        for key, spellings in data.get("metadata", {}).items():
            for spelling in (key, *spellings):
                labels.setdefault(_squeeze(spelling), (METADATA, key))
        for spelling in data.get("drop", {}).get("labels", []):
            labels.setdefault(_squeeze(spelling), (DROP, _squeeze(spelling)))
        lists["suffixes"] += data.get("drop", {}).get("suffixes", [])
        lists["stamps"] += data.get("drop", {}).get("stamp_suffixes", [])
        lists["buttons"] += data.get("buttons", {}).get("words", [])
        lists["navigation"] += data.get("navigation", {}).get("words", [])
        lists["footer"] += data.get("footer", {}).get("marks", [])
        lists["seps"] += data.get("breadcrumb", {}).get("separators", [])
        for kind, items in data.get("patterns", {}).items():
            try:
                patterns.setdefault(kind, []).extend(rx.compile(p) for p in items)
            except re.error as exc:
                raise DrafterError(f"页面杂项词表 {path} 中“{kind}”的正则表达式有误：{exc}。") from exc
    return Vocabulary(
        labels=labels,
        buttons=frozenset(lists["buttons"]),
        navigation=frozenset(lists["navigation"]),
        footer=tuple(lists["footer"]),
        separators=tuple(sorted(set(lists["seps"]), key=len, reverse=True)),
        patterns={k: tuple(v) for k, v in patterns.items()},
        longest=max(map(len, labels), default=0),
        drop_suffixes=tuple(lists["suffixes"]),
        stamp_suffixes=tuple(lists["stamps"]),
    )


def _squeeze(text: str) -> str:
    """A label without spaces, brackets, bullets or its colon."""
    text = _BULLET.sub("", text.strip())
    return _LABEL_MARKS.sub("", text)


def _lookup(label: str, marked: bool, value: str) -> tuple[str, str] | None:
    """A known label; with a colon or brackets, also one that lost a character (索号) or
    one of a kind by its ending (点击次数, 值班编辑, 发稿时间 with a time stamp)."""
    vocab = vocabulary()
    if label in vocab.labels:
        return vocab.labels[label]
    if not marked or len(label) < 2:
        return None
    if len(label) <= 6 and (label.endswith(vocab.drop_suffixes) or (
        label.endswith(vocab.stamp_suffixes) and _STAMP.match(value)
    )):
        return (DROP, label)
    found = {
        hit for spelling, hit in vocab.labels.items()
        if len(spelling) == len(label) + 1 and _is_subsequence(label, spelling)
    }
    return found.pop() if len(found) == 1 else None


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


#: A label sets itself off within its first characters (colon, bracket, space); a longer line
#: without any of these is the plan's own text.
_LABEL_FORM = rx.compile(rf"^.{{0,14}}?[{_SPACE}:：{re.escape(_OPEN + _CLOSE)}]")
_HEAD = rx.compile(
    rf"^(?P<open>[{re.escape(_OPEN)}])?[{_SPACE}]*"
    rf"(?P<label>[\u3400-\u9fffA-Za-z](?:[{_SPACE}]*[\u3400-\u9fff]){{1,9}})"
)


def label_at(line: str) -> LabelHit | None:
    """The furniture or metadata label a short line starts with, and its value.

    Traditional characters are matched in their simplified form; the value keeps the text
    as written.
    """
    written = _BULLET.sub("", line.strip())
    if len(written) > 160 or (len(written) > 14 and not _LABEL_FORM.match(written)):
        return None
    body = to_simplified(written)
    if len(body) != len(written):
        body = written
    m = _HEAD.match(body)
    if not m:
        return None
    raw = m.group("label")
    chars = [i for i, ch in enumerate(raw) if _CJK.match(ch) or ch.isalpha()]
    # Try the longest label first: 发布机构 before 发布.
    for n in range(len(chars), 1, -1):
        end = m.start("label") + chars[n - 1] + 1
        after = body[end:]
        closer = _CLOSER.match(after)
        colon = _COLON.match(after)
        label = _squeeze(body[m.start("label"):end])
        # One space before a value is enough after a long label (发布机构 涪陵区民政局).
        spaced = _GAP.match(after) or (len(label) >= 3 and _ONE_SPACE.match(after)
        )
        if not (closer or colon or spaced):
            continue
        marked = bool(colon or (m.group("open") and closer))
        rest = _LEAD.sub("", after)
        hit = _lookup(label, marked, rest)
        if hit is None:
            continue
        value = written[len(written) - len(rest):] if rest else ""
        return LabelHit(hit[0], hit[1], value.strip(), marked)
    return None


def split_values(first: LabelHit) -> list[LabelHit]:
    """A line holding several labels (``发布时间：… 来源：… 访问次数：``), one hit each."""
    hits = [first]
    while True:
        current = hits[-1]
        start = _next_label(current.value)
        if start is None:
            break
        nxt = label_at(current.value[start:])
        if nxt is None:
            break
        hits[-1] = LabelHit(current.kind, current.key,
                            current.value[:start].strip(" \t|｜\u3000"), current.marked)
        hits.append(nxt)
    return hits


_BRACKETED = rx.compile(rf"(?:^|(?<=[{_SPACE}|｜]))【[{_SPACE}]*[\u3400-\u9fff]{{2,6}}[{_SPACE}]*】")


def _next_label(value: str) -> int | None:
    """Where the next label of a line starts: a known one before a colon, or any 【label】.

    The known label may be spaced out and bracketed (``[ 来  源 ]：``), and begins the line
    or follows a space or a bar. Matched back from each colon against the label table (the
    longest spelling that fits), so that a vocabulary of any size costs nothing to prepare.
    """
    vocab = vocabulary()
    bracketed = _BRACKETED.search(value)
    limit = bracketed.start() if bracketed else len(value)
    for colon in (i for i, ch in enumerate(value[:limit]) if ch in ":："):
        end = colon
        while end and value[end - 1].isspace():
            end -= 1
        if end and value[end - 1] in _CLOSE:
            end -= 1
            while end and value[end - 1].isspace():
                end -= 1
        chars: list[int] = []  # positions of the label's characters, last first
        i = end
        while i and len(chars) < vocab.longest:
            i -= 1
            if not value[i].isspace():
                chars.append(i)
            elif not chars:
                break
        best = None
        for n in range(1, len(chars) + 1):
            first = chars[n - 1]
            spelling = "".join(value[j] for j in reversed(chars[:n]))
            if spelling not in vocab.labels:
                continue
            start = before = first
            while before and value[before - 1].isspace():
                before -= 1
            if before and value[before - 1] in _OPEN:
                start = before - 1
            if start == 0 or value[start - 1].isspace() or value[start - 1] in "|｜":
                best = start
        if best is not None:
            return best
    return bracketed.start() if bracketed else None


def table_row(line: str) -> list[LabelHit] | None:
    """A metadata table row (``索引号： | 115… | 发布机构： | 涪陵区民政局``), or None."""
    if not _CELL_SPLIT.search(line.strip(" |")):
        return None
    cells = [c for c in _CELL_SPLIT.split(line.strip().strip("|｜")) if c]
    if re.fullmatch(r"[\s|:：\-—]+", line):
        return []  # a Markdown rule row: |---|---|
    hits: list[LabelHit] = []
    for cell in cells:
        hit = label_at(cell)
        if hit is not None and (hit.marked or _squeeze(cell) == _squeeze(hit.key) or not hit.value):
            hits.extend(split_values(hit))
        elif hits and not hits[-1].value:
            last = hits[-1]
            hits[-1] = LabelHit(last.kind, last.key, cell.strip(), last.marked)
        else:
            return None
    return hits or None


def is_page_number(text: str) -> bool:
    """``— 3 —``, ``第3页 共9页``, ``3/9``, a bare number: a page number and nothing else."""
    return _matches("page_number", text.strip())


def _matches(kind: str, text: str) -> bool:
    return any(p.search(text) for p in vocabulary().patterns.get(kind, ()))


def line_kind(line: str) -> str | None:
    """The kind of furniture a whole line is, or None for the plan's own text."""
    text = to_simplified(line.strip())
    if not text:
        return None
    for kind in ("page_number", "image", "hotline"):
        if _matches(kind, text):
            return kind
    if _NUMBERED.match(text):
        return None  # 一、 （三） 1. start the plan's own headings and items
    vocab = vocabulary()
    squeezed = _squeeze(text)
    if squeezed in vocab.navigation or squeezed in vocab.buttons:
        return "navigation"
    tokens = [t for t in _TOKENS.split(text) if t]
    if tokens and all(t in vocab.buttons or t in vocab.navigation for t in tokens):
        return "buttons"
    if len(text) <= 120 and not text.endswith(("。", "；")) and any(m in text for m in vocab.footer):
        return "footer"
    if _is_breadcrumb(text, vocab):
        return "breadcrumb"
    hit = label_at(text)
    if hit is not None and hit.kind == DROP and (hit.marked or not hit.value):
        return "label"
    return None


def _is_breadcrumb(text: str, vocab: Vocabulary) -> bool:
    if len(text) > 120 or text.endswith(("。", "；")):
        return False
    for sep in vocab.separators:
        parts = [p.strip() for p in text.split(sep)]
        if len(parts) >= 3 and all(0 < len(p) <= 20 for p in parts[:-1]):
            return True
    return False
