"""Align two plans by content: pair sections and items, then classify every pair.

Items are paired by what they say, not by number or place: identical texts first, then the
most alike pairs (characters and jieba words, via rapidfuzz), then leftovers between two paired
neighbours with a lower bar. An item whose text is spread over two neighbouring items of the
other plan is reported as split (or merged). Sections are paired by title and by where their
items went. A paired item is *moved* when it sits in another section, or out of order with the
other items of its section.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from drafter.diff import order
from drafter.diff.ledger import target_changes
from drafter.diff.model import (
    ADDED,
    CHANGED,
    EQUAL,
    MERGED,
    MOVED,
    REMOVED,
    SAME,
    SPLIT,
    ItemPair,
    ItemRef,
    PlanDiff,
    SectionPair,
    SectionRef,
    Summary,
    TargetChange,
)
from drafter.diff.words import fold, numbers_in, tokens, word_diff
from drafter.model import Plan

#: Pairs at least this alike are the same item, reworded.
MATCH = 0.5
#: Between two paired neighbours, a leftover pair this alike is still the same item.
GAP_MATCH = 0.35
#: A part of a split must have this share of its characters, in order, in the whole.
CONTAIN = 0.7
#: Parts shorter than this (characters) are not considered for a split or merge.
MIN_PART = 8
#: Sections this alike (title and where their items went) are the same section.
SECTION_MATCH = 0.35


@dataclass
class _Entry:
    """An item of one plan while aligning (mutable scratch, never returned)."""

    si: int
    ii: int
    pos: int
    ref: ItemRef
    key: str
    toks: list[str]
    partner: list[int] = field(default_factory=list)


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1: the mean of character and jieba-word similarity."""
    fa, fb = fold(a), fold(b)
    return _sim(fa, fb, [fold(t) for t in tokens(a)], [fold(t) for t in tokens(b)])


def _sim(ka: str, kb: str, ta: Sequence[str], tb: Sequence[str]) -> float:
    """Similarity of two prepared texts (folded characters and folded tokens)."""
    if ka == kb:
        return 1.0
    return 0.5 * fuzz.ratio(ka, kb) / 100 + 0.5 * Indel.normalized_similarity(ta, tb)


def _contained(part: str, whole: str) -> float:
    """Share of ``part``'s characters found, in order, in ``whole``."""
    if not part:
        return 0.0
    lcs = (len(part) + len(whole) - Indel.distance(part, whole)) / 2
    return lcs / len(part)


def _entries(plan: Plan) -> list[_Entry]:
    """Every item of a plan as an alignment entry, in reading order."""
    out = []
    for pos, (si, ii, _section, item) in enumerate(plan.iter_items()):
        ref = ItemRef(
            section=si,
            item=ii,
            text=item.text,
            item_id=item.id,
            label=item.label,
            heading=item.heading,
        )
        key = fold(item.text)
        out.append(_Entry(si - 1, ii - 1, pos, ref, key, [fold(t) for t in tokens(item.text)]))
    return out


def diff_plans(base: Plan, draft: Plan, *, ledger: bool = True) -> PlanDiff:
    """Everything that changed from last year's plan ``base`` to ``draft``."""
    bs, ds = _entries(base), _entries(draft)
    _match_exact(bs, ds)
    _match_alike(bs, ds)
    section_map = _pair_sections(base, draft, bs, ds)
    _match_gaps(bs, ds, section_map)
    _match_split(bs, ds)
    _match_split(ds, bs)
    section_map = _pair_sections(base, draft, bs, ds)
    moved = _moved(bs, ds, section_map)
    pairs = _item_pairs(bs, ds, moved)
    sections = _section_pairs(base, draft, section_map)
    targets = target_changes(base, draft) if ledger else ()
    pairs = [_link_targets(p, targets) for p in pairs]
    ordered_sections, ordered_pairs = order.reading_order(sections, pairs)
    summary = _summary(ordered_sections, ordered_pairs)
    return PlanDiff(
        base_title=base.meta.title,
        draft_title=draft.meta.title,
        summary=summary,
        sections=ordered_sections,
        pairs=ordered_pairs,
        title_changes=word_diff(base.meta.title, draft.meta.title),
        preamble_changes=word_diff("\n".join(base.preamble), "\n".join(draft.preamble)),
        targets=targets,
        base_id=base.id,
        draft_id=draft.id,
    )


