"""What a check reports: findings with a code, a severity and a suggestion, and the report."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.targets.history import Run
from drafter.targets.ledger import LedgerEntry
from drafter.targets.model import Target

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
#: Chinese names of the severities.
SEVERITY_NAMES = {ERROR: "错误", WARNING: "提醒", INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed in a plan."""

    code: str
    """Machine code: ``stale-term``, ``target-lowered``, ``numbering`` …"""
    severity: str
    """``error``, ``warning`` or ``info``."""
    message: str
    """One Chinese sentence for the writer."""
    section: str = ""
    """Title of the section it is in (empty for the title and preamble)."""
    item: str = ""
    """Label of the item it is in, e.g. ``（九）``."""
    item_id: str = ""
    """Id of the item it is in, when the plan has ids."""
    evidence: str = ""
    """The words in the text that raised it."""
    suggestion: str = ""
    """What to do about it, in Chinese; may be empty."""
    span: tuple[int, int] | None = None
    """Start and end of the evidence in the item's text (or paragraph's), when known."""
    rule: str = ""
    """Id of the rule that raised it, for stale-wording findings."""
    pair: Target | None = None
    """For a target finding: the other year's target it is paired with (None when unpaired)."""
    confidence: float | None = None
    """For a target finding: how sure the pairing is, 0–1 (None when unpaired)."""

    @property
    def where(self) -> str:
        """Section title and item label, for people."""
        return " ".join(p for p in (self.section, self.item) if p)


@dataclass(frozen=True)
class CheckReport:
    """Everything ``run_checks`` found in one plan."""

    year: int | None
    """The plan year the plan was checked as (None when unknown)."""
    targets: tuple[Target, ...]
    """The plan's targets in order."""
    findings: tuple[Finding, ...]
    """What the checks noticed, in the plan's order."""
    ledger: tuple[LedgerEntry, ...] = ()
    """Targets against the base plan, when one was given."""
    title: str = ""
    """The plan's title."""
    base_title: str = ""
    """The base plan's title, when one was given."""
    history: tuple[Run, ...] = ()
    """Each target's run over the issuer's earlier plans, when asked for."""

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error (the command exits with status 1)."""
        return any(f.severity == ERROR for f in self.findings)
