"""The TOML library: import, re-import, look-up, the built-in plans, atomic files."""

from __future__ import annotations

import json
import os

import pytest

from drafter import paths
from drafter.cli import main
from drafter.errors import LibraryError, WriteError
from drafter.library import Library
from drafter.library.store import dumps, load_plan, loads, save_plan


def test_roundtrip_every_seed(seed_plans):
    """Writing a plan to TOML and reading it back gives the same plan."""
    for plan in seed_plans:
        assert loads(dumps(plan)) == plan


def test_import_then_reimport(home, seed_paths, tmp_path):
    """Importing adds every seed; importing the same documents again skips them."""
    library = Library.open(tmp_path / "lib", builtin=False)
    first = library.import_paths([seed_paths[0].parent])
    assert first.count("added") == 5
    again = Library.open(tmp_path / "lib", builtin=False).import_paths(seed_paths)
    assert again.count("skipped") == 5 and again.count("added") == 0
    assert len(list((tmp_path / "lib").rglob("*.toml"))) == 5


def test_reimport_edited_version_updates(home, seed_paths, tmp_path):
    """A corrected version of the same file replaces its earlier import."""
    library = Library.open(tmp_path / "lib", builtin=False)
    copy = tmp_path / "in" / "plan.txt"
    copy.parent.mkdir()
    copy.write_text(seed_paths[3].read_text(encoding="utf-8"), encoding="utf-8")
    library.import_paths([copy])
    copy.write_text(seed_paths[3].read_text(encoding="utf-8").replace("1700元", "1750元"), encoding="utf-8")
    report = Library.open(tmp_path / "lib", builtin=False).import_paths([copy])
    assert [o.status for o in report.outcomes] == ["updated"]
    plan = Library.open(tmp_path / "lib", builtin=False).get("乌审旗民政局/2022")
    assert "1750元" in plan.sections[2].items[1].text


def test_item_ids_for_provenance(home, seed_paths, tmp_path):
    """Imported items carry stable ids: plan id, section and item position."""
    library = Library.open(tmp_path / "lib", builtin=False)
    library.import_paths([seed_paths[0]])
    plan = library.get("重庆市涪陵区民政局/2022")
    item = plan.sections[3].items[1]
    assert item.id == "重庆市涪陵区民政局/2022#4.2"
    assert plan.find_item(item.id) == (3, 1)


def test_builtin_library_matches_seeds(home, seed_plans):
    """The shipped library holds exactly the five seeds as the parser reads them today."""
    library = Library.open()
    builtin = [s for s in library.summaries() if s.builtin]
    assert len(builtin) == 5
    by_sha = {s.sha256: s for s in builtin}
    for plan in seed_plans:
        stored = library.get(by_sha[plan.source.sha256].id)
        assert [(s.title, [i.text for i in s.items]) for s in stored.sections] == [
            (s.title, [i.text for i in s.items]) for s in plan.sections
        ]
        assert stored.meta == plan.meta


def test_builtin_and_user_seen_together(home, tmp_path, seed_paths):
    """A user's imports appear beside the built-in plans."""
    text = seed_paths[3].read_text(encoding="utf-8").replace("2022年全旗", "2023年全旗")
    path = tmp_path / "wushen-2023.txt"
    path.write_text(text, encoding="utf-8")
    library = Library.open()
    library.import_paths([path])
    ids = Library.open().ids()
    assert "乌审旗民政局/2023" in ids and "乌审旗民政局/2022" in ids


def test_find_by_words(home):
    """A plan can be named by words: `乌审旗 2022`."""
    library = Library.open()
    assert library.find("乌审旗 2022").id == "乌审旗民政局/2022"
    with pytest.raises(LibraryError):
        library.find("2022")  # several plans


def test_catalogue_cache_notices_changes(home, tmp_path, seed_paths):
    """The start-up cache is refreshed when a library file changes."""
    lib_dir = tmp_path / "lib"
    Library.open(lib_dir, builtin=False).import_paths([seed_paths[3]])
    assert Library.open(lib_dir, builtin=False).summaries()[0].items == 29
    path = next(lib_dir.rglob("*.toml"))
    plan = load_plan(path)
    from dataclasses import replace

    shorter = replace(plan, sections=plan.sections[:1])
    save_plan(shorter, path)
    assert Library.open(lib_dir, builtin=False).summaries()[0].items == 4


def test_atomic_save_leaves_no_temp_files(tmp_path, seed_plans):
    """Saving writes the whole file and leaves nothing else behind."""
    target = tmp_path / "a" / "plan.toml"
    save_plan(seed_plans[0], target)
    assert os.listdir(target.parent) == ["plan.toml"]
    assert load_plan(target) == seed_plans[0]


def test_permission_denied(tmp_path, seed_plans, monkeypatch):
    """A folder the user may not write gives a clear Chinese error; the old file stays intact."""
    import errno
    import tempfile

    folder = tmp_path / "ro"
    save_plan(seed_plans[0], folder / "plan.toml")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(WriteError, match="没有写入权限"):
        save_plan(seed_plans[1], folder / "plan.toml")
    assert load_plan(folder / "plan.toml") == seed_plans[0]