def _link(b: _Entry, d: _Entry) -> None:
    """Record that two entries (one of each plan) are the same item."""
    b.partner.append(d.pos)
    d.partner.append(b.pos)


def _match_exact(bs: list[_Entry], ds: list[_Entry]) -> None:
    """Pair identical texts, first come first served (repeated texts pair in order)."""
    by_key: dict[str, list[_Entry]] = {}
    for b in bs:
        by_key.setdefault(b.key, []).append(b)
    for d in ds:
        queue = by_key.get(d.key)
        if queue:
            _link(queue.pop(0), d)


def _match_alike(bs: list[_Entry], ds: list[_Entry]) -> None:
    """Pair the most alike leftovers, best first, while they pass :data:`MATCH`."""
    free_b = [b for b in bs if not b.partner]
    free_d = [d for d in ds if not d.partner]
    candidates = []
    for b in free_b:
        for d in free_d:
            s = _sim(b.key, d.key, b.toks, d.toks)
            if s >= MATCH:
                # Ties go to the pair closer in place: fewer surprises for the reader.
                candidates.append((-s, abs(b.pos - d.pos), b.pos, d.pos))
    candidates.sort()
    for _, _, bp, dp in candidates:
        b, d = bs[bp], ds[dp]
        if not b.partner and not d.partner:
            _link(b, d)


def _match_gaps(bs: list[_Entry], ds: list[_Entry], section_map: dict[int, int]) -> None:
    """Pair a leftover with the leftover in the same slot between paired neighbours."""
    first_d = _first_positions(ds)
    for b in bs:
        if b.partner:
            continue
        d: _Entry | None = None
        if b.ii > 0:
            prev = bs[b.pos - 1]
            if len(prev.partner) == 1:
                nxt = prev.partner[0] + 1
                if nxt < len(ds) and ds[nxt].si == ds[prev.partner[0]].si:
                    d = ds[nxt]
        elif b.si in section_map:
            start = first_d.get(section_map[b.si])
            d = ds[start] if start is not None else None
        if d is not None and not d.partner and _sim(b.key, d.key, b.toks, d.toks) >= GAP_MATCH:
            _link(b, d)


def _first_positions(entries: list[_Entry]) -> dict[int, int]:
    """Section index → position of its first item."""
    first: dict[int, int] = {}
    for e in entries:
        first.setdefault(e.si, e.pos)
    return first


def _match_split(wholes: list[_Entry], parts: list[_Entry]) -> None:
    """Find an entry of ``wholes`` whose text is spread over neighbouring ``parts``.

    Called with (base, draft) it finds splits, with (draft, base) merges. The parts must be
    neighbours, each mostly contained in the whole, and together more alike to it than the
    single part it was paired with.
    """
    for w in wholes:
        if len(w.partner) > 1:
            continue
        current = parts[w.partner[0]] if w.partner else None
        if current is not None and len(current.partner) > 1:
            continue
        found = [
            p
            for p in parts
            if (not p.partner or p is current)
            and len(p.key) >= MIN_PART
            and _contained(p.key, w.key) >= CONTAIN
        ]
        group = _contiguous(found, current)
        if len(group) < 2:
            continue
        key = "".join(p.key for p in group)
        toks = [t for p in group for t in p.toks]
        together = _sim(w.key, key, w.toks, toks)
        alone = _sim(w.key, current.key, w.toks, current.toks) if current else 0.0
        if together >= MATCH and together >= alone + 0.1:
            if current is not None:
                w.partner.clear()
                current.partner.clear()
            for p in group:
                _link(w, p)


