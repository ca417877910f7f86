"""Text input at its edges: Big5, FIFOs and devices, and editor text that looks numbered."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from drafter.draft.edit import edit_item, item_text, parse_item_text
from drafter.ingest import read_plan
from drafter.ingest.text import decode
from tests.reliability_support import ROOT, assert_one_sentence, run

# A traditional-Chinese plan as a Taiwan or Hong Kong office would save it.
TRADITIONAL = """二零二三年全區民政工作要點
一、堅持黨的全面領導，加強民政系統黨的建設
（一）加強政治建設。深入學習貫徹黨的二十大精神，落實全面從嚴治黨主體責任。
（二）健全社會救助體系。完善最低生活保障制度，提高城鄉低保標準，做好臨時救助工作。
二、推進養老服務高質量發展
（一）發展居家社區養老服務。新建社區養老服務站12個，為3.5萬名老年人提供服務。
"""


@pytest.mark.parametrize("text", [TRADITIONAL, TRADITIONAL.splitlines()[2]])
def test_big5_is_read_as_big5(text):
    """Big5 bytes also decode as GB18030 (as nonsense); drafter recognises them as Big5."""
    decoded, encoding = decode(text.encode("big5"), "舊稿.txt")
    assert encoding == "big5"
    assert decoded == text


def test_big5_plan_parses(tmp_path):
    """A Big5 file parses into its sections and items instead of being refused."""
    path = tmp_path / "舊稿.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    plan = read_plan(path)
    assert next(s.title for s in plan.sections).startswith("堅持黨的全面領導")
    assert plan.item_count() == 3


def test_seeds_stay_gb18030(seed_paths):
    """Simplified text in GB18030 is still read as GB18030 (the Big5 check does not misfire)."""
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        data = text.encode("gb18030")
        assert decode(data, path.name)[1] == "gb18030"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes exist only on Unix")
def test_fifo_is_refused_at_once(tmp_path):
    """`drafter parse` on a FIFO names it and exits; before, it waited for a writer forever."""
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    env = {**os.environ, "DRAFTER_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    for argv in (["parse", str(fifo)], ["show", str(fifo)],
                 ["show", str(fifo.with_name("管道.toml"))]):
        if argv[-1].endswith(".toml"):
            os.mkfifo(argv[-1])
        done = subprocess.run([sys.executable, "-m", "drafter", *argv], capture_output=True,
                              text=True, timeout=60, env=env)
        assert_one_sentence(done.returncode, done.stderr, "管道")
        assert "命名管道" in done.stderr


def test_device_is_refused(capsys):
    """A character device is not read either."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this platform")
    code, _, err = run(capsys, ["parse", "/dev/zero"])
    assert_one_sentence(code, err, "/dev/zero")


@pytest.mark.parametrize("line", ["3.5万名困难群众纳入低保。", "1.2倍于上年。", "2.0版系统上线。"])
def test_figures_at_line_start_stay_body_text(seed_plans, line):
    """After editing, a body line starting with a figure is body, not a sub-item."""
    plan = seed_plans[1]
    pos = (0, 0)
    item = plan.sections[0].items[0]
    edited = edit_item(plan, pos, f"{item.heading}\n{line}")
    new = edited.sections[0].items[0]
    assert new.subitems == ()
    assert line in new.body


def test_real_subitems_still_parse():
    """1. / 2、 / （3） lines after a heading remain sub-items."""
    _, _, subs = parse_item_text("加强养老服务。\n1. 建设站点。\n2、培训护理员。\n（3）开展评估。")
    assert [s.label for s in subs] == ["1.", "2、", "（3）"]


def test_paragraphs_keep_their_break(seed_plans):
    """A multi-paragraph body survives an edit as paragraphs, not run together."""
    plan = seed_plans[1]
    item = plan.sections[0].items[0]
    text = f"{item.heading}\n第一段正文。\n第二段正文。"
    new = edit_item(plan, (0, 0), text).sections[0].items[0]
    assert new.body == "第一段正文。\n第二段正文。"
    assert parse_item_text(item_text(new)) == (new.heading, new.body, new.subitems)


def test_every_seed_item_survives_the_editor_round_trip(seed_plans):
    """Showing any seed item in the editor and reading it back changes nothing."""
    for plan in seed_plans:
        for section in plan.sections:
            for item in section.items:
                heading, body, subs = parse_item_text(item_text(item))
                assert (heading + body).replace("\n", "") == (item.heading + item.body).replace("\n", "")
                assert body.count("\n") == item.body.count("\n"), item.id
                assert [s.text for s in subs] == [s.text for s in item.subitems]


def test_terminal_controls_in_a_text_file_are_not_printed(capsys, tmp_path):
    """`parse` and `diff` of .txt files: C1 CSI, ESC, BEL and bidi overrides never reach stdout."""
    hostile = "\x1b[2J\x07\x9b31m\u202e"
    path = tmp_path / "外来.txt"
    path.write_text(TRADITIONAL.replace("加強政治建設", hostile + "加強政治建設"), encoding="utf-8")
    other = tmp_path / "底稿.txt"
    other.write_text(TRADITIONAL, encoding="utf-8")
    for argv in (["parse", str(path)], ["diff", str(other), str(path)]):
        code, out, err = run(capsys, argv)
        assert code == 0, err
        assert not set("\x1b\x07\x9b\u202e") & set(out)
        assert "加強政治建設" in out
