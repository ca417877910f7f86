"""One jieba tokenizer for every module, its cache in the user's cache folder, never in the
shared temp folder where another local user could plant one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability_support import ROOT


def _diff_env(tmp_path: Path, home: Path) -> dict[str, str]:
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir(exist_ok=True)
    return {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPATH": str(ROOT),
            "TMPDIR": str(shared_tmp)}


def _plans(seed_paths, tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "去年.txt", tmp_path / "今年.txt"
    text = seed_paths[1].read_text(encoding="utf-8")
    a.write_text(text, encoding="utf-8")
    b.write_text(text.replace("提高", "稳步提高"), encoding="utf-8")
    for p in (a, b):
        p.chmod(0o644)
    return a, b


def test_diff_never_reads_or_writes_the_shared_temp_cache(seed_paths, tmp_path):
    """`drafter diff` leaves a jieba.cache planted in the temp folder untouched and unread,
    and keeps its own cache in the user's cache folder."""
    home = tmp_path / "home"
    env = _diff_env(tmp_path, home)
    planted = Path(env["TMPDIR"]) / "jieba.cache"
    planted.write_bytes(b"planted by another user")
    a, b = _plans(seed_paths, tmp_path)
    done = subprocess.run([sys.executable, "-m", "drafter", "diff", str(a), str(b)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert planted.read_bytes() == b"planted by another user"
    assert sorted(p.name for p in planted.parent.iterdir()) == ["jieba.cache"]
    assert (home / "cache" / "jieba" / "jieba.cache").is_file()


def test_unwritable_cache_uses_a_private_folder(tmp_path, monkeypatch):
    """When the user's cache folder cannot be made, jieba gets a new private folder, not the
    shared temp folder."""
    import tempfile

    from drafter.match import tokenize

    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").write_text("a file where the cache folder should be")
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    folder = Path(tokenize._cache_dir())
    assert folder.parent == Path(tempfile.gettempdir())
    assert folder.name.startswith("drafter-jieba-") and (folder.stat().st_mode & 0o077) == 0
    folder.rmdir()


def test_diff_and_matcher_share_one_tokenizer():
    """The diff's words come from the same tokenizer as the matcher's (domain words included)."""
    from drafter.diff import words
    from drafter.match.tokenize import tokenizer

    assert words._jieba() is tokenizer()
    assert "最低生活保障" in words.tokens("完善最低生活保障制度")


def _nobody_command() -> list[str] | None:
    """A command prefix that runs as the unprivileged user nobody, when this machine has one."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    tool = shutil.which("setpriv")
    if tool is None:
        return None
    return [tool, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]


def _why_not_as_nobody() -> str:
    """Why the non-root run cannot happen here ('' when it can)."""
    prefix = _nobody_command()
    if prefix is None:
        return "needs root and setpriv to switch to the user nobody"
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import jieba, drafter"],
                               capture_output=True, text=True, timeout=60,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    except OSError as exc:
        return f"setpriv failed: {exc}"
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return f"the user nobody cannot run {sys.executable} with this tree ({last})"
    return ""


_WHY_NOT = _why_not_as_nobody()


@pytest.mark.skipif(bool(_WHY_NOT), reason=f"non-root run impossible here: {_WHY_NOT}")
def test_second_user_gets_no_traceback(seed_paths):
    """A second (non-root) user runs diff after root left a 0600 jieba.cache in the shared temp
    folder: no traceback, and that user's cache goes to that user's folder."""
    import tempfile

    # pytest's tmp_path sits in a folder only root may enter; this one the user can reach.
    base = Path(tempfile.mkdtemp(prefix="drafter-nobody-"))
    try:
        base.chmod(0o755)
        home = base / "nobody-home"
        home.mkdir()
        os.chown(home, *_nobody_ids())
        env = _diff_env(base, home)
        shared = Path(env["TMPDIR"])
        shared.chmod(0o1777)
        (shared / "jieba.cache").write_bytes(b"root's cache")
        (shared / "jieba.cache").chmod(0o600)
        a, b = _plans(seed_paths, base)
        done = subprocess.run([*_nobody_command(), sys.executable, "-m", "drafter", "diff",
                               str(a), str(b)], capture_output=True, text=True, timeout=300,
                              env=env)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert (home / "cache" / "jieba" / "jieba.cache").is_file()
        assert (shared / "jieba.cache").read_bytes() == b"root's cache"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _nobody_ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid
