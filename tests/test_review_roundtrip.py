"""Round trips through LibreOffice: the tracked-changes export accepted in full gives back the
draft's text exactly; a 征求意见 export of some sections comes back as changes to those."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from review_wps import unique
from test_review_import import lo_review

from drafter.cli import main
from drafter.diff import diff_plans
from drafter.diff.docx_tracked import write_tracked
from drafter.draft import DraftFile, new_draft
from drafter.draft.edit import delete_item, edit_item, item_text, move_item
from drafter.errors import InputError
from drafter.ingest import read_plan
from drafter.model import Plan
from drafter.review import model as M
from drafter.review.propose import read_review
from drafter.review.rounds import import_round


def _edited(seed: Plan) -> Plan:
    """Next year's draft with the kinds of edit a writer makes: reworded, deleted, moved."""
    d = new_draft(seed, (seed.meta.year or 2022) + 1)
    first = d.sections[0].items[0]
    d = edit_item(d, (0, 0), item_text(first).replace(first.heading, "全面加强党的政治建设。", 1))
    d = delete_item(d, (1, len(d.sections[1].items) - 1))
    d, _ = move_item(d, (2, 0), 1)
    return d


@pytest.mark.render
@pytest.mark.parametrize("k", [0, 3])
def test_tracked_export_accepted_in_libreoffice_gives_the_draft(seed_plans, tmp_path, k) -> None:
    """diff BASE DRAFT -o x.docx, 接受所有修订 in LibreOffice, import: exactly the draft."""
    base = seed_plans[k]
    draft = _edited(base)
    tracked = tmp_path / "修订稿.docx"
    write_tracked(diff_plans(base, draft), tracked)
    accepted = lo_review(tracked, tmp_path / "已接受.docx", [{"op": "accept_all"}],
                         tmp_path / "profile")
    back = read_plan(accepted)
    assert [s.title for s in back.sections] == [s.title for s in draft.sections]
    got = [it.text for *_, it in back.iter_items()]
    want = [it.text for *_, it in draft.iter_items()]
    assert got[:-1] == want[:-1]
    # The parser keeps the signature under the last item; only that may follow its text.
    tail = got[-1][len(want[-1]):]
    assert got[-1].startswith(want[-1]) and tail.strip() in ("", (draft.meta.signature or "").strip(),
                                                               (draft.meta.issuer or "").strip())
    assert back.preamble == draft.preamble and back.meta.title == draft.meta.title
    with pytest.raises(InputError, match="没有修订、批注"):
        read_review(draft, accepted)


@pytest.mark.render
def test_reviewer_edits_on_top_of_the_tracked_export(seed_plans, tmp_path: Path) -> None:
    """The year-over-year 修订稿 sent to the leaders comes back with their own changes on top:
    drafter's revisions are the draft's text; only the reviewer's are proposed."""
    base = seed_plans[2]
    draft = _edited(base)
    tracked = tmp_path / "修订稿.docx"
    write_tracked(diff_plans(base, draft), tracked)
    item = draft.sections[1].items[0]
    words = unique(draft, item.body)
    edits = [{"op": "replace", "find": words, "text": "全面", "author": "分管副局长"}]
    returned = lo_review(tracked, tmp_path / "领导审阅.docx", edits, tmp_path / "profile")
    review = read_review(draft, returned)
    assert [(p.kind, p.author, p.section, p.item, p.before, p.after)
            for p in review.proposals] == [
        ("replace", "分管副局长", draft.sections[1].title, item.label, words, "全面")]


@pytest.mark.render
def test_solicitation_of_two_sections_comes_back_as_their_changes(
    seed_plans, tmp_path: Path, home: Path, capsys
) -> None:
    """export --sections 二,三 for a 科室; its edits come back as changes in those sections
    only, and the other sections are not reported as deleted."""
    d = new_draft(seed_plans[1], 2023)
    path = DraftFile.create(d, tmp_path).path
    out = tmp_path / "征求意见.docx"
    assert main(["export", str(path), "--sections", "二,三", "-o", str(out)]) == 0
    back = read_plan(out)
    assert [s.title for s in back.sections] == [d.sections[1].title, d.sections[2].title]
    s1, s2 = d.sections[1], d.sections[2]
    edits = [
        {"op": "replace", "find": unique(d, s1.items[0].body), "text": "严格落实",
         "author": "社会救助科"},
        {"op": "comment", "find": s2.items[1].heading, "text": "本科室负责，数字待统计局核实",
         "author": "社会救助科"},
    ]
    returned = lo_review(out, tmp_path / "社会救助科.docx", edits, tmp_path / "profile")
    _plan, r = import_round(d, returned)
    assert r.sections == (s1.title, s2.title)
    got = [(p.kind, p.section, p.item, p.author) for p in r.proposals]
    assert got == [
        ("replace", s1.title, s1.items[0].label, "社会救助科"),
        ("comment", s2.title, s2.items[1].label, "社会救助科"),
    ]
    assert all(p.decision == M.PENDING for p in r.proposals)


def test_diff_between_rounds(seed_plans, tmp_path: Path, home: Path, capsys) -> None:
    """drafter diff DRAFT --round 1 --round 2 shows what changed between the two rounds."""
    from review_wps import WpsDoc

    from drafter.review.rounds import accept

    d = new_draft(seed_plans[0], 2023)
    s1 = d.sections[1]
    doc = WpsDoc(d)
    words = unique(d, s1.items[0].body)
    doc.replace(words, "全面落实", "张局长", "2024-03-05T09:12:00")
    plan, r1 = import_round(d, doc.save(tmp_path / "r1.docx"))
    plan = accept(plan, r1.proposals[0].id)
    doc2 = WpsDoc(plan)
    doc2.comment(plan.sections[0].items[0].heading, "可以", "局长", "2024-04-01T09:00:00")
    plan, _ = import_round(plan, doc2.save(tmp_path / "r2.docx"))
    path = DraftFile.create(plan, tmp_path).path
    assert main(["diff", str(path), "--round", "1", "--round", "2", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["changed"] == 1
    changed = [p for p in data["pairs"] if p["status"] == "changed"]
    assert "全面落实" in json.dumps(changed, ensure_ascii=False)
    assert main(["diff", str(path), "--round", "2", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["changed"] == 0
    assert main(["diff", str(path), "--round", "5"]) == 2
    assert "没有第 5 轮" in capsys.readouterr().err


def test_uno_bridge_is_installed() -> None:
    """The LibreOffice tests drive LibreOffice through Debian's python3-uno (make system-deps)."""
    done = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    assert done.returncode == 0, "python3-uno is missing: run make system-deps"
