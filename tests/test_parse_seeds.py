"""The parser reproduces the structure and metadata each real seed states."""

from __future__ import annotations

import json
import re

import pytest

from drafter.cli import main
from drafter.model import PAREN, PAREN_CONTINUOUS, SHI

EXPECTED_ITEMS = {
    0: [4, 3, 4, 2, 3, 4, 4, 3, 3, 3, 10],
    1: [5, 3, 4, 4, 3, 4, 3, 2, 4, 4, 8],
    2: [5, 5, 5, 3, 4, 3, 5],
    3: [4, 2, 4, 4, 0, 3, 4, 3, 5],
    4: [2, 3, 3, 3, 3, 4, 5, 5, 3, 3],
}

EXPECTED_META = {
    0: dict(year=2022, issuer="重庆市涪陵区民政局", date="2022-03-17",
            doc_number="涪民政发〔2022〕40号", level="区", notes="此件公开发布"),
    1: dict(year=2023, date=None, doc_number=None, level="州"),
    2: dict(year=2022, issuer="上海市宝山区民政局", date="2022-03-28", doc_number=None),
    3: dict(year=2022, issuer="乌审旗民政局", date="2022-04-15", level="旗"),
    4: dict(year=2020, issuer="武汉经开区（汉南区）民政局", date="2020-06-11", level="区"),
}

EXPECTED_STYLE = {0: PAREN_CONTINUOUS, 1: PAREN, 2: SHI, 3: PAREN, 4: PAREN_CONTINUOUS}

DEBRIS = re.compile(r"分享文章|索引号|主办单位|备案证|公网安备|网站地图|bookmark|_GoBack|部  门|字 号")


@pytest.mark.parametrize("n", range(5))
def test_items_per_section(seed_plans, n):
    """Each seed splits into exactly the sections and items it has."""
    plan = seed_plans[n]
    assert [len(s.items) for s in plan.sections] == EXPECTED_ITEMS[n]


@pytest.mark.parametrize("n", range(5))
def test_metadata(seed_plans, n):
    """Year, issuer, date, document number and level are what the seed states."""
    meta = seed_plans[n].meta
    for key, value in EXPECTED_META[n].items():
        assert getattr(meta, key) == value, key


@pytest.mark.parametrize("n", range(5))
def test_item_style(seed_plans, n):
    """Restarting （一）, continuous （一）…（三十三） and 一是 are told apart."""
    assert seed_plans[n].item_style == EXPECTED_STYLE[n]


@pytest.mark.parametrize("n", range(5))
def test_no_debris_in_output(seed_plans, seed_paths, n):
    """No web or Word debris survives into the parsed plan (JSON output of parse)."""
    plan = seed_plans[n]
    text = json.dumps([plan.preamble, [(s.title, s.intro, [i.text for i in s.items])
                                       for s in plan.sections]], ensure_ascii=False)
    assert not DEBRIS.search(text)


def test_section_titles_seed_000(seed_plans):
    """Section titles are kept whole and without their labels."""
    titles = [s.title for s in seed_plans[0].sections]
    assert titles[0] == "深入推进全面从严治党"
    assert titles[-1] == "民政领域十件民生实事"
    assert seed_plans[0].sections[-1].kind == "minsheng"
    assert seed_plans[1].sections[1].kind == "minsheng"  # 全力办好省州民生实事


def test_item_heading_and_body(seed_plans):
    """An item's lead sentence becomes its heading; the rest its body."""
    item = seed_plans[0].sections[3].items[1]
    assert item.label == "（十三）"
    assert item.heading == "加强儿童福利工作。"
    assert item.body.startswith("细化困境儿童分类保障")


def test_minsheng_list_items(seed_plans):
    """The 一是…十是 list of 民生实事 becomes ten items labelled 一是…十是."""
    section = seed_plans[0].sections[-1]
    assert [i.label for i in section.items][:3] == ["一是", "二是", "三是"]
    assert section.items[0].text.startswith("新建乡镇养老服务中心5个")


def test_repeated_copies_kept_once(seed_plans):
    """Seed 002 was pasted three times: one copy is kept and a warning says so."""
    plan = seed_plans[2]
    assert plan.item_count() == 30
    assert any(w.code == "duplicate-copy" and "3" in w.message for w in plan.warnings)


def test_section_without_items(seed_plans):
    """Seed 003 section 五 has only a paragraph: it becomes the section's intro."""
    section = seed_plans[3].sections[4]
    assert section.items == ()
    assert section.intro and section.intro[0].startswith("制定方案开展散居孤儿")


def test_broken_numbering_kept_with_warnings(seed_plans):
    """Seed 004's 十三) and bare 三十一 are repaired, （二十） twice is kept; all warned."""
    plan = seed_plans[4]
    labels = [i.label for _, _, _, i in plan.iter_items()]
    assert "（十三）" in labels and "（三十一）" in labels
    assert labels.count("（二十）") == 2
    assert len(labels) == 34
    codes = [w.code for w in plan.warnings]
    assert codes.count("numbering-repaired") == 2
    assert "numbering" in codes
    assert any(w.code == "mangled-number" and "202041日" in w.message for w in plan.warnings)


def test_signature_block_not_in_body(seed_plans):
    """Seed 003's closing 乌审旗民政局 / 2022年4月15日 is metadata, not part of the last item."""
    last = seed_plans[3].sections[-1].items[-1]
    assert "乌审旗民政局" not in last.text and "2022年4月15日" not in last.text
    assert seed_plans[3].meta.signature == "乌审旗民政局"


def test_issuer_guessed_when_unsigned(seed_plans):
    """Seed 001 names no issuer: it is inferred from the text and the guess is flagged."""
    plan = seed_plans[1]
    assert plan.meta.issuer == "湘西州民政局"
    assert any(w.code == "issuer-guessed" for w in plan.warnings)


@pytest.mark.parametrize("n", range(5))
def test_parse_cli_json_shape(seed_paths, capsys, n):
    """`drafter parse FILE --format json` prints the contracted keys."""
    assert main(["parse", str(seed_paths[n]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("title", "year", "issuer", "region", "doc_number", "date", "addressees",
                "preamble", "sections", "warnings"):
        assert key in data
    assert [len(s["items"]) for s in data["sections"]] == EXPECTED_ITEMS[n]
    for section in data["sections"]:
        assert {"label", "title", "intro", "items"} <= set(section)
        for item in section["items"]:
            assert {"label", "heading", "text"} <= set(item)
    for w in data["warnings"]:
        assert {"code", "message", "line"} <= set(w)
