"""Plans as TOML files: the only module that reads or writes them.

Reads use stdlib ``tomllib``; writes describe the document (:func:`document`) and
``toml_writer`` writes it in the layout tomlkit gave these files, atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.atomic import write_bytes
from drafter.controls import strip_controls
from drafter.errors import ExistsError, InputError, LibraryError
from drafter.files import read_regular
from drafter.library.toml_writer import Document, Multiline, Tables, render
from drafter.model import ITEM_STYLES, Item, Meta, Plan, Section, Source, SubItem, Warning
from drafter.toml_read import parse

FORMAT_VERSION = 1
#: A plan file larger than this is not a plan (the biggest real ones are about 100 KB).
MAX_FILE_BYTES = 16 * 1024 * 1024


def _text(value: str) -> str:
    """Text that is written as a multi-line string when it has line breaks."""
    return Multiline(value) if "\n" in value else value


def _array(values: tuple[str, ...]) -> list[str]:
    return [_text(v) for v in values]


def document(plan: Plan) -> Document:
    """The plan as the TOML document written to disk (keys in the order they are written)."""
    doc = Document(comments=[
        f"{plan.meta.title or '工作要点'}（{plan.meta.issuer or '未署名'}）",
        "drafter 资料库文件：可以直接阅读和修改，保存为 UTF-8。",
    ])
    body = doc.body
    body["format"] = FORMAT_VERSION
    body["id"] = plan.id
    body["item_style"] = plan.item_style
    if plan.base:
        body["base"] = plan.base
    if plan.partial:
        body["partial"] = True
    body["preamble"] = _array(plan.preamble)
    if plan.closing:
        body["closing"] = _array(plan.closing)
    meta: dict[str, Any] = {}
    for key, value in vars(plan.meta).items():
        if value is None or value == () or value == "":
            continue
        meta[key] = _array(value) if isinstance(value, tuple) else _text(value) if isinstance(
            value, str) else value
    body["meta"] = meta
    body["source"] = {key: value for key, value in vars(plan.source).items() if value}
    sections = Tables()
    for s in plan.sections:
        table: dict[str, Any] = {"label": s.label, "title": s.title}
        if s.kind != "tasks":
            table["kind"] = s.kind
        if s.intro:
            table["intro"] = _array(s.intro)
        items = Tables()
        for it in s.items:
            t: dict[str, Any] = {}
            if it.id:
                t["id"] = it.id
            t["label"] = it.label
            t["heading"] = _text(it.heading)
            t["body"] = _text(it.body)
            if it.origin:
                t["origin"] = it.origin
            if it.subitems:
                t["subitems"] = Tables(
                    {"label": sub.label, "text": _text(sub.text)} for sub in it.subitems
                )
            items.append(t)
        if s.items:
            table["items"] = items
        sections.append(table)
    body["sections"] = sections
    if plan.warnings:
        warnings = Tables()
        for w in plan.warnings:
            entry: dict[str, Any] = {"code": w.code, "message": w.message}
            if w.line is not None:
                entry["line"] = w.line
            warnings.append(entry)
        body["warnings"] = warnings
    if plan.rounds:
        body["rounds"] = _rounds(plan)
    return doc


def dumps(plan: Plan) -> str:
    """The plan as a human-readable TOML document."""
    return render(document(plan))


def _rounds(plan: Plan) -> Tables:
    """A draft's review rounds: each with its proposals and the draft as it then stood."""
    from drafter.review.record import proposal_to_dict, round_fields

    rounds = Tables()
    for r in plan.rounds:
        table: dict[str, Any] = dict(round_fields(r))
        table["proposals"] = Tables(
            {key: _text(value) if isinstance(value, str) else value
             for key, value in proposal_to_dict(p).items()}
            for p in r.proposals)
        if r.snapshot is not None:
            table["snapshot"] = document(r.snapshot).body
        rounds.append(table)
    return rounds


