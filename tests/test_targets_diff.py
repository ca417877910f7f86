"""The diff's target links: pairs as pairs, and only targets whose text really changed."""

from __future__ import annotations

from rich.console import Console

from drafter.diff.align import diff_plans
from drafter.diff.render_text import summary
from tests.test_targets_ledger import seed_pair


def summary_text(diff) -> str:
    """The diff summary as plain text."""
    console = Console(width=400, record=True)
    console.print(summary(diff))
    return console.export_text()


def test_only_edited_targets_are_listed(seed_plans):
    """One figure edited in seed 002: the summary names that change and no other 提高/降低."""
    base, draft = seed_pair(seed_plans, 2, ("新增760张养老床位", "新增800张养老床位"))
    diff = diff_plans(base, draft)
    changed = [(t.subject, t.status) for t in diff.targets]
    assert changed == [("养老床位", "raised")]
    text = summary_text(diff)
    assert "养老床位：新增760张→新增800张（提高）" in text
    assert text.count("（提高）") == 1 and "（降低）" not in text


def test_unchanged_plan_lists_no_target_changes(seed_plans):
    """A plan against itself has no changed targets (kept standards aside)."""
    base, draft = seed_pair(seed_plans, 0)
    assert diff_plans(base, draft).targets == ()


def test_reworded_pair_and_changed_verb_show_as_pairs(seed_plans):
    """A renamed subject reads 本年（上年为“…”）; a changed verb is listed as such, linked."""
    base, draft = seed_pair(seed_plans, 2, ("改建180张认知障碍照护床位", "新增180张认知障碍照护床位"),
                            ("新增760张养老床位", "新增800张机构养老床位"))
    diff = diff_plans(base, draft)
    by_subject = {t.subject: t for t in diff.targets}
    assert by_subject["认知障碍照护床位"].status == "verb_changed"
    bed = by_subject["机构养老床位"]
    assert (bed.status, bed.base_subject, bed.base, bed.draft) == (
        "raised", "养老床位", "新增760张", "新增800张")
    assert "机构养老床位（上年为“养老床位”）" in summary_text(diff)
    linked = [n for p in diff.pairs for n in p.numbers if n.subject]
    assert ("机构养老床位", "raised") in {(n.subject, n.verdict) for n in linked}


def test_html_and_json_name_last_years_wording(seed_plans):
    """The HTML summary and the JSON targets carry the pair: last year's subject, confidence."""
    from drafter.diff.json import to_dict
    from drafter.diff.render_html import render_html

    base, draft = seed_pair(seed_plans, 2, ("新增760张养老床位", "新增800张机构养老床位"))
    diff = diff_plans(base, draft)
    assert "机构养老床位（上年为“养老床位”）" in render_html(diff)
    target = next(t for t in to_dict(diff)["targets"] if t["subject"] == "机构养老床位")
    assert target["base_subject"] == "养老床位" and 0.65 <= target["confidence"] <= 1


def test_ledger_csv_possible_row(seed_plans):
    """A possible pair is one CSV row with both years, its confidence and the shared words."""
    import csv
    import io

    from drafter.checks import ledger_to_csv, run_checks

    base, draft = seed_pair(seed_plans, 3, ("全年培训养老护理人员不少于100人次", ""),
                            ("加强社会工作专业人才队伍建设，",
                             "加强社会工作专业人才队伍建设，培训居家照护人员不少于120人次，"))
    rows = list(csv.DictReader(io.StringIO(ledger_to_csv(run_checks(draft, base=base).ledger)
                                           .lstrip("\ufeff"))))
    row = next(r for r in rows if r["变化"] == "可能对应")
    assert (row["指标（上年）"], row["指标（本年）"]) == ("养老护理人员", "居家照护人员")
    assert row["把握"].endswith("%") and "人员" in row["依据"]
