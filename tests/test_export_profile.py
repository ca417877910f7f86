"""Export style profiles: shipped TOML files, inheritance, user overrides and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.export.profile import available_profiles, load_profile, mm_to_twips


def test_gbt9704_profile_holds_the_standard_numbers() -> None:
    """The shipped profile gives the GB/T 9704 page, grid, sizes and page-number style."""
    p = load_profile("gbt9704")
    assert (p.page.top_mm, p.page.bottom_mm, p.page.left_mm, p.page.right_mm) == (37, 35, 28, 26)
    assert (p.page.text_width_mm, p.page.text_height_mm) == (156, 225)
    assert (p.grid.lines_per_page, p.grid.chars_per_line, p.grid.line_pitch_twips) == (22, 28, 579)
    assert (p.sizes.body, p.sizes.title, p.sizes.page_number) == (16, 22, 14)
    assert p.fonts.body == "仿宋_GB2312" and p.fonts.section == "黑体"
    assert p.page_numbers.format == "— {n} —"
    assert (p.page_numbers.odd, p.page_numbers.even) == ("right", "left")
    assert p.red_header.enabled and p.fallbacks_for("楷体_GB2312")[0] == "楷体"


def test_grid_fills_the_text_area() -> None:
    """22 lines of 579 twips fill the 225 mm text height; 28 characters fit in 156 mm."""
    p = load_profile()
    assert abs(p.grid.lines_per_page * p.grid.line_pitch_twips - mm_to_twips(225)) < 579 / 2
    width_pt = p.page.text_width_mm / 25.4 * 72
    pitch = p.sizes.body + p.grid.char_spacing_pt
    assert p.grid.chars_per_line * pitch <= width_pt < (p.grid.chars_per_line + 1) * pitch


def test_plain_profile_inherits_everything_but_the_red_header() -> None:
    """The 白头 profile only switches the red header and 版记 off."""
    plain, full = load_profile("plain"), load_profile("gbt9704")
    assert not plain.red_header.enabled and not plain.record.enabled
    assert (plain.page, plain.grid, plain.fonts) == (full.page, full.grid, full.fonts)
    assert {"gbt9704", "plain"} <= set(available_profiles())


def test_user_profile_overrides_the_shipped_one(home: Path) -> None:
    """A file in the user's profiles folder wins over the shipped profile of the same name."""
    folder = home / "config" / "profiles"
    folder.mkdir(parents=True)
    (folder / "gbt9704.toml").write_text("[sizes]\nbody = 15\n", encoding="utf-8")
    assert load_profile("gbt9704").sizes.body == 15


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[sizes]\nbody = "三号"\n', "类型不对"),
        ("[sizes]\nbodysize = 16\n", "不认识的设置项 bodysize"),
        ("[colours]\nred = 1\n", "不认识的设置项 colours"),
        ("[sizes\n", "格式有误"),
        ('inherits = "broken"\n', "循环"),
        ('inherits = "missing"\n', "没有名为“missing”"),
    ],
)
def test_bad_profile_files_get_a_chinese_error(home: Path, text: str, fragment: str) -> None:
    """A mistyped profile is refused with one Chinese sentence naming the problem."""
    folder = home / "config" / "profiles"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DrafterError) as info:
        load_profile("broken")
    assert fragment in info.value.message


def test_unknown_profile_lists_the_available_ones(home: Path) -> None:
    """Asking for a profile that does not exist names the ones that do."""
    with pytest.raises(DrafterError, match="gbt9704"):
        load_profile("省厅格式")
