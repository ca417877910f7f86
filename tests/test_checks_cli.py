"""``drafter check``: exit status, JSON output, the CSV ledger and bad input."""

from __future__ import annotations

import json

import pytest

from drafter.cli import main


def run_json(capsys, *args: str) -> tuple[int, dict]:
    """Run ``drafter check … --format json``; return the status and the parsed output."""
    status = main(["check", *args, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def test_stale_draft_exits_1(home, capsys, seed_paths):
    """Seed 000 checked as 2027 has errors: exit 1, findings with the documented codes."""
    status, data = run_json(capsys, str(seed_paths[0]), "--year", "2027")
    assert status == 1
    codes = {f["code"] for f in data["findings"]}
    assert {"stale-term", "stale-year", "expired-plan"} <= codes
    assert data["year"] == 2027


def test_clean_plan_exits_0(home, capsys, seed_paths):
    """Seed 001 in its own year has no errors: exit 0."""
    status, data = run_json(capsys, str(seed_paths[1]))
    assert status == 0
    assert data["year"] == 2023
    assert not [f for f in data["findings"] if f["severity"] == "error"]


def test_base_and_ledger_csv(home, capsys, seed_paths, tmp_path):
    """--base adds target-* findings; --ledger-csv writes a BOM-prefixed CSV file."""
    out = tmp_path / "台账.csv"
    status, data = run_json(capsys, str(seed_paths[3]), "--base", str(seed_paths[3]),
                            "--ledger-csv", str(out))
    assert status == 0
    assert {f["code"] for f in data["findings"]} >= {"target-kept"}
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_text_output(home, capsys, seed_paths):
    """The text output is Chinese and names the plan; warnings alone exit 0."""
    assert main(["check", str(seed_paths[4])]) == 0
    out = capsys.readouterr().out
    assert "2020年全区民政工作要点" in out and "检查结果" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--year", "99"], "--year"),
        (["--ledger-csv", "x.csv"], "--base"),
    ],
)
def test_bad_arguments(home, capsys, seed_paths, args, words):
    """Bad arguments stop with exit 2 and one Chinese sentence."""
    assert main(["check", str(seed_paths[1]), *args]) == 2
    assert words in capsys.readouterr().err


def test_missing_file(home, capsys, tmp_path):
    """A plan that does not exist is an input error (exit 2)."""
    assert main(["check", str(tmp_path / "无此文件.txt")]) == 2
    assert "错误" in capsys.readouterr().err


def test_missing_rules_folder(home, capsys, seed_paths, tmp_path):
    """--rules naming a folder that does not exist stops with exit 2 and names the folder."""
    missing = tmp_path / "无此规则"
    assert main(["check", str(seed_paths[0]), "--rules", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "无此规则" in err and "不存在" in err and "Traceback" not in err


def write_rule(folder, pattern: str) -> None:
    """A user rule file with one past-year rule ``office-year`` using this pattern."""
    folder.mkdir()
    (folder / "office.toml").write_text(
        f"[[rule]]\nid = \"office-year\"\ntype = \"past-year\"\npattern = '{pattern}'\n"
        "message = \"m\"\n", encoding="utf-8")


def test_year_group_catching_words(home, capsys, seed_paths, tmp_path):
    """Seed 000 (涪陵 2022) as 2023 with a past-year rule whose year group catches 民政: no
    traceback, the same status and findings as without the rule."""
    write_rule(tmp_path / "rules", "(?P<year>民政)")
    args = [str(seed_paths[0]), "--year", "2023"]
    with_rule = run_json(capsys, *args, "--rules", str(tmp_path / "rules"))
    assert with_rule == run_json(capsys, *args)
    assert with_rule[0] == 1


@pytest.mark.parametrize(("pattern", "words"), [("(?P<year>民政", "正则"), ("民政", "(?P<year>")])
def test_broken_user_rule(home, capsys, seed_paths, tmp_path, pattern, words):
    """A user rule that does not compile or lacks its year group: exit 2, one Chinese sentence
    naming the file and the rule id."""
    write_rule(tmp_path / "rules", pattern)
    assert main(["check", str(seed_paths[0]), "--year", "2023",
                 "--rules", str(tmp_path / "rules")]) == 2
    err = capsys.readouterr().err
    assert "office.toml" in err and "office-year" in err and words in err
    assert "Traceback" not in err


def test_target_findings_carry_pair_and_confidence(home, capsys, seed_paths, tmp_path):
    """Each target finding gains ``pair`` (the other year's target or null) and ``confidence``;
    the documented keys stay."""
    text = seed_paths[1].read_text(encoding="utf-8")
    draft = tmp_path / "草稿.txt"
    draft.write_text(text.replace("城市低保标准不低于650元/月", "城市低保标准不低于680元/月")
                     .replace("完成1095户困难老年人居家适老化改造。", "")
                     .replace("2023年全州民政工作要点", "2024年全州民政工作要点"), encoding="utf-8")
    out = tmp_path / "台账.csv"
    _, data = run_json(capsys, str(draft), "--base", str(seed_paths[1]), "--ledger-csv", str(out))
    for key in ("year", "targets", "findings"):
        assert key in data
    targets = [f for f in data["findings"] if f["code"].startswith("target-")]
    for f in data["findings"]:
        assert {"code", "severity", "message", "section", "item", "evidence", "suggestion"} <= set(f)
    for f in targets:
        assert "pair" in f and "confidence" in f
    assert not [f for f in targets if f["severity"] == "error"]
    raised = [f for f in targets if f["code"] == "target-raised"]
    assert len(raised) == 1
    assert raised[0]["pair"]["value"] == 650 and 0.65 <= raised[0]["confidence"] <= 1
    dropped = [f for f in targets if f["code"] == "target-dropped"]
    assert dropped and all(f["pair"] is None and f["confidence"] is None for f in dropped)
    csv_text = out.read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].endswith("把握,依据")
    assert "提高" in csv_text and "城市低保标准" in csv_text
