"""A whole plan on one line (PDF-to-text copies, pasted web text): find where its lines were.

In such a line every former line break is a space or nothing. A break is put back where a
heading, item, title, date or signature starts, and after a sentence end followed by a space;
a space between two Chinese words elsewhere is left for the step that joins broken words.
"""

from __future__ import annotations

from drafter import rx

#: Lines shorter than this are never taken for a whole plan.
MIN_LENGTH = 300

_CN = "一二三四五六七八九十"
_BLOCK = (
    rf"[{_CN}]{{1,3}}[、．]"                       # 一、
    rf"|[（(][{_CN}]{{1,4}}[）)]"                   # （一）
    r"|\d{1,2}[.．、](?=[\u4e00-\u9fff])"          # 1. 1、
    r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?=\s|$)"  # a date on its own
    r"|[（(]此件"                                   # 附注
)
_TITLE = (
    r"《?(?:(?!关于|印发)[^\s。，；《]){0,20}?(?:19|20)\d{2}\s*年[^\s。，：；《》]{0,30}?"
    r"(?:工作要点|工作计划|工作安排|工作思路|重点工作|要点)》?"
)
_END = "。；！？：:;!?"
#: A space where a line broke: after a sentence end, after a notice title, before a block.
_SPACE_BREAK = rx.compile(
    rf"(?<=[{_END}])\s+|(?<=通知)\s+|\s+(?={_BLOCK})|\s+(?={_TITLE}(?:\s|$))"
)
#: No space at all: a section or item label right after a sentence end.
_TIGHT_BREAK = rx.compile(rf"(?<=[。；！？])(?=[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,4}}[）)])")
_SHI_BREAK = rx.compile(rf"(?<=[。；])(?=[{_CN}]{{1,3}}是)")
_TITLE_HEAD = rx.compile(rf"^({_TITLE})\s+(?=\S)")
_SECTION_HEAD = rx.compile(
    rf"^([{_CN}]{{1,3}}[、．][^。；，\s]{{2,40}}?)(?:\s+|(?=[（(][{_CN}]{{1,4}}[）)]))(?=\S)"
)
_ORG_DATE = rx.compile(r"^(\S{2,30}?(?:局|厅|办|政府|委员会))\s+(?=(?:19|20)\d{2}\s*年)")
_LABELS = rx.compile(rf"(?:^|[\s{_END}])(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,4}}[）)])")


def looks_run_on(line: str) -> bool:
    """A long line holding more than one numbered heading or item."""
    if len(line) < MIN_LENGTH:
        return False
    labels = _LABELS.findall(line)
    return len(labels) >= 2 or len(_SHI_BREAK.findall(line)) >= 3


def split_run_on(line: str) -> list[str]:
    """The lines of a run-on line, in order (the line itself when it is not one)."""
    if not looks_run_on(line):
        return [line]
    parts = [p for chunk in _SPACE_BREAK.split(line) for p in _TIGHT_BREAK.split(chunk)]
    if len(parts) == 1 and len(_SHI_BREAK.findall(line)) >= 3:
        parts = _SHI_BREAK.split(line)
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if part:
            out.extend(_split_head(part))
    return out


def _split_head(part: str) -> list[str]:
    """A title, a section heading or a signature that shares its piece with the next line."""
    for pattern in (_TITLE_HEAD, _SECTION_HEAD, _ORG_DATE):
        m = pattern.match(part)
        if m and m.end() < len(part):
            return [m.group(1), *_split_head(part[m.end():].strip())]
    return [part]