def _contiguous(found: list[_Entry], anchor: _Entry | None) -> list[_Entry]:
    """The run of neighbouring entries in ``found`` that holds ``anchor`` (or the longest)."""
    runs: list[list[_Entry]] = []
    for e in sorted(found, key=lambda e: e.pos):
        if runs and runs[-1][-1].pos == e.pos - 1:
            runs[-1].append(e)
        else:
            runs.append([e])
    if anchor is not None:
        return next((r for r in runs if anchor in r), [])
    return max(runs, key=len, default=[])


def _pair_sections(base: Plan, draft: Plan, bs: list[_Entry], ds: list[_Entry]) -> dict[int, int]:
    """Base section index → draft section index, by title and by where the items went."""
    flow: dict[tuple[int, int], int] = {}
    for b in bs:
        for dp in b.partner:
            k = (b.si, ds[dp].si)
            flow[k] = flow.get(k, 0) + 1
    candidates = []
    for i, sb in enumerate(base.sections):
        for j, sd in enumerate(draft.sections):
            title = similarity(sb.title, sd.title) if sb.title or sd.title else 1.0
            n = len(sb.items) + len(sd.items)
            if n:
                content = 2 * flow.get((i, j), 0) / n
            else:
                content = similarity("".join(sb.intro), "".join(sd.intro))
            score = 0.4 * title + 0.6 * content
            if score >= SECTION_MATCH or title >= 0.6:
                candidates.append((-score, abs(i - j), i, j))
    candidates.sort()
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in candidates:
        if i not in mapping and j not in taken:
            mapping[i] = j
            taken.add(j)
    return mapping


