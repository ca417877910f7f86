"""Reading order of a diff: the draft's order, with removed parts shown where they stood."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from drafter.diff.model import REMOVED, ItemPair, SectionPair


def reading_order(
    sections: Sequence[SectionPair], pairs: Sequence[ItemPair]
) -> tuple[tuple[SectionPair, ...], tuple[ItemPair, ...]]:
    """Sections and pairs in reading order; each pair's ``section_index`` set to its block."""
    ordered = _section_order(sections)
    index_of_draft = {s.draft.section: k for k, s in enumerate(ordered) if s.draft}
    index_of_base = {s.base.section: k for k, s in enumerate(ordered) if s.base}
    shown_at: dict[tuple[int, int], tuple[int, int]] = {}
    for p in pairs:
        if p.draft is not None:
            for b in p.bases:
                shown_at[(b.section, b.item)] = (index_of_draft[p.draft.section], p.draft.item)

    keyed: list[tuple[tuple[int, int, int, int], ItemPair]] = []
    for p in pairs:
        if p.draft is not None:
            group = index_of_draft[p.draft.section]
            keyed.append(((group, p.draft.item, 0, 0), replace(p, section_index=group)))
            continue
        assert p.base is not None
        group = index_of_base[p.base.section]
        after = 0
        for k in range(p.base.item - 1, 0, -1):
            where = shown_at.get((p.base.section, k))
            if where and where[0] == group:
                after = where[1]
                break
        keyed.append(((group, after, 1, p.base.item), replace(p, section_index=group)))
    keyed.sort(key=lambda kp: kp[0])
    return tuple(ordered), tuple(p for _, p in keyed)


def _section_order(sections: Sequence[SectionPair]) -> list[SectionPair]:
    """Draft sections in order; a removed section follows the one that preceded it."""
    present = sorted((s for s in sections if s.draft), key=lambda s: s.draft.section)  # type: ignore[union-attr]
    removed = sorted((s for s in sections if s.status == REMOVED), key=lambda s: s.base.section)  # type: ignore[union-attr]
    out = list(present)
    for r in removed:
        assert r.base is not None
        at = 0
        for k, s in enumerate(out):
            if s.base is not None and s.base.section < r.base.section:
                at = k + 1
        out.insert(at, r)
    return out
