"""The library under pressure: concurrent imports, files changed behind drafter's back, and
shared TOML files built to break it (deep nesting, empty, unknown format, terminal escapes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.errors import LibraryError
from drafter.library import Library, store
from drafter.paths import safe_name
from tests.reliability_support import assert_one_sentence, run, unsigned_plan_texts


def _folder(tmp_path: Path, name: str, texts: list[str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"{name}-{n:03}.txt").write_text(text, encoding="utf-8")
    return folder


def test_two_concurrent_imports_keep_every_plan(seed_plans, tmp_path):
    """Two `drafter import` into one library at once: every plan reported added is on disk,
    under its own id (all of them want 未署名/2015)."""
    import subprocess
    import sys

    texts = unsigned_plan_texts(seed_plans, 60)
    a, b = _folder(tmp_path, "甲", texts[:30]), _folder(tmp_path, "乙", texts[30:])
    library = tmp_path / "lib"
    procs = []
    for folder in (a, b):
        env_home = tmp_path / f"home-{folder.name}"
        cmd = [sys.executable, "-m", "drafter", "--library", str(library), "import", str(folder),
               "--format", "json"]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, env=_env(env_home)))
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        reports.extend(json.loads(out))
    added = [r for r in reports if r["status"] == "added"]
    assert len(added) == 60
    assert len({r["id"] for r in added}) == 60
    files = sorted(library.rglob("*.toml"))
    assert len(files) == 60
    ids = {store.load_plan(f).id for f in files}
    assert ids == {r["id"] for r in added}


def _env(home: Path) -> dict[str, str]:
    import os

    from tests.reliability_support import ROOT

    return {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPATH": str(ROOT)}


def test_import_never_replaces_a_file_changed_since_it_was_read(seed_plans, tmp_path, monkeypatch, home):
    """A plan file edited by someone else between drafter's read and its write is left alone."""
    texts = unsigned_plan_texts(seed_plans, 1)
    library = Library.open(tmp_path / "lib", builtin=False)
    first = _folder(tmp_path, "一", texts)
    (report,) = library.import_paths([first]).outcomes
    target = library.summary(report.plan_id).path
    # The same file revised (one word), so the import wants to update the plan in place.
    revised = tmp_path / "一" / "一-000.txt"
    revised.write_text(texts[0].replace("落实到位", "抓好落实"), encoding="utf-8")
    colleague = target.read_text(encoding="utf-8").replace("落实到位", "同事改过")
    real_place = Library._place

    def place_then_colleague_edits(self, plan):
        result = real_place(self, plan)
        target.write_text(colleague, encoding="utf-8")
        return result

    monkeypatch.setattr(Library, "_place", place_then_colleague_edits)
    (outcome,) = library.import_paths([revised]).outcomes
    assert outcome.status == "failed" and "没有覆盖" in outcome.reason
    assert target.read_text(encoding="utf-8") == colleague