def _moved(bs: list[_Entry], ds: list[_Entry], section_map: dict[int, int]) -> set[int]:
    """Positions of base items that moved: to another section, or out of order in theirs."""
    moved: set[int] = set()
    by_section: dict[int, list[tuple[int, int]]] = {}
    for b in bs:
        if not b.partner:
            continue
        d = ds[b.partner[0]]
        if section_map.get(b.si) != d.si:
            moved.add(b.pos)
        else:
            by_section.setdefault(b.si, []).append((d.pos, b.pos))
    for seq in by_section.values():
        seq.sort()
        keep = _longest_increasing([bp for _, bp in seq])
        moved.update(bp for _, bp in seq if bp not in keep)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """The values on one longest increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_idx.append(i)
        else:
            tails[k] = v
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k else -1
    out: set[int] = set()
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.add(values[i])
        i = prev[i]
    return out


def _item_pairs(bs: list[_Entry], ds: list[_Entry], moved: set[int]) -> list[ItemPair]:
    """One pair per alignment, unordered (reading order comes later)."""
    pairs: list[ItemPair] = []
    done_d: set[int] = set()
    for b in bs:
        if not b.partner:
            pairs.append(ItemPair(REMOVED, 0.0, b.ref, None))
            continue
        d0 = ds[b.partner[0]]
        if d0.pos in done_d:
            continue  # second base part of a merge, already paired
        if len(b.partner) > 1:
            parts = [ds[p] for p in sorted(b.partner)]
            pairs.append(_pair(SPLIT, [b], parts))
        elif len(d0.partner) > 1:
            wholes = [bs[p] for p in sorted(d0.partner)]
            pairs.append(_pair(MERGED, wholes, [d0]))
        else:
            pair = _pair(SAME, [b], [d0])
            if b.pos in moved:
                pair = _with_status(pair, MOVED)
            elif pair.text_changed:
                pair = _with_status(pair, CHANGED)
            pairs.append(pair)
        done_d.update(b.partner)
    pairs.extend(ItemPair(ADDED, 0.0, None, d.ref) for d in ds if not d.partner)
    return pairs


def _pair(status: str, bases: list[_Entry], drafts: list[_Entry]) -> ItemPair:
    """A pair of one or more items each side, with its word-level changes."""
    btext = "".join(e.ref.text for e in bases)
    dtext = "".join(e.ref.text for e in drafts)
    changes = word_diff(btext, dtext)
    changed = any(c.op != EQUAL for c in changes)
    sim = _sim(
        "".join(e.key for e in bases),
        "".join(e.key for e in drafts),
        [t for e in bases for t in e.toks],
        [t for e in drafts for t in e.toks],
    )
    return ItemPair(
        status=status,
        similarity=round(sim, 3),
        base=bases[0].ref,
        draft=drafts[0].ref,
        changes=changes,
        numbers=numbers_in(changes),
        text_changed=changed,
        base_parts=tuple(e.ref for e in bases) if len(bases) > 1 else (),
        draft_parts=tuple(e.ref for e in drafts) if len(drafts) > 1 else (),
    )


def _link_targets(pair: ItemPair, targets: Sequence[TargetChange]) -> ItemPair:
    """Name each changed figure of a pair after the ledger target it belongs to."""
    if not pair.numbers or pair.draft is None:
        return pair
    ids = {d.item_id for d in pair.drafts}
    mine = [t for t in targets if t.draft_item_id in ids and t.base]
    linked = {}
    for n in pair.numbers:
        t = next((t for t in mine if t.draft.endswith(n.draft) and t.base.endswith(n.base)), None)
        if t is not None:
            linked[n] = replace(n, subject=t.subject, verdict=t.status)
    if not linked:
        return pair
    changes = tuple(
        replace(c, number=linked.get(c.number, c.number)) if c.number else c for c in pair.changes
    )
    return replace(pair, changes=changes, numbers=tuple(linked.get(n, n) for n in pair.numbers))


def _with_status(pair: ItemPair, status: str) -> ItemPair:
    """The same pair with another status."""
    return replace(pair, status=status)


def _section_pairs(base: Plan, draft: Plan, mapping: dict[int, int]) -> list[SectionPair]:
    """One pair per section alignment, unordered; moved when out of order."""
    keep = _longest_increasing([mapping[i] for i in sorted(mapping)])
    out: list[SectionPair] = []
    for i, sb in enumerate(base.sections):
        bref = SectionRef(i + 1, sb.label, sb.title, "\n".join(sb.intro))
        if i not in mapping:
            out.append(
                SectionPair(
                    REMOVED, 0.0, bref, None, word_diff(sb.title, ""), word_diff(bref.intro, "")
                )
            )
            continue
        j = mapping[i]
        sd = draft.sections[j]
        dref = SectionRef(j + 1, sd.label, sd.title, "\n".join(sd.intro))
        title_changes = word_diff(sb.title, sd.title)
        intro_changes = word_diff(bref.intro, dref.intro)
        pair = SectionPair(
            SAME, round(similarity(sb.title, sd.title), 3), bref, dref, title_changes, intro_changes
        )
        if j not in keep:
            status = MOVED
        elif pair.title_changed or pair.intro_changed:
            status = CHANGED
        else:
            status = SAME
        out.append(SectionPair(status, pair.similarity, bref, dref, title_changes, intro_changes))
    taken = set(mapping.values())
    for j, sd in enumerate(draft.sections):
        if j not in taken:
            dref = SectionRef(j + 1, sd.label, sd.title, "\n".join(sd.intro))
            out.append(
                SectionPair(
                    ADDED, 0.0, None, dref, word_diff("", sd.title), word_diff("", dref.intro)
                )
            )
    return out


def _summary(sections: Sequence[SectionPair], pairs: Sequence[ItemPair]) -> Summary:
    """Counts per status."""
    counts = {s: 0 for s in (SAME, CHANGED, MOVED, ADDED, REMOVED, SPLIT, MERGED)}
    for p in pairs:
        counts[p.status] += 1
    return Summary(
        **counts,
        sections_changed=sum(1 for s in sections if s.status != SAME),
        numbers=sum(len(p.numbers) for p in pairs),
    )
