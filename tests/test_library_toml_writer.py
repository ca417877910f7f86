"""The library's TOML writer writes what tomlkit wrote, byte for byte, and reads back exactly."""

from __future__ import annotations

import random
import tomllib
from dataclasses import replace

import pytest
import tomlkit

from bench.synth import synthetic_plans
from drafter import paths
from drafter.library.store import document, dumps, load_plan, loads
from drafter.library.toml_writer import Document, Multiline, Tables, multiline_string, render
from drafter.model import Item, Meta, Plan, Section, Source, SubItem, Warning


def tomlkit_text(doc: Document) -> str:
    """The same document written through tomlkit, as the library did before."""

    def value(v):
        if isinstance(v, Multiline):
            return tomlkit.string(str(v), multiline=True)
        if isinstance(v, list) and not isinstance(v, Tables):
            array = tomlkit.array()
            array.extend(value(x) for x in v)
            if v:
                array.multiline(True)
            return array
        if isinstance(v, Tables):
            aot = tomlkit.aot()
            for t in v:
                aot.append(table(t))
            return aot
        if isinstance(v, dict):
            return table(v)
        return v

    def table(d):
        t = tomlkit.table()
        for k, v in d.items():
            t[k] = value(v)
        return t

    out = tomlkit.document()
    for text in doc.comments:
        out.add(tomlkit.comment(text))
    for k, v in doc.body.items():
        out[k] = value(v)
    return tomlkit.dumps(out)


def test_builtin_files_are_rewritten_byte_for_byte():
    """Every file of the built-in library (written by tomlkit) comes out identical."""
    files = sorted(paths.builtin_library().rglob("*.toml"))
    assert len(files) == 5
    for path in files:
        assert dumps(load_plan(path)) == path.read_text(encoding="utf-8"), path.name


def test_seeds_and_synthetic_plans_match_tomlkit(seed_plans):
    """Seeds and synthetic plans of many regions: identical to tomlkit, and read back exactly."""
    plans = [*seed_plans, *synthetic_plans(60)]
    for plan in plans:
        text = dumps(plan)
        assert text == tomlkit_text(document(plan)), plan.id
        assert loads(text) == plan
        tomllib.loads(text)


def test_every_part_of_a_plan(seed_plans):
    """A draft with base, closing, intro, sub-items, provenance, notice lines and warnings."""
    seed = seed_plans[0]
    first = seed.sections[0]
    item = replace(first.items[0], subitems=(SubItem("1.", "第一小项"), SubItem("2.", "第二\n小项")),
                   origin="湘西州民政局/2023#1.1", body="两行\n正文")
    plan = replace(
        seed, id="草稿/2027", base="重庆市涪陵区民政局/2022", closing=("结束语一", "结束语二"),
        meta=replace(seed.meta, doc_number="X民发〔2027〕1号", notice=("各街道：", "现印发。"),
                     notes="此件公开发布"),
        sections=(replace(first, intro=("引言",), kind="minsheng", items=(item,)),
                  Section("二、", "空的部分")),
        warnings=(Warning("numbering", "编号跳过", 12), Warning("copy", "重复")),
    )
    text = dumps(plan)
    assert text == tomlkit_text(document(plan))
    assert loads(text) == plan
    assert "[[sections.items.subitems]]" in text and 'body = """两行\n正文"""' in text


def test_empty_plan_layout():
    """No sections: tomlkit writes ``sections = []`` above the comments; so does the writer."""
    plan = Plan()
    text = dumps(plan)
    assert text.startswith("sections = []\n# 工作要点（未署名）\n")
    assert text == tomlkit_text(document(plan))
    assert loads(text) == plan


_ALPHABET = ['"', "\\", '"""', "\n", "\t", "\x00", "\x1b", "\x7f", "\u2028", "'", "#", "民",
             "a", " ", '""', "\f", "\b", "\x85", "\r", "\r\n", "（一）", "[[x]]", "= 1"]


