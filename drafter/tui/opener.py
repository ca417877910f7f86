"""Open a folder in the system's file manager (after an export)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from textual.widget import Widget


def open_folder(node: Widget, folder: Path) -> None:
    """Show ``folder`` in the file manager; say where it is when that cannot be done."""
    try:
        if sys.platform == "win32":
            os.startfile(folder)  # type: ignore[attr-defined]
            return
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        if shutil.which(opener) is None:
            raise FileNotFoundError(opener)
        subprocess.Popen([opener, str(folder)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    except OSError:
        node.notify(f"无法打开文件夹，请手动前往：{folder}", severity="warning", timeout=10)
