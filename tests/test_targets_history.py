"""Several years of one issuer: each target's run, and a multi-year target followed to its year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main

# Seed 001 (湘西 2023) rewritten as the plans of 2022 and 2023 and the draft for 2024.
BED = "推进养老机构新增200张护理型床位;"
YEARS = {
    2022: [("2023年全州民政工作要点", "2022年全州民政工作要点"),
           (BED, BED + "新增3000张认知障碍照护床位;"),
           ("建成18个以上养老助餐点。",
            "建成18个以上养老助餐点。到2024年，养老机构护理型床位占比达到60%。"
            "到2024年，村居互助养老服务点覆盖率达到80%。")],
    2023: [(BED, BED + "新增3000张认知障碍照护床位;")],
    2024: [("2023年全州民政工作要点", "2024年全州民政工作要点"),
           (BED, BED + "改建2000张认知障碍照护床位;"),
           ("建成18个以上养老助餐点。", "建成18个以上养老助餐点。养老机构护理型床位占比达到60%。")],
}


@pytest.fixture()
def library(home, seed_paths, tmp_path) -> tuple[Path, Path]:
    """A library holding 湘西 2022 and 2023, and the 2024 draft as a file outside it."""
    seed = seed_paths[1].read_text(encoding="utf-8")
    files = {}
    for year, edits in YEARS.items():
        text = seed
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new)
        files[year] = tmp_path / f"湘西{year}.txt"
        files[year].write_text(text, encoding="utf-8")
    folder = tmp_path / "lib"
    assert main(["--library", str(folder), "import", str(files[2022]), str(files[2023])]) == 0
    return folder, files[2024]


def history(capsys, folder: Path, draft: Path) -> dict:
    """``drafter check DRAFT --base 湘西州民政局/2023-2 --history --format json``."""
    main(["--library", str(folder), "check", str(draft), "--base", "湘西州民政局/2023-2",
          "--history", "--format", "json"])
    return json.loads(capsys.readouterr().out)


def run_of(data: dict, subject: str) -> dict:
    """The one run whose newest subject is ``subject``."""
    runs = [r for r in data["history"] if r["subject"] == subject]
    assert len(runs) == 1, [r["subject"] for r in data["history"]]
    return runs[0]


def test_run_over_three_years(library, capsys):
    """新增3000张 in 2022 and 2023, 改建2000张 in 2024: one run of three years."""
    capsys.readouterr()
    run = run_of(history(capsys, *library), "认知障碍照护床位")
    steps = [(s["year"], s["target"]["verb"], s["target"]["value"], s["status"])
             for s in run["steps"]]
    assert steps == [(2022, "新增", 3000, None), (2023, "新增", 3000, "kept"),
                     (2024, "改建", 2000, "verb_changed")]
    assert run["in_draft"]


def test_due_target_followed_to_its_year(library, capsys):
    """A 到2024年 target of 2022 not repeated in 2023 is joined to the 2024 draft."""
    capsys.readouterr()
    data = history(capsys, *library)
    run = run_of(data, "养老机构护理型床位占比")
    assert [s["year"] for s in run["steps"]] == [2022, 2024]
    assert (run["due_year"], run["note"]) == (2024, "本年到期")


def test_due_target_missing_is_flagged(library, capsys):
    """A 到2024年 target no longer listed in 2024 is a warning with the year it was set."""
    capsys.readouterr()
    data = history(capsys, *library)
    run = run_of(data, "村居互助养老服务点覆盖率")
    assert run["note"] == "本年到期，本年未列出" and not run["in_draft"]
    due = [f for f in data["findings"] if f["code"] == "target-due"]
    assert len(due) == 1 and "2024年为期" in due[0]["message"]


def test_history_text(library, capsys):
    """The text output shows a run as years and figures joined by arrows."""
    folder, draft = library
    capsys.readouterr()
    main(["--library", str(folder), "check", str(draft), "--base", "湘西州民政局/2023-2",
          "--history"])
    out = capsys.readouterr().out
    assert "指标沿革" in out
    flat = "".join(out.split())
    assert "2022新增3000张→2023新增3000张→2024改建2000张" in flat.replace("│", "")
