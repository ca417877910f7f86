"""What the writer should know about an export: replaced fonts, a notice without 主送机关,
版记 data the profile does not print, labels counted again, a notice left out."""

from __future__ import annotations

from drafter.export.document import numbered
from drafter.export.notice import NoticeInfo
from drafter.export.profile import Profile
from drafter.model import Plan

#: Renumbered labels listed one by one up to this many; the rest are counted.
MAX_LABELS = 5


def has_own_notice(plan: Plan) -> bool:
    """Whether the plan was read with its covering notice (文号 or the notice's body)."""
    return bool(plan.meta.notice or plan.meta.doc_number)


def export_advice(
    plan: Plan, *, fmt: str, profile: Profile, notice: NoticeInfo | None
) -> list[str]:
    """Chinese sentences (one each) for what the export changed, left out or replaced."""
    out: list[str] = []
    if fmt == "pdf":
        from drafter.export.fonts import font_warnings

        out += font_warnings(profile)
    if notice is not None and not notice.addressees.strip():
        out.append("印发通知没有主送机关（如“各乡镇（街道）民政办：”），请补上（--addressees）。")
    if (notice is not None and notice.has_record and fmt in ("docx", "pdf")
            and not profile.record.enabled):  # fmt: skip
        out.append(f"样式“{profile.name}”不印版记，抄送和印发机关没有写入文档；"
                   "需要版记请改用 --profile gbt9704。")  # fmt: skip
    out += renumbering_advice(plan)
    return out


def renumbering_advice(plan: Plan) -> list[str]:
    """One sentence per label printed differently from the plan (counted by position)."""
    changed = []
    for (s_label, section, items), original in zip(numbered(plan), plan.sections, strict=True):
        if original.label and s_label != original.label:
            changed.append(f"“{original.label}{section.title[:8]}”印为“{s_label}”")
        for (label, item), source in zip(items, original.items, strict=True):
            if label != item.label:
                changed.append(f"“{source.label}{item.heading[:8]}”印为“{label}”")
    if not changed:
        return []
    shown = "；".join(changed[:MAX_LABELS])
    more = f"等 {len(changed)} 处" if len(changed) > MAX_LABELS else ""
    return [f"编号按位置重新排过：{shown}{more}。请核对。"]
