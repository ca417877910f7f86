"""The ``drafter`` program ends at once after its command: nothing printed or started is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _drafter(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DRAFTER_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True,
                          text=True, env=env, check=False)


def test_a_long_output_reaches_the_pipe_whole(tmp_path):
    """A plan's JSON, several times the program's output buffer, arrives complete and parses
    (its last part is written by the flush before the exit)."""
    done = _drafter(tmp_path / "home", "show", "乌审旗 2022", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.encode("utf-8")) > 4 * 8192
    plan = json.loads(done.stdout)
    assert plan["sections"] and "民政" in plan["title"]


def test_exit_statuses_pass_through(tmp_path):
    """A check with errors exits 1 with its whole report; a missing plan exits 2 with one
    Chinese sentence and no traceback."""
    checked = _drafter(tmp_path / "home", "check", "乌审旗 2022", "--year", "2023",
                       "--format", "json")
    assert checked.returncode == 1
    assert any(f["severity"] == "error" for f in json.loads(checked.stdout)["findings"])
    missing = _drafter(tmp_path / "home", "show", "没有这份要点")
    assert missing.returncode == 2
    assert missing.stderr.startswith("错误：") and "Traceback" not in missing.stderr


def test_a_running_thread_is_waited_for(tmp_path):
    """When another thread is still working, the program ends the usual way, after it."""
    marker = tmp_path / "marker.txt"
    code = (
        "import sys, threading, time\n"
        "from pathlib import Path\n"
        "sys.argv = ['drafter', 'list', '--format', 'json']\n"
        "def work():\n"
        "    time.sleep(0.3)\n"
        f"    Path({str(marker)!r}).write_text('写完', encoding='utf-8')\n"
        "threading.Thread(target=work).start()\n"
        "from drafter.cli import entry\n"
        "entry()\n"
    )
    env = {**os.environ, "DRAFTER_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)
    assert marker.read_text(encoding="utf-8") == "写完"
