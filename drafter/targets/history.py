"""A target's run over several years of one issuer's plans: 2024 3000张 → 2025 3000张 → 2026 2000张.

Consecutive plans are paired by the ledger; a chain follows sure pairs from year to year. A
multi-year target (到2025年…) is followed to its year even across a year that did not repeat it,
and is flagged when its year comes and the plan no longer lists it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.model import Plan
from drafter.targets.extract import extract_targets
from drafter.targets.ledger import PAIRED, compare_targets
from drafter.targets.model import Target

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.library.summary import PlanSummary

#: Notes on a run whose target has a year of its own.
DUE_NOW = "本年到期"
DUE_MISSING = "本年到期，本年未列出"
OVERDUE = "已过期限"


@dataclass(frozen=True)
class Step:
    """One year of a run."""

    year: int | None
    """The plan year."""
    target: Target
    """The target as that year's plan writes it."""
    status: str = ""
    """Its ledger status against the run's previous step ('' for the first)."""
    confidence: float | None = None
    """How sure the pair with the previous step is (None for the first)."""


@dataclass(frozen=True)
class Run:
    """One commitment followed over the years."""

    steps: tuple[Step, ...]
    """The years that list it, oldest first."""
    due_year: int | None = None
    """The year it falls due when a plan said so (到2025年…)."""
    note: str = ""
    """``本年到期``, ``本年到期，本年未列出``, ``已过期限`` or empty."""
    in_draft: bool = False
    """True when the newest plan (the draft) lists it."""

    @property
    def subject(self) -> str:
        """The newest wording of its subject."""
        return self.steps[-1].target.subject


def target_runs(plans: Sequence[Plan]) -> list[Run]:
    """Runs of the targets of ``plans`` (oldest first; the last is the draft).

    Returned are the runs that reach the draft or last year's plan, and those a due year keeps
    open; the draft's runs first, in its order.
    """
    if not plans:
        return []
    years = [p.meta.year for p in plans]
    targets = [extract_targets(p) for p in plans]
    forward: list[dict[int, tuple[int, str, float | None]]] = []
    for k in range(len(plans) - 1):
        links = {}
        for e in compare_targets(targets[k], targets[k + 1]):
            if e.status in PAIRED and e.base is not None and e.draft is not None:
                links[_index(targets[k], e.base)] = (_index(targets[k + 1], e.draft), e.status,
                                                     e.confidence)
        forward.append(links)
    continued = [{j for j, _, _ in links.values()} for links in forward]
    chains: list[list[tuple[int, int, str, float | None]]] = []
    for k, found in enumerate(targets):
        for i in range(len(found)):
            if k and i in continued[k - 1]:
                continue
            chain: list[tuple[int, int, str, float | None]] = [(k, i, "", None)]
            while chain[-1][0] < len(forward) and chain[-1][1] in forward[chain[-1][0]]:
                j, status, confidence = forward[chain[-1][0]][chain[-1][1]]
                chain.append((chain[-1][0] + 1, j, status, confidence))
            chains.append(chain)
    _follow_due(chains, targets, years)
    last = len(plans) - 1
    runs = []
    for chain in chains:
        steps = tuple(Step(years[k], targets[k][i], s, c) for k, i, s, c in chain)
        run = _noted(steps, years[last], chain[-1][0] == last)
        if chain[-1][0] >= last - 1 or run.note:
            runs.append(run)
    order = {id(t): n for n, t in enumerate(targets[last])}
    return sorted(runs, key=lambda r: (not r.in_draft, order.get(id(r.steps[-1].target), 0)))


def _index(targets: list[Target], t: Target) -> int:
    """The position of a target (by identity) in its plan's list."""
    return next(n for n, x in enumerate(targets) if x is t)


def _follow_due(chains: list[list[tuple[int, int, str, float | None]]],
                targets: list[list[Target]], years: list[int | None]) -> None:
    """Join a multi-year target to the draft when a year in between did not repeat it."""
    last = len(targets) - 1
    draft_year = years[last]
    claimed = {c[-1][1] for c in chains if c[-1][0] == last and len(c) > 1}
    for chain in chains:
        k, i = chain[-1][0], chain[-1][1]
        due = targets[k][i].due_year
        if k >= last - 1 or due is None or draft_year is None or due < draft_year:
            continue
        free = [t for n, t in enumerate(targets[last]) if n not in claimed]
        for e in compare_targets([targets[k][i]], free):
            if e.status in PAIRED and e.draft is not None:
                j = _index(targets[last], e.draft)
                claimed.add(j)
                chain.append((last, j, e.status, e.confidence))
                break
    # Chains that now end in the draft leave their draft target's own chain redundant.
    joined = {c[-1][1] for c in chains if c[-1][0] == last and len(c) > 1}
    chains[:] = [c for c in chains if not (len(c) == 1 and c[0][0] == last and c[0][1] in joined)]


def _noted(steps: tuple[Step, ...], draft_year: int | None, in_draft: bool) -> Run:
    """A run with its due year and what the due year says about the draft."""
    # Only a year beyond the plan's own makes a multi-year target (2023年底前 in 2023 does not).
    dues = [s.target.due_year for s in steps
            if s.target.due_year is not None and (s.year is None or s.target.due_year > s.year)]
    due = max(dues) if dues else None
    note = ""
    if due is not None and draft_year is not None:
        if due == draft_year:
            note = DUE_NOW if in_draft else DUE_MISSING
        elif due < draft_year and in_draft and steps[-1].target.due_year == due:
            note = OVERDUE
    return Run(steps, due, note, in_draft)


def earlier_plans(library: Library, base: Plan, limit: int = 4) -> list[Plan]:
    """Up to ``limit`` plans of the base's issuer from years before it, oldest first."""
    issuer, year = base.meta.issuer, base.meta.year
    if not issuer or year is None:
        return []
    per_year: dict[int, PlanSummary] = {}
    # One plan a year; a user's own copy before a built-in one of the same year.
    for s in sorted(library.summaries(), key=lambda s: not s.builtin):
        if s.issuer == issuer and s.year is not None and s.year < year and s.id != base.id:
            per_year.setdefault(s.year, s)
    return [library.get(per_year[y].id) for y in sorted(per_year)[-limit:]]
