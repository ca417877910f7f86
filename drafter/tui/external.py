"""The "open in $EDITOR" escape hatch for long text and IME trouble."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from drafter.errors import DrafterError


def editor_command() -> str:
    """$VISUAL, then $EDITOR, then the platform's plain editor."""
    fallback = "notepad" if sys.platform == "win32" else "vi"
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or fallback


def edit_externally(app: App, text: str) -> str:
    """Hand the terminal to the external editor on a temp file; return the edited text."""
    command = editor_command()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text + "\n")
    path = Path(fh.name)
    try:
        with app.suspend():
            subprocess.call([*shlex.split(command), str(path)])
        return path.read_text(encoding="utf-8").rstrip("\n")
    except SuspendNotSupported as exc:
        raise DrafterError("当前终端不支持切换到外部编辑器。") from exc
    except OSError as exc:
        raise DrafterError(f"无法启动外部编辑器 {command}：{exc.strerror}。") from exc
    finally:
        path.unlink(missing_ok=True)
