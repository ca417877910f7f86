"""What the reliability tests share: running the CLI, one-sentence errors, plans without an
issuer built from the seeds' own items, crafted .docx packages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from drafter.cli import main
from drafter.model import Plan

ROOT = Path(__file__).resolve().parent.parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    """Run drafter in-process; (exit code, stdout, stderr)."""
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(argv: list[str], home: Path, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """Run ``python -m drafter`` in a fresh interpreter with this tree first on the path."""
    env = {**os.environ, "DRAFTER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.update(kw.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "drafter", *argv], capture_output=True,
                          text=True, timeout=timeout, env=env, **kw)


def assert_one_sentence(code: int, err: str, where: str) -> None:
    """A non-zero exit and exactly one Chinese line on stderr naming ``where``."""
    assert code != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert CHINESE.search(lines[0]) and where in lines[0], err


def unsigned_plan_texts(seed_plans: list[Plan], count: int, year: int = 2015) -> list[str]:
    """``count`` different plans with no issuer (all want the id 未署名/<year>), each made of
    real items of the seeds: plan k takes a run of items starting at k."""
    items = [(s.title, it) for p in seed_plans for s in p.sections for it in s.items]
    texts = []
    for k in range(count):
        lines = [f"{year}年全区民政工作要点", "一、" + items[k % len(items)][0]]
        for n, (_, item) in enumerate(items[k : k + 4], 1):
            lines.append(f"（{'一二三四'[n - 1]}）{item.heading}{item.body.replace(chr(10), '')}")
        lines.append(f"（五）本年第 {k + 1} 项重点工作。落实到位。")
        texts.append("\n".join(lines) + "\n")
    return texts


def docx_bytes(seed_docx: bytes, replace: dict[str, bytes]) -> bytes:
    """A .docx that is ``seed_docx`` with some members replaced or added."""
    import io

    src = zipfile.ZipFile(io.BytesIO(seed_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename not in replace:
                zf.writestr(info, src.read(info))
        for name, data in replace.items():
            zf.writestr(name, data)
    return out.getvalue()
