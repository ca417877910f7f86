"""The report as data: JSON shape, CSV ledger, rich rendering."""

from __future__ import annotations

import csv
import io
import json

from drafter.checks import ledger_to_csv, render_report, report_to_json, run_checks
from drafter.checks.targets import written
from drafter.textout import cells, painter

TARGET_KEYS = {"subject", "value", "unit", "comparator", "kind", "text", "section", "item"}
FINDING_KEYS = {"code", "severity", "message", "section", "item", "evidence", "suggestion"}


def test_json_shape(home, seed_plans):
    """The JSON has year, targets and findings with the documented keys, and serialises."""
    data = report_to_json(run_checks(seed_plans[0], year=2027))
    assert data["year"] == 2027
    assert data["targets"] and data["findings"]
    assert all(set(t) >= TARGET_KEYS for t in data["targets"])
    assert all(set(f) >= FINDING_KEYS for f in data["findings"])
    assert {f["severity"] for f in data["findings"]} <= {"error", "warning", "info"}
    json.dumps(data, ensure_ascii=False)


def test_no_year_is_reported(home):
    """A plan without a year is checked for form and says it skipped stale wording."""
    from drafter.model import Plan

    report = run_checks(Plan())
    assert report.year is None
    assert [f.code for f in report.findings] == ["no-year"]


def test_ledger_csv(home, seed_plans):
    """The CSV starts with a BOM, has the header, and one row per ledger entry."""
    report = run_checks(seed_plans[3], base=seed_plans[3])
    text = ledger_to_csv(report.ledger)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["变化", "类别", "指标（上年）"]
    assert len(rows) == len(report.ledger) + 1
    assert {r[0] for r in rows[1:]} == {"持平"}
    assert any(r[2] == "城市低保标准" and r[4] == "900" for r in rows[1:])


def test_render(home, seed_plans):
    """The text report shows the title, the year, targets and findings in Chinese, its
    columns aligned by terminal cells, and colours only when asked."""
    report = run_checks(seed_plans[0], year=2027, base=seed_plans[0])
    out = render_report(report)
    for words in ("2022年全区民政工作要点", "按2027年度检查", "量化指标", "指标对比", "检查结果",
                  "养老机构平均入住率", "错误"):
        assert words in out
    assert "\x1b" not in out
    lines = out.splitlines()
    top = lines.index("量化指标")
    header = lines[top + 1]
    column = cells(header[: header.index("要求")])
    aligned = 0
    for row, t in zip(lines[top + 3 :], report.targets, strict=False):
        if max(cells(t.where), cells(t.subject)) <= 36:  # wider cells push their row along
            start = row.index(written(t), len(t.where) + len(t.subject))
            assert cells(row[:start]) == column, row
            aligned += 1
    assert aligned > 10
    coloured = render_report(report, paint=painter(True))
    assert "\x1b[1;31m错误" in coloured and coloured.count("\x1b[0m") > len(report.findings)
