"""`drafter` without a command launches the app; `drafter app` options reach make_app."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cli import main
from drafter.tui.app import DrafterApp


@pytest.fixture()
def launched(monkeypatch: pytest.MonkeyPatch) -> list[DrafterApp]:
    """Record the apps that would have been run instead of taking over the terminal."""
    apps: list[DrafterApp] = []
    monkeypatch.setattr(DrafterApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_no_arguments_launches_the_app(home: Path, launched: list[DrafterApp],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`drafter` alone opens the app on the user's drafts folder."""
    monkeypatch.setattr("sys.argv", ["drafter"])
    assert main() == 0
    assert len(launched) == 1
    assert launched[0].drafts_folder == home / "data" / "drafts"


def test_workspace_and_library_options(home: Path, tmp_path: Path,
                                       launched: list[DrafterApp]) -> None:
    """--library and --workspace choose where plans are read and drafts are saved."""
    assert main(["--library", str(tmp_path / "lib"), "app", "--workspace",
                 str(tmp_path / "ws")]) == 0
    assert launched[0].library_dir == tmp_path / "lib"
    assert launched[0].drafts_folder == tmp_path / "ws"


def test_missing_draft_is_one_chinese_sentence(home: Path, tmp_path: Path, capsys,
                                               launched: list[DrafterApp]) -> None:
    """--open with a missing file exits 2 with a Chinese sentence, without starting the app."""
    assert main(["app", "--open", str(tmp_path / "无.toml")]) == 2
    assert "找不到草稿文件" in capsys.readouterr().err
    assert launched == []
