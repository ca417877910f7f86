"""Property tests over every reader and the TOML loader: any input gives a plan or one
:class:`~drafter.errors.DrafterError`, never another exception.

The budget is fixed so CI is repeatable: derandomized, a bounded number of examples, a
deadline per example. Inputs start from the seeds and are cut, flipped and spliced, the way
damaged real files are.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.ingest import read_plan
from drafter.library import store
from tests.reliability_support import docx_bytes

BUDGET = settings(
    derandomize=True, max_examples=60, deadline=timedelta(seconds=20), database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _read(tmp_path: Path, name: str, data: bytes) -> None:
    """Read ``data`` as the file ``name``: a plan or a DrafterError, nothing else."""
    path = tmp_path / name
    path.write_bytes(data)
    try:
        read_plan(path)
    except DrafterError as exc:
        assert exc.message and "Traceback" not in exc.message


@st.composite
def damaged(draw, original: bytes) -> bytes:
    """``original`` cut, with bytes flipped, a slice removed or random bytes spliced in."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        kind = draw(st.sampled_from(["cut", "flip", "drop", "splice"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "cut":
            del data[at:]
        elif kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "drop":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
    return bytes(data)


@pytest.fixture(scope="module")
def seed_text(seed_paths) -> str:
    """Seed 001's text (short enough for many examples)."""
    return seed_paths[1].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_docx(seed_text) -> bytes:
    """Seed 001 as a .docx with automatic numbering on its items."""
    document = docx.Document()
    for line in seed_text.splitlines()[:40]:
        if line.strip():
            style = "List Number" if line.startswith("(") else None
            document.add_paragraph(line.strip(), style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@BUDGET
@given(data=st.data(), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]))
def test_text_reader(tmp_path, seed_text, data, encoding):
    """Damaged text in any Chinese encoding."""
    original = seed_text[:3000].encode(encoding, errors="replace")
    _read(tmp_path, "plan.txt", data.draw(damaged(original)))


@BUDGET
@given(raw=st.binary(max_size=3000))
def test_text_reader_on_noise(tmp_path, raw):
    """Arbitrary bytes named .txt."""
    _read(tmp_path, "noise.txt", raw)


@BUDGET
@given(data=st.data(), charset=st.sampled_from(["utf-8", "gb2312", "big5", "nonsense"]))
def test_html_reader(tmp_path, seed_text, data, charset):
    """Damaged web pages, with a declared charset that may be wrong or unknown."""
    body = "".join(f"<p>{line}</p>" for line in seed_text.splitlines()[:40])
    page = (f'<html><head><meta charset="{charset}"><script>var a="<p>";</script></head>'
            f"<body><div>{body}</div></body></html>")
    _read(tmp_path, "page.html", data.draw(damaged(page.encode("utf-8"))))


@BUDGET
@given(data=st.data())
def test_docx_reader_damaged_package(tmp_path, seed_docx, data):
    """Damaged zip bytes of a real .docx."""
    _read(tmp_path, "plan.docx", data.draw(damaged(seed_docx)))


@BUDGET
@given(data=st.data(), member=st.sampled_from(
    ["word/document.xml", "word/numbering.xml", "word/styles.xml", "[Content_Types].xml",
     "word/_rels/document.xml.rels"]))
def test_docx_reader_damaged_xml(tmp_path, seed_docx, data, member):
    """A valid package whose XML parts are damaged."""
    xml = zipfile.ZipFile(io.BytesIO(seed_docx)).read(member)
    _read(tmp_path, "plan.docx", docx_bytes(seed_docx, {member: data.draw(damaged(xml))}))


@BUDGET
@given(values=st.lists(st.text(max_size=6), min_size=3, max_size=3))
def test_docx_reader_numbering_values(tmp_path, seed_docx, values):
    """Any text in the numbering attributes drafter reads as numbers (w:ilvl, w:start)."""
    from xml.sax.saxutils import quoteattr

    xml = zipfile.ZipFile(io.BytesIO(seed_docx)).read("word/numbering.xml").decode("utf-8")
    ilvl, start, numid = (quoteattr("".join(c for c in v if c.isprintable())) for v in values)
    xml = xml.replace('w:ilvl="0"', f"w:ilvl={ilvl}", 1)
    xml = xml.replace('<w:start w:val="1"/>', f"<w:start w:val={start}/>", 1)
    xml = xml.replace('w:numId="1"', f"w:numId={numid}", 1)
    _read(tmp_path, "plan.docx", docx_bytes(seed_docx, {"word/numbering.xml": xml.encode("utf-8")}))


