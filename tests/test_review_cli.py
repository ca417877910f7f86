"""``drafter review DRAFT FILE``: the JSON contract, the round it records, and bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from review_wps import WpsDoc

from drafter.cli import main
from drafter.draft import DraftFile, new_draft
from drafter.export import export_bytes
from drafter.model import Plan

KEYS = {"kind", "author", "date", "section", "item", "before", "after", "comment"}


@pytest.fixture()
def draft_file(seed_plans: list[Plan], tmp_path: Path, home: Path) -> tuple[Path, Plan]:
    d = new_draft(seed_plans[3], 2023)
    return DraftFile.create(d, tmp_path).path, d


def _reviewed(d: Plan, path: Path) -> Path:
    doc = WpsDoc(d)
    item = d.sections[1].items[0]
    doc.insert(item.heading, "（重点工作）", "分管领导", "2024-03-05T09:00:00")
    doc.comment(d.sections[2].items[0].heading, "请补充数据", "局长", "2024-03-05T09:10:00")
    return doc.save(path)


def test_json_contract_and_round_saved(draft_file, tmp_path: Path, capsys) -> None:
    """The JSON has the contract's keys per change; the round is stored in the draft file."""
    path, d = draft_file
    reviewed = _reviewed(d, tmp_path / "审阅稿.docx")
    assert main(["review", str(path), str(reviewed), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["kind"] for c in data["changes"]] == ["insert", "comment"]
    for change in data["changes"]:
        assert set(change) >= KEYS
    first = data["changes"][0]
    assert first["section"] == d.sections[1].title and first["item"] == d.sections[1].items[0].label
    assert first["author"] == "分管领导" and first["after"] == "（重点工作）"
    assert data["changes"][1]["comment"] == "请补充数据"
    _, back = DraftFile.open(path)
    assert len(back.rounds) == 1 and back.rounds[0].pending == 2
    # The same file again is not a second round.
    assert main(["review", str(path), str(reviewed)]) == 0
    assert "已作为第 1 轮导入" in capsys.readouterr().err
    _, back = DraftFile.open(path)
    assert len(back.rounds) == 1


def test_library_plan_is_listed_not_saved(seed_plans, tmp_path: Path, home: Path, capsys) -> None:
    """DRAFT may be a library plan, as for drafter check: listed, nothing written."""
    plan = seed_plans[0]
    exported = tmp_path / "x.docx"
    exported.write_bytes(export_bytes(plan))
    doc = WpsDoc(plan)
    doc.comment(plan.sections[0].items[0].heading, "好", "局长", "2024-03-05T09:10:00")
    doc.save(exported)
    ident = plan.meta.issuer
    assert main(["review", f"{ident} {plan.meta.year}", str(exported), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["changes"][0]["kind"] == "comment"
    assert "不保存" in out.err


def _bad_cases(d: Plan, other: Plan, tmp: Path) -> dict[str, tuple[Path, str]]:
    another = tmp / "另一份要点.docx"
    doc = WpsDoc(other)
    doc.insert(other.sections[0].items[0].heading, "（改）", "局长", "2024-03-05T09:00:00")
    doc.save(another)
    corrupt = tmp / "损坏.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    plain = tmp / "未改.docx"
    plain.write_bytes(export_bytes(d))
    bomb = tmp / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (80 * 1024 * 1024))
    notdocx = tmp / "文本.docx"
    notdocx.write_text("这不是 Word 文件", encoding="utf-8")
    return {
        "another plan": (another, "与这份草稿不符"),
        "corrupt": (corrupt, "已损坏"),
        "not a docx": (notdocx, "已损坏"),
        "unpacks too large": (bomb, "解压后过大"),
        "nothing to review": (plain, "没有修订、批注"),
        "missing": (tmp / "没有这个.docx", "找不到文件"),
    }


def test_bad_input_one_sentence_and_draft_unchanged(draft_file, seed_plans, tmp_path, capsys) -> None:
    """Another plan's file, a corrupt file, a file with nothing to review: one Chinese sentence,
    exit 2, and the draft file is byte for byte the same."""
    path, d = draft_file
    before = path.read_bytes()
    for name, (file, words) in _bad_cases(d, seed_plans[1], tmp_path).items():
        assert main(["review", str(path), str(file)]) == 2, name
        err = capsys.readouterr().err
        assert words in err, (name, err)
        assert err.count("\n") == 1 and "Traceback" not in err
        assert path.read_bytes() == before, name
