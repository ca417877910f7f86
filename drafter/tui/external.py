"""The "open in $EDITOR" escape hatch for long text and IME trouble."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

from drafter.errors import DrafterError

FALLBACKS = ("nano", "editor")
"""Editors a writer can use without learning vi, tried in order when none is set
(``editor`` is Debian's chosen default)."""
HOW_TO_SET = "要换用其他编辑器，请设置环境变量 EDITOR（例如 export EDITOR=gedit）"
"""How to choose the editor, said whenever drafter had to pick one."""


@dataclass(frozen=True)
class Editor:
    """The external editor drafter will start."""

    command: str
    """The command line (split like a shell would)."""
    chosen_by: str
    """``VISUAL``, ``EDITOR`` or ``""`` when drafter picked a fallback."""

    @property
    def name(self) -> str:
        """The program's name as the writer knows it (``nano``)."""
        words = shlex.split(self.command)
        return Path(words[0]).name if words else self.command

    def describe(self) -> str:
        """Which editor and why, in Chinese (with how to change it when it was a fallback)."""
        if self.chosen_by:
            return f"外部编辑器：{self.name}（来自 ${self.chosen_by}）"
        return f"外部编辑器：{self.name}（未设置 $EDITOR）；{HOW_TO_SET}"


def choose_editor(env: Mapping[str, str] | None = None,
                  which: Callable[[str], str | None] | None = None) -> Editor:
    """$VISUAL, then $EDITOR, then nano or editor where present (notepad on Windows)."""
    env = os.environ if env is None else env
    which = which or shutil.which
    for variable in ("VISUAL", "EDITOR"):
        if env.get(variable, "").strip():
            return Editor(env[variable].strip(), variable)
    if sys.platform == "win32":
        return Editor("notepad", "")
    for name in FALLBACKS:
        if which(name):
            return Editor(name, "")
    raise DrafterError(f"没有找到可用的外部编辑器（试过 nano、editor）；{HOW_TO_SET}。")


def edit_externally(app: App, text: str, editor: Editor | None = None) -> str:
    """Hand the terminal to the external editor on a temp file; return the edited text."""
    editor = editor or choose_editor()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text + "\n")
    path = Path(fh.name)
    try:
        with app.suspend():
            subprocess.call([*shlex.split(editor.command), str(path)])
        return path.read_text(encoding="utf-8").rstrip("\n")
    except SuspendNotSupported as exc:
        raise DrafterError("当前终端不支持切换到外部编辑器。") from exc
    except OSError as exc:
        raise DrafterError(f"无法启动外部编辑器 {editor.name}：{exc.strerror}；{HOW_TO_SET}。") \
            from exc
    finally:
        path.unlink(missing_ok=True)
