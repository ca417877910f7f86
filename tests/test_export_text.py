"""Markdown and plain-text exports of the seeds, and the notice's dates and numbers."""

from __future__ import annotations

import pytest

from drafter.errors import DrafterError
from drafter.export import export_bytes, notice_from_plan
from drafter.export.notice import format_date, format_doc_number
from drafter.export.sanitize import clean_text
from drafter.export.text import md_escape
from drafter.model import Plan


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-01-05", "2025年1月5日"),
        ("2025年01月05日", "2025年1月5日"),
        ("2025/1/5", "2025年1月5日"),
        ("20250105", "2025年1月5日"),
        ("2022-03-17", "2022年3月17日"),
    ],
)
def test_dates_take_the_official_form(given: str, expected: str) -> None:
    """成文日期 is written 2025年1月5日, without leading zeros."""
    assert format_date(given) == expected


@pytest.mark.parametrize("bad", ["明年", "2025-13-01", "2025-1"])
def test_bad_dates_are_refused_in_chinese(bad: str) -> None:
    """An unreadable date is an input error, not a crash."""
    with pytest.raises(DrafterError, match="无法识别"):
        format_date(bad)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("武民发[2020]5号", "武民发〔2020〕5号"),
        ("涪民政发（2022）40号", "涪民政发〔2022〕40号"),
        ("X民发【2025】3号", "X民发〔2025〕3号"),
        ("涪民政发〔2022〕40号", "涪民政发〔2022〕40号"),
    ],
)
def test_document_numbers_get_hexagonal_brackets(given: str, expected: str) -> None:
    """发文字号 brackets are normalised to 〔〕."""
    assert format_doc_number(given) == expected


def test_markdown_keeps_structure_and_escapes(seed_plans: list[Plan]) -> None:
    """Markdown has # title, ## sections, bold item lead sentences; 1. labels are not lists."""
    plan = seed_plans[1]
    md = export_bytes(plan, fmt="md").decode("utf-8")
    assert md.startswith("# 2023年全州民政工作要点\n")
    assert md.count("\n## ") == len(plan.sections)
    first = plan.sections[0].items[0]
    assert f"**（一）{md_escape(first.heading)}**" in md
    assert md_escape("1.加强") == "1\\.加强" and md_escape("a*b_c") == "a\\*b\\_c"


def test_text_export_indents_paragraphs(seed_plans: list[Plan]) -> None:
    """Plain text: title, then one paragraph a line indented with two full-width spaces."""
    plan = seed_plans[3]
    lines = export_bytes(plan, fmt="txt").decode("utf-8").splitlines()
    assert lines[0] == "2022年全旗民政工作要点"
    assert "\u3000\u3000一、" + plan.sections[0].title in lines
    assert lines[-2:] == ["乌审旗民政局", "2022年4月15日"]


def test_text_exports_carry_the_notice(seed_plans: list[Plan]) -> None:
    """With a notice, the text begins with its number and title and ends it with 附注."""
    plan = seed_plans[0]
    text = export_bytes(plan, fmt="txt", notice=notice_from_plan(plan)).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "涪民政发〔2022〕40号"
    assert lines[1] == "重庆市涪陵区民政局关于印发《2022年全区民政工作要点》的通知"
    assert "（此件公开发布）" in lines


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_every_seed_exports_as_text(seed_plans: list[Plan], fmt: str) -> None:
    """Every seed's item lead sentences appear in its Markdown and text exports."""
    for plan in seed_plans:
        out = export_bytes(plan, fmt=fmt).decode("utf-8")
        for _, _, _, item in plan.iter_items():
            head = md_escape(item.heading) if fmt == "md" else item.heading
            assert head in out


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("民政\x00工作", "民政工作"),
        ("\ufeff养老服务", "养老服务"),
        ("社会\x1b[0m救助", "社会[0m救助"),
        ("儿童\u200b福利", "儿童福利"),
        ("民政工\r\n作", "民政工作"),
        ("甲\t乙", "甲 乙"),
        ("区划\x85地名\ud800", "区划地名"),
        ("“1361”总体思路", "“1361”总体思路"),
    ],
)
def test_clean_text_drops_what_xml_cannot_hold(dirty: str, clean: str) -> None:
    """Control characters, BOM, zero-width space and lone surrogates go; text stays."""
    assert clean_text(dirty) == clean
