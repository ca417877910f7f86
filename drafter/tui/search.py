"""Library search for the app: the matching engine when ready, plain substring until then."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchHit:
    """One item found in the library."""

    item_id: str
    """The item's library id (``<plan id>#<section>.<item>``)."""
    plan_id: str
    """The plan it belongs to."""
    title: str
    """The plan's title."""
    year: int | None
    """The plan year."""
    issuer: str
    """Who issued the plan."""
    heading: str
    """The item's lead sentence."""
    text: str
    """The item's whole text."""
    score: float = 0.0
    """How well it matched (higher is better)."""


def search_library(library: Any, matcher: Any, query: str, *, k: int = 30,
                   exclude_plan: str | None = None) -> list[SearchHit]:
    """The ``k`` best items for ``query`` across the library."""
    query = query.strip()
    if not query:
        return []
    if matcher is not None:
        # Ask for more than ``k``: identical items of the same region collapse into one.
        found = [_from_match(h) for h in matcher.similar(query, 2 * k, exclude_plan=exclude_plan)]
    else:
        found = _substring(library, query, exclude_plan)
    return dedupe(found)[:k]


def dedupe(hits: list[SearchHit]) -> list[SearchHit]:
    """One hit per distinct text, at the best rank, from the newest plan carrying it."""
    newest: dict[str, SearchHit] = {}
    order: list[str] = []
    for hit in hits:
        key = "".join(hit.text.split())
        kept = newest.get(key)
        if kept is None:
            order.append(key)
            newest[key] = hit
        elif (hit.year or 0) > (kept.year or 0):
            newest[key] = hit
    return [newest[key] for key in order]


def hit_source(hit: SearchHit) -> str:
    """Where a hit comes from, each fact once: ``涪陵区民政局《2022年…要点》第 11 部分第 4 条``."""
    _, _, position = hit.item_id.partition("#")
    section, _, item = position.partition(".")
    where = f"第 {section} 部分第 {item} 条" if section and item else hit.item_id
    title = f"《{hit.title}》" if hit.title else (f"{hit.year}年" if hit.year else "")
    return f"{hit.issuer}{title}{where}"


def _from_match(hit: Any) -> SearchHit:
    """A matching-engine hit as a search hit."""
    return SearchHit(item_id=hit.item_id, plan_id=hit.plan, title=hit.title or "",
                     year=hit.year, issuer=hit.issuer or "", heading=hit.heading or "",
                     text=hit.text, score=float(hit.score))


def _substring(library: Any, query: str, exclude_plan: str | None) -> list[SearchHit]:
    """Items containing the query, headings first (used before the engine is ready)."""
    found: list[SearchHit] = []
    for plan in library.plans():
        if plan.id == exclude_plan:
            continue
        for _, _, _, item in plan.iter_items():
            text = item.text
            if query not in text:
                continue
            score = 2.0 if query in item.heading else 1.0
            found.append(SearchHit(item_id=item.id, plan_id=plan.id, title=plan.meta.title,
                                   year=plan.meta.year, issuer=plan.meta.issuer or "",
                                   heading=item.heading, text=text, score=score))
    found.sort(key=lambda h: -h.score)
    return found
