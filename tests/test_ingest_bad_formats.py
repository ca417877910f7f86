"""PDF, OFD and LibreOffice input that cannot be read: one Chinese sentence, a non-zero exit."""

from __future__ import annotations

import os
import re
import shutil
import stat
import time
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.ingest import office

BAD = Path(__file__).parent / "fixtures" / "real" / "bad"
REAL = BAD.parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _one_sentence(capsys, argv: list[str], where: str) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code != 0
    assert "Traceback" not in err
    assert len(lines) == 1, err
    assert CHINESE.search(lines[0]) and where in lines[0]
    return lines[0]


@pytest.mark.parametrize(("name", "says"), [
    ("encrypted.pdf", "加密"),
    ("scanned.pdf", "扫描件"),
    ("corrupt.pdf", "不是有效的 PDF"),
    ("huge.pdf", "超过 300 页"),
    ("fake.doc", "不是 Word/WPS 文档"),
    ("fake.wps", "不是 Word/WPS 文档"),
    ("bomb.ofd", "过大"),
    ("broken.ofd", "不是有效的 XML"),
])
def test_bad_file(capsys, home, name, says):
    """Each kind of unreadable file is named with what is wrong with it."""
    message = _one_sentence(capsys, ["parse", str(BAD / name)], name)
    assert says in message


def test_bad_files_do_not_stop_a_folder_import(capsys, home, tmp_path):
    """Importing a folder of bad files and one good PDF: the good one lands, each bad one is
    reported, the exit status says something failed."""
    folder = tmp_path / "in"
    shutil.copytree(BAD, folder)
    shutil.copy(REAL / "pdf_drafter_003.pdf", folder / "good.pdf")
    code = main(["--library", str(tmp_path / "lib"), "import", str(folder), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1
    import json

    outcomes = {Path(o["path"]).name: o for o in json.loads(out)}
    assert outcomes["good.pdf"]["status"] in ("added", "skipped")
    for name in ("encrypted.pdf", "scanned.pdf", "huge.pdf", "fake.doc", "bomb.ofd"):
        assert outcomes[name]["status"] == "failed" and CHINESE.search(outcomes[name]["reason"])


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fake-soffice"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_libreoffice_missing(capsys, home, monkeypatch, tmp_path):
    """Without LibreOffice a .doc gets one sentence naming the Debian package to install."""
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setenv("PATH", str(tmp_path))
    message = _one_sentence(capsys, ["parse", str(REAL / "word97_001.doc")], "word97_001.doc")
    assert office.PACKAGE in message and "LibreOffice" in message


def test_libreoffice_hanging(capsys, home, monkeypatch, tmp_path):
    """A LibreOffice that never finishes is stopped at the timeout, with a sentence saying so."""
    marker = tmp_path / "still-running"
    fake = _script(tmp_path, f"sleep 30 && touch {marker}\n")
    monkeypatch.setenv("DRAFTER_SOFFICE", str(fake))
    monkeypatch.setenv("DRAFTER_CONVERT_TIMEOUT", "1")
    started = time.monotonic()
    message = _one_sentence(capsys, ["parse", str(REAL / "kingsoft_003.wps")], "超时")
    assert time.monotonic() - started < 20
    assert "1 秒" in message
    time.sleep(0.2)
    assert not marker.exists()


def test_batch_import_starts_libreoffice_once(capsys, home, monkeypatch, tmp_path):
    """A folder with .doc, .wps, .odt and .rtf files is converted in one LibreOffice start."""
    real = shutil.which("soffice") or shutil.which("libreoffice")
    assert real, "LibreOffice (soffice) is required for conversion tests"
    log = tmp_path / "starts.log"
    fake = _script(tmp_path, f'echo start >> {log}\nexec {real} "$@"\n')
    monkeypatch.setenv("DRAFTER_SOFFICE", str(fake))
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("word97_001.doc", "kingsoft_003.wps", "opendocument_004.odt",
                 "rich_text_000.rtf"):
        shutil.copy(REAL / name, folder / name)
    (folder / "same-name.doc").write_bytes((REAL / "word97_001.doc").read_bytes())
    code = main(["--library", str(tmp_path / "lib"), "import", str(folder), "--format", "json"])
    capsys.readouterr()
    assert code == 0
    assert log.read_text().count("start") == 1


def test_html_saved_as_doc_is_read(capsys, home, tmp_path, seed_paths):
    """Sites often serve a web page named .doc: it is read as the page it is."""
    lines = seed_paths[3].read_text(encoding="utf-8").splitlines()
    page = "<html><body>" + "".join(f"<p>{x}</p>" for x in lines if x.strip()) + "</body></html>"
    path = tmp_path / "plan.doc"
    path.write_text(page, encoding="utf-8")
    assert main(["parse", str(path), "--format", "json"]) == 0
    assert '"format": "html"' in capsys.readouterr().out


def test_conversion_leaves_no_profile_behind(home, tmp_path, monkeypatch):
    """Conversions use a private LibreOffice profile in a temp folder that is removed."""
    import tempfile

    # A temp folder of this test's own, so that other processes' conversions are not counted.
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    from drafter.ingest import read_plan

    plan = read_plan(REAL / "word97_001.doc")
    assert plan.source.format == "doc" and plan.sections
    assert list(private_tmp.glob("drafter-convert-*")) == []
    assert not (Path(os.environ["DRAFTER_HOME"]) / "libreoffice").exists()


@pytest.mark.parametrize(("source", "name", "fmt"), [
    ("partial_excerpt.docx", "saved-as.doc", "docx"),
    ("pdf_drafter_003.pdf", "attachment.wps", "pdf"),
])
def test_misnamed_documents_are_read_as_what_they_are(capsys, home, tmp_path, source, name, fmt):
    """A .docx or a PDF that a site serves under a .doc/.wps name is read by its content."""
    path = tmp_path / name
    shutil.copy(REAL / source, path)
    assert main(["parse", str(path), "--format", "json"]) == 0
    assert f'"format": "{fmt}"' in capsys.readouterr().out


def test_hanging_libreoffice_in_a_batch_waits_once(capsys, home, monkeypatch, tmp_path):
    """A batch whose LibreOffice hangs reports every file after one timeout, not one each."""
    fake = _script(tmp_path, "sleep 30\n")
    monkeypatch.setenv("DRAFTER_SOFFICE", str(fake))
    monkeypatch.setenv("DRAFTER_CONVERT_TIMEOUT", "1")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("word97_001.doc", "kingsoft_003.wps", "opendocument_004.odt"):
        shutil.copy(REAL / name, folder / name)
    started = time.monotonic()
    code = main(["--library", str(tmp_path / "lib"), "import", str(folder), "--format", "json"])
    assert time.monotonic() - started < 10
    import json

    outcomes = json.loads(capsys.readouterr().out)
    assert code == 1
    assert all(o["status"] == "failed" and "超时" in o["reason"] and Path(o["path"]).name in o["reason"]
               for o in outcomes)
