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
