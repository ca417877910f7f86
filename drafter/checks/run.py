"""Run every check on a plan and gather the report."""

from __future__ import annotations

from drafter.checks.model import INFO, CheckReport, Finding
from drafter.checks.provenance import check_foreign_regions
from drafter.checks.rules import RuleSet
from drafter.checks.stale import check_plan
from drafter.checks.structure import check_structure
from drafter.checks.targets import ledger_findings
from drafter.ingest.simplify import simplified_plan
from drafter.model import Plan
from drafter.targets.extract import extract_targets
from drafter.targets.ledger import LedgerEntry, compare_targets


def run_checks(plan: Plan, *, year: int | None = None, base: Plan | None = None,
               rules: RuleSet | None = None) -> CheckReport:
    """Check a plan as a draft for ``year`` (default: the year in its title).

    With ``base`` (last year's plan, or any plan) the report carries the target ledger.
    """
    year = year if year is not None else plan.meta.year
    plan = simplified_plan(plan)  # a traditional-Chinese plan is checked in simplified form
    base = simplified_plan(base) if base is not None else None
    targets = extract_targets(plan)
    findings: list[Finding] = []
    ledger: tuple[LedgerEntry, ...] = ()
    if base is not None:
        ledger = tuple(compare_targets(extract_targets(base), targets))
        findings.extend(ledger_findings(ledger))
    if year is not None:
        findings.extend(check_plan(plan, year, rules))
    else:
        findings.append(Finding(code="no-year", severity=INFO,
                                message="未能确定计划年度，没有检查过时表述。",
                                suggestion="用 --year 指定计划年度。"))
    findings.extend(check_structure(plan))
    findings.extend(check_foreign_regions(plan))
    return CheckReport(year=year, targets=tuple(targets), findings=tuple(findings),
                       ledger=ledger, title=plan.meta.title,
                       base_title=base.meta.title if base is not None else "")
