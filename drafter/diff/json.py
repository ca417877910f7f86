"""The diff as JSON: ``{"summary": {…}, "pairs": [{"status", "similarity", "base", "draft",
"changes"}], …}``, the shape ``drafter diff --format json`` prints."""

from __future__ import annotations

import json
from typing import Any

from drafter.diff.model import (
    Change,
    ItemPair,
    ItemRef,
    NumberChange,
    PlanDiff,
    SectionPair,
    SectionRef,
    TargetChange,
)


def to_dict(diff: PlanDiff) -> dict[str, Any]:
    """The diff as plain JSON-ready data."""
    return {
        "base_title": diff.base_title,
        "draft_title": diff.draft_title,
        "base_id": diff.base_id,
        "draft_id": diff.draft_id,
        "summary": diff.summary.as_dict(),
        "title_changes": [_change(c) for c in diff.title_changes],
        "preamble_changes": [_change(c) for c in diff.preamble_changes],
        "sections": [_section(s) for s in diff.sections],
        "pairs": [_pair(p, diff.sections) for p in diff.pairs],
        "targets": [_target(t) for t in diff.targets],
    }


def dumps(diff: PlanDiff, *, indent: int | None = 2) -> str:
    """The diff as a JSON string (Chinese kept readable, not escaped)."""
    return json.dumps(to_dict(diff), ensure_ascii=False, indent=indent)


def _ref(ref: ItemRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "section": ref.section,
        "item": ref.item,
        "text": ref.text,
        "item_id": ref.item_id,
        "label": ref.label,
    }


def _number(n: NumberChange | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {
        "base": n.base,
        "draft": n.draft,
        "base_value": n.base_value,
        "draft_value": n.draft_value,
        "unit": n.unit,
        "label": n.label,
        "context": n.context,
        "subject": n.subject,
        "verdict": n.verdict,
    }


def _change(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"op": c.op, "base": c.base, "draft": c.draft}
    if c.number is not None:
        out["number"] = _number(c.number)
    return out


def _pair(p: ItemPair, sections: tuple[SectionPair, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "status": p.status,
        "similarity": p.similarity,
        "base": _ref(p.base),
        "draft": _ref(p.draft),
        "changes": [_change(c) for c in p.changes],
        "text_changed": p.text_changed,
        "numbers": [_number(n) for n in p.numbers],
        "shown_under": p.section_index,
    }
    if p.base_parts:
        out["base_parts"] = [_ref(r) for r in p.base_parts]
    if p.draft_parts:
        out["draft_parts"] = [_ref(r) for r in p.draft_parts]
    return out


def _section_ref(ref: SectionRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"section": ref.section, "label": ref.label, "title": ref.title, "intro": ref.intro}


def _section(s: SectionPair) -> dict[str, Any]:
    return {
        "status": s.status,
        "similarity": s.similarity,
        "base": _section_ref(s.base),
        "draft": _section_ref(s.draft),
        "title_changes": [_change(c) for c in s.title_changes],
        "intro_changes": [_change(c) for c in s.intro_changes],
    }


def _target(t: TargetChange) -> dict[str, Any]:
    return {
        "subject": t.subject,
        "status": t.status,
        "status_name": t.status_name,
        "base": t.base,
        "draft": t.draft,
        "kind": t.kind,
        "base_item_id": t.base_item_id,
        "draft_item_id": t.draft_item_id,
        "base_subject": t.base_subject,
        "confidence": t.confidence,
    }
