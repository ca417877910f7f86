"""Review rounds as plain dictionaries, for the draft file (the library store writes them)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from drafter.review.model import DECISIONS, KINDS, TARGETS, Proposal, Round

_OPTIONAL = ("author", "date", "section", "item", "before", "after", "comment")
_INTS = ("section_no", "item_no", "to_section")


def proposal_to_dict(p: Proposal) -> dict[str, Any]:
    """A proposal as a dictionary; empty and None values left out."""
    out: dict[str, Any] = {}
    for f in fields(p):
        value = getattr(p, f.name)
        if value is None or value == "" or value == () or (f.name in _INTS and value == 0):
            continue
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def proposal_from_dict(data: dict[str, Any], where: str) -> Proposal:
    """A proposal from its dictionary, every value's type checked."""
    def text(key: str, default: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise ValueError(f"{where}的“{key}”应为文字")
        return value

    def optional(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{where}的“{key}”应为文字")
        return value

    def number(key: str) -> int:
        value = data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{where}的“{key}”应为整数")
        return value

    kind, target, decision = text("kind"), text("target", "item"), text("decision")
    if kind not in KINDS or target not in TARGETS or decision not in DECISIONS:
        raise ValueError(f"{where}的种类、位置或决定无法识别")
    replies = data.get("replies", [])
    if not isinstance(replies, list) or not all(isinstance(r, str) for r in replies):
        raise ValueError(f"{where}的“replies”应为文字列表")
    values: dict[str, Any] = {k: optional(k) for k in _OPTIONAL}
    values.update({k: number(k) for k in _INTS})
    values.update({k: text(k) for k in ("anchor", "left", "right", "to_anchor", "reply",
                                        "decided", "repeat_of")})
    return Proposal(id=text("id"), kind=kind, target=target, decision=decision,
                    replies=tuple(replies), **values)


def round_fields(r: Round) -> dict[str, Any]:
    """The round's own fields (proposals and snapshot are written separately)."""
    out: dict[str, Any] = {"number": r.number, "file": r.file, "sha256": r.sha256,
                           "imported": r.imported}
    if r.sections:
        out["sections"] = list(r.sections)
    return out


def round_from_dict(data: dict[str, Any], n: int, snapshot: Any) -> Round:
    """A round from its dictionary (``snapshot`` already read as a plan, or None)."""
    where = f"第 {n} 轮审阅"
    number = data.get("number", n)
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValueError(f"{where}的“number”应为整数")
    for key in ("file", "sha256", "imported"):
        if not isinstance(data.get(key, ""), str):
            raise ValueError(f"{where}的“{key}”应为文字")
    sections = data.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
        raise ValueError(f"{where}的“sections”应为文字列表")
    proposals = data.get("proposals", [])
    if not isinstance(proposals, list) or not all(isinstance(p, dict) for p in proposals):
        raise ValueError(f"{where}的“proposals”应为表格列表")
    return Round(
        number=number, file=data.get("file", ""), sha256=data.get("sha256", ""),
        imported=data.get("imported", ""), sections=tuple(sections), snapshot=snapshot,
        proposals=tuple(proposal_from_dict(p, f"{where}第 {k} 条")
                        for k, p in enumerate(proposals, 1)),
    )
