"""Word-level operations as marked stretches, shared by every renderer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafter.diff.model import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    Change,
    ItemPair,
    ItemRef,
    NumberChange,
)

#: Kinds of stretch: unchanged, deleted, inserted, or a figure that changed.
KEEP = "keep"
DEL = "del"
INS = "ins"
NUM = "num"

#: Characters kept either side of a change when unchanged text is elided.
CONTEXT = 16
ELLIPSIS = "…"


@dataclass(frozen=True)
class Segment:
    """A stretch of text with what happened to it."""

    kind: str
    """``keep``, ``del``, ``ins`` or ``num``."""
    text: str
    """The text shown: for ``num`` the draft's figure."""
    number: NumberChange | None = None
    """The number change of a ``num`` stretch."""
    base: str = ""
    """For ``num``: the base figure; for ``keep``: the base text when it differs in form."""


def segments(changes: Iterable[Change]) -> list[Segment]:
    """Changes as stretches in reading order; a replacement is a deletion then an insertion."""
    out: list[Segment] = []
    for c in changes:
        if c.op == EQUAL:
            out.append(Segment(KEEP, c.draft, base=c.base))
        elif c.op == DELETE:
            out.append(Segment(DEL, c.base))
        elif c.op == INSERT:
            out.append(Segment(INS, c.draft))
        elif c.op == REPLACE and c.number is not None:
            out.append(Segment(NUM, c.draft, c.number, base=c.base))
        else:
            out.append(Segment(DEL, c.base))
            out.append(Segment(INS, c.draft))
    return [s for s in out if s.text]


def base_side(segs: Sequence[Segment]) -> list[Segment]:
    """What last year's text shows in a side-by-side view: kept and deleted stretches."""
    out = []
    for s in segs:
        if s.kind == KEEP:
            out.append(Segment(KEEP, s.base or s.text))
        elif s.kind == DEL:
            out.append(s)
        elif s.kind == NUM:
            out.append(Segment(DEL, s.base))
    return out


def draft_side(segs: Sequence[Segment]) -> list[Segment]:
    """What the draft shows in a side-by-side view: kept and inserted stretches."""
    return [Segment(INS, s.text) if s.kind == NUM else s for s in segs if s.kind != DEL]


def elide(segs: Sequence[Segment], context: int = CONTEXT) -> list[Segment]:
    """Shorten long unchanged stretches to ``context`` characters around each change."""
    if all(s.kind == KEEP for s in segs):
        text = "".join(s.text for s in segs)
        if len(text) > 2 * context:
            text = text[: 2 * context] + ELLIPSIS
        return [Segment(KEEP, text)] if text else []
    out = []
    last = len(segs) - 1
    for i, s in enumerate(segs):
        if s.kind != KEEP:
            out.append(s)
            continue
        text = s.text
        if i == 0 and len(text) > context:
            text = ELLIPSIS + text[-context:]
        elif i == last and len(text) > context:
            text = text[:context] + ELLIPSIS
        elif 0 < i < last and len(text) > 2 * context + 1:
            text = text[:context] + ELLIPSIS + text[-context:]
        out.append(Segment(KEEP, text))
    return out


def split_at(segs: Sequence[Segment], cuts: Sequence[int]) -> list[list[Segment]]:
    """Split stretches into parts at draft-text offsets ``cuts`` (deletions stay with the
    part before a cut). Used to lay a split item out as its several draft paragraphs."""
    parts: list[list[Segment]] = [[]]
    pos = 0
    pending = list(cuts)
    for s in segs:
        if s.kind == DEL:
            parts[-1].append(s)
            continue
        text = s.text
        while pending and pos + len(text) >= pending[0] and text:
            k = pending.pop(0) - pos
            if k > 0:
                parts[-1].append(Segment(s.kind, text[:k], s.number, s.base))
            parts.append([])
            pos += k
            text = text[k:]
        if text:
            parts[-1].append(Segment(s.kind, text, s.number, s.base))
            pos += len(text)
    while len(parts) < len(cuts) + 1:
        parts.append([])
    return parts


def pair_segments(pair: ItemPair) -> list[Segment]:
    """The stretches of an item pair; a lone item is wholly inserted or wholly deleted."""
    if pair.base is None:
        assert pair.draft is not None
        return [Segment(INS, pair.draft.text)]
    if pair.draft is None:
        return [Segment(DEL, pair.base.text)]
    return segments(pair.changes)


def by_item(pair: ItemPair, segs: Sequence[Segment]) -> list[tuple[ItemRef, list[Segment]]]:
    """Stretches laid out over the pair's draft items (several for a split); a removed item
    is its own single part."""
    refs = [r for r in (pair.drafts or (pair.base,)) if r is not None]
    cuts, pos = [], 0
    for ref in refs[:-1]:
        pos += len(ref.text)
        cuts.append(pos)
    return list(zip(refs, split_at(segs, cuts), strict=True))


def split_heading(
    segs: Sequence[Segment], base_len: int, draft_len: int
) -> list[tuple[Segment, bool]]:
    """Each stretch paired with whether it lies in the lead sentence (heading).

    Kept and inserted text is measured in the draft, deleted text in last year's plan; a
    stretch crossing the end of the heading is cut in two.
    """
    out: list[tuple[Segment, bool]] = []
    pos_b = pos_d = 0
    for s in segs:
        on_base = s.kind in (KEEP, DEL, NUM)
        on_draft = s.kind in (KEEP, INS, NUM)
        pos, limit = (pos_b, base_len) if s.kind == DEL else (pos_d, draft_len)
        text = s.text
        if pos < limit < pos + len(text) and s.kind != NUM:
            k = limit - pos
            out.append((Segment(s.kind, text[:k], s.number, s.base[:k] if s.base else ""), True))
            out.append((Segment(s.kind, text[k:], s.number, s.base[k:] if s.base else ""), False))
        else:
            out.append((s, pos < limit))
        width_base = len(s.base or s.text) if s.kind in (KEEP, NUM) else len(s.text)
        if on_base:
            pos_b += width_base
        if on_draft:
            pos_d += len(s.text)
    return out
