"""Empty drafts from skeletons: commented TOML outlines in ``templates/skeletons/``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from drafter import toml_read
from drafter.draft.create import check_year
from drafter.draft.edit import parse_item_text, renumber
from drafter.errors import InputError
from drafter.model import ITEM_STYLES, Item, Meta, Plan, Section
from drafter.paths import templates_dir


@dataclass(frozen=True)
class SkeletonSection:
    """One section of a skeleton."""

    title: str
    """The section title without its number."""
    items: tuple[str, ...] = ()
    """Starter items (editor text: heading sentence first), possibly none."""


@dataclass(frozen=True)
class Skeleton:
    """An outline to start a draft from when there is no plan to copy."""

    name: str
    """The file stem, e.g. ``district``."""
    title: str
    """What the writer sees in the list, e.g. ``区级民政工作要点``."""
    plan_title: str
    """The plan title with a ``{year}`` placeholder."""
    item_style: str
    """How items are numbered (see :data:`drafter.model.ITEM_STYLES`)."""
    preamble: tuple[str, ...] = ()
    """Preamble paragraphs, with ``{year}`` placeholders."""
    sections: tuple[SkeletonSection, ...] = ()
    """The sections in order."""


def skeletons_dir() -> Path:
    """Where the shipped skeletons live."""
    return templates_dir() / "skeletons"


def list_skeletons() -> list[Skeleton]:
    """Every shipped skeleton, by file name."""
    return [load_skeleton(p) for p in sorted(skeletons_dir().glob("*.toml"))]


def load_skeleton(name: str | Path) -> Skeleton:
    """A skeleton by name (``district``) or path; a Chinese error when it is unusable."""
    path = Path(name) if Path(name).suffix == ".toml" else skeletons_dir() / f"{name}.toml"
    try:
        data = toml_read.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"找不到草稿骨架 {path.name}。") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"草稿骨架 {path.name} 无法读取：{exc}。") from exc
    style = data.get("item_style", "paren")
    if style not in ITEM_STYLES:
        raise InputError(f"草稿骨架 {path.name} 的 item_style 应为 {'、'.join(ITEM_STYLES)} 之一。")
    try:
        sections = tuple(
            SkeletonSection(title=str(s["title"]), items=tuple(str(i) for i in s.get("items", ())))
            for s in data.get("sections", ())
        )
    except (KeyError, TypeError) as exc:
        raise InputError(f"草稿骨架 {path.name} 的 [[sections]] 每项都要有 title。") from exc
    return Skeleton(
        name=path.stem,
        title=str(data.get("name", path.stem)),
        plan_title=str(data.get("title", "{year}年民政工作要点")),
        item_style=style,
        preamble=tuple(str(p) for p in data.get("preamble", ())),
        sections=sections,
    )


def from_skeleton(skeleton: Skeleton, year: int, *, issuer: str | None = None,
                  draft_id: str | None = None) -> Plan:
    """A new draft for ``year`` laid out as the skeleton says."""
    check_year(year)

    def fill(text: str) -> str:
        return text.replace("{year}", str(year))

    sections = []
    for s in skeleton.sections:
        items = []
        for text in s.items:
            heading, body, subitems = parse_item_text(fill(text))
            items.append(Item(label="", heading=heading, body=body, subitems=subitems))
        sections.append(Section(label="一、", title=s.title, items=tuple(items)))
    meta = Meta(title=fill(skeleton.plan_title), year=year, issuer=issuer)
    plan = Plan(
        id=draft_id or f"草稿/{issuer or '本单位'}/{year}",
        meta=meta,
        preamble=tuple(fill(p) for p in skeleton.preamble),
        sections=tuple(sections),
        item_style=skeleton.item_style,
    )
    return renumber(plan)
