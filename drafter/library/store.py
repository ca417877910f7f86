"""Plans as TOML files: the only module that reads or writes them.

Reads use stdlib ``tomllib`` (fast); writes use tomlkit (readable layout, comments kept) and
are atomic.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomlkit

from drafter.atomic import write_text
from drafter.errors import LibraryError
from drafter.model import ITEM_STYLES, Item, Meta, Plan, Section, Source, SubItem, Warning

FORMAT_VERSION = 1


def _text(value: str) -> Any:
    """A TOML string; long or multi-line text as a literal-friendly multi-line string."""
    if "\n" in value:
        return tomlkit.string(value, multiline=True)
    return value


def _array(values: tuple[str, ...]) -> Any:
    array = tomlkit.array()
    array.extend(_text(v) for v in values)
    if len(values) > 0:
        array.multiline(True)
    return array


def dumps(plan: Plan) -> str:
    """The plan as a human-readable TOML document."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"{plan.meta.title or '工作要点'}（{plan.meta.issuer or '未署名'}）"))
    doc.add(tomlkit.comment("drafter 资料库文件：可以直接阅读和修改，保存为 UTF-8。"))
    doc["format"] = FORMAT_VERSION
    doc["id"] = plan.id
    doc["item_style"] = plan.item_style
    if plan.base:
        doc["base"] = plan.base
    if plan.partial:
        doc["partial"] = True
    doc["preamble"] = _array(plan.preamble)
    if plan.closing:
        doc["closing"] = _array(plan.closing)
    meta = tomlkit.table()
    for key, value in vars(plan.meta).items():
        if value is None or value == () or value == "":
            continue
        meta[key] = _array(value) if isinstance(value, tuple) else _text(value) if isinstance(
            value, str) else value
    doc["meta"] = meta
    source = tomlkit.table()
    for key, value in vars(plan.source).items():
        if value:
            source[key] = value
    doc["source"] = source
    sections = tomlkit.aot()
    for s in plan.sections:
        table = tomlkit.table()
        table["label"] = s.label
        table["title"] = s.title
        if s.kind != "tasks":
            table["kind"] = s.kind
        if s.intro:
            table["intro"] = _array(s.intro)
        items = tomlkit.aot()
        for it in s.items:
            t = tomlkit.table()
            if it.id:
                t["id"] = it.id
            t["label"] = it.label
            t["heading"] = _text(it.heading)
            t["body"] = _text(it.body)
            if it.origin:
                t["origin"] = it.origin
            if it.subitems:
                subs = tomlkit.aot()
                for sub in it.subitems:
                    st = tomlkit.table()
                    st["label"] = sub.label
                    st["text"] = _text(sub.text)
                    subs.append(st)
                t["subitems"] = subs
            items.append(t)
        if s.items:
            table["items"] = items
        sections.append(table)
    doc["sections"] = sections
    if plan.warnings:
        warnings = tomlkit.aot()
        for w in plan.warnings:
            t = tomlkit.table()
            t["code"] = w.code
            t["message"] = w.message
            if w.line is not None:
                t["line"] = w.line
            warnings.append(t)
        doc["warnings"] = warnings
    return tomlkit.dumps(doc)


def loads(text: str, where: str = "资料库文件") -> Plan:
    """Parse a plan from TOML text; ``where`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LibraryError(f"{where} 不是有效的 TOML：{exc}。") from exc
    try:
        return from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise LibraryError(f"{where} 的内容有误：{exc}。") from exc


def _str(table: dict[str, Any], key: str, where: str, default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{where}的“{key}”应为文字")
    return value


def _bool(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{where}的“{key}”应为 true 或 false")
    return value


def _strs(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, ())
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}的“{key}”应为文字列表")
    return tuple(value)


def _tables(table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{where}的“{key}”应为表格列表（[[{key}]]）")
    return value


_META_TEXT = ("title", "issuer", "region", "level", "doc_number", "date", "addressees",
              "signature", "notes", "copies_to", "printer", "print_date")


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
    text = {k: table[k] for k in _META_TEXT if k in table}
    for key, value in text.items():
        if not isinstance(value, str):
            raise ValueError(f"meta 的“{key}”应为文字")
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
        source=Source(**{k: v for k, v in source.items() if k in ("file", "format", "encoding", "sha256")}),
        warnings=warnings,
        base=_str(data, "base", "文件"),
        partial=_bool(data, "partial", "文件"),
    )


def load_plan(path: Path | str) -> Plan:
    """Read a plan (library file or draft) from a TOML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LibraryError(f"找不到资料库文件：{path}。") from exc
    except UnicodeDecodeError as exc:
        raise LibraryError(f"资料库文件 {path} 不是 UTF-8 文本。") from exc
    except OSError as exc:
        raise LibraryError(f"无法读取资料库文件 {path}：{exc.strerror or exc}。") from exc
    return loads(text, where=f"资料库文件 {path}")


def save_plan(plan: Plan, path: Path | str) -> None:
    """Write a plan atomically."""
    write_text(Path(path), dumps(plan))
