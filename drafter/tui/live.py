"""Checks while typing: the last full report, with the current item re-checked at once."""

from __future__ import annotations

from typing import Any

from drafter.model import Plan
from drafter.tui.widgets.outline import Ref


class LiveChecks:
    """Merges the last full check report with cheap per-item re-checks made while typing."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        """The draft's plan year (stale wording is judged against it)."""
        self.report: Any = None
        """The last full check report (None before the first run ends)."""
        self._findings: list[Any] = []
        self._typed: dict[str, tuple[str, list[Any]]] = {}
        self._rules: Any = None

    def set_report(self, plan: Plan, report: Any) -> None:
        """Take a full report; re-checks it already covers are dropped."""
        self.report = report
        self._findings = list(report.findings)
        for item_id, (text, _) in list(self._typed.items()):
            pos = plan.find_item(item_id)
            if pos is not None and plan.sections[pos[0]].items[pos[1]].text == text:
                del self._typed[item_id]

    def forget_typing(self) -> None:
        """Drop per-item re-checks (after a structural change ids move; a full run follows)."""
        self._typed.clear()

    def recheck(self, plan: Plan, ref: Ref) -> None:
        """Re-check the stale wording of the item at ``ref`` right away."""
        if len(ref) != 2 or self.year is None:
            return
        section = plan.sections[ref[0]]
        item = section.items[ref[1]]
        found = self._check_text(item.text, section.title, item.label, item.id)
        self._typed[item.id] = (item.text, found)

    def findings(self, plan: Plan) -> list[Any]:
        """The report's findings with those of re-checked items replaced by fresh ones."""
        fresh: dict[str, list[Any]] = {}
        for item_id, (text, found) in self._typed.items():
            pos = plan.find_item(item_id)
            if pos is not None and plan.sections[pos[0]].items[pos[1]].text == text:
                fresh[item_id] = found
        kept = [f for f in self._findings
                if not (getattr(f, "item_id", None) in fresh and _is_stale(f))]
        for found in fresh.values():
            kept.extend(found)
        order = {item.id: n for n, (_, _, _, item) in enumerate(plan.iter_items(), 1)}
        return sorted(kept, key=lambda f: order.get(getattr(f, "item_id", ""), 0))

    def ref_of(self, plan: Plan, finding: Any) -> Ref | None:
        """The outline row a finding is about, if any."""
        item_id = getattr(finding, "item_id", None)
        if item_id:
            pos = plan.find_item(item_id)
            if pos is not None:
                return pos
        title = getattr(finding, "section", "")
        for si, section in enumerate(plan.sections):
            if title and section.title == title:
                for ii, item in enumerate(section.items):
                    if item.label and item.label == getattr(finding, "item", ""):
                        return si, ii
                return (si,)
        return () if not title and not getattr(finding, "item", "") else None

    def _check_text(self, text: str, section: str, label: str, item_id: str) -> list[Any]:
        """Stale-wording findings for one item's text (the cheap check)."""
        from drafter.checks.rules import default_rules
        from drafter.checks.stale import check_text

        if self._rules is None:
            self._rules = default_rules()
        assert self.year is not None
        return check_text(text, self.year, self._rules, section=section, item=label,
                          item_id=item_id)


def _is_stale(finding: Any) -> bool:
    """Whether a finding comes from a wording rule (what the per-item re-check redoes)."""
    return bool(getattr(finding, "rule", ""))


def position_label(plan: Plan, ref: Ref | None) -> str:
    """Where a row is, as the writer reads it: 三、（二）."""
    if ref is None:
        return "全文"
    if not ref:
        return "开头"
    section = plan.sections[ref[0]]
    if len(ref) == 1:
        return section.label or section.title[:6]
    return f"{section.label}{section.items[ref[1]].label}"
