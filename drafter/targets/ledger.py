"""The target ledger: this year's targets against last year's, matched by unit and subject.

Subjects get renamed from year to year (服务站 → 养老服务站), so they match fuzzily; units must
agree (元/月 with 元/人·月, 万元 with 元) and a flow's verb must name the same deliverable
(新增 ≠ 改建).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from drafter.model import Plan
from drafter.targets.extract import extract_targets
from drafter.targets.lexicon import FLOW_GROUPS
from drafter.targets.model import COVERAGE, FLOW, LEVEL, STANDARD, Target
from drafter.targets.units import unit_family, unit_scale

KEPT = "kept"
RAISED = "raised"
LOWERED = "lowered"
DROPPED = "dropped"
NEW = "new"
STATUSES = (KEPT, RAISED, LOWERED, DROPPED, NEW)
#: Chinese names of the statuses, for reports and the CSV ledger.
STATUS_NAMES = {KEPT: "持平", RAISED: "提高", LOWERED: "降低", DROPPED: "未延续", NEW: "新增"}

#: Lowest subject similarity (0–100) at which two targets count as the same.
MIN_SCORE = 60.0


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger: a base target, a draft target, or a matched pair."""

    status: str
    """``kept``, ``raised``, ``lowered``, ``dropped`` or ``new``."""
    base: Target | None
    """Last year's target (None for a new one)."""
    draft: Target | None
    """This year's target (None for a dropped one)."""
    score: float = 0.0
    """How alike the two subjects are, 0–100 (0 when unmatched)."""

    @property
    def target(self) -> Target:
        """The draft's target when there is one, else the base's."""
        found = self.draft or self.base
        assert found is not None
        return found

    @property
    def change(self) -> float | None:
        """Draft value minus base value in the base's unit, when both exist."""
        if self.base is None or self.draft is None:
            return None
        return _scaled(self.draft) / unit_scale(self.base.unit) - self.base.value


def compare(base: Plan, draft: Plan) -> list[LedgerEntry]:
    """The ledger of a draft against its base plan."""
    return compare_targets(extract_targets(base), extract_targets(draft))


def compare_targets(base: list[Target], draft: list[Target]) -> list[LedgerEntry]:
    """Match two lists of targets; entries follow the draft's order, dropped ones last."""
    pairs: list[tuple[float, int, int]] = []
    for bi, b in enumerate(base):
        for di, d in enumerate(draft):
            score = similarity(b, d)
            if score >= MIN_SCORE:
                pairs.append((score, bi, di))
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2])))
    base_of: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for score, bi, di in pairs:
        if bi in used or di in base_of:
            continue
        used.add(bi)
        base_of[di] = (bi, score)
    entries: list[LedgerEntry] = []
    for di, d in enumerate(draft):
        if di in base_of:
            bi, score = base_of[di]
            entries.append(LedgerEntry(_status(base[bi], d), base[bi], d, score))
        else:
            entries.append(LedgerEntry(NEW, None, d))
    entries.extend(LedgerEntry(DROPPED, b, None) for bi, b in enumerate(base) if bi not in used)
    return entries


def similarity(a: Target, b: Target) -> float:
    """How likely two targets are the same commitment, 0–100 (0 when they cannot be)."""
    if unit_family(a.unit) != unit_family(b.unit) or not _kinds_agree(a, b):
        return 0.0
    if a.verb and b.verb and FLOW_GROUPS.get(a.verb, a.verb) != FLOW_GROUPS.get(b.verb, b.verb):
        return 0.0
    if not (a.subject and b.subject):
        return 0.0
    if a.subject == b.subject:
        score = 100.0
    elif a.subject in b.subject or b.subject in a.subject:
        score = 90.0
    else:
        score = max(fuzz.ratio(a.subject, b.subject),
                    0.9 * fuzz.partial_ratio(a.subject, b.subject))
    if _scaled(a) == _scaled(b):
        score += 2.0
    return min(score, 100.0)


def _kinds_agree(a: Target, b: Target) -> bool:
    """Kinds that may describe the same commitment in two years' wording."""
    if a.kind == b.kind:
        return True
    loose = {STANDARD, LEVEL}, {COVERAGE, LEVEL}, {FLOW, LEVEL}
    return any({a.kind, b.kind} <= group for group in loose)


def _scaled(t: Target, high: bool = False) -> float:
    """A target's value in its unit family's base (80万元 → 800000)."""
    return (t.top if high else t.value) * unit_scale(t.unit)


def _status(base: Target, draft: Target) -> str:
    """Kept, raised or lowered, comparing both ends of ranges."""
    lo = _scaled(draft) - _scaled(base)
    hi = _scaled(draft, high=True) - _scaled(base, high=True)
    if abs(lo) < 1e-9 and abs(hi) < 1e-9:
        return KEPT
    if lo >= 0 and hi >= 0:
        return RAISED
    if lo <= 0 and hi <= 0:
        return LOWERED
    return RAISED if lo + hi > 0 else LOWERED