_TOML_ALPHABET = st.sampled_from([*list('[]{}"\'=#\n.,-_ab1 \\'), "format = 1\n", "[meta]\n", "[[sections]]\n", "[[sections.items]]\n", "title = ", "year = ", "items = ", '"""', "'''", "\x1b", "\x00"])


@BUDGET
@given(parts=st.lists(_TOML_ALPHABET, max_size=120))
def test_toml_loader_on_token_soup(parts):
    """TOML-shaped noise: a plan or a LibraryError."""
    try:
        store.loads("".join(parts), where="资料库文件 x.toml")
    except DrafterError as exc:
        assert "x.toml" in exc.message


@BUDGET
@given(data=st.data())
def test_toml_loader_on_damaged_plans(seed_plans, data):
    """A real plan file, damaged: a plan or a LibraryError, and a plan that loads saves again."""
    text = store.dumps(seed_plans[1].with_ids())
    damaged_text = data.draw(damaged(text.encode("utf-8"))).decode("utf-8", errors="replace")
    try:
        plan = store.loads(damaged_text, where="资料库文件 x.toml")
    except DrafterError:
        return
    assert store.loads(store.dumps(plan)) == plan


@BUDGET
@given(depth=st.integers(1, 3000), opener=st.sampled_from(["[", "{a = ", "[{a = "]))
def test_toml_loader_on_deep_nesting(depth, opener):
    """Nesting of any depth and kind is refused or read, never a RecursionError."""
    closer = {"[": "]", "{a = ": "}", "[{a = ": "}]"}[opener]
    text = "format = 1\nid = \"a/1\"\nx = " + opener * depth + "1" + closer * depth + "\n"
    with contextlib.suppress(DrafterError):
        store.loads(text)


@BUDGET
@given(data=st.data())
def test_journal_replay_on_damaged_journals(tmp_path, seed_plans, data):
    """A journal damaged anywhere (a crash mid-write, a bad disk) replays to a plan or to
    nothing, never an exception."""
    from drafter.draft.journal import Journal, replay

    journal = Journal(tmp_path / "草稿.toml")
    plan = seed_plans[1].with_ids()
    journal.start(plan, "0" * 64, clean=True)
    journal.text((0, 0), "第一处修改。")
    journal.text((9, 9), "不存在的条目。")
    journal.text((), "开头段落。")
    journal.flush()
    journal.close_fd()
    journal.path.write_bytes(data.draw(damaged(journal.path.read_bytes())))
    found = replay(journal.path)
    assert found is None or found.plan.sections


REAL = Path(__file__).parent / "fixtures" / "real"


@BUDGET
@given(data=st.data(), name=st.sampled_from(["pdf_from_text_004.pdf", "pdf_two_columns_002.pdf"]))
def test_pdf_reader_damaged(tmp_path, data, name):
    """Real PDFs, cut, flipped and spliced."""
    _read(tmp_path, "plan.pdf", data.draw(damaged((REAL / name).read_bytes())))


@BUDGET
@given(data=st.data(), name=st.sampled_from(["ofd_002.ofd", "ofd_two_columns_003.ofd"]))
def test_ofd_reader_damaged(tmp_path, data, name):
    """Real OFD packages, damaged as zip bytes."""
    _read(tmp_path, "plan.ofd", data.draw(damaged((REAL / name).read_bytes())))


@BUDGET
@given(data=st.data())
def test_ofd_reader_damaged_xml(tmp_path, data):
    """A valid OFD package whose page XML is damaged."""
    original = (REAL / "ofd_002.ofd").read_bytes()
    names = [n for n in zipfile.ZipFile(io.BytesIO(original)).namelist() if n.endswith(".xml")]
    member = data.draw(st.sampled_from(sorted(names)))
    xml = zipfile.ZipFile(io.BytesIO(original)).read(member)
    _read(tmp_path, "plan.ofd", docx_bytes(original, {member: data.draw(damaged(xml))}))
