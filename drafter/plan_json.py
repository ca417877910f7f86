"""The JSON form of a plan, as ``drafter parse --format json`` prints it (a stable contract)."""

from __future__ import annotations

from typing import Any

from drafter.model import Plan


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """Plan → JSON-ready dict; unknown values are ``None``."""
    m = plan.meta
    return {
        "id": plan.id or None,
        "title": m.title or None,
        "year": m.year,
        "issuer": m.issuer,
        "region": m.region,
        "level": m.level,
        "doc_number": m.doc_number,
        "date": m.date,
        "addressees": m.addressees,
        "signature": m.signature,
        "notice": list(m.notice),
        "notes": m.notes,
        "copies_to": m.copies_to,
        "printer": m.printer,
        "print_date": m.print_date,
        "item_style": plan.item_style,
        "preamble": list(plan.preamble),
        "sections": [
            {
                "label": s.label,
                "title": s.title,
                "kind": s.kind,
                "intro": list(s.intro),
                "items": [
                    {
                        "id": it.id or None,
                        "label": it.label,
                        "heading": it.heading,
                        "body": it.body,
                        "text": it.text,
                        "subitems": [{"label": x.label, "text": x.text} for x in it.subitems],
                        "origin": it.origin or None,
                    }
                    for it in s.items
                ],
            }
            for s in plan.sections
        ],
        "closing": list(plan.closing),
        "source": {
            "file": plan.source.file or None,
            "format": plan.source.format or None,
            "encoding": plan.source.encoding,
            "sha256": plan.source.sha256 or None,
        },
        "warnings": [{"code": w.code, "message": w.message, "line": w.line} for w in plan.warnings],
        "partial": plan.partial,
        "format": plan.source.format or None,
    }
