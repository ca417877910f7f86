"""The paragraphs of a diff document (tracked changes or 花脸稿), before any Word XML.

Both Word outputs share this plan: the title, the preamble, then each section heading and its
items in reading order, every paragraph a list of runs marked kept, deleted or inserted. In
the tracked-changes layout a moved item appears twice (deleted where it stood, inserted where
it goes) so that accepting every change gives the draft and rejecting every change gives last
year's text; in the 花脸稿 it appears once, where it goes, with a note where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drafter.diff.labels import position
from drafter.diff.model import ADDED, MERGED, MOVED, REMOVED, SPLIT, ItemPair, PlanDiff
from drafter.diff.segments import (
    DEL,
    INS,
    KEEP,
    NUM,
    Segment,
    by_item,
    segments,
    split_heading,
)

NOTE = "note"
"""A run kind for the 花脸稿's bracketed notes (移入、拆分、合并)."""


@dataclass(frozen=True)
class Run:
    """A stretch of one paragraph."""

    kind: str
    """``keep``, ``del``, ``ins`` or ``note``."""
    text: str
    """The text of the run."""
    role: str = "body"
    """``heading`` (label and lead sentence) or ``body``."""


@dataclass(frozen=True)
class Para:
    """One paragraph of the diff document."""

    level: str
    """The layout level: ``title``, ``section``, ``item`` or ``body``."""
    runs: tuple[Run, ...]
    """The paragraph's runs in order."""
    mark: str = KEEP
    """What happened to the paragraph itself: ``keep``, ``ins`` (new) or ``del`` (gone)."""


def paragraphs(diff: PlanDiff, *, tracked: bool) -> list[Para]:
    """The document's paragraphs, for tracked changes (``tracked``) or the 花脸稿."""
    out = [Para("title", tuple(_runs(segments(diff.title_changes), "body")))]
    out.extend(_lines(segments(diff.preamble_changes), "body"))
    for k, (section, pairs) in enumerate(diff.blocks()):
        ref = section.draft or section.base
        assert ref is not None
        if section.status == ADDED:
            out.append(Para("section", (Run(INS, ref.label + ref.title),), INS))
        elif section.status == REMOVED:
            out.append(Para("section", (Run(DEL, ref.label + ref.title),), DEL))
        else:
            assert section.base is not None and section.draft is not None
            runs = _label(section.base.label, section.draft.label, "body", tracked)
            runs += _runs(segments(section.title_changes), "body")
            out.append(Para("section", tuple(runs)))
        out.extend(_lines(segments(section.intro_changes), "body"))
        for kind, pair in _rows(diff, section_index=k, pairs=pairs, tracked=tracked):
            if kind == "ghost":
                out.append(_whole(pair, DEL))
            elif tracked and pair.status == MOVED:
                out.append(_whole(pair, INS))
            else:
                out.extend(_item(pair, tracked))
    return out


def _runs(segs: Sequence[Segment], role: str) -> list[Run]:
    """Stretches as runs; a changed figure is its old figure deleted and its new one inserted."""
    runs: list[Run] = []
    for s in segs:
        if s.kind == NUM:
            runs.append(Run(DEL, s.base, role))
            runs.append(Run(INS, s.text, role))
        else:
            runs.append(Run(s.kind, s.text, role))
    return runs


def _lines(segs: Sequence[Segment], level: str) -> list[Para]:
    """Stretches over several paragraphs, broken at line ends."""
    paras: list[list[Run]] = [[]]
    for run in _runs(segs, "body"):
        pieces = run.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                paras.append([])
            if piece:
                paras[-1].append(Run(run.kind, piece, run.role))
    return [Para(level, tuple(p), _mark(p)) for p in paras if p]


def _mark(runs: Sequence[Run]) -> str:
    """A paragraph wholly inserted or wholly deleted has its mark tracked too."""
    kinds = {r.kind for r in runs}
    return kinds.pop() if kinds in ({INS}, {DEL}) else KEEP


