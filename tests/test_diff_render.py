"""Rendering a diff: terminal text (rich), HTML for e-mail, and JSON."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from functools import cache

import pytest
from rich.console import Console
from test_diff_edits import NEW_ITEM, edited, seed_plan

from drafter.diff import diff_plans
from drafter.diff.json import dumps
from drafter.diff.model import PlanDiff
from drafter.diff.render_html import render_html
from drafter.diff.render_text import print_diff


@cache
def _diff() -> PlanDiff:
    """Seed 001 against its edited draft."""
    plan = seed_plan(1)
    draft, _ = edited(plan)
    return diff_plans(plan, draft)


def _text(width: int = 100, **options: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False)
    print_diff(_diff(), console, pager=False, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    "mark",
    [
        "650→680元/月",
        "[-提升-]{+着力+}",
        "［删除］",
        "［新增］",
        "［拆分为2项］",
        "［移动，原第1部分第5项］",
        "{+推进民政数据共享。",
    ],
)
def test_text_marks_read_without_colour(mark: str) -> None:
    """Without colour every change still shows: [-删-]{+增+}, tags, number changes."""
    assert mark in _text(only_changes=True)


def test_only_changes_leaves_out_unchanged_items() -> None:
    """The full view shows unchanged items; only-changes drops them and is much shorter."""
    full, short = _text(), _text(only_changes=True)
    unchanged = seed_plan(1).sections[0].items[0].heading
    assert unchanged in full and unchanged not in short
    assert len(short) < len(full) / 3


def test_side_by_side_has_last_year_and_this_year_columns() -> None:
    """Side by side, last year's text (with deletions) faces the draft (with insertions)."""
    text = _text(width=240, only_changes=True, side_by_side=True)
    assert "去年" in text and "今年" in text
    assert "[-650元/月-]" in text and "{+680元/月+}" in text


def test_summary_lists_counts_and_changed_targets() -> None:
    """The summary counts each status and names the changed target from the ledger."""
    head = _text(only_changes=True).split("──")[0]
    for name in ("未变", "修改", "移动", "新增", "删除", "拆分"):
        assert name in head
    assert "城市低保标准：不低于650元/月→不低于680元/月（提高）" in head


def test_pager_only_on_a_terminal() -> None:
    """Output to a file or pipe is never paged, however long."""
    out = io.StringIO()
    console = Console(file=out, width=100, height=10, color_system=None)
    print_diff(_diff(), console)  # would page if it took the terminal for a tty
    assert "年度对比" in out.getvalue()


def test_html_is_self_contained_with_inline_styles() -> None:
    """The HTML has no style sheet, script or link (mail clients drop them); marks inline."""
    html = render_html(_diff(), only_changes=True)
    for banned in ("<style", "<script", "<link", "src="):
        assert banned not in html
    assert '<del style="' in html and '<ins style="' in html
    assert "650→680元/月" in html
    assert NEW_ITEM.heading in html


def test_html_side_by_side_is_a_table() -> None:
    """Side by side in HTML is a two-column table."""
    html = render_html(_diff(), only_changes=True, side_by_side=True)
    assert "<table" in html and "去年" in html and "今年" in html


def test_json_shape() -> None:
    """JSON has the agreed keys: summary counts and pairs with status, refs and changes."""
    data = json.loads(dumps(_diff()))
    assert {"same", "changed", "moved", "added", "removed"} <= set(data["summary"])
    pair = next(p for p in data["pairs"] if p["status"] == "changed")
    assert {"status", "similarity", "base", "draft", "changes"} <= set(pair)
    assert {"section", "item", "text"} <= set(pair["base"])
    assert {"op", "base", "draft"} <= set(pair["changes"][0])
    added = next(p for p in data["pairs"] if p["status"] == "added")
    assert added["base"] is None and added["draft"]["text"] == NEW_ITEM.text
    assert len(data["pairs"]) == len(_diff().pairs)


@pytest.mark.parametrize(("height", "paged"), [(10, True), (100_000, False)])
def test_pager_on_a_terminal_when_taller_than_the_screen(
    monkeypatch: pytest.MonkeyPatch, height: int, paged: bool
) -> None:
    """On a terminal the diff goes through the pager only when it does not fit the screen."""
    shown: list[str] = []
    monkeypatch.setattr("rich.pager.SystemPager.show", lambda self, content: shown.append(content))
    out = io.StringIO()
    console = Console(file=out, width=100, height=height, force_terminal=True)
    print_diff(_diff(), console, only_changes=True)
    assert bool(shown) == paged
    assert "年度对比" in (shown[0] if paged else out.getvalue())


def test_section_intro_changes_are_shown() -> None:
    """A reworded section intro is shown with its marks."""
    plan = seed_plan(1)
    sections = list(plan.sections)
    sections[0] = replace(sections[0], intro=("全面贯彻新时代党的建设总要求。",))
    diff = diff_plans(plan, replace(plan, sections=tuple(sections)))
    out = io.StringIO()
    print_diff(diff, Console(file=out, width=100, color_system=None), only_changes=True)
    assert "引言：{+全面贯彻新时代党的建设总要求。+}" in out.getvalue()
