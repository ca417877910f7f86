"""Plans in styles the seeds don't show parse sensibly: the parser generalises."""

from __future__ import annotations

import pytest

from drafter.ingest import read_plan
from drafter.model import ARABIC, PAREN, SHI


def parse(tmp_path, text, name="plan.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_plan(path)


ARABIC_PLAN = """\
2024年全县民政工作要点
2024年是实现“十四五”规划目标任务的关键一年。
一、加强党的建设
1.强化理论武装。深入学习贯彻党的二十大精神。
2、加强组织建设。推进党支部标准化建设。
二、兜牢民生底线
1. 完善社会救助。健全分层分类社会救助体系。
2. 提高保障标准。城市低保标准不低于800元/月。
3. 加强临时救助。落实急难发生地救助。
"""


def test_arabic_items_directly_under_sections(tmp_path):
    """1. / 1、 under 一、 with no （一） level become items, restarting per section."""
    plan = parse(tmp_path, ARABIC_PLAN)
    assert plan.item_style == ARABIC
    assert [len(s.items) for s in plan.sections] == [2, 3]
    assert plan.sections[1].items[1].heading == "提高保障标准。"
    assert plan.meta.level == "县" and plan.meta.year == 2024
    assert plan.preamble == ("2024年是实现“十四五”规划目标任务的关键一年。",)


def test_heading_on_its_own_line(tmp_path):
    """An item whose heading stands alone on a line takes the next paragraph as its body."""
    plan = parse(tmp_path, """\
2025年全市民政工作要点
一、养老服务
（一）加强儿童福利工作
细化困境儿童分类保障，提高孤儿保障水平。
（二）推进养老服务。建设社区养老服务中心。
""")
    first, second = plan.sections[0].items
    assert first.heading == "加强儿童福利工作"
    assert first.body == "细化困境儿童分类保障，提高孤儿保障水平。"
    assert second.heading == "推进养老服务。"


def test_subitems_inside_items(tmp_path):
    """1. and （1） inside a （一） item are its sub-items, not new items."""
    plan = parse(tmp_path, """\
2025年全区民政工作要点
一、社会救助
（一）提高救助标准。具体如下：
1.城市低保标准提高到每人每月900元。
2.农村低保标准提高到每人每年7800元。
（二）完善救助机制。内容。
（1）健全主动发现机制。
""")
    items = plan.sections[0].items
    assert len(items) == 2
    assert [s.label for s in items[0].subitems] == ["1.", "2."]
    assert items[0].subitems[1].text.startswith("农村低保标准")
    assert items[1].subitems[0].label == "（1）"
    assert "农村低保标准提高到每人每年7800元" in items[0].text


def test_shi_items_and_section_intro(tmp_path):
    """一是/二是 items, with the section's opening paragraph kept as its intro."""
    plan = parse(tmp_path, """\
2023年全区民政工作要点
一、兜牢民生底线
聚焦特殊群体，不断夯实民生保障基础。
一是推动救助政策落实。开展社会救助绩效评价。
二是加强救助资金监管。扩大监管平台覆盖面。
""")
    assert plan.item_style == SHI
    section = plan.sections[0]
    assert section.intro == ("聚焦特殊群体，不断夯实民生保障基础。",)
    assert [i.label for i in section.items] == ["一是", "二是"]


def test_notice_wrapper_with_ascii_brackets(tmp_path):
    """A notice with [2024] brackets, addressees, signature and 附注 fills the metadata."""
    plan = parse(tmp_path, """\
某某县民政局文件
某民发[2024]3号
某某县民政局关于印发《2024年全县民政工作要点》的通知
各乡镇民政办，局机关各股室：
现将《2024年全县民政工作要点》印发给你们，请认真贯彻落实。
某某县民政局
2024年1月5日
(此件公开发布)
2024年全县民政工作要点
一、加强党的建设
（一）强化理论武装。内容。
""")
    meta = plan.meta
    assert meta.doc_number == "某民发〔2024〕3号"
    assert meta.issuer == "某某县民政局"
    assert meta.date == "2024-01-05"
    assert meta.addressees == "各乡镇民政办，局机关各股室"
    assert meta.notes == "此件公开发布"
    assert meta.notice == ("现将《2024年全县民政工作要点》印发给你们，请认真贯彻落实。",)


def test_title_with_region_prefix(tmp_path):
    """A title such as 《涪陵区2024年民政工作要点》 still gives the plan year."""
    plan = parse(tmp_path, "《涪陵区2024年民政工作要点》\n一、加强党建\n（一）内容。正文。\n")
    assert plan.meta.year == 2024
    assert plan.meta.title == "涪陵区2024年民政工作要点"


def test_whole_plan_on_one_line(tmp_path):
    """A plan pasted as one line is split into its sections and items."""
    text = ("2024年全区民政工作要点" "坚持以习近平新时代中国特色社会主义思想为指导。" * 8
            + "一、加强党的建设（一）强化理论武装。深入学习。（二）加强组织建设。推进标准化。"
            + "二、兜牢民生底线（三）完善社会救助。健全体系。（四）提高标准。提高低保标准。")
    plan = parse(tmp_path, text)
    assert [len(s.items) for s in plan.sections] == [2, 2]
    assert plan.sections[1].title == "兜牢民生底线"


def test_pdf_line_breaks_inside_words(tmp_path):
    """Spaces from PDF line breaks inside words are removed before parsing."""
    plan = parse(tmp_path, "2024年全区民政工作要点\n一、加强民政工 作\n（一）加强儿童 福利工作。内容。\n")
    assert plan.sections[0].title == "加强民政工作"
    assert plan.sections[0].items[0].heading == "加强儿童福利工作。"


@pytest.mark.parametrize("label", ["(一)", "（一）", "( 一 )"])
def test_ascii_and_full_width_brackets(tmp_path, label):
    """（一）, (一) and ( 一 ) are the same label."""
    plan = parse(tmp_path, f"2024年全区民政工作要点\n一、养老服务\n{label}推进养老服务。内容。\n")
    assert plan.sections[0].items[0].label == "（一）"
    assert plan.item_style == PAREN


def test_section_numbering_gap_warned(tmp_path):
    """A skipped section number is kept and warned about."""
    plan = parse(tmp_path, "2024年全区民政工作要点\n一、甲\n（一）内容。\n三、丙\n（一）内容。\n")
    assert [s.label for s in plan.sections] == ["一、", "三、"]
    assert any(w.code == "numbering-gap" for w in plan.warnings)


def test_body_text_not_dropped(seed_paths, seed_plans):
    """Every sentence of a seed's body survives parsing (nothing dropped silently)."""
    import re

    plan = seed_plans[3]
    parsed = "".join(
        [plan.meta.title, *plan.preamble, *(s.title + "".join(s.intro) + "".join(i.text for i in s.items)
                           for s in plan.sections)]
    )
    source = seed_paths[3].read_text(encoding="utf-8")
    label = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、]")

    def norm(text):
        return re.sub(r"[\s,，:：;；()（）\u3000\xa0\u2002]|\[bookmark: _GoBack\]", "", text)

    pieces = (norm(label.sub("", p.strip())) for p in re.split(r"[。；\n]", source))
    sentences = [p for p in pieces if len(p) > 12]
    flat = norm(parsed)
    missing = [s for s in sentences if s not in flat]
    assert missing == []


def test_date_in_chinese_numerals(tmp_path):
    """A signature date written 二〇二四年一月十五日 is the plan's date, not a broken item."""
    plan = parse(tmp_path, """\
2024年全县民政工作要点
一、加强党的建设
（一）强化理论武装。深入学习。
（二）加强组织建设。推进标准化。
某某县民政局
二〇二四年一月十五日
""")
    assert plan.meta.date == "2024-01-15"
    assert plan.meta.signature == "某某县民政局"
    assert [i.label for i in plan.sections[0].items] == ["（一）", "（二）"]
    assert "民政局" not in plan.sections[0].items[-1].text


@pytest.mark.parametrize("text,expected", [
    ("2022年3月17日", "2022-03-17"),
    ("2024-1-5", "2024-01-05"),
    ("二零二四年十二月三十一日", "2024-12-31"),
    ("2022年2月30日", None),
    ("2022年13月1日", None),
])
def test_dates_normalised_and_checked(text, expected):
    """Dates become YYYY-MM-DD; impossible dates are not dates."""
    from drafter.parse.metadata import normalize_date

    assert normalize_date(text) == expected
