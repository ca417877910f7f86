"""Figures that no longer agree once a writer changed one of them.

- A growth rate written after the figures it describes (``分别提高到900元/人·月和7800元/人·年，
  增幅达到7.1%和8.3%``): when a figure changed and its rate did not, the rate is recomputed
  against last year's figure.
- Parts written after a total (``新增养老床位800张，其中护理型床位500张、认知障碍照护床位300张``):
  when the parts add up to more than the total, or added up last year and no longer do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drafter.targets.ledger import KEPT, LOWERED, RAISED, REWORDED, LedgerEntry
from drafter.targets.model import Target
from drafter.targets.units import unit_family, unit_scale

#: Subjects of a growth rate (增幅达到7.1%, 增长5%).
_RATE_WORDS = ("增幅", "增长率", "增长", "涨幅", "提高幅度")
#: Rates within this many percentage points of the recomputed one are right (rounding).
RATE_TOLERANCE = 0.15


@dataclass(frozen=True)
class Mismatch:
    """Two figures of one item that no longer agree."""

    kind: str
    """``rate`` (a growth rate left at last year's) or ``total`` (parts that do not add up)."""
    target: Target
    """The figure that is now wrong: the rate, or the total."""
    related: tuple[Target, ...]
    """The figures it should agree with: the changed figure, or the parts."""
    expected: float
    """The rate recomputed against last year's figure, or the parts' sum."""
    base: Target | None = None
    """For a rate: last year's figure it grows from."""


def is_rate(t: Target) -> bool:
    """True for a growth rate (增幅达到7.1%)."""
    return t.unit == "%" and (any(w in t.subject for w in _RATE_WORDS)
                              or t.comparator in ("增长", "提高", "增加", "提升"))


def rate_mismatches(entries: Sequence[LedgerEntry], draft: Sequence[Target]) -> list[Mismatch]:
    """Rates left unchanged after the figures before them changed, recomputed."""
    by_draft = {id(e.draft): e for e in entries if e.draft is not None}
    out: list[Mismatch] = []
    i = 0
    while i < len(draft):
        if not is_rate(draft[i]):
            i += 1
            continue
        j = i
        while j < len(draft) and is_rate(draft[j]) and draft[j].text == draft[i].text:
            j += 1
        rates = draft[i:j]
        figures = [t for t in draft[max(0, i - len(rates)):i]
                   if not is_rate(t) and _same_item(t, rates[0])]
        if len(figures) == len(rates):
            for figure, rate in zip(figures, rates, strict=True):
                found = _stale_rate(by_draft.get(id(figure)), by_draft.get(id(rate)), rate)
                if found is not None:
                    out.append(found)
        i = j
    return out


def _stale_rate(figure: LedgerEntry | None, rate: LedgerEntry | None,
                t: Target) -> Mismatch | None:
    """The mismatch when the figure moved, its rate did not, and the rate is now wrong."""
    if figure is None or rate is None or figure.base is None or figure.draft is None:
        return None
    if figure.status not in (RAISED, LOWERED) or rate.status not in (KEPT, REWORDED):
        return None
    before = figure.base.value * unit_scale(figure.base.unit)
    after = figure.draft.value * unit_scale(figure.draft.unit)
    if before <= 0:
        return None
    expected = round((after - before) / before * 100, 1)
    if abs(expected - t.value) <= RATE_TOLERANCE:
        return None
    return Mismatch("rate", t, (figure.draft,), expected, figure.base)


def total_mismatches(entries: Sequence[LedgerEntry], draft: Sequence[Target]) -> list[Mismatch]:
    """Totals whose parts (written after 其中) exceed them, or no longer add up as last year."""
    pairs = {id(e.draft): e.base for e in entries if e.draft is not None}
    out: list[Mismatch] = []
    for k, total in enumerate(draft):
        parts = _parts(draft, k)
        if not parts:
            continue
        scale = unit_scale(total.unit)
        whole = total.value * scale
        summed = sum(p.value * unit_scale(p.unit) for p in parts)
        if abs(summed - whole) < 1e-9:
            continue
        base_total = pairs.get(id(total))
        base_parts = [pairs.get(id(p)) for p in parts]
        added_up = (base_total is not None and all(b is not None for b in base_parts)
                    and abs(sum(b.value * unit_scale(b.unit) for b in base_parts if b)
                            - base_total.value * unit_scale(base_total.unit)) < 1e-9)
        if summed > whole or added_up:
            out.append(Mismatch("total", total, tuple(parts), summed / scale))
    return out


def _parts(targets: Sequence[Target], k: int) -> list[Target]:
    """The parts written right after ``targets[k]`` and starting with 其中, same unit family."""
    total = targets[k]
    out: list[Target] = []
    for t in targets[k + 1:]:
        if not _same_item(t, total) or unit_family(t.unit) != unit_family(total.unit):
            break
        if not out and (not t.text.startswith("其中") or t.text == total.text):
            break
        # A part list runs on within one clause or a run of clauses right after each other.
        if (out and t.text != out[-1].text and not t.text.startswith(("其中", "、"))
                and t.span[0] - out[-1].span[1] > 2):
            break
        out.append(t)
    return out


def _same_item(a: Target, b: Target) -> bool:
    """True when two targets sit in the same item (or the same paragraph)."""
    return (a.section, a.item, a.item_id) == (b.section, b.item, b.item_id)
