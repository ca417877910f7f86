"""``drafter parse`` of drafter's own export gives the plan back: sections, items, levels,
labels, and for a notice its 文号, 主送, 附注 and 版记."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_export_cli import _run
from test_export_render import MODES, _notice, builtin_plans

from drafter.export import export_plan, notice_from_plan
from drafter.export.document import numbered
from drafter.ingest import read_plan
from drafter.model import ARABIC, PAREN, Item, Meta, Plan, Section, SubItem
from drafter.parse.record import split_record

PLANS = builtin_plans()


def _compare(plan: Plan, back: Plan) -> None:
    """The parsed plan has the exported plan's text, structure and printed labels."""
    assert back.meta.title == plan.meta.title
    assert back.preamble == plan.preamble and back.closing == plan.closing
    assert back.item_style == plan.item_style
    assert len(back.sections) == len(plan.sections)
    for (label, section, items), got in zip(numbered(plan), back.sections, strict=True):
        assert (got.label, got.title, got.intro) == (label, section.title, section.intro)
        assert [(i.label, i.heading, i.body, i.subitems) for i in got.items] == [
            (lab, it.heading, it.body, it.subitems) for lab, it in items
        ]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("index", range(len(PLANS)))
def test_parse_of_the_export_gives_the_plan_back(tmp_path: Path, index: int, mode: str) -> None:
    """Every built-in plan in every mode: structure and labels come back exactly; a notice's
    文号, 主送, body, 附注, signature and date, and the 版记's 抄送, 印发机关 and date too — the
    版记 is no longer read as the end of the last item."""
    plan = PLANS[index]
    notice = _notice(plan, mode)
    out = export_plan(plan, tmp_path / "x.docx", notice=notice,
                      profile="plain" if mode == "plain" else "gbt9704")  # fmt: skip
    back = read_plan(out)
    _compare(plan, back)
    m = back.meta
    if notice is None:
        assert (m.signature, m.date) == (plan.meta.signature, plan.meta.date)
        return
    assert m.doc_number == (notice.doc_number or None)
    assert m.addressees == (notice.addressees or None)
    assert m.notes == (notice.notes or None)
    assert m.date == (notice.date or None)
    assert m.notice == (notice.body or plan.meta.notice or m.notice)
    assert (m.copies_to, m.printer) == (notice.copies_to or None, notice.printer or None)
    if notice.has_record:
        assert m.print_date == notice.date


def test_doc_number_keeps_a_latin_prefix(tmp_path: Path) -> None:
    """X民发〔2025〕3号 comes back with its prefix."""
    plan = PLANS[3]
    notice = replace(notice_from_plan(plan), doc_number="X民发〔2025〕3号")
    back = read_plan(export_plan(plan, tmp_path / "x.docx", notice=notice))
    assert back.meta.doc_number == "X民发〔2025〕3号"


def _plan(style: str, items: tuple[Item, ...]) -> Plan:
    """A two-section plan with the given items in section 一."""
    second = Section("二、", "加强自身建设", items=(Item(items[0].label, "强化党建引领。", "抓好党建。"),))
    return Plan(
        meta=Meta(title="2026年全区民政工作要点", year=2026, issuer="某区民政局"),
        preamble=("2026年是“十五五”开局之年。",),
        sections=(Section("一、", "兜牢民生底线", items=items), second),
        item_style=style,
    )


@pytest.mark.parametrize(
    ("style", "items"),
    [
        (ARABIC, (Item("1.", "完善社会救助。", "落实低保制度。",
                       (SubItem("（1）", "提高城乡低保标准。"), SubItem("（2）", "加强动态管理。"))),
                  Item("2.", "发展养老服务。", "建设养老服务中心。"))),
        (PAREN, (Item("（一）", "完善社会救助。", "落实低保制度。",
                      (SubItem("1.", "提高低保标准。"), SubItem("（1）", "城市低保每人每月提高30元。"),
                       SubItem("（2）", "农村低保每人每月提高20元。"), SubItem("2.", "加强动态管理。"))),
                 Item("（二）", "发展养老服务。", "建设养老服务中心。"))),
    ],
)  # fmt: skip
def test_sub_items_come_back_under_their_item(tmp_path: Path, style: str, items) -> None:
    """（1） under a 1. item, and 1./（1） inside a （一） item, come back as the item's
    sub-items, in order, not as items of their own."""
    plan = _plan(style, items)
    _compare(plan, read_plan(export_plan(plan, tmp_path / "x.docx")))


def test_parse_json_reports_the_record(home: Path, tmp_path: Path) -> None:
    """``drafter parse --format json`` of a notice export lists the 版记 fields."""
    plan = PLANS[-1]
    out = export_plan(plan, tmp_path / "x.docx", notice=_notice(plan, "full"))
    status, stdout, _ = _run("parse", str(out), "--format", "json")
    data = json.loads(stdout)
    assert status == 0
    assert data["copies_to"] == "区委办公室，区政府办公室，区人大常委会办公室"
    assert data["printer"] == "重庆市涪陵区民政局办公室" and data["print_date"] == "2022-03-17"


@pytest.mark.parametrize(
    "tail",
    [
        ("抄送：区委办公室。", "某区民政局办公室\t2025年1月5日印发"),
        ("抄送：区委办公室。", "某区民政局办公室", "2025年1月5日印发"),
        ("某区民政局办公室  2025年1月5日印发",),
    ],
)
def test_record_lines_are_taken_off_the_end(tail: tuple[str, ...]) -> None:
    """The 版记 is recognised with its parts on one line, on two, or without 抄送."""
    lines, record = split_record(("一、总体要求", "正文。", *tail))
    assert lines == ("一、总体要求", "正文。")
    assert record is not None and record.printer == "某区民政局办公室"
    assert record.print_date == "2025-01-05"
    assert record.copies_to == ("区委办公室" if len(tail) > 1 else "")


def test_text_ending_in_a_date_is_no_record() -> None:
    """A plan whose last line merely mentions 印发 keeps it."""
    lines = ("正文。", "2025年1月5日前印发实施方案。")
    assert split_record(lines) == (lines, None)
