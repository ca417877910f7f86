"""``drafter topics``: the library's task areas, and how every region wrote about one."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from drafter.cli.common import add_format, console, open_library, print_json
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.match.topics import Topic, TopicItem

# The topics (jieba) and rich are imported in the functions that use them.

HELP = "按主题浏览资料库（如：殡葬 2023 年各地怎么写）"

_PREVIEW = 120
"""Characters of an item shown without --full."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("topic", nargs="?", metavar="TOPIC", help="主题名（不写则列出全部主题）")
    parser.add_argument("--year", type=int, help="只看这一年的要点")
    parser.add_argument("--issuer", help="只看发文机关（或编号）包含这些字的要点")
    parser.add_argument("--full", action="store_true", help="显示条目全文（默认只显示开头）")
    add_format(parser)


def _summary_json(topic: Topic) -> dict[str, object]:
    return {
        "name": topic.name, "terms": list(topic.terms), "items": len(topic.items),
        "plans": topic.plans, "years": list(topic.years),
    }


def _item_json(item: TopicItem) -> dict[str, object]:
    return {
        "item_id": item.item_id, "plan": item.plan, "issuer": item.issuer, "year": item.year,
        "section": item.section, "item": item.label, "heading": item.heading, "text": item.text,
    }


def _list(found: list[Topic], args: argparse.Namespace) -> int:
    """Every topic with its size."""
    from rich.table import Table

    from drafter.match.topics import items_for

    if args.year is not None or args.issuer:
        found = [t for t in found if items_for(t, args.year, args.issuer)]
    if args.format == "json":
        print_json([_summary_json(t) for t in found])
        return 0
    table = Table(title=f"资料库主题（{len(found)} 个）", title_justify="left")
    for column in ("主题", "条目", "要点", "年份", "相关词"):
        table.add_column(column)
    for t in found:
        years = f"{t.years[0]}–{t.years[-1]}" if len(t.years) > 1 else "".join(map(str, t.years))
        table.add_row(t.name, str(len(t.items)), str(t.plans), years, "、".join(t.terms[1:6]))
    out = console()
    out.print(table)
    if not found:
        out.print("资料库中还没有可归纳的主题：先用 drafter import 导入几份要点。")
    return 0


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from drafter.match.topics import find_topic, items_for, topics

    found = topics(open_library(args).plans())
    if not args.topic:
        return _list(found, args)
    topic = find_topic(found, args.topic)
    if topic is None:
        raise InputError(f"没有找到主题“{args.topic}”，可用 drafter topics 查看全部主题。")
    chosen = items_for(topic, args.year, args.issuer)
    if args.format == "json":
        print_json({**_summary_json(topic), "items": [_item_json(i) for i in chosen]})
        return 0
    out = console()
    where = f"{args.year} 年" if args.year is not None else "各年"
    out.print(Text(f"主题“{topic.name}”：{where}共 {len(chosen)} 条", style="bold"))
    for item in chosen:
        body = item.text if args.full or len(item.text) <= _PREVIEW else item.text[:_PREVIEW] + "…"
        line = Text()
        line.append(f"\n{item.issuer or item.plan} {item.year or ''}", style="bold cyan")
        line.append(f" · {item.section} {item.label}\n", style="cyan")
        line.append(body)
        out.print(line)
    if not chosen:
        out.print("这一条件下没有条目：可去掉 --year / --issuer 再看。")
    return 0
