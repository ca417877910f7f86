"""Traditional Chinese is kept as written; parsing, checks and matching read it simplified."""

from __future__ import annotations

from drafter.checks.run import run_checks
from drafter.ingest import read_plan
from drafter.ingest.simplify import Restorer, is_traditional, simplified_plan, to_simplified
from drafter.match.tokenize import words


def test_to_simplified():
    """Traditional forms become simplified; simplified and ASCII text is unchanged."""
    assert to_simplified("全區民政工作要點，發佈機構") == "全区民政工作要点，发布机构"
    assert to_simplified("养老服务") == "养老服务"
    assert to_simplified("ABC 123") == "ABC 123"


def test_is_traditional(seed_paths):
    """The seeds are simplified; their traditional copies are not."""
    text = seed_paths[0].read_text(encoding="utf-8")
    assert not is_traditional(text)
    import opencc

    assert is_traditional(opencc.OpenCC("s2t").convert(text))


def test_restorer_gives_back_the_written_text():
    """A piece cut from the simplified lines maps back to the characters as written."""
    original = ("二〇二三年全區民政工作要點", "一、堅持黨的領導")
    simple = tuple(map(to_simplified, original))
    restore = Restorer(original, simple)
    assert restore("坚持党的领导") == "堅持黨的領導"
    assert restore("不在文中") == "不在文中"


def test_traditional_plan_is_checked_and_matched_simplified(tmp_path, seed_paths):
    """A 繁體 plan keeps its characters; the checks flag its stale wording like the simplified
    plan's, and matching cuts it into the same words."""
    import opencc

    trad = opencc.OpenCC("s2t").convert(seed_paths[3].read_text(encoding="utf-8"))
    path = tmp_path / "trad.txt"
    path.write_text(trad, encoding="utf-8")
    plan = read_plan(path)
    assert "黨" in plan.sections[0].title or "從嚴" in plan.sections[0].title
    simple = read_plan(seed_paths[3])
    codes = sorted(f.code for f in run_checks(plan, year=2024).findings)
    assert codes == sorted(f.code for f in run_checks(simple, year=2024).findings)
    item = plan.sections[1].items[0].text
    assert words(item) == words(simple.sections[1].items[0].text)
    assert simplified_plan(plan).sections[0].title == simple.sections[0].title
