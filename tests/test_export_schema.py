"""Every exported .docx is valid against the Office Open XML schemas (see schema_check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from schema_check import schema_errors
from test_diff_edits import edited, seed_plan
from test_export_render import _notice, builtin_plans

from drafter.diff import diff_plans
from drafter.diff.docx_redline import write_redline
from drafter.diff.docx_tracked import write_tracked
from drafter.export import export_bytes

PLANS = builtin_plans()


@pytest.mark.parametrize("mode", ["plain", "full"])
@pytest.mark.parametrize("index", range(len(PLANS)))
def test_export_passes_the_schema(index: int, mode: str) -> None:
    """Each built-in plan, 白头 alone and as a red-header notice with 附件 and 版记 (the two
    between them write every kind of part and element the export has)."""
    plan = PLANS[index]
    profile = "plain" if mode == "plain" else "gbt9704"
    data = export_bytes(plan, profile=profile, notice=_notice(plan, mode))
    assert schema_errors(data) == []


@pytest.mark.parametrize("kind", ["tracked", "redline"])
def test_diff_documents_pass_the_schema(tmp_path: Path, kind: str) -> None:
    """The tracked-changes and redline diff documents are valid too."""
    plan = seed_plan(0)
    draft, _ = edited(plan)
    out = tmp_path / f"{kind}.docx"
    writer = write_tracked if kind == "tracked" else write_redline
    writer(diff_plans(plan, draft), out)
    assert schema_errors(out.read_bytes(), out.name) == []


def test_the_check_finds_errors() -> None:
    """The check is not blind: a zoom without its percentage and an unknown element fail."""
    import io
    import zipfile

    data = export_bytes(PLANS[0])
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/settings.xml":
                part = part.replace(b' w:percent="100"', b"")
            if info.filename == "word/document.xml":
                part = part.replace(b"<w:body>", b"<w:body><w:bogus/>", 1)
            target.writestr(info, part)
    errors = schema_errors(buffer.getvalue())
    assert any("zoom lacks percent" in e for e in errors)
    assert any("bogus" in e for e in errors)
