"""The labelled evaluation: every item of the seeds and of every plan made from them in the
fixtures labelled once, the split by group, nP@5 itself."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bench.match_eval import LABELS, ROOT, Labels, Queries, load_labels, npat5, queries_of

REAL = ROOT / "tests" / "fixtures" / "real"
SEED_003 = ROOT / "tests" / "fixtures" / "seeds" / "003_789501c101c5c2f5.txt"


@pytest.fixture(scope="module")
def labels() -> Labels:
    """The labels of bench/match_labels.toml, resolved against the plans."""
    return load_labels()


def test_every_item_of_every_labelled_plan_has_exactly_one_label(labels: Labels) -> None:
    """No label is ambiguous or dangling, no item is left out or fails to align with its
    seed's, every topic is declared: the labels resolve against the plans as parsed today."""
    assert labels.problems == []
    plans = [*labels.plans, *labels.copies]
    items = [it.id for p in plans for _, _, _, it in p.iter_items() if it.text.strip()]
    assert len(items) == len(labels.topics) >= 1700
    assert set(items) == set(labels.topics)


def test_every_fixture_plan_is_labelled_as_a_copy_of_its_seed(labels: Labels) -> None:
    """Each plan in tests/fixtures/real (bad input aside) is a copy of the seed its
    expectation names, in that seed's group; copies are never among the plans searched."""
    fixtures = {p.stem for p in REAL.iterdir()
                if p.is_file() and p.suffix not in (".py", ".toml")}
    copies = {c.id.partition("/")[2]: c.id for c in labels.copies}
    assert set(copies) == fixtures and len(fixtures) >= 48
    seeds = {p.id.partition("/")[2]: p.id for p in labels.plans}
    for stem, copy_id in copies.items():
        expect = tomllib.loads((REAL / f"{stem}.expect.toml").read_text(encoding="utf-8"))
        seed_id = seeds[expect["seed"].removesuffix(".txt")]
        assert labels.copy_of[copy_id] == seed_id
        assert labels.group[copy_id] == labels.group[seed_id]
    searched = {pid for q in queries_of(labels, labels.copies, labels.plans).searched for pid in q}
    assert searched <= set(seeds.values())


def test_the_five_seeds_are_labelled_each_in_its_own_group(labels: Labels) -> None:
    """The seeds are the labelled plans; each seed is a group of its own."""
    assert len(labels.plans) >= 5
    assert {"000", "001", "002", "003", "004"} <= set(labels.groups())


def test_a_held_out_group_is_never_on_both_sides(labels: Labels) -> None:
    """Leaving a group out puts all of its plans in the test part and none in tuning, and its
    queries never search a plan of their own group."""
    for group in labels.groups():
        tuning, held = labels.split(group)
        assert held and all(labels.group[p.id] == group for p in held)
        assert all(labels.group[p.id] != group for p in tuning)
        qs = queries_of(labels, held, labels.plans)
        for searched in qs.searched:
            assert all(labels.group[pid] != group for pid in searched)


def test_npat5_normalises_by_the_relevant_items_when_fewer_than_five(labels: Labels) -> None:
    """Two relevant items both in the top 5 score 1.0; one of them 0.5; five relevant items
    with three found score 0.6; hits outside the query's topics count as wrong."""
    ids = sorted(labels.topics)
    query = next(i for i in ids if "殡葬管理" in labels.topics[i])
    same = [i for i in ids if i != query and labels.topics[i] & labels.topics[query]]
    other = [i for i in ids if not labels.topics[i] & labels.topics[query]]
    qs = Queries((query,), ((),), (2,))
    assert npat5(labels, qs, [[same[0], other[0], same[1]]]) == 1.0
    assert npat5(labels, qs, [[other[0], same[0], other[1]]]) == 0.5
    five = Queries((query,), ((),), (5,))
    assert npat5(labels, five, [[same[0], other[0], same[1], other[1], same[2]]]) == 0.6


def _labels_with(tmp_path: Path, copy_text: str, entry: str) -> Labels:
    """Labels of seeds 003 and 004 as in the label file, and one copy written here."""
    text = LABELS.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=\[\[plan\]\])", text)
    seeds = [b for b in blocks if re.search(r'(?m)^file = "tests/fixtures/seeds/00[34]_', b)]
    copy = tmp_path / "copy.txt"
    copy.write_text(copy_text, encoding="utf-8")
    path = tmp_path / "labels.toml"
    path.write_text(blocks[0] + "".join(seeds) + f"[[plan]]\nfile = {str(copy)!r}\n" + entry,
                    encoding="utf-8")
    return load_labels(path)


def _edited_seed() -> str:
    """Seed 003 with one item cut short, one replaced by unrelated text, two joined."""
    lines = SEED_003.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if "（一）强化思想政治教育" in line:
            lines[n] = line[:40]
        elif "（三）学习领会贯彻党的二十大精神" in line:
            lines[n] = "　　（三）天气晴朗，适合外出踏青，出门记得携带雨具和饮用水。"
        elif "（二）严格落实意识形态工作责任制" in line:
            lines[n - 1] += line.replace("（二）", "").strip("　")
            lines[n] = ""
    return "\n".join(lines)


def test_a_copy_item_that_does_not_align_or_joins_two_items_is_a_problem(tmp_path: Path) -> None:
    """An item of text the seed does not have, and one made of two seed items of different
    topics, are reported by id; an item cut short still takes its seed item's topics."""
    same_as = f'same_as = "{SEED_003.relative_to(ROOT).as_posix()}"\n'
    labels = _labels_with(tmp_path, _edited_seed(), same_as)
    assert len(labels.problems) == 2, labels.problems
    unrelated, joined = sorted(labels.problems, key=lambda p: "找不到" not in p)
    assert "#1.3“天气晴朗" in unrelated and "找不到" in unrelated
    assert "#2.1“抓好党风廉政建设" in joined and "对应不明" in joined
    copy = labels.copies[0]
    assert labels.topics[f"{copy.id}#1.1"] == {"理论学习"}
    assert f"{copy.id}#2.1" not in labels.topics
    fixed = _labels_with(tmp_path, _edited_seed(), same_as + (
        '[plan.items]\n"天气晴朗" = ["综合保障"]\n"抓好党风廉政建设" = ["党风廉政", "意识形态"]\n'))
    assert fixed.problems == []
    assert fixed.topics[f"{copy.id}#2.1"] == {"党风廉政", "意识形态"}


def test_a_copy_named_after_the_wrong_seed_is_a_problem(tmp_path: Path) -> None:
    """A copy of seed 003 declared the copy of seed 004 is reported, not labelled silently."""
    wrong = 'same_as = "tests/fixtures/seeds/004_5dfe3f8690815fb1.txt"\n'
    labels = _labels_with(tmp_path, SEED_003.read_text(encoding="utf-8"), wrong)
    assert any("更像 tests/fixtures/seeds/003_" in p for p in labels.problems), labels.problems
