"""Empty drafts from the skeletons in templates/skeletons."""

from __future__ import annotations

import pytest

from drafter.draft import from_skeleton, list_skeletons, load_skeleton
from drafter.errors import InputError
from drafter.model import ITEM_STYLES


def test_every_shipped_skeleton_loads():
    """Each skeleton file parses, names a known item style and has sections."""
    skeletons = list_skeletons()
    assert {s.name for s in skeletons} >= {"district", "county_shi"}
    for skeleton in skeletons:
        assert skeleton.item_style in ITEM_STYLES
        assert skeleton.sections and "{year}" in skeleton.plan_title


@pytest.mark.parametrize(("name", "title", "label"), [
    ("district", "2027年全区民政工作要点", "（一）"),
    ("county_shi", "2027年全县民政工作要点", "一是"),
])
def test_draft_from_skeleton(name, title, label):
    """The year fills the title and preamble; sections and items are numbered."""
    plan = from_skeleton(load_skeleton(name), 2027, issuer="某某区民政局")
    assert plan.meta.title == title and plan.meta.year == 2027
    assert "2027年" in plan.preamble[0]
    assert plan.sections[0].label == "一、"
    assert plan.sections[0].items[0].label == label
    assert plan.sections[0].items[0].heading.endswith("。")
    assert all(it.origin == "" for _, _, _, it in plan.iter_items())


def test_bad_skeleton_named_in_chinese(tmp_path):
    """A skeleton with an unknown style or missing file is refused with its name."""
    bad = tmp_path / "bad.toml"
    bad.write_text('item_style = "roman"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.toml"):
        load_skeleton(bad)
    with pytest.raises(InputError, match="找不到"):
        load_skeleton("no-such-skeleton")
