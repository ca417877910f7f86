"""The target ledger: this year's targets against last year's, paired one to one.

Subjects get renamed from year to year (服务站 → 养老服务站), items move and verbs change, so
targets are paired by ``drafter.targets.pairing`` across the whole plan; each pair says how
sure it is and why. A pair below the confidence threshold is only *possible*: shown, never
merged. A flow's verb is part of its identity: 新增3000张 → 改建2000张 is a changed verb, not a
lowered figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.model import Plan
from drafter.targets.extract import extract_targets
from drafter.targets.model import Target
from drafter.targets.pairing import (
    WEIGHTS,
    Weights,
    pair_score,
    pair_targets,
    verbs_differ,
)
from drafter.targets.units import unit_scale

KEPT = "kept"
RAISED = "raised"
LOWERED = "lowered"
REWORDED = "reworded"
VERB_CHANGED = "verb_changed"
POSSIBLE = "possible"
DROPPED = "dropped"
NEW = "new"
STATUSES = (KEPT, RAISED, LOWERED, REWORDED, VERB_CHANGED, POSSIBLE, DROPPED, NEW)
#: Statuses of a sure pair (both years present).
PAIRED = (KEPT, RAISED, LOWERED, REWORDED, VERB_CHANGED)
#: Chinese names of the statuses, for reports and the CSV ledger.
STATUS_NAMES = {KEPT: "持平", RAISED: "提高", LOWERED: "降低", REWORDED: "改写", VERB_CHANGED: "改动词",
                POSSIBLE: "可能对应", DROPPED: "未延续", NEW: "新增"}


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger: a base target, a draft target, or a pair of them."""

    status: str
    """One of :data:`STATUSES`."""
    base: Target | None
    """Last year's target (None for a new one)."""
    draft: Target | None
    """This year's target (None for a dropped one)."""
    score: float = 0.0
    """The pair's confidence on a 0–100 scale (0 when unpaired)."""
    why: tuple[str, ...] = ()
    """The terms the two subjects share: why they were paired."""
    proposed: str = ""
    """For a possible pair: the status it would have if the writer confirms it."""

    @property
    def target(self) -> Target:
        """The draft's target when there is one, else the base's."""
        found = self.draft or self.base
        assert found is not None
        return found

    @property
    def other(self) -> Target | None:
        """The other year's target of :attr:`target` (the base's when there is a draft)."""
        return self.base if self.draft is not None else None

    @property
    def confidence(self) -> float | None:
        """How sure the pairing is, 0–1; None when the target has no pair."""
        return round(self.score / 100, 3) if self.base and self.draft else None

    @property
    def change(self) -> float | None:
        """Draft value minus base value in the base's unit, when both exist."""
        if self.base is None or self.draft is None:
            return None
        return _scaled(self.draft) / unit_scale(self.base.unit) - self.base.value


def compare(base: Plan, draft: Plan, weights: Weights = WEIGHTS) -> list[LedgerEntry]:
    """The ledger of a draft against its base plan."""
    return compare_targets(extract_targets(base), extract_targets(draft), weights)


def compare_targets(base: list[Target], draft: list[Target],
                    weights: Weights = WEIGHTS) -> list[LedgerEntry]:
    """Pair two lists of targets; entries follow the draft's order, dropped ones last."""
    pairs = {p.draft: p for p in pair_targets(base, draft, weights)}
    used = {p.base for p in pairs.values()}
    entries: list[LedgerEntry] = []
    for di, d in enumerate(draft):
        pair = pairs.get(di)
        if pair is None:
            entries.append(LedgerEntry(NEW, None, d))
            continue
        b = base[pair.base]
        status = pair_status(b, d)
        if pair.confidence < weights.pair:
            entries.append(LedgerEntry(POSSIBLE, b, d, pair.confidence * 100, pair.why, status))
        else:
            entries.append(LedgerEntry(status, b, d, pair.confidence * 100, pair.why))
    entries.extend(LedgerEntry(DROPPED, b, None) for bi, b in enumerate(base) if bi not in used)
    return entries


def similarity(a: Target, b: Target) -> float:
    """How likely two targets are the same commitment, 0–100 (0 when they cannot be)."""
    return pair_score(a, b) * 100


def _scaled(t: Target, high: bool = False) -> float:
    """A target's value in its unit family's base (80万元 → 800000)."""
    return (t.top if high else t.value) * unit_scale(t.unit)


def pair_status(base: Target, draft: Target) -> str:
    """Verb changed, raised, lowered, reworded or kept, for two paired targets."""
    if verbs_differ(base, draft):
        return VERB_CHANGED
    lo = _scaled(draft) - _scaled(base)
    hi = _scaled(draft, high=True) - _scaled(base, high=True)
    if abs(lo) < 1e-9 and abs(hi) < 1e-9:
        if base.subject != draft.subject or base.verb != draft.verb:
            return REWORDED
        return KEPT
    if lo >= 0 and hi >= 0:
        return RAISED
    if lo <= 0 and hi <= 0:
        return LOWERED
    return RAISED if lo + hi > 0 else LOWERED
