"""The index against brute force, persistence, and incremental updates."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from drafter.library import Library, store
from drafter.library.catalog import plan_with_id
from drafter.match import engine, persist
from drafter.match.engine import Matcher
from drafter.model import Plan


@pytest.fixture(scope="module")
def library_plans(seed_plans: list[Plan]) -> list[Plan]:
    """The seeds under ids seed-000 … seed-004."""
    return [plan_with_id(p, f"seed-{p.source.file[:3]}") for p in seed_plans]


def _ids(hits) -> list[str]:
    return [h.item_id for h in hits]


def _all_items(plans: list[Plan]) -> list[str]:
    return [it.id for p in plans for _, _, _, it in p.iter_items() if it.text.strip()]


def test_index_agrees_with_exhaustive_on_the_seeds(library_plans: list[Plan]) -> None:
    """For every seed item, the indexed top 10 equals the brute-force top 10 (same scores)."""
    matcher = Matcher.from_plans(library_plans)
    for item_id in _all_items(library_plans):
        fast = matcher.similar_to(item_id, k=10)
        slow = matcher.similar_to(item_id, k=10, exhaustive=True)
        assert _ids(fast) == _ids(slow)
        assert [h.score for h in fast] == [h.score for h in slow]


def test_capped_postings_keep_recall(
    library_plans: list[Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the postings a field may read for a query cut hard (100, so most of a query's
    words are left out) and 70 of the 180 rows kept, recall@10 against brute force stays
    high: the weightiest words are read first and the rows kept are scored exactly."""
    monkeypatch.setattr(engine, "_POSTINGS_FLOOR", 100)
    monkeypatch.setattr(engine, "_POSTINGS_PER_FORM", 0)
    monkeypatch.setattr(engine, "_KEEP", 20)
    monkeypatch.setattr(engine, "_FOLD_SCAN", 0)  # keep = 5k + 20
    matcher = Matcher.from_plans(library_plans)
    recalls, capped = [], []
    for item_id in _all_items(library_plans)[::3]:
        spec = matcher.query_of(item_id)
        query = engine.make_query(spec["text"], spec["heading"], spec["section"],
                                  spec["siblings"])
        capped.append(matcher.text.postings(matcher.vectors(query)[0]) > 100)
        fast = set(_ids(matcher.similar_to(item_id, k=10)))
        slow = set(_ids(matcher.similar_to(item_id, k=10, exhaustive=True)))
        recalls.append(len(fast & slow) / len(slow))
    assert np.mean(capped) > 0.9
    assert np.mean(recalls) >= 0.95


def test_copies_share_one_form_and_score_alike(library_plans: list[Plan]) -> None:
    """A plan copied under other ids adds rows but no forms; every copy of an item gets the
    same score, and the index still agrees with brute force (ties by row)."""
    copies = [plan_with_id(replace(library_plans[2], id=""), f"copy-{n}") for n in range(3)]
    single = Matcher.from_plans(library_plans)
    matcher = Matcher.from_plans([*library_plans, *copies])
    assert matcher.text.rows == single.text.rows + 3 * len(copies[0].sections and [
        it for _, _, _, it in copies[0].iter_items() if it.text.strip()])
    assert matcher.text.forms == single.text.forms
    hits = matcher.similar("推进殡葬改革，加强公益性公墓建设", k=40, fold=False)
    by_place: dict[str, set[float]] = {}
    for hit in hits:
        if hit.plan.startswith(("copy-", library_plans[2].id)):
            by_place.setdefault(hit.item_id.split("#")[1], set()).add(hit.score)
    assert by_place and all(len(scores) == 1 for scores in by_place.values())
    slow = matcher.similar("推进殡葬改革，加强公益性公墓建设", k=40, fold=False, exhaustive=True)
    assert _ids(hits) == _ids(slow)