def _label(base: str, draft: str, role: str, tracked: bool) -> list[Run]:
    """An item or section number: renumbering is a tracked change, in the 花脸稿 just the new."""
    if base == draft or not tracked:
        return [Run(KEEP, draft, role)] if draft else []
    return [r for r in (Run(DEL, base, role), Run(INS, draft, role)) if r.text]


def _whole(pair: ItemPair, kind: str) -> Para:
    """An item wholly inserted (draft side) or wholly deleted (base side)."""
    ref = pair.draft if kind == INS else pair.base
    assert ref is not None
    head = ref.label + ref.heading
    text = ref.label + ref.text
    runs = [Run(kind, text[: len(head)], "heading"), Run(kind, text[len(head) :], "body")]
    return Para("item", tuple(r for r in runs if r.text), kind)


def _item(pair: ItemPair, tracked: bool) -> list[Para]:
    """The paragraphs of one pair: one, or one per part of a split."""
    if pair.base is None:
        return [_whole(pair, INS)]
    if pair.draft is None:
        return [_whole(pair, DEL)]
    parts = by_item(pair, segments(pair.changes))
    paras = []
    for k, (ref, part) in enumerate(parts):
        base_head = len(pair.base.heading) if k == 0 else 0
        runs: list[Run] = []
        if k == 0:
            runs += _label(pair.base.label, ref.label, "heading", tracked)
        else:
            runs.append(Run(INS if tracked else KEEP, ref.label, "heading"))
        if not tracked:
            runs += _note(pair) if k == 0 else []
        for seg, in_head in split_heading(part, base_head, len(ref.heading)):
            runs += _runs([seg], "heading" if in_head else "body")
        last = k == len(parts) - 1
        paras.append(
            Para("item", tuple(r for r in runs if r.text), KEEP if last or not tracked else INS)
        )
    return paras


def _note(pair: ItemPair) -> list[Run]:
    """The 花脸稿's bracketed note for a moved, split or merged item."""
    if pair.status == MOVED and pair.base is not None:
        return [Run(NOTE, f"〔移自原{position(pair.base.section, pair.base.item)}〕")]
    if pair.status == SPLIT:
        return [Run(NOTE, f"〔由原一项拆分为{len(pair.draft_parts)}项〕")]
    if pair.status == MERGED:
        return [Run(NOTE, f"〔由原{len(pair.base_parts)}项合并〕")]
    return []


def _rows(
    diff: PlanDiff, section_index: int, pairs: Sequence[ItemPair], tracked: bool
) -> list[tuple[str, ItemPair]]:
    """A block's pairs; with ``tracked``, moved items' old places ("ghost") slotted in after
    the item that preceded them last year (or first in the block)."""
    rows = [("pair", p) for p in pairs]
    section = diff.sections[section_index]
    if not tracked or section.base is None:
        return rows
    ghosts = sorted(
        (
            p
            for p in diff.pairs
            if p.status == MOVED and p.base is not None and p.base.section == section.base.section
        ),
        key=lambda p: p.base.item,  # type: ignore[union-attr]
    )
    for ghost in ghosts:
        assert ghost.base is not None
        at = 0
        for k, (kind, p) in enumerate(rows):
            olds = [b.item for b in p.bases if b.section == ghost.base.section]
            if (kind == "ghost" or p.status != MOVED) and olds and max(olds) < ghost.base.item:
                at = k + 1
        rows.insert(at, ("ghost", ghost))
    return rows


def plain_text(paras: Sequence[Para], *, accept: bool) -> list[str]:
    """The paragraphs' text with every change accepted (the draft) or rejected (last year)."""
    out: list[str] = []
    for p in paras:
        if (accept and p.mark == DEL) or (not accept and p.mark == INS):
            # The paragraph mark goes: its text joins the next paragraph.
            out.append(_text(p, accept) + "\0")
            continue
        out.append(_text(p, accept))
    joined = "\n".join(out).replace("\0\n", "").replace("\0", "")
    return [line for line in joined.split("\n") if line]


def _text(p: Para, accept: bool) -> str:
    gone = DEL if accept else INS
    return "".join(r.text for r in p.runs if r.kind not in (gone, NOTE))