_PRINTABLE = [c for c in _ALPHABET if c.isprintable()]


def _text(rng: random.Random, alphabet: list[str] = _ALPHABET) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))


def _title(rng: random.Random) -> str:
    """Mostly printable: a control character in the title made tomlkit's file unreadable."""
    return _text(rng, _PRINTABLE if rng.random() < 0.8 else _ALPHABET)


def _odd_plan(rng: random.Random) -> Plan:
    """A plan whose every text is made of quotes, escapes, control characters and breaks."""
    items = tuple(
        Item(_text(rng), _text(rng), _text(rng), id=_text(rng), origin=_text(rng),
             subitems=tuple(SubItem(_text(rng), _text(rng)) for _ in range(rng.randrange(3))))
        for _ in range(rng.randrange(3))
    )
    sections = tuple(
        Section(_text(rng), _text(rng), intro=tuple(_text(rng) for _ in range(rng.randrange(3))),
                items=items, kind=rng.choice(["tasks", "minsheng", _text(rng)]))
        for _ in range(rng.randrange(3))
    )
    meta = Meta(title=_title(rng), year=rng.choice([None, 2023]),
                issuer=rng.choice([None, _title(rng) or None]),
                notice=tuple(_text(rng) for _ in range(rng.randrange(3))),
                notes=rng.choice([None, _text(rng) or None]))
    return Plan(id=_text(rng), meta=meta, sections=sections, base=_text(rng),
                preamble=tuple(_text(rng) for _ in range(rng.randrange(3))),
                closing=tuple(_text(rng) for _ in range(rng.randrange(2))),
                source=Source(file=_text(rng), sha256=_text(rng)),
                warnings=tuple(Warning(_text(rng), _text(rng), rng.choice([None, 3]))
                               for _ in range(rng.randrange(3))))


def test_odd_text_reads_back_exactly_and_matches_tomlkit_where_it_could():
    """Any text survives a write and a read; where tomlkit's file read back, the bytes agree.

    tomlkit wrote files that could not be read back when a title held a control character
    (kept in the comment line) or text held CR LF (read back as LF): the writer escapes those.
    """
    rng = random.Random(15)
    agreed = 0
    for _ in range(1500):
        plan = _odd_plan(rng)
        text = dumps(plan)
        # Exactly what was written is what TOML reads (loading then drops control characters,
        # so that library text can never drive the terminal).
        assert tomllib.loads(text) == document(plan).body
        loads(text)
        reference = tomlkit_text(document(plan))
        try:
            faithful = tomllib.loads(reference) == tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            faithful = False
        if faithful:
            agreed += 1
            assert text == reference
    assert agreed > 250


@pytest.mark.parametrize(("text", "written"), [
    ('a"""b', '"""a""\\"b"""'),
    ('""""', '"""""\\"""""'),
    ("\nx", '"""\n\nx"""'),
    ("a\r\nb\rc", '"""a\\r\nb\\rc"""'),
    ("\t\x1b\x7f\\", '"""\\t\\u001b\\u007f\\\\"""'),
])
def test_multiline_escapes(text, written):
    assert multiline_string(text) == written
    assert tomllib.loads(f"v = {written}")["v"] == text


def test_writer_refuses_what_it_cannot_write():
    with pytest.raises(ValueError):
        render(Document(body={"a b": 1}))
    with pytest.raises(ValueError):
        render(Document(body={"t": {"x": 1}, "late": 2}))
    with pytest.raises(ValueError):
        render(Document(body={"t": {"inner": {"x": 1}, "late": 2}}))


def test_nested_tables_read_back():
    """Tables nest (a draft's review rounds hold proposals and a snapshot of the draft)."""
    body = {"rounds": Tables([{"number": 1, "proposals": Tables([{"kind": "insert"}]),
                               "snapshot": {"id": "x", "meta": {"title": "要点"}}}])}
    assert tomllib.loads(render(Document(body=body))) == body
    with pytest.raises(TypeError):
        render(Document(body={"f": 1.5}))