def test_write_error_on_file_in_path(tmp_path, seed_plans):
    """A path through an existing file is reported in Chinese (works as root too)."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError, match="无法"):
        save_plan(seed_plans[0], blocker / "plan.toml")


def test_cli_import_list_show_json(home, capsys, seed_paths, tmp_path):
    """import, list and show speak JSON for scripts."""
    assert main(["--library", str(tmp_path / "lib"), "import", str(seed_paths[1]), "--format", "json"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome[0]["status"] == "skipped"  # the built-in library already holds it
    assert main(["list", "--format", "json", "--year", "2023"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["湘西州民政局/2023"]
    assert main(["show", "湘西州民政局/2023", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["sections"][1]["items"][0]["id"] == "湘西州民政局/2023#2.1"


def test_cli_list_and_show_text(home, capsys):
    """The text of list and show: the catalogue's columns aligned by terminal cells, each
    paragraph of a plan on one whole line (not cut at 80 columns when piped), no colour codes
    when the output is not a terminal; --outline keeps the headings only."""
    from drafter.textout import cells

    library = Library.open(paths.user_library())
    plans = [library.get(s.id) for s in library.summaries()]
    assert len(plans) == 5
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "资料库（5 份要点）"
    header, rows = lines[1], lines[3:8]
    column = cells(header[: header.index("年份")])
    for plan in plans:
        row = next(r for r in rows if r.startswith(plan.id))
        assert cells(row[: row.index(f"  {plan.meta.year}  ") + 2]) == column, row
    plan = next(p for p in plans if p.id == "湘西州民政局/2023")
    assert main(["show", plan.id]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "\x1b" not in out and lines[0] == plan.meta.title
    assert all(p in lines for p in plan.preamble)
    item = plan.sections[1].items[0]
    assert item.label + item.heading + item.body in lines
    assert main(["show", plan.id, "--outline"]) == 0
    outline = capsys.readouterr().out.splitlines()
    assert item.label + (item.heading or item.body[:40]) in outline
    assert not any(p in outline for p in plan.preamble)


def test_cli_list_filter_without_match_says_so(home, capsys):
    """A filter that matches nothing says which filter and how many plans the library holds;
    only a library with no plans at all is called empty."""
    assert main(["list", "--year", "1999"]) == 0
    out = capsys.readouterr().out
    assert "没有 1999 年的要点" in out and "共有 5 份" in out and "资料库是空的" not in out
    assert "编号" not in out  # no empty table above the sentence
    assert main(["list", "--year", "2023", "--issuer", "不存在的局"]) == 0
    out = capsys.readouterr().out
    assert "没有 2023 年、发文机关含“不存在的局”的要点" in out
    assert main(["list", "--year", "2023"]) == 0
    assert "没有" not in capsys.readouterr().out


def test_user_paths_follow_drafter_home(home):
    """DRAFTER_HOME redirects every user folder (tests never touch the real home)."""
    for folder in (paths.user_library(), paths.drafts_dir(), paths.user_cache_dir()):
        assert str(folder).startswith(str(home))


def test_atomic_write_uses_normal_permissions(tmp_path):
    """A new file gets the umask's permissions (colleagues can read it), not mkstemp's 0600."""
    from drafter import atomic
    from drafter.atomic import write_text

    write_text(tmp_path / "new.txt", "内容")
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o666 & ~atomic._UMASK
    (tmp_path / "new.txt").chmod(0o640)
    write_text(tmp_path / "new.txt", "改过")
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_same_file_name_different_document_is_not_replaced(home, seed_paths, tmp_path):
    """Two different plans that happen to share a file name and issuer/year both stay."""
    lib_dir = tmp_path / "lib"
    first = tmp_path / "a" / "plan.txt"
    second = tmp_path / "b" / "plan.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(seed_paths[3].read_text(encoding="utf-8"), encoding="utf-8")
    other = seed_paths[0].read_text(encoding="utf-8")
    second.write_text("2022年全旗民政工作要点\n" + other.split("2022年全区民政工作要点\n", 2)[-1]
                      + "\n乌审旗民政局\n2022年5月1日\n", encoding="utf-8")
    Library.open(lib_dir, builtin=False).import_paths([first])
    report = Library.open(lib_dir, builtin=False).import_paths([second])
    assert [o.status for o in report.outcomes] == ["added"]
    assert sorted(Library.open(lib_dir, builtin=False).ids()) == ["乌审旗民政局/2022", "乌审旗民政局/2022-2"]


def test_bad_library_file_is_skipped_not_fatal(home, seed_paths, tmp_path, capsys):
    """One unreadable or duplicate TOML file is left out with a note; the rest still works."""
    lib_dir = tmp_path / "lib"
    Library.open(lib_dir, builtin=False).import_paths([seed_paths[3]])
    (lib_dir / "坏文件").mkdir()
    (lib_dir / "坏文件" / "1.toml").write_text('a="', encoding="utf-8")
    good = next(p for p in lib_dir.rglob("*.toml") if "坏文件" not in str(p))
    (lib_dir / "副本.toml").write_bytes(good.read_bytes())
    library = Library.open(lib_dir, builtin=False)
    assert library.ids() == ["乌审旗民政局/2022"]
    assert len(library.problems) == 2
    assert any("1.toml" in p for p in library.problems)
    assert any("编号同为" in p for p in library.problems)
    assert main(["--library", str(lib_dir), "list", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "1.toml" in captured.err and "Traceback" not in captured.err
