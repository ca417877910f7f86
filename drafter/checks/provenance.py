"""Items copied from another region's plan that still name that region."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter import rx
from drafter.checks.model import WARNING, Finding
from drafter.model import Plan, split_item_id

_OFFICE = rx.compile(r"(?:民政局|民政厅|民政处|民政办)$")
_LEVEL = rx.compile(r"[省市州盟区县旗]$")
#: Level words that betray a copied text: 全旗 / 旗级 in a 区 plan.
_RARE_LEVELS = "旗盟州"


def region_names(issuer: str) -> set[str]:
    """Names a plan of ``issuer`` uses for its own area: 乌审旗民政局 → 乌审旗, 乌审."""
    region = _OFFICE.sub("", issuer)
    parts = [p for p in re.split(r"[（()）]", region) if p]
    names: set[str] = set()
    for part in parts:
        # 上海市宝山区 → 宝山区 (the district is what the text says; the city is shared).
        tail = re.split(r"[省市](?=.)", part)[-1] if len(part) > 3 else part
        for name in (part, tail):
            names.add(name)
            short = _LEVEL.sub("", name)
            if len(short) >= 2:
                names.add(short)
    return {n for n in names if len(n) >= 2}


def check_foreign_regions(plan: Plan) -> Iterator[Finding]:
    """Warn where an item taken from another region's plan still names that region."""
    own = f"{plan.meta.issuer or ''}{plan.meta.region or ''}"
    level = plan.meta.level or ""
    for _, _, section, item in plan.iter_items():
        origin = split_item_id(item.origin) if item.origin else None
        if origin is None:
            continue
        issuer = origin[0].rpartition("/")[0]
        if not issuer or issuer in own:
            continue
        names = sorted((n for n in region_names(issuer) if n not in own), key=len, reverse=True)
        text = item.text
        found = [n for n in names if n in text]
        if level:
            found += [w for lv in _RARE_LEVELS if lv != level
                      for w in (f"全{lv}", f"{lv}级") if w in text]
        if not found:
            continue
        word = found[0]
        at = text.index(word)
        yield Finding(
            code="foreign-region",
            severity=WARNING,
            message=f"本条取自“{issuer}”的要点，仍写着“{word}”，请改成本地的表述。",
            section=section.title,
            item=item.label,
            item_id=item.id,
            evidence=text[max(0, at - 12): at + len(word) + 12],
            suggestion="把其他地区的地名、层级和机构名称换成本地的。",
            span=(at, at + len(word)),
        )
