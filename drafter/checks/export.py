"""The target ledger as CSV for the meeting that approves the numbers (opens in Excel/WPS)."""

from __future__ import annotations

import csv
import io

from drafter.checks.targets import describe
from drafter.targets.ledger import STATUS_NAMES, LedgerEntry
from drafter.targets.model import KIND_NAMES
from drafter.targets.numbers import format_value

#: Column headings, in order.
HEADER = ("变化", "类别", "指标（上年）", "上年要求", "上年数值", "指标（本年）", "本年要求",
          "本年数值", "单位", "增减", "上年位置", "本年位置", "本年原文")
_BOM = "\ufeff"


def ledger_to_csv(entries: list[LedgerEntry] | tuple[LedgerEntry, ...]) -> str:
    """The ledger as CSV text starting with a BOM, so Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for e in entries:
        b, d = e.base, e.draft
        change = e.change
        writer.writerow([
            STATUS_NAMES[e.status],
            KIND_NAMES.get(e.target.kind, e.target.kind),
            b.subject if b else "",
            f"{b.comparator}{describe(b)}" if b else "",
            format_value(b.value) if b else "",
            d.subject if d else "",
            f"{d.comparator}{describe(d)}" if d else "",
            format_value(d.value) if d else "",
            e.target.unit,
            "" if change is None else format_value(round(change, 4)),
            b.where if b else "",
            d.where if d else "",
            d.text if d else "",
        ])
    return _BOM + out.getvalue()
