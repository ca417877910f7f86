"""Checks on a draft: the target ledger, stale wording for the plan year, and form."""

from drafter.checks.export import ledger_to_csv
from drafter.checks.model import ERROR, INFO, WARNING, CheckReport, Finding
from drafter.checks.render import render_report, report_to_json
from drafter.checks.rules import Rule, RuleSet, load_rules
from drafter.checks.run import run_checks
from drafter.checks.stale import check_text

__all__ = ["ERROR", "INFO", "WARNING", "CheckReport", "Finding", "Rule", "RuleSet",
           "check_text", "ledger_to_csv", "load_rules", "render_report", "report_to_json", "run_checks"]
