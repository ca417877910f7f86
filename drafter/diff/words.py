"""Word-level changes between two Chinese texts: jieba tokens, refined to characters.

Figures with their units (``650元/月``, ``3万户``, ``55%``) are single tokens and are matched
by shape (a figure with the same unit), so a changed figure shows as a number change rather than
a jumble of digits. Full-width and ASCII punctuation count as the same character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from drafter import rx
from drafter.diff.model import DELETE, EQUAL, INSERT, REPLACE, Change, NumberChange

_UNITS = (
    "元/人·月",
    "元/人•月",
    "元/人・月",
    "元/人月",
    "元/人·年",
    "元/人•年",
    "元/人・年",
    "元/人年",
    "元/月",
    "元/年",
    "万元",
    "亿元",
    "元",
    "%",
    "％",
    "平方米",
    "m²",
    "㎡",
    "人次",
    "个",
    "家",
    "张",
    "户",
    "人",
    "名",
    "场",
    "次",
    "所",
    "处",
    "项",
    "支",
    "间",
    "套",
    "床",
    "件",
    "条",
    "天",
    "小时",
)
NUMBER_RE = rx.compile(
    r"(?P<num>\d+(?:\.\d+)?)(?P<mult>[万亿千]?)(?P<unit>"
    + "|".join(re.escape(u) for u in _UNITS)
    + r")?"
)
_MULTIPLIERS = {"": 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_FOLD = str.maketrans(
    {
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        "?": "？",
        "!": "！",
        "\u3000": "",
        " ": "",
        "\t": "",
        "\n": "",
        "\r": "",
    }
)

#: Replacements at least this long (characters) are refined to characters when alike enough.
_REFINE_MIN = 4
_REFINE_RATIO = 0.5
#: An unchanged stretch this short between two changes is folded into them (less noise).
_ABSORB_MAX = 1


def fold(text: str) -> str:
    """Text as compared: no spaces, ASCII punctuation read as its full-width form."""
    return text.translate(_FOLD)


def _jieba():  # type: ignore[no-untyped-def]
    """The one shared tokenizer (domain words, cache in the user's cache folder)."""
    from drafter.match.tokenize import tokenizer

    return tokenizer()


def tokens(text: str) -> list[str]:
    """Split text into jieba words, keeping each figure with its unit as one token."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """Cached :func:`tokens`: a draft repeats most of last year's text, cut once."""
    jieba = _jieba()
    out: list[str] = []
    pos = 0
    for m in NUMBER_RE.finditer(text):
        if m.start() > pos:
            out.extend(jieba.lcut(text[pos : m.start()], HMM=False))
        out.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        out.extend(jieba.lcut(text[pos:], HMM=False))
    return tuple(t for t in out if t)


def _key(token: str) -> str:
    """What a token is matched on: a figure by its unit, anything else by its folded text."""
    m = NUMBER_RE.fullmatch(token)
    if m:
        return "\0" + (m.group("mult") or "") + (m.group("unit") or "")
    return fold(token)


def parse_number(token: str) -> tuple[float, str] | None:
    """(value, unit) of a figure token such as ``3万户`` → (30000.0, ``户``), or None."""
    m = NUMBER_RE.fullmatch(token)
    if not m:
        return None
    value = float(m.group("num")) * _MULTIPLIERS[m.group("mult") or ""]
    return value, (m.group("mult") or "") + (m.group("unit") or "")


def _is_year(token: str, following: str) -> bool:
    """A bare four-digit year (2023 in 2023年) is wording, not a quantity."""
    m = NUMBER_RE.fullmatch(token)
    return bool(
        m
        and not m.group("unit")
        and not m.group("mult")
        and len(m.group("num")) == 4
        and following.startswith("年")
    )


def number_change(
    base: str, draft: str, context: str = "", following: str = ""
) -> NumberChange | None:
    """The number change from one figure token to another, or None if not both figures."""
    b, d = parse_number(base), parse_number(draft)
    if b is None or d is None or _is_year(draft, following):
        return None
    return NumberChange(
        base=base,
        draft=draft,
        base_value=b[0],
        draft_value=d[0],
        unit=d[1] or b[1],
        context=context,
    )


_Op = tuple[str, str, str]


def word_diff(base: str, draft: str) -> tuple[Change, ...]:
    """Word-level operations turning ``base`` into ``draft`` (equal stretches included)."""
    if base == draft:
        return (Change(EQUAL, base, draft),) if base else ()
    ta, tb = tokens(base), tokens(draft)
    ka, kb = [_key(t) for t in ta], [_key(t) for t in tb]
    ops: list[_Op] = []
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            ops.extend(_equal_run(ta[i1:i2], tb[j1:j2]))
        elif tag == REPLACE and _should_refine(ta[i1:i2], tb[j1:j2]):
            ops.extend(_char_ops("".join(ta[i1:i2]), "".join(tb[j1:j2])))
        else:
            ops.append((tag, "".join(ta[i1:i2]), "".join(tb[j1:j2])))
    return _to_changes(_slide(_absorb(_merge(ops))))


def _equal_run(ta: list[str], tb: list[str]) -> Iterable[_Op]:
    """Tokens matched by key: equal, except figures whose value changed."""
    for a, b in zip(ta, tb, strict=True):
        if a != b and NUMBER_RE.fullmatch(a):
            yield ("number", a, b)
        else:
            yield (EQUAL, a, b)


def _should_refine(ta: list[str], tb: list[str]) -> bool:
    """A long replacement of alike texts reads better character by character."""
    a, b = "".join(ta), "".join(tb)
    if max(len(a), len(b)) < _REFINE_MIN:
        return False
    if any(NUMBER_RE.fullmatch(t) for t in (*ta, *tb)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _REFINE_RATIO


def _char_ops(a: str, b: str) -> list[_Op]:
    """Character-level operations inside one replacement."""
    fa, fb = fold(a), fold(b)
    if len(fa) != len(a) or len(fb) != len(b):
        return [(REPLACE, a, b)]
    matcher = SequenceMatcher(None, fa, fb, autojunk=False)
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _merge(ops: list[_Op]) -> list[_Op]:
    """Join neighbouring operations of the same kind; insert+delete become a replacement."""
    out: list[_Op] = []
    for tag, a, b in ops:
        if not a and not b:
            continue
        if out and tag != "number" and out[-1][0] != "number":
            prev = out[-1][0]
            if prev == tag or (prev != EQUAL and tag != EQUAL):
                _, pa, pb = out[-1]
                merged = tag if prev == tag else REPLACE
                out[-1] = (merged, pa + a, pb + b)
                continue
        out.append((tag, a, b))
    return out


def _absorb(ops: list[_Op]) -> list[_Op]:
    """Fold a one-character unchanged stretch between two word changes into them."""
    out: list[_Op] = []
    i = 0
    while i < len(ops):
        tag, a, b = ops[i]
        if (
            tag == EQUAL
            and out
            and i + 1 < len(ops)
            and len(a) <= _ABSORB_MAX
            and out[-1][0] in (INSERT, DELETE, REPLACE)
            and ops[i + 1][0] in (INSERT, DELETE, REPLACE)
        ):
            _, pa, pb = out[-1]
            _, na, nb = ops[i + 1]
            out[-1] = (REPLACE, pa + a + na, pb + b + nb)
            i += 2
            continue
        out.append((tag, a, b))
        i += 1
    return out


_SENTENCE_END = "。；！？"
_CLAUSE_END = "，、："


def _slide(ops: list[_Op]) -> list[_Op]:
    """Slide each pure insertion or deletion along identical text so it ends a sentence.

    ``…工作。[+新句子。+]推进…`` and ``…工作[+。新句子+]。推进…`` are the same edit; a reader
    expects the first.
    """
    out = list(ops)
    for i in range(1, len(out) - 1):
        tag, a, b = out[i]
        prev, nxt = out[i - 1], out[i + 1]
        if tag not in (INSERT, DELETE) or prev[0] != EQUAL or nxt[0] != EQUAL:
            continue
        if prev[1] != prev[2] or nxt[1] != nxt[2]:
            continue
        edit = a or b
        left, right = prev[1], nxt[1]
        while left and edit and left[-1] == edit[-1]:
            left, edit, right = left[:-1], left[-1] + edit[:-1], edit[-1] + right
        best = (_boundary_score(left, edit), left, edit, right)
        while right and edit and right[0] == edit[0]:
            left, edit, right = left + edit[0], edit[1:] + right[0], right[1:]
            score = _boundary_score(left, edit)
            if score > best[0]:
                best = (score, left, edit, right)
        _, left, edit, right = best
        out[i - 1] = (EQUAL, left, left)
        out[i] = (tag, edit if tag == DELETE else "", edit if tag == INSERT else "")
        out[i + 1] = (EQUAL, right, right)
    return [op for op in out if op[1] or op[2]]


def _boundary_score(before: str, edit: str) -> int:
    """How well an edit sits: right after a sentence end and ending one scores best."""
    score = 0
    if not before or before[-1] in _SENTENCE_END:
        score += 2
    elif before[-1] in _CLAUSE_END:
        score += 1
    if edit and edit[-1] in _SENTENCE_END:
        score += 1
    return score


def _to_changes(ops: list[_Op]) -> tuple[Change, ...]:
    """Operations as Change values, figures carrying their number change."""
    changes: list[Change] = []
    seen = ""
    for k, (tag, a, b) in enumerate(ops):
        if tag == "number":
            following = ops[k + 1][2] if k + 1 < len(ops) else ""
            number = number_change(a, b, context=seen[-12:], following=following)
            changes.append(Change(REPLACE, a, b, number=number))
        else:
            changes.append(Change(tag, a, b))
        seen += b
    return tuple(changes)


def numbers_in(changes: Iterable[Change]) -> tuple[NumberChange, ...]:
    """Every number change in a list of operations, including inside wider replacements."""
    found: list[NumberChange] = []
    for c in changes:
        if c.number is not None:
            found.append(c.number)
        elif c.op == REPLACE:
            found.extend(_numbers_in_replace(c.base, c.draft))
    return tuple(found)


def _numbers_in_replace(base: str, draft: str) -> list[NumberChange]:
    """Figures paired by unit inside a reworded stretch (same count of figures each side)."""
    bs = [m for m in NUMBER_RE.finditer(base) if m.group("unit") or m.group("mult")]
    ds = [m for m in NUMBER_RE.finditer(draft) if m.group("unit") or m.group("mult")]
    if not bs or len(bs) != len(ds):
        return []
    out = []
    for mb, md in zip(bs, ds, strict=True):
        if mb.group(0) != md.group(0):
            nc = number_change(
                mb.group(0), md.group(0), context=draft[max(0, md.start() - 12) : md.start()]
            )
            if nc is not None:
                out.append(nc)
    return out
