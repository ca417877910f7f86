"""Checks on a draft: the target ledger, stale wording for the plan year, and form.

The names below are loaded on first use, so ``import drafter.checks.run`` does not also load
the text rendering or the CSV export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.lazy import attributes

if TYPE_CHECKING:
    from drafter.checks.export import ledger_to_csv
    from drafter.checks.model import ERROR, INFO, WARNING, CheckReport, Finding
    from drafter.checks.render import render_report
    from drafter.checks.report_json import report_to_json
    from drafter.checks.rules import Rule, RuleSet, load_rules
    from drafter.checks.run import run_checks
    from drafter.checks.stale import check_text

#: name → the module that defines it.
_WHERE = {
    "ledger_to_csv": "export",
    "ERROR": "model", "INFO": "model", "WARNING": "model", "CheckReport": "model",
    "Finding": "model",
    "render_report": "render", "report_to_json": "report_json",
    "Rule": "rules", "RuleSet": "rules", "load_rules": "rules",
    "run_checks": "run",
    "check_text": "stale",
}

__all__ = ["ERROR", "INFO", "WARNING", "CheckReport", "Finding", "Rule", "RuleSet",
           "check_text", "ledger_to_csv", "load_rules", "render_report", "report_to_json", "run_checks"]


__getattr__ = attributes(__name__, _WHERE)
