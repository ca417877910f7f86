"""Title line breaks: between words, never inside 《》 or an office's name, in a 梯形/菱形."""

from __future__ import annotations

import pytest

from drafter.export.layout import text_width_chars
from drafter.export.title import break_title, protected_spans, word_boundaries
from drafter.model import Plan

PER_LINE = 20  # 22 pt characters on a 156 mm line


def _notice_title(plan: Plan) -> str:
    return f"{plan.meta.issuer}关于印发《{plan.meta.title}》的通知"


def _check(text: str, lines: list[str], names: tuple[str, ...]) -> None:
    """The lines rebuild the text, fit the line, break only between words and outside
    《》 and names, and form no hourglass."""
    assert "".join(lines) == text
    assert all(text_width_chars(line) <= PER_LINE for line in lines)
    bounds = set(word_boundaries(text))
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        assert pos in bounds, (text, lines)
        assert not any(s < pos < e for s, e in protected_spans(text, names)), lines
    widths = [text_width_chars(line) for line in lines]
    assert not any(b < a and b < c for a, b, c in zip(widths, widths[1:], widths[2:], strict=False)), widths


def test_every_seed_notice_title_breaks_before_the_book_title(seed_plans: list[Plan]) -> None:
    """Each seed's 印发 notice title breaks after 关于印发, keeping 《…》 and the issuer whole
    (the old export broke 涪陵's title inside 民政工作)."""
    for plan in seed_plans:
        text = _notice_title(plan)
        names = (plan.meta.issuer or "",)
        lines = break_title(text, PER_LINE, names)
        _check(text, lines, names)
        assert lines[-1].startswith("《") or len(lines) > 2, lines


def test_short_title_stays_on_one_line(seed_plans: list[Plan]) -> None:
    """A plan title of fewer than 20 characters is one line."""
    for plan in seed_plans:
        assert break_title(plan.meta.title, PER_LINE) == [plan.meta.title]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("内蒙古自治区鄂尔多斯市乌审旗民政局关于印发《2026年全旗民政工作要点》和《2025年全旗民政工作总结》的通知",
         ("内蒙古自治区鄂尔多斯市乌审旗民政局",)),
        ("关于进一步加强和改进新时代城乡社区养老服务设施建设管理工作的实施意见", ()),
        ("武汉经济技术开发区（汉南区）民政局关于调整2025年度城乡最低生活保障标准的通知",
         ("武汉经济技术开发区（汉南区）民政局",)),
    ],
)
def test_long_titles_of_other_kinds(text: str, names: tuple[str, ...]) -> None:
    """Titles of three and more lines, with two book titles or none, still break between
    words, outside protected spans, without an hourglass."""
    lines = break_title(text, PER_LINE, names)
    assert len(lines) >= 2
    _check(text, lines, names)


def test_a_book_title_longer_than_a_line_breaks_inside_at_a_word() -> None:
    """When 《…》 alone is longer than a line, it breaks inside, still between words."""
    text = "关于印发《新时代全面加强和改进城乡社区养老服务设施规划建设管理工作实施方案》的通知"
    lines = break_title(text, PER_LINE)
    assert "".join(lines) == text and all(text_width_chars(x) <= PER_LINE for x in lines)
    bounds = set(word_boundaries(text))
    assert all(sum(len(x) for x in lines[: i + 1]) in bounds for i in range(len(lines) - 1))
