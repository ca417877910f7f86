"""Page furniture is matched by kind from ``templates/ingest/furniture.toml``, tolerantly."""

from __future__ import annotations

import pytest

from drafter.ingest import clean as C
from drafter.ingest import furniture as F


@pytest.fixture(autouse=True)
def fresh_vocabulary(home):
    """Each test reads the vocabulary again (an office's own file may be added)."""
    F.vocabulary.cache_clear()
    yield
    F.vocabulary.cache_clear()


@pytest.mark.parametrize(("line", "key", "value"), [
    ("文       号：涪民政发〔2022〕40号", "发文字号", "涪民政发〔2022〕40号"),
    ("[ 索号 ]   115001020086702870/2022-00046", "索引号", "115001020086702870/2022-00046"),
    ("[ 有性 ] 有效", "有效性", "有效"),
    ("【发布机构】涪陵区民政局", "发布机构", "涪陵区民政局"),
    ("发布机构 涪陵区民政局", "发布机构", "涪陵区民政局"),
    ("成 文 日 期：2020年06月11日", "成文日期", "2020年06月11日"),
    ("信息来源：XX区民政局", "信息来源", "XX区民政局"),
    ("• 发布机构", "发布机构", ""),
])
def test_label_spellings(line, key, value):
    """Padded, bracketed, colon-less and one-character-short labels are the same label."""
    hit = F.label_at(line)
    assert hit is not None and (hit.kind, hit.key, hit.value) == (F.METADATA, key, value)


@pytest.mark.parametrize("line", [
    "2022年全区民政工作要点", "一、加强党的建设", "各旗区民政局：", "（三）推进无障碍环境建设",
    "深化“救在身边”行动，健全社会救助主动发现机制，畅通救助服务热线。",
    "来源于群众的意见建议要及时回应。", "完成时间：2024年底前", "资金来源：区财政",
])
def test_plan_text_is_not_a_label_or_furniture(line):
    """Titles, headings, addressees and sentences are the plan's own text."""
    assert F.line_kind(line) is None
    hit = F.label_at(line)
    assert hit is None or hit.kind != F.DROP


def test_several_labels_on_one_line():
    """``发布时间：… 来源： 访问次数：`` is three labelled values."""
    hit = F.label_at("发布时间：2023-04-10 15:31 来源： 访问次数：")
    hits = F.split_values(hit)
    assert [(h.key, h.value) for h in hits] == [
        ("发布日期", "2023-04-10 15:31"), ("信息来源", ""), ("访问次数", "")]


def test_spaced_and_bracketed_labels_split_a_line():
    """A label further on may be spaced out inside its brackets (``[ 来  源 ]：``)."""
    hit = F.label_at("发布时间：2022-03-21 | [ 来  源 ]：乌审旗民政局   浏览次数：316")
    assert [(h.key, h.value) for h in F.split_values(hit)] == [
        ("发布日期", "2022-03-21"), ("信息来源", "乌审旗民政局"), ("浏览次数", "316")]
    # A colon inside the plan's own words starts no label.
    hit = F.label_at("发布机构：乌审旗民政局 备注说明：按时完成")
    assert [h.key for h in F.split_values(hit)] == ["发布机构"]


@pytest.mark.parametrize(("line", "kind"), [
    ("【字体： 大 中 小】 打印", "buttons"),
    ("[ 打印 ]   [ 纠错 ]   [ 返回顶部 ]", "buttons"),
    ("部  门", "navigation"),
    ("— 3 —", "page_number"),
    ("- 12 -", "page_number"),
    ("第3页 共9页", "page_number"),
    ("共 9 页 第 3 页", "page_number"),
    ("3/9", "page_number"),
    ("[图片]", "image"),
    ("附图.jpg", "image"),
    ("12345", "hotline"),
    ("Copyright © 2022 宝山区人民政府 版权所有", "footer"),
    ("所在位置： 网站首页 › 信息公开 › 通知公告", "breadcrumb"),
    ("首页 > 政务公开 > 规划计划 > 正文", "breadcrumb"),
    ("审核人：向某某    责任编辑：彭某", "label"),
    ("值班编辑：张三", "label"),
    ("【点击次数】 88", "label"),
    ("发稿时间：2022-03-21 10:05", "label"),
    ("阅读数：1024", "label"),
])
def test_kinds_of_furniture(line, kind):
    """Each kind of furniture is recognised, spellings beyond the listed ones included."""
    assert F.line_kind(line) == kind


def test_pipe_table_metadata():
    """A metadata table row yields its values; a rule row yields nothing and goes."""
    out = C.extract_web_metadata(C.Cleaning((
        "| 索引号： | 43310000-2023-00017 | 主题分类： | 民政 |",
        "| --- | --- | --- | --- |",
        "| 发布机构： | 湘西州民政局 | 文号： |  |",
        "2023年全州民政工作要点",
    )))
    assert out.lines == ("2023年全州民政工作要点",)
    assert out.web_meta["发布机构"] == "湘西州民政局"
    assert out.web_meta["索引号"] == "43310000-2023-00017"


def test_office_adds_its_own_words(home):
    """An office's furniture.toml in its configuration folder adds to the shipped lists."""
    line = "【稿源】本站原创"
    assert F.line_kind(line) is None
    config = home / "config"
    config.mkdir(parents=True)
    (config / "furniture.toml").write_text('[drop]\nlabels = ["稿源"]\n', encoding="utf-8")
    F.vocabulary.cache_clear()
    assert F.line_kind(line) == "label"


def test_broken_office_file_is_one_sentence(home):
    """A broken furniture.toml is named in one Chinese sentence."""
    config = home / "config"
    config.mkdir(parents=True)
    (config / "furniture.toml").write_text("[drop\nlabels = 1", encoding="utf-8")
    F.vocabulary.cache_clear()
    from drafter.errors import DrafterError

    with pytest.raises(DrafterError, match=r"furniture\.toml"):
        F.vocabulary()


def test_traditional_labels():
    """A mirror site's traditional labels (發佈機構) are the same labels."""
    hit = F.label_at("發佈機構：涪陵區民政局")
    assert hit is not None and hit.key == "发布机构" and hit.value == "涪陵區民政局"


def test_bracketed_labels_split_a_line():
    """【发布单位】…【发稿时间】…【浏览量】… is three values; the unlisted ones are of a kind."""
    hits = F.split_values(F.label_at("【发布单位】涪陵区民政局  【发稿时间】2022-03-21  【浏览量】316"))
    assert [(h.kind, h.key, h.value) for h in hits] == [
        (F.METADATA, "发布机构", "涪陵区民政局"), (F.DROP, "发稿时间", "2022-03-21"),
        (F.DROP, "浏览量", "316")]


def test_html_metadata_table_cells_stay_apart(tmp_path):
    """A page's metadata table (<td>索引号：</td><td>…</td>) is read cell by cell."""
    from drafter.ingest import read_plan

    page = ("<html><body><table><tr><td>索引号：</td><td>115001/2022-00046</td><td>发布机构：</td>"
            "<td>涪陵区民政局</td></tr></table><p>2022年全区民政工作要点</p><p>一、加强党的建设</p>"
            "<p>（一）强化理论武装。认真学习。</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    plan = read_plan(path)
    assert plan.meta.issuer == "涪陵区民政局"
    assert "115001" not in "".join(plan.preamble)
