"""Review proposals for people (rich text) and for scripts (the JSON contract)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from drafter.review.model import COMMENT, DECISION_NAMES, KIND_NAMES, Proposal, Round

#: The keys of one change in ``drafter review --format json`` (a contract scripts rely on).
#: Characters of unchanged text shown either side of a change.
CONTEXT = 8

KEYS = ("kind", "author", "date", "section", "item", "before", "after", "comment")


def proposal_json(p: Proposal) -> dict[str, Any]:
    """One change as the JSON contract has it, plus its id and decision."""
    out: dict[str, Any] = {k: getattr(p, k) for k in KEYS}
    out["id"] = p.id
    out["decision"] = p.decision or None
    out["repeat_of"] = p.repeat_of or None
    out["replies"] = list(p.replies)
    return out


def round_json(r: Round) -> dict[str, Any]:
    """A round as JSON: ``{"changes": [...]}`` with the round's number and file."""
    return {
        "changes": [proposal_json(p) for p in r.proposals],
        "round": r.number,
        "file": r.file,
        "sections": list(r.sections),
    }


def word_change(p: Proposal) -> Text:
    """The change as struck and added words: ``[-旧-]{+新+}`` in colour."""
    out = Text()
    if p.kind == COMMENT:
        if p.before:
            out.append("“" + _short(p.before) + "”", style="underline")
        out.append(" 批注：" + (p.comment or ""), style="yellow")
        for reply in p.replies:
            out.append(f"\n    回复 {reply}", style="dim")
        return out
    if p.left:
        out.append("…" + p.left[-CONTEXT:], style="dim")
    if p.before:
        out.append("[-" + _short(p.before) + "-]", style="red strike")
    if p.after:
        out.append("{+" + _short(p.after) + "+}", style="green underline")
    if p.right:
        out.append(p.right[:CONTEXT] + "…", style="dim")
    if p.comment:
        out.append(" 批注：" + p.comment, style="yellow")
    return out


def line(p: Proposal) -> Text:
    """One line of the queue: id, kind, where, who, when, the change, the decision."""
    out = Text()
    out.append(f"{p.id:>5} ", style="bold")
    out.append(KIND_NAMES.get(p.kind, p.kind) + " ", style="cyan")
    out.append((p.where or "—") + " ", style="bold")
    out.append(f"{p.author or '未留痕修改'} ", style="magenta")
    if p.date:
        out.append(p.date[:10] + " ", style="dim")
    out.append_text(word_change(p))
    if p.decision:
        note = DECISION_NAMES[p.decision]
        if p.repeat_of:
            note = f"已在 {p.repeat_of} 拒绝，不再询问"
        out.append(f"  〔{note}〕", style="dim")
    return out


def _short(text: str, limit: int = 120) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"
