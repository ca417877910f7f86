"""The check report for programs (JSON-ready dicts); importing it loads no rich."""

from __future__ import annotations

from typing import Any

from drafter.checks.model import ERROR, INFO, WARNING, CheckReport, Finding
from drafter.targets.history import Run
from drafter.targets.model import Target


def report_to_json(report: CheckReport) -> dict[str, Any]:
    """The report as a JSON-ready dict: year, targets, findings, ledger and counts."""
    return {
        "year": report.year,
        "title": report.title,
        "targets": [target_to_json(t) for t in report.targets],
        "findings": [finding_to_json(f) for f in report.findings],
        "ledger": [
            {"status": e.status,
             "base": target_to_json(e.base) if e.base else None,
             "draft": target_to_json(e.draft) if e.draft else None,
             "score": round(e.score, 1),
             "confidence": e.confidence,
             "why": list(e.why),
             "proposed": e.proposed or None}
            for e in report.ledger
        ],
        "history": [run_to_json(r) for r in report.history],
        "summary": {s: report.count(s) for s in (ERROR, WARNING, INFO)},
    }


def finding_to_json(f: Finding) -> dict[str, Any]:
    """One finding as JSON; a target finding also has ``pair`` and ``confidence``."""
    out: dict[str, Any] = {
        "code": f.code, "severity": f.severity, "message": f.message, "section": f.section,
        "item": f.item, "evidence": f.evidence, "suggestion": f.suggestion,
        "item_id": f.item_id, "rule": f.rule,
    }
    if f.code.startswith("target-"):
        out["pair"] = target_to_json(f.pair) if f.pair is not None else None
        out["confidence"] = f.confidence
    return out


def target_to_json(t: Target) -> dict[str, Any]:
    """One target as JSON."""
    return {
        "subject": t.subject, "value": t.value, "unit": t.unit, "comparator": t.comparator,
        "kind": t.kind, "text": t.text, "section": t.section, "item": t.item,
        "high": t.high, "bound": t.bound, "verb": t.verb, "modality": t.modality,
        "item_id": t.item_id, "span": list(t.span), "due_year": t.due_year,
    }


def run_to_json(run: Run) -> dict[str, Any]:
    """One run as JSON."""
    return {
        "subject": run.subject, "due_year": run.due_year, "note": run.note,
        "in_draft": run.in_draft,
        "steps": [{"year": s.year, "status": s.status or None, "confidence": s.confidence,
                   "target": target_to_json(s.target)} for s in run.steps],
    }