def loads(text: str, where: str = "资料库文件") -> Plan:
    """Parse a plan from TOML text; ``where`` names the file in error messages."""
    data = parse(text, where, LibraryError)
    if not _PLAN_KEYS & data.keys():
        what = "是空的" if not data else "中没有要点的内容（meta、sections、preamble）"
        raise LibraryError(f"{where}{what}，不是 drafter 的要点文件。")
    # A hand-written file may leave the format out; a number drafter does not know is refused.
    version = data.get("format", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise LibraryError(
            f"{where} 是格式 {version} 的文件，本版 drafter 只能读取格式 {FORMAT_VERSION}，请升级 drafter。")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise LibraryError(f"{where} 的“format”应为 {FORMAT_VERSION}，现为 {version!r}。")
    try:
        return from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise LibraryError(f"{where} 的内容有误：{exc}。") from exc


#: Keys of which a plan file has at least one.
_PLAN_KEYS = {"id", "meta", "sections", "preamble", "closing"}


def _str(table: dict[str, Any], key: str, where: str, default: str = "") -> str:
    """A text value; control characters (ESC, BEL …) never reach the model or a terminal."""
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{where}的“{key}”应为文字")
    return strip_controls(value)


def _bool(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{where}的“{key}”应为 true 或 false")
    return value


def _strs(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, ())
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}的“{key}”应为文字列表")
    return tuple(strip_controls(v) for v in value)


def _tables(table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{where}的“{key}”应为表格列表（[[{key}]]）")
    return value


_META_TEXT = ("title", "issuer", "region", "level", "doc_number", "date", "addressees",
              "signature", "notes", "copies_to", "printer", "print_date",
              "export_path")


def _meta(data: dict[str, Any]) -> Meta:
    table = data.get("meta", {})
    if not isinstance(table, dict):
        raise ValueError("“meta”应为表格")
    unknown = set(table) - {*_META_TEXT, "year", "notice"}
    if unknown:
        raise ValueError(f"meta 中有不认识的键：{'、'.join(sorted(unknown))}")
    year = table.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ValueError("meta 的“year”应为整数")
    text = {k: _str(table, k, "meta ") for k in _META_TEXT if k in table}
    return Meta(year=year, notice=_strs(table, "notice", "meta "), **text)


def _item(table: dict[str, Any], where: str) -> Item:
    return Item(
        label=_str(table, "label", where),
        heading=_str(table, "heading", where),
        body=_str(table, "body", where),
        subitems=tuple(
            SubItem(_str(x, "label", where + "子项"), _str(x, "text", where + "子项"))
            for x in _tables(table, "subitems", where)
        ),
        id=_str(table, "id", where),
        origin=_str(table, "origin", where),
    )


def _section(table: dict[str, Any], n: int) -> Section:
    where = f"第 {n} 部分"
    if "title" not in table:
        raise ValueError(f"{where}缺少“title”")
    return Section(
        label=_str(table, "label", where),
        title=_str(table, "title", where),
        intro=_strs(table, "intro", where),
        kind=_str(table, "kind", where, "tasks"),
        items=tuple(
            _item(it, f"{where}第 {k} 条")
            for k, it in enumerate(_tables(table, "items", where), 1)
        ),
    )


def from_dict(data: dict[str, Any]) -> Plan:
    """Build a Plan from the dictionary form read from TOML, checking every value's type."""
    style = _str(data, "item_style", "文件", "paren")
    if style not in ITEM_STYLES:
        raise ValueError(f"未知的编号方式 {style}")
    source = data.get("source", {})
    if not isinstance(source, dict) or not all(
        isinstance(source.get(k, ""), str | None) for k in ("file", "format", "sha256")
    ):
        raise ValueError("“source”应为表格")
    warnings = tuple(
        Warning(_str(w, "code", "提示"), _str(w, "message", "提示"),
                w.get("line") if isinstance(w.get("line"), int) else None)
        for w in _tables(data, "warnings", "文件")
    )
    return Plan(
        id=_str(data, "id", "文件"),
        meta=_meta(data),
        preamble=_strs(data, "preamble", "文件"),
        sections=tuple(_section(t, n) for n, t in enumerate(_tables(data, "sections", "文件"), 1)),
        closing=_strs(data, "closing", "文件"),
        item_style=style,
        source=Source(**{k: strip_controls(v) if isinstance(v, str) else v
                         for k, v in source.items() if k in ("file", "format", "encoding", "sha256")}),
        warnings=warnings,
        base=_str(data, "base", "文件"),
        partial=_bool(data, "partial", "文件"),
        rounds=_read_rounds(data),
    )


def _read_rounds(data: dict[str, Any]) -> tuple[Any, ...]:
    """A draft's review rounds, when it has any."""
    tables = _tables(data, "rounds", "文件")
    if not tables:
        return ()
    from drafter.review.record import round_from_dict

    out = []
    for n, t in enumerate(tables, 1):
        snap = t.get("snapshot")
        if snap is not None and not isinstance(snap, dict):
            raise ValueError(f"第 {n} 轮审阅的“snapshot”应为表格")
        out.append(round_from_dict(t, n, from_dict(snap) if snap else None))
    return tuple(out)


def load_plan(path: Path | str) -> Plan:
    """Read a plan (library file or draft) from a TOML file."""
    path = Path(path)
    return _decode(_read_library_file(path), path)


def _read_library_file(path: Path) -> bytes:
    """The bytes of a library file (a regular file of sensible size) or a LibraryError."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except InputError as exc:
        raise LibraryError(f"资料库文件：{exc.message}") from exc


def _decode(data: bytes, path: Path) -> Plan:
    """The plan in a library file's bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LibraryError(f"资料库文件 {path} 不是 UTF-8 文本。") from exc
    return loads(text, where=f"资料库文件 {path}")


def load_plan_hashed(path: Path | str) -> tuple[Plan, str]:
    """A plan file and the SHA-256 of its bytes as read."""
    path = Path(path)
    data = _read_library_file(path)
    import hashlib  # here: listing and reading plans never hash (OpenSSL takes a while to load)

    return _decode(data, path), hashlib.sha256(data).hexdigest()


def save_plan(
    plan: Plan, path: Path | str, *, expect_sha256: str | None = None, new: bool = False
) -> None:
    """Write a plan atomically.

    ``new``: the file must not exist (not even one created by someone else during the write).
    ``expect_sha256``: the file is replaced only while its bytes still have that hash (what
    the caller read).
    """
    path = Path(path)
    data = dumps(plan).encode("utf-8")
    if new:
        try:
            write_bytes(path, data, overwrite=False)
        except ExistsError as exc:
            raise LibraryError(f"资料库文件 {path} 刚被别人写入，没有覆盖；请重新导入。") from exc
        return
    if expect_sha256 is None:
        write_bytes(path, data)
        return

    def unchanged() -> None:
        try:
            import hashlib

            current = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            current = ""
        if current != expect_sha256:
            raise LibraryError(f"资料库文件 {path} 在导入期间被修改，没有覆盖；请重新导入。")

    write_bytes(path, data, guard=unchanged)
