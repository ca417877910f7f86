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
        raise LibraryError(f"{where} 的内容不完整或格式有误（{exc}）。") from exc


def from_dict(data: dict[str, Any]) -> Plan:
    """Build a Plan from the dictionary form read from TOML."""
    style = data.get("item_style", "paren")
    if style not in ITEM_STYLES:
        raise ValueError(f"未知的编号方式 {style}")
    meta_data = dict(data.get("meta", {}))
    for key in ("notice",):
        if key in meta_data:
            meta_data[key] = tuple(meta_data[key])
    meta = Meta(**meta_data)
    sections = tuple(
        Section(
            label=s.get("label", ""),
            title=s["title"],
            intro=tuple(s.get("intro", ())),
            kind=s.get("kind", "tasks"),
            items=tuple(
                Item(
                    label=it.get("label", ""),
                    heading=it.get("heading", ""),
                    body=it.get("body", ""),
                    subitems=tuple(SubItem(x["label"], x["text"]) for x in it.get("subitems", ())),
                    id=it.get("id", ""),
                    origin=it.get("origin", ""),
                )
                for it in s.get("items", ())
            ),
        )
        for s in data.get("sections", ())
    )
    return Plan(
        id=data.get("id", ""),
        meta=meta,
        preamble=tuple(data.get("preamble", ())),
        sections=sections,
        closing=tuple(data.get("closing", ())),
        item_style=style,
        source=Source(**data.get("source", {})),
        warnings=tuple(Warning(**w) for w in data.get("warnings", ())),
        base=data.get("base", ""),
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