def _swapped_copy(plan: Plan) -> tuple[Plan, str, str, str]:
    """A copy of the plan whose first two-sentence item (no sub-items) has its sentences
    swapped: the same words, another heading. Returns the copy, the item's place
    (``section.item``) and both headings."""
    for si, section in enumerate(plan.sections):
        for ii, item in enumerate(section.items):
            second, _, rest = item.body.partition("。")
            if item.heading.endswith("。") and second and not rest.strip() and \
                    not item.subitems:
                moved = replace(item, heading=second + "。", body=item.heading)
                items = (*section.items[:ii], moved, *section.items[ii + 1 :])
                sections = list(plan.sections)
                sections[si] = replace(section, items=items)
                copy = plan_with_id(replace(plan, id="", sections=tuple(sections)), "swapped")
                return copy, item.id.split("#")[1], item.heading, moved.heading
    raise AssertionError("no two-sentence item in the plan")


def test_rows_with_the_same_words_under_another_heading(
    library_plans: list[Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item whose sentences are swapped has the same words (one text form) but another
    heading. The first ranking, kept to one row, still picks the row whose heading the
    query has, whichever of the two it is."""
    copy, place, heading, swapped = _swapped_copy(library_plans[0])
    matcher = Matcher.from_plans([library_plans[0], copy])
    text = heading + swapped
    original, moved = (matcher.find_item(f"{p}#{place}") for p in
                       (library_plans[0].id, "swapped"))
    assert matcher.text.form_of[original] == matcher.text.form_of[moved]
    assert matcher.head.form_of[original] != matcher.head.form_of[moved]
    assert matcher._heads_by_text()[1].tolist() in ([original], [moved])
    monkeypatch.setattr(engine, "_KEEP", 1)
    for lead, row in ((heading, original), (swapped, moved)):
        query = engine.make_query(text, lead, None, ())
        rows_kept, _ = matcher.score_parts(query, keep=1)
        assert rows_kept.tolist() == [row]


def test_adding_plans_equals_building_at_once(library_plans: list[Plan]) -> None:
    """Adding plans one by one (segments) ranks exactly as building from all plans at once."""
    whole = Matcher.from_plans(library_plans)
    step = Matcher.from_plans(library_plans[:2])
    for plan in library_plans[2:]:
        step.add_plans([plan])
    assert len(step.text.segments) == 4
    query = "推进殡葬改革，加强公益性公墓建设"
    assert [(h.item_id, h.score) for h in step.similar(query)] == [
        (h.item_id, h.score) for h in whole.similar(query)
    ]


def test_removing_a_plan_and_compacting(library_plans: list[Plan]) -> None:
    """A removed plan's items stop appearing; compaction keeps the ranking of the rest."""
    matcher = Matcher.from_plans(library_plans)
    reference = Matcher.from_plans([p for p in library_plans if p.id != "seed-001"])
    matcher.remove_plan("seed-001")
    query = "加强儿童福利工作，提高孤儿基本生活保障标准"
    assert "seed-001" not in {h.plan for h in matcher.similar(query, k=50)}
    matcher.compact()
    assert len(matcher) == len(reference)
    assert [(h.item_id, h.score) for h in matcher.similar(query)] == [
        (h.item_id, h.score) for h in reference.similar(query)
    ]


def test_save_and_load_round_trip(library_plans: list[Plan], tmp_path: Path) -> None:
    """A saved index loads back and answers exactly as before."""
    matcher = Matcher.from_plans(library_plans)
    path = tmp_path / "index.npz"
    persist.save(matcher, path)
    loaded = persist.load(path)
    assert loaded is not None
    query = "深化婚俗改革，推进婚姻登记跨省通办"
    assert [(h.item_id, h.score) for h in loaded.similar(query)] == [
        (h.item_id, h.score) for h in matcher.similar(query)
    ]


def test_unreadable_index_is_ignored(tmp_path: Path) -> None:
    """A corrupt cache file is treated as absent (rebuilt), never an error."""
    path = tmp_path / "index.npz"
    path.write_bytes(b"not an index")
    assert persist.load(path) is None


def test_library_index_is_persisted_and_updated(
    home: Path, tmp_path: Path, seed_paths: list[Path]
) -> None:
    """for_library builds and saves the index once, reuses it, and adds a newly imported
    plan as a new segment instead of rebuilding."""
    library = Library.open(tmp_path / "lib", builtin=False)
    library.import_paths(seed_paths[:3])
    first = Matcher.for_library(library)
    path = persist.index_path(library)
    assert path.exists() and len(first.catalog.plans) == 3
    stamp = path.stat().st_mtime_ns
    again = Matcher.for_library(Library.open(tmp_path / "lib", builtin=False))
    assert path.stat().st_mtime_ns == stamp
    assert again.plan_keys() == first.plan_keys()
    copy = tmp_path / "in" / seed_paths[3].name
    copy.parent.mkdir()
    shutil.copy(seed_paths[3], copy)
    library = Library.open(tmp_path / "lib", builtin=False)
    library.import_paths([copy])
    updated = Matcher.for_library(library)
    assert len(updated.catalog.plans) == 4
    assert len(updated.text.segments) == 2
    assert "乌审旗民政局/2022" in {h.plan for h in updated.similar("积极稳妥推进殡葬改革", k=3)}


def test_changed_plan_is_replaced(library_plans: list[Plan]) -> None:
    """sync drops a plan whose source hash changed and indexes the new version."""
    matcher = Matcher.from_plans(library_plans[:2])
    changed = replace(library_plans[1], source=replace(library_plans[1].source, sha256="x"))
    wanted = {library_plans[0].id: library_plans[0].source.sha256, changed.id: "x"}
    assert matcher.sync(wanted, lambda pid: changed)
    assert matcher.plan_keys() == wanted
    assert not matcher.sync(wanted, lambda pid: changed)


def test_adding_a_plan_again_replaces_it(library_plans: list[Plan]) -> None:
    """A plan added again under the same id (even in one batch) replaces the old copy."""
    matcher = Matcher.from_plans([*library_plans, library_plans[0], library_plans[0]])
    reference = Matcher.from_plans(library_plans)
    assert len(matcher) == len(reference)
    query = "推进殡葬改革，加强公益性公墓建设"
    assert [h.item_id for h in matcher.similar(query)] == [
        h.item_id for h in reference.similar(query)
    ]


def test_plan_edited_by_hand_is_reindexed(
    home: Path, tmp_path: Path, seed_paths: list[Path]
) -> None:
    """A library TOML edited by hand (same source hash) is indexed again on the next open:
    ``similar`` finds the new wording in that item, and only that plan is re-added."""
    library = Library.open(tmp_path / "lib", builtin=False)
    library.import_paths(seed_paths[:3])
    before = Matcher.for_library(library)
    summary = next(s for s in library.summaries() if "湘西" in s.id)
    plan = store.load_plan(summary.path)
    section = plan.sections[1]
    item = section.items[1]
    wording = "全面推行银发助餐幸福食堂进村入户服务，年内建成老年助餐点一百二十个。"
    edited = replace(section, items=tuple(
        replace(it, body=wording) if it is item else it for it in section.items))
    store.save_plan(replace(plan, sections=tuple(
        edited if s is section else s for s in plan.sections)), summary.path)
    assert store.load_plan(summary.path).source.sha256 == summary.sha256
    assert wording not in " ".join(h.text for h in before.similar(wording, k=3))

    after = Matcher.for_library(Library.open(tmp_path / "lib", builtin=False))
    top = after.similar(wording, k=1)[0]
    assert top.item_id == item.id and wording in top.text
    assert len(after) == len(before)
    changed = {pid for pid, key in after.plan_keys().items() if before.plan_keys()[pid] != key}
    assert changed == {summary.id}
    reopened = Matcher.for_library(Library.open(tmp_path / "lib", builtin=False))
    assert reopened.plan_keys() == after.plan_keys()
    assert wording in reopened.similar(wording, k=1)[0].text
