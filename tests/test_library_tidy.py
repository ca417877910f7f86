"""Tidying the library: remove to a trash and restore, hide built-ins, skip drafter's outputs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.diff import diff_plans
from drafter.diff.docx_redline import write_redline
from drafter.diff.docx_tracked import write_tracked
from drafter.draft import DraftFile, new_draft
from drafter.draft.companions import history_path
from drafter.export import export_plan
from drafter.library import Library, trash
from drafter.library.labels import plan_labels
from drafter.provenance import output_kind

FULING = "重庆市涪陵区民政局/2022"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed(name_part: str) -> Path:
    return next(p for p in sorted(SEEDS.glob("*.txt")) if name_part in p.read_text("utf-8")[:400])


@pytest.fixture()
def user_plan(home: Path, tmp_path: Path) -> str:
    """The 涪陵 seed imported as a user plan under another name (so it is not a duplicate)."""
    text = (SEEDS / next(p.name for p in SEEDS.glob("*.txt")
                         if "涪陵" in p.read_text("utf-8")[:400])).read_text("utf-8")
    source = tmp_path / "涪陵2023.txt"
    source.write_text(text.replace("2022年", "2023年") + "\n附：新增一段。\n", "utf-8")
    report = Library.open().import_paths([source])
    assert report.outcomes[0].status == "added"
    return report.outcomes[0].plan_id


def test_removing_a_user_plan_moves_it_to_the_trash_and_restore_brings_it_back(
        user_plan: str) -> None:
    """remove → the TOML file is in the trash and gone from the catalogue; restore → back
    at the same path and listed again."""
    library = Library.open()
    path = library.summary(user_plan).path
    entry = library.remove(user_plan)
    assert entry is not None and not path.exists()
    assert user_plan not in Library.open().ids()
    listed = trash.list_trash()
    assert [e.plan_id for e in listed] == [user_plan]
    assert listed[0].original == path.resolve()
    assert trash.restore(listed[0]) == path.resolve()
    assert path.is_file() and user_plan in Library.open().ids()
    assert trash.list_trash() == []


def test_restore_never_overwrites(user_plan: str) -> None:
    """A file now at the original place is kept; the entry stays in the trash."""
    library = Library.open()
    path = library.summary(user_plan).path
    entry = library.remove(user_plan)
    assert entry is not None
    path.write_text("别人的文件", "utf-8")
    with pytest.raises(Exception, match="已有同名文件"):
        trash.restore(entry)
    assert path.read_text("utf-8") == "别人的文件" and trash.list_trash()


def test_a_builtin_plan_is_hidden_not_deleted(home: Path) -> None:
    """Removing a built-in records it in hidden.toml; its file stays; unhide shows it again."""
    library = Library.open()
    path = library.summary(FULING).path
    assert library.remove(FULING) is None
    assert path.is_file()
    assert FULING not in Library.open().ids()
    assert FULING in trash.hidden_path().read_text("utf-8")
    Library.open().unhide(FULING)
    assert FULING in Library.open().ids()


def test_a_draft_goes_to_the_trash_with_its_undo_history(home: Path) -> None:
    """A draft's undo history file travels with it, out and back."""
    plan = new_draft(Library.open().get(FULING), 2023)
    draft = DraftFile.create(plan, home / "drafts")
    history_path(draft.path).write_text("{}", "utf-8")
    entry = trash.trash_draft(draft.path, "2023 草稿")
    assert not draft.path.exists() and not history_path(draft.path).exists()
    trash.restore(entry)
    assert draft.path.is_file() and history_path(draft.path).is_file()


def test_cli_remove_asks_first_and_restore_lists(user_plan: str, monkeypatch, capsys) -> None:
    """`drafter remove ID` asks; no → exit 1 and nothing removed; --yes removes;
    `drafter restore` lists the trash; `drafter restore NAME` puts it back."""
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["remove", user_plan]) == 1
    assert user_plan in Library.open().ids()
    assert "确定吗" in capsys.readouterr().out
    assert main(["remove", "--yes", user_plan]) == 0
    out = capsys.readouterr().out
    assert "移到回收站" in out and "drafter restore" in out
    assert user_plan not in Library.open().ids()
    assert main(["restore", "--list", "--format", "json"]) == 0
    import json

    listed = json.loads(capsys.readouterr().out)
    assert [e["plan_id"] for e in listed["trash"]] == [user_plan]
    assert main(["remove", "--restore", listed["trash"][0]["name"]]) == 0
    assert user_plan in Library.open().ids()


def test_cli_hides_a_builtin_and_says_so(home: Path, capsys) -> None:
    """`drafter remove --yes` on a built-in hides it and says it is read-only."""
    assert main(["remove", "--yes", FULING]) == 0
    assert "内置要点，不能删除，已隐藏" in capsys.readouterr().out
    assert main(["restore", FULING]) == 0
    assert FULING in Library.open().ids()


def test_cli_remove_of_an_unknown_name_is_one_sentence(home: Path, capsys) -> None:
    """An unknown name: exit 2 and one Chinese sentence, no traceback."""
    assert main(["remove", "--yes", "没有这个要点"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err


def test_import_skips_drafter_outputs(home: Path, tmp_path: Path) -> None:
    """A work folder with an export, a 修订稿 and a 花脸稿 next to a real plan: only the plan
    is imported; each output is skipped with a note naming what it is."""
    library = Library.open()
    base = library.get(FULING)
    draft = new_draft(base, 2023)
    folder = tmp_path / "工作文件夹"
    folder.mkdir()
    export_plan(draft, folder / "2023要点.docx", fmt="docx")
    diff = diff_plans(base, draft)
    write_tracked(diff, folder / "2023要点-修订稿.docx")
    write_redline(diff, folder / "2023要点-花脸稿.docx")
    real = _seed("宝山").read_text("utf-8").replace("2022年", "2021年")
    (folder / "宝山.txt").write_text(real, "utf-8")
    assert output_kind(folder / "2023要点-修订稿.docx") == "修订稿"
    assert output_kind(folder / "2023要点-花脸稿.docx") == "花脸稿"
    assert output_kind(folder / "2023要点.docx") == "导出稿"
    report = library.import_paths([folder])
    skipped = {o.path.name: o.reason for o in report.outcomes if o.status == "skipped"}
    assert "drafter 生成的修订稿" in skipped["2023要点-修订稿.docx"]
    assert "drafter 生成的花脸稿" in skipped["2023要点-花脸稿.docx"]
    assert "drafter 生成的导出稿" in skipped["2023要点.docx"]
    assert [o.path.name for o in report.outcomes if o.status != "skipped"] == ["宝山.txt"]


def test_someone_elses_docx_is_not_taken_for_an_output(tmp_path: Path) -> None:
    """A docx without drafter's marker (or not a zip at all) is nobody's output."""
    import docx

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert output_kind(plain) is None and output_kind(broken) is None


def test_plan_labels_say_unknown_years_and_tell_alike_plans_apart(home: Path) -> None:
    """No ???? for a missing year; two plans with the same year, issuer and title differ."""
    from dataclasses import replace

    s = Library.open().summary(FULING)
    twin = replace(s, id=FULING + "-2", source_file="另一份.docx")
    undated = replace(s, id="x/未知年份", year=None)
    labels = plan_labels([s, twin, undated])
    assert len(set(labels)) == 3
    assert "????" not in "".join(labels) and labels[2].startswith("年份不详")
    assert "另一份.docx" in labels[1]
