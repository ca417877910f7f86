"""Importing reviewed .docx files: every tracked change and comment maps to the right item.

The reviewed files are made the way reviewers make them: by LibreOffice with 修订 on
(``review_lo_edit.py``, through UNO) and in WPS's XML style (``review_wps.py``), from drafts
of different seed plans, so that the mapping is not tuned to one plan's wording.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from review_wps import WpsDoc
from review_wps import unique as _unique

from drafter.draft import DraftFile, new_draft
from drafter.export import export_bytes
from drafter.library.store import dumps, loads
from drafter.model import Plan
from drafter.review import model as M
from drafter.review.propose import read_review
from drafter.review.rounds import accept, import_round, reject, resolve

HERE = Path(__file__).parent
UNO_SCRIPT = HERE / "review_lo_edit.py"


def _draft(seed_plans: list[Plan], k: int) -> Plan:
    plan = seed_plans[k]
    return new_draft(plan, (plan.meta.year or 2022) + 1)


def lo_review(src: Path, out: Path, edits: list[dict], profile: Path) -> Path:
    """Edit ``src`` in headless LibreOffice as a reviewer does; returns ``out``."""
    spec = out.with_suffix(".json")
    spec.write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    subprocess.run(["/usr/bin/python3", str(UNO_SCRIPT), str(src), str(out), str(spec),
                    str(profile)], check=True, timeout=300, capture_output=True)
    return out


def _edits(d: Plan) -> tuple[list[dict], list[tuple[str, str, str | None, str]]]:
    """Reviewer edits spread over the draft, with where each must land: (kind, section, item,
    author)."""
    s0, s1, s2 = d.sections[0], d.sections[1], d.sections[-1]
    a, b, c = s0.items[0], s1.items[-1], s2.items[0]
    edits = [
        {"op": "replace", "find": _unique(d, a.body), "text": "切实", "author": "张局长"},
        {"op": "insert", "find": b.heading, "text": "（重点）", "author": "李副局长"},
        {"op": "delete", "find": _unique(d, c.body, 8), "author": "李副局长"},
        {"op": "comment", "find": b.heading, "text": "这一条请与去年对照", "author": "王主任"},
        {"op": "paragraph", "find": _unique(d, b.text, 8, tail=True),
         "text": "（九）新增一条。加强婚姻登记服务。",
         "author": "王主任"},
    ]
    expect = [
        ("replace", s0.title, a.label, "张局长"),
        ("insert", s1.title, b.label, "李副局长"),
        ("delete", s2.title, c.label, "李副局长"),
        ("comment", s1.title, b.label, "王主任"),
        ("insert", s1.title, None, "王主任"),
    ]
    return edits, expect


@pytest.fixture(scope="module")
def lo_files(seed_plans: list[Plan], tmp_path_factory: pytest.TempPathFactory):
    """Drafts of two seed plans, each exported and reviewed in LibreOffice."""
    root = tmp_path_factory.mktemp("lo")
    out = []
    for k in (1, 3):
        d = _draft(seed_plans, k)
        src = root / f"draft{k}.docx"
        src.write_bytes(export_bytes(d))
        edits, expect = _edits(d)
        reviewed = lo_review(src, root / f"reviewed{k}.docx", edits, root / "profile")
        out.append((d, reviewed, expect))
    return out


@pytest.mark.render
def test_libreoffice_review_maps_every_change_to_its_item(lo_files) -> None:
    """Each tracked change and comment LibreOffice recorded lands on the edited item, with its
    reviewer, in document order."""
    for d, reviewed, expect in lo_files:
        review = read_review(d, reviewed)
        got = [(p.kind, p.section, p.item, p.author) for p in review.proposals]
        for e in expect:
            assert e in got, (e, got)
        assert all(p.date for p in review.proposals)
        assert len(got) == len(expect), got
        sections = [p.section_no for p in review.proposals]
        assert sections == sorted(sections)
        new = next(p for p in review.proposals if p.target == M.NEW_ITEM)
        assert new.after and new.after.endswith("加强婚姻登记服务。")


@pytest.mark.render
def test_libreoffice_review_applies_to_the_draft(lo_files) -> None:
    """Accepting every change gives the text the reviewer ended with; the comment resolves."""
    d, reviewed, _ = lo_files[0]
    plan, r = import_round(d, reviewed)
    for p in r.proposals:
        plan = resolve(plan, p.id, "已对照") if p.kind == M.COMMENT else accept(plan, p.id)
    s0, s1, s2 = plan.sections[0], plan.sections[1], plan.sections[-1]
    orig = d.sections
    a, c = orig[0].items[0], orig[-1].items[0]
    assert s0.items[0].text == a.text.replace(_unique(d, a.body), "切实", 1)
    assert (orig[1].items[-1].heading + "（重点）") in s1.items[-2].text
    assert s1.items[-1].text == "新增一条。加强婚姻登记服务。"
    assert s2.items[0].text == c.text.replace(_unique(d, c.body, 8), "", 1)
    assert all(not p.pending for p in plan.rounds[0].proposals)


def _wps(d: Plan, path: Path) -> Path:
    s1, s2 = d.sections[1], d.sections[2]
    doc = WpsDoc(d)
    doc.replace(_unique(d, s1.items[0].body), "全面落实", "张局长", "2024-03-05T09:12:00")
    doc.comment(s2.items[0].heading, "这条要再压缩一下", "李副局长", "2024-03-05T10:00:00",
                replies=(("王科长", "已压缩"),))
    doc.comment(s1.items[0].heading, "标题可否更简洁", "李副局长", "2024-03-05T10:05:00",
                ranged=True)
    doc.delete_paragraph(s2.items[-1].label + s2.items[-1].heading[:6], "张局长",
                         "2024-03-05T09:20:00")
    doc.insert_paragraph(s2.items[0].label + s2.items[0].heading[:6],
                         "（二）加强流浪乞讨人员救助管理。开展寒冬送温暖专项行动。",
                         "张局长", "2024-03-05T09:30:00")
    doc.edit_plain(_unique(d, d.sections[3].items[0].body), "切实加强")
    doc.comment(d.sections[3].items[-1].heading, "已阅", "局长", "2024-03-05T11:00:00", done=True)
    last = d.sections[4].items[-1]
    doc.renumber(last.label, "（九十）", "张局长", "2024-03-05T11:10:00")
    return doc.save(path)


def test_wps_review_maps_every_change_and_comment(seed_plans, tmp_path: Path) -> None:
    """A WPS file: Chinese reviewers, reference-only comments with a reply, a whole item
    deleted, one inserted, and an edit made with 修订 off (author unknown)."""
    for k in (0, 2, 4):
        d = _draft(seed_plans, k)
        if len(d.sections) < 4 or len(d.sections[2].items) < 2:
            continue
        review = read_review(d, _wps(d, tmp_path / f"wps{k}.docx"))
        s1, s2, s3 = d.sections[1], d.sections[2], d.sections[3]
        got = {(p.kind, p.section, p.item, p.author, p.target) for p in review.proposals}
        assert ("replace", s1.title, s1.items[0].label, "张局长", M.ITEM) in got
        assert ("comment", s2.title, s2.items[0].label, "李副局长", M.ITEM) in got
        assert ("comment", s1.title, s1.items[0].label, "李副局长", M.ITEM) in got
        assert ("delete", s2.title, s2.items[-1].label, "张局长", M.ITEM) in got
        assert ("insert", s2.title, None, "张局长", M.NEW_ITEM) in got
        assert any(p.author is None and p.section == s3.title and p.item == s3.items[0].label
                   and "切实加强" in (p.after or "") for p in review.proposals), got
        done = next(p for p in review.proposals if p.comment == "已阅")
        assert done.decision == M.RESOLVED and done.item == s3.items[-1].label
        assert not any(p.after == "（九十）" for p in review.proposals)  # numbers are drafter's
        reply = next(p for p in review.proposals if p.comment == "这条要再压缩一下")
        assert reply.replies == ("王科长：已压缩",)
        assert reply.before == s2.items[0].heading


def test_round_record_survives_the_draft_file(seed_plans, tmp_path: Path) -> None:
    """Decisions are stored with the draft and read back unchanged; a change rejected in one
    round is not asked again in the next."""
    d = _draft(seed_plans, 0)
    first = _wps(d, tmp_path / "r1.docx")
    plan, r1 = import_round(d, first)
    change = next(p for p in r1.proposals if p.kind == "replace" and p.author == "张局长")
    plan = reject(plan, change.id)
    draft = DraftFile.create(plan, tmp_path)
    _, back = DraftFile.open(draft.path)
    assert back.rounds == plan.rounds
    assert loads(dumps(back)).rounds[0].find(change.id).decision == M.REJECTED
    # The reviewer sends the same edit again in round two (another file, same change).
    second = tmp_path / "r2.docx"
    doc = WpsDoc(d)
    doc.replace(_unique(d, d.sections[1].items[0].body), "全面落实", "张局长",
                "2024-04-01T09:00:00")
    doc.comment(d.sections[0].items[0].heading, "第二轮意见", "李副局长", "2024-04-01T10:00:00")
    doc.save(second)
    plan, r2 = import_round(back, second)
    again = next(p for p in r2.proposals if p.kind == "replace")
    assert again.decision == M.REJECTED and again.repeat_of == change.id
    assert r2.pending == 1


def test_moved_item_is_one_proposal_and_accepting_moves_it(seed_plans, tmp_path: Path) -> None:
    """Word/WPS record a moved paragraph as moveFrom + moveTo: one ``move`` at the item's old
    place, and accepting it puts the item after its new neighbour."""
    d = _draft(seed_plans, 3)
    moving, after = d.sections[1].items[0], d.sections[2].items[0]
    doc = WpsDoc(d)
    doc.move_paragraph(moving.label + moving.heading[:6], after.label + after.heading[:6],
                       "局长", "2024-03-05T09:00:00")
    review = read_review(d, doc.save(tmp_path / "move.docx"))
    moves = [p for p in review.proposals if p.kind == M.MOVE]
    assert len(moves) == 1 and len(review.proposals) == 1, review.proposals
    move = moves[0]
    assert (move.section, move.item, move.author) == (d.sections[1].title, moving.label, "局长")
    assert move.to_section == 3
    plan, r = import_round(d, tmp_path / "move.docx")
    plan = accept(plan, r.proposals[0].id)
    assert plan.sections[2].items[1].text == moving.text
    assert moving.text not in [it.text for it in plan.sections[1].items]
    assert plan.item_count() == d.item_count()


def test_item_moved_without_track_changes(seed_plans, tmp_path: Path) -> None:
    """Cut and paste with 修订 off: found by alignment as a move with no author."""
    d = _draft(seed_plans, 1)
    moving, after = d.sections[1].items[0], d.sections[3].items[0]
    doc = WpsDoc(d)
    doc.move_plain(moving.label + moving.heading[:6], after.label + after.heading[:6])
    review = read_review(d, doc.save(tmp_path / "plain-move.docx"))
    moves = [p for p in review.proposals if p.kind == M.MOVE]
    assert [(p.author, p.section, p.item, p.to_section) for p in moves] == [
        (None, d.sections[1].title, moving.label, 4)]
    plan, r = import_round(d, tmp_path / "plain-move.docx")
    plan = accept(plan, next(p.id for p in r.proposals if p.kind == M.MOVE))
    assert plan.sections[3].items[1].text == moving.text


def test_accept_everything_from_one_reviewer(seed_plans, tmp_path: Path) -> None:
    """Accepting all of one reviewer's changes applies exactly those; others stay pending and
    comments are left for the writer to answer."""
    from drafter.review.rounds import accept_author

    d = _draft(seed_plans, 0)
    plan, _ = import_round(d, _wps(d, tmp_path / "r.docx"))
    plan, done, failed = accept_author(plan, "张局长")
    mine = [p for p in plan.rounds[0].proposals if p.author == "张局长"]
    assert done == len([p for p in mine if p.kind != M.COMMENT]) == 3 and not failed
    assert all(p.decision == M.ACCEPTED for p in mine)
    others = [p for p in plan.rounds[0].proposals if p.author != "张局长"]
    assert all(p.decision in (M.PENDING, M.RESOLVED) for p in others)
    s1 = plan.sections[1]
    assert "全面落实" in s1.items[0].text


def test_changes_to_a_section_title_and_the_preamble(seed_plans, tmp_path: Path) -> None:
    """A tracked change in a section heading names the section (no item); one in the
    preamble names neither; accepting each rewrites that text."""
    d = _draft(seed_plans, 3)
    title = d.sections[2].title
    doc = WpsDoc(d)
    doc.replace(title[-4:], title[-4:] + "工作", "局长", "2024-03-05T09:00:00")
    words = _unique(d, d.preamble[0])
    doc.delete(words, "局长", "2024-03-05T09:05:00")
    plan, r = import_round(d, doc.save(tmp_path / "t.docx"))
    got = [(p.kind, p.section, p.item, p.target) for p in r.proposals]
    assert got == [("delete", None, None, M.PREAMBLE), ("replace", title, None, M.SECTION_TITLE)]
    for p in r.proposals:
        plan = accept(plan, p.id)
    assert plan.sections[2].title == title + "工作"
    assert plan.preamble[0] == d.preamble[0].replace(words, "", 1)
