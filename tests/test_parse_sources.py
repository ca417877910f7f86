"""Where the issuer and the plan year come from: signature, titles, page labels, never an
addressee or a publication date."""

from __future__ import annotations

import pytest

from drafter.ingest import read_plan

BODY = ["一、加强党的建设", "（一）强化理论武装。认真学习党的二十大精神。"]


def _plan(tmp_path, lines):
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_plan(path)


@pytest.mark.parametrize("addressee", ["各旗区民政局：", "各旗区民政局", "各乡镇（街道）民政办"])
def test_addressee_is_never_the_issuer(tmp_path, addressee):
    """An addressee line, with or without its colon, is the 主送, not the office."""
    plan = _plan(tmp_path, ["关于印发《2024年全市民政工作要点》的通知", addressee,
                            "现将《2024年全市民政工作要点》印发给你们。", "2024年全市民政工作要点", *BODY])
    assert plan.meta.issuer != addressee.rstrip("：")
    assert plan.meta.addressees == addressee.rstrip("：")


@pytest.mark.parametrize(("lines", "issuer"), [
    (["信息来源：鄂托克旗民政局", "2024年全旗民政工作要点", *BODY], "鄂托克旗民政局"),
    (["发布机构：鄂托克旗民政局", "2024年全旗民政工作要点", *BODY], "鄂托克旗民政局"),
    (["鄂托克旗民政局关于印发2024年全旗民政工作要点的通知", "2024年全旗民政工作要点", *BODY],
     "鄂托克旗民政局"),
    (["鄂托克旗民政局2024年工作要点", *BODY], "鄂托克旗民政局"),
    (["信息来源：本网", "2024年全旗民政工作要点", *BODY], None),
])
def test_issuer_sources(tmp_path, lines, issuer):
    """Signature, notice title, the title's own prefix, 发布机构 or 信息来源 (an office only)."""
    assert _plan(tmp_path, lines).meta.issuer == issuer


def test_year_from_title_not_dates(tmp_path):
    """A 2023 plan published and dated 2024 is a 2023 plan."""
    plan = _plan(tmp_path, ["发布日期：2024-03-01", "成文日期：2024-02-27",
                            "2023年全旗民政工作要点", *BODY, "鄂托克旗民政局", "2024年2月27日"])
    assert plan.meta.year == 2023 and plan.meta.date == "2024-02-27"


def test_year_from_page_title_when_the_copy_has_none(tmp_path):
    """Without a title line the page's 标题 names the year (not the 发布日期)."""
    plan = _plan(tmp_path, ["标题：鄂托克旗民政局关于印发2023年全旗民政工作要点的通知",
                            "发布日期：2024-03-01", *BODY])
    assert plan.meta.year == 2023


def test_outline_items_are_headings(tmp_path):
    """An outline (headings without bodies) is a plan whose items are headings."""
    plan = _plan(tmp_path, ["2024年全旗民政工作要点", "一、加强党的建设", "（一）强化理论武装",
                            "（二）加强组织建设", "二、兜牢民生底线", "（三）完善社会救助"])
    assert [[i.heading for i in s.items] for s in plan.sections] == [
        ["强化理论武装", "加强组织建设"], ["完善社会救助"]]
    assert not plan.partial


def test_notice_body_kept_without_addressee(tmp_path):
    """A copy that starts at 现将《…》 (no addressee line) keeps the notice's sentence."""
    plan = _plan(tmp_path, ["现将《2024年全旗民政工作要点》印发给你们，请认真贯彻落实。",
                            "2024年全旗民政工作要点", *BODY])
    assert plan.meta.notice == ("现将《2024年全旗民政工作要点》印发给你们，请认真贯彻落实。",)
