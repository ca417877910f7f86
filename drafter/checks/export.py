"""The target ledger as CSV for the meeting that approves the numbers (opens in Excel/WPS).

One row per pair (or unpaired target): both years side by side, how sure the pair is and the
words the subjects share.
"""

from __future__ import annotations

import csv
import io

from drafter.checks.targets import written
from drafter.targets.ledger import STATUS_NAMES, VERB_CHANGED, LedgerEntry
from drafter.targets.model import KIND_NAMES
from drafter.targets.numbers import format_value

#: Column headings, in order.
HEADER = ("变化", "类别", "指标（上年）", "上年要求", "上年数值", "指标（本年）", "本年要求",
          "本年数值", "单位", "增减", "上年位置", "本年位置", "本年原文", "上年原文", "把握",
          "依据")
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
            written(b) if b else "",
            format_value(b.value) if b else "",
            d.subject if d else "",
            written(d) if d else "",
            format_value(d.value) if d else "",
            e.target.unit,
            "" if change is None or e.status == VERB_CHANGED else format_value(round(change, 4)),
            b.where if b else "",
            d.where if d else "",
            d.text if d else "",
            b.text if b else "",
            f"{e.score:.0f}%" if b and d else "",
            "、".join(e.why) if b and d else "",
        ])
    return _BOM + out.getvalue()
