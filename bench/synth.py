"""Synthetic libraries generated from the five seed plans, for benchmarks.

Each synthetic plan takes a seed, gives it another region and year, shuffles and drops some
items, borrows items from the other seeds and nudges the numbers, so that texts vary the way
real plans from many regions do; with ``variety``, items also get sentences of the office's
own, as plans that rewrite rather than copy.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from drafter.ingest import read_plan
from drafter.library.catalog import plan_with_id
from drafter.model import Item, Meta, Plan

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
_A = "东西南北中上下前后大小新老长永安平和兴隆福寿康宁清河山江湖海云天金银"
_B = "阳山川河林江城州宁安丰平泉源溪湾田坪桥坝口岭峰"
_C = "一二三四五六七八九东南西北上中下前后左右内外"
_LEVELS = ("区", "县", "旗", "市")
_NUMBER = re.compile(r"\d+")


@cache
def seed_plans() -> tuple[Plan, ...]:
    """The five seeds, parsed once."""
    return tuple(read_plan(p) for p in sorted(SEEDS.glob("*.txt")))


def _region(rng: random.Random, n: int) -> str:
    a, rest = n % len(_A), n // len(_A)
    b, c = rest % len(_B), rest // len(_B)
    third = _C[c % len(_C)] if c else ""
    return f"{_A[a]}{_B[b]}{third}{rng.choice(_LEVELS)}"


def _nudge(text: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        value = int(m.group(0))
        if 1900 < value < 2100 or value > 10**7:
            return m.group(0)
        return str(max(1, int(value * rng.uniform(0.8, 1.3))))

    return _NUMBER.sub(repl, text)


_VERBS = ("推进", "完善", "加强", "落实", "深化", "健全", "打造", "探索", "建立", "提升")


@cache
def _words() -> tuple[str, ...]:
    """The seeds' words of two to four characters: what a local sentence is made of."""
    from drafter.match.tokenize import words

    found = {w for plan in seed_plans() for _, _, _, item in plan.iter_items()
             for w in words(item.text) if 2 <= len(w) <= 4 and w[0] >= "\u4e00"}
    return tuple(sorted(found))


def _local(rng: random.Random, region: str) -> str:
    """A sentence only this office writes: its place names, a project of its own."""
    pick = _words()
    place = region[:2] + rng.choice(("街道", "镇", "社区", "村", "园区"))
    return (f"{rng.choice(_VERBS)}{place}{rng.choice(pick)}{rng.choice(pick)}，"
            f"{rng.choice(_VERBS)}{rng.choice(pick)}{rng.choice(pick)}{rng.choice(pick)}")


def _vary(item: Item, rng: random.Random, region: str, variety: float = 0.0) -> Item:
    body = _nudge(item.body, rng)
    sentences = [s for s in body.split("。") if s]
    if len(sentences) > 2 and rng.random() < 0.5:
        sentences.pop(rng.randrange(len(sentences)))
    if rng.random() < variety:
        sentences.insert(rng.randrange(len(sentences) + 1), _local(rng, region))
    if rng.random() < 0.3:
        rng.shuffle(sentences)
    text = "。".join(sentences) + ("。" if sentences else "")
    return replace(item, body=text.replace("湘西", region[:2]).replace("涪陵", region[:2]))


def synthetic_plans(n: int, seed: int = 0, variety: float = 0.0) -> Iterator[Plan]:
    """``n`` synthetic plans with library ids, reproducible for a given ``seed``. With
    ``variety``, that share of the items also gets a sentence of the office's own (local
    place names and projects), so that few items repeat another's words exactly."""
    rng = random.Random(seed)
    seeds = seed_plans()
    pool = [item for plan in seeds for _, _, _, item in plan.iter_items()]
    for k in range(n):
        base = seeds[k % len(seeds)]
        region = _region(rng, k // 12)
        year = 2015 + (k % 12)
        sections = []
        for section in base.sections:
            items = [_vary(i, rng, region, variety) for i in section.items
                     if rng.random() > 0.15]
            if items and rng.random() < 0.3:
                items.insert(rng.randrange(len(items) + 1),
                             _vary(rng.choice(pool), rng, region, variety))
            sections.append(replace(section, items=tuple(items)))
        issuer = f"{region}民政局"
        meta = Meta(title=f"{year}年全{region[-1]}民政工作要点", year=year, issuer=issuer,
                    region=region, level=region[-1], date=f"{year}-03-01")
        plan = replace(base, meta=meta, sections=tuple(sections), warnings=(),
                       source=replace(base.source, sha256=f"synthetic-{seed}-{k}"))
        yield plan_with_id(plan, f"{issuer}/{year}")


def plan_text(plan: Plan) -> str:
    """A plan written back as plain text, as a writer would save it."""
    lines = [plan.meta.title, *plan.preamble]
    for section in plan.sections:
        lines.append(section.label + section.title)
        lines.extend(section.intro)
        for item in section.items:
            lines.append(item.label + item.heading + item.body)
            lines.extend(s.label + s.text for s in item.subitems)
    if plan.meta.issuer:
        lines.append(plan.meta.issuer)
    return "\n".join(lines) + "\n"