def test_new_id_never_takes_the_name_of_an_unreadable_file(seed_plans, tmp_path, home):
    """未署名/2015.toml that cannot be read is skipped by the catalogue, not overwritten."""
    lib = tmp_path / "lib"
    broken = lib / "未署名" / "2015.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text("format = 1\nid = [[[", encoding="utf-8")
    library = Library.open(lib, builtin=False)
    (outcome,) = library.import_paths([_folder(tmp_path, "丙", unsigned_plan_texts(seed_plans, 1))]).outcomes
    assert outcome.status == "added" and outcome.plan_id == "未署名/2015-2"
    assert broken.read_text(encoding="utf-8") == "format = 1\nid = [[["


DEEP = "format = 1\nid = \"x/1\"\nsections = " + "[" * 500 + "]" * 500 + "\n"


@pytest.mark.parametrize("command", [["list"], ["show", "乌审旗 2022"], ["similar", "养老服务"]])
def test_deep_toml_in_library_is_skipped_with_a_note(capsys, home, tmp_path, command):
    """A 1 KB file of 500 nested arrays: every command that opens the library still works and
    names the file it skipped."""
    lib = tmp_path / "lib"
    (lib / "同事").mkdir(parents=True)
    (lib / "同事" / "2024.toml").write_text(DEEP, encoding="utf-8")
    code, _, err = run(capsys, ["--library", str(lib), *command])
    assert code == 0, err
    assert "Traceback" not in err
    assert "已跳过" in err and "2024.toml" in err and "嵌套" in err


@pytest.mark.parametrize("text,words", [
    ("", "空"),
    ("# 只有注释\n", "空"),
    ("name = \"骨架\"\n", "没有要点的内容"),
    ("format = 99\n[meta]\ntitle = \"x\"\n", "格式 99"),
    ("format = \"1\"\n[meta]\ntitle = \"x\"\n", "format"),
    (DEEP, "嵌套"),
])
def test_files_that_are_not_plans_are_refused(capsys, home, tmp_path, text, words):
    """check/show on an empty TOML, an unknown format or deep nesting: one sentence, exit ≠ 0."""
    path = tmp_path / "草稿.toml"
    path.write_text(text, encoding="utf-8")
    for argv in (["check", str(path), "--year", "2024"], ["show", str(path)]):
        code, _, err = run(capsys, argv)
        assert_one_sentence(code, err, "草稿.toml")
        assert words in err


def test_escape_sequences_never_reach_the_terminal(capsys, home, seed_plans, tmp_path):
    """ESC, BEL, CSI and bidi overrides in a shared library file are not printed by show/diff."""
    plan = seed_plans[1]
    item = plan.sections[0].items[0]
    hostile = "\x1b]0;被改了的标题\x07\x1b[2J\x9b31m\u202e"
    from dataclasses import replace

    section = replace(plan.sections[0], items=(replace(item, heading=hostile + item.heading),
                                               *plan.sections[0].items[1:]))
    bad = replace(plan, id="同事/2023", meta=replace(plan.meta, title=hostile + plan.meta.title),
                  sections=(section, *plan.sections[1:]))
    path = tmp_path / "同事.toml"
    path.write_text(store.dumps(bad), encoding="utf-8")
    assert "\\u001b" in path.read_text(encoding="utf-8")  # kept in the file, escaped
    base = tmp_path / "底稿.toml"
    base.write_text(store.dumps(replace(plan, id="甲/2023")), encoding="utf-8")
    for argv in (["show", str(path)], ["diff", str(base), str(path)]):
        code, out, err = run(capsys, argv)
        assert code == 0, err
        for char in "\x1b\x07\x9b\u202e":
            assert char not in out
        assert "被改了的标题" in out


@pytest.mark.parametrize("value,expected", [
    ("乌审旗\x00民政局", "乌审旗_民政局"),
    ("../../etc", "etc"),
    ("a/b\\c:d", "a_b_c_d"),
    ("CON", "_CON"),
    ("\x00", "_"),
])
def test_safe_name(value, expected):
    """Every value that becomes a path goes through one function."""
    assert safe_name(value) == expected


def test_long_names_fit_the_file_system():
    """A 300-character issuer is cut to a name the file system takes, on a character edge."""
    name = safe_name("民" * 300)
    assert len(name.encode("utf-8")) <= 180 and set(name) == {"民"}


def test_nul_in_issuer_becomes_a_draft_and_a_library_file(seed_plans, tmp_path, home):
    """An issuer with NUL (from a shared file) gives usable paths for drafts and imports."""
    from dataclasses import replace

    from drafter.draft import DraftFile
    from drafter.draft.create import new_draft

    plan = replace(seed_plans[0], id="乌审旗\x00/2022",
                   meta=replace(seed_plans[0].meta, issuer="乌审旗\x00民政局"))
    draft = DraftFile.create(new_draft(plan, 2023), tmp_path / "drafts")
    assert draft.path.exists() and "\x00" not in str(draft.path)
    lib = Library.open(tmp_path / "lib", builtin=False)
    assert "\x00" not in str(lib._path_for(plan.id))


def test_library_error_is_a_library_error():
    """The loader raises the library's own error for every refused file."""
    with pytest.raises(LibraryError):
        store.loads(DEEP)


def test_deep_rule_file_is_one_sentence(capsys, home, tmp_path):
    """A colleague's rule file of nested arrays: `check --rules` names it, no RecursionError."""
    rules = tmp_path / "规则"
    rules.mkdir()
    (rules / "同事.toml").write_text("rule = " + "[" * 600 + "]" * 600, encoding="utf-8")
    code, _, err = run(capsys, ["check", "涪陵 2022", "--year", "2023", "--rules", str(rules)])
    assert_one_sentence(code, err, "同事.toml")
    assert "嵌套" in err


def test_deep_keys_file_does_not_stop_the_app(home):
    """A keys.toml of nested tables: the defaults are used and the file is named."""
    from drafter.errors import DrafterError
    from drafter.tui.keys import load_keymap

    config = home / "config"
    config.mkdir(parents=True)
    (config / "keys.toml").write_text("a = " + "{b = " * 400 + "1" + "}" * 400, encoding="utf-8")
    with pytest.raises(DrafterError, match="keys"):
        load_keymap()


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a = ", "}"), ("[{a = ", "}]")])
def test_nesting_inside_the_parser_reach_is_read_and_checked(opener, closer):
    """Nesting the parser can reach is parsed and then refused by the type checks (a plan has
    no such values), so depth alone never matters below the limit."""
    text = "format = 1\nid = \"a/1\"\nsections = " + opener * 40 + "1" + closer * 40 + "\n"
    with pytest.raises(LibraryError, match=r"sections|第 1 部分"):
        store.loads(text)
