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
        hits = matcher.similar(query, k, exclude_plan=exclude_plan)
        return [_from_match(h) for h in hits]
    return _substring(library, query, k, exclude_plan)


def _from_match(hit: Any) -> SearchHit:
    """A matching-engine hit as a search hit."""
    return SearchHit(item_id=hit.item_id, plan_id=hit.plan, title=hit.title or "",
                     year=hit.year, issuer=hit.issuer or "", heading=hit.heading or "",
                     text=hit.text, score=float(hit.score))


def _substring(library: Any, query: str, k: int, exclude_plan: str | None) -> list[SearchHit]:
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
    return found[:k]
