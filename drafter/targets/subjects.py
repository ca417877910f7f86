"""The subject of a target: trimmed of verbs and time words, and spread over lists."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter import rx
from drafter.targets import lexicon as lx
from drafter.targets.model import Target

_BRACKETED = rx.compile(r"（[^（）]{0,12}）|\([^()]{0,12}\)")
_QUOTES = rx.compile(r"[“”\"‘’']")
_LIST_SPLIT = rx.compile(r"[、和及与]")
#: The longest subject worth keeping; longer runs are clauses, cut to their end.
MAX_SUBJECT = 24


def clean_subject(raw: str) -> str:
    """The noun phrase of a subject: ``力争养老机构平均入住率`` → ``养老机构平均入住率``."""
    text = _QUOTES.sub("", _BRACKETED.sub("", raw)).strip()
    for word in lx.DISTRIBUTORS:
        if text.endswith(word):
            text = text[: -len(word)]
    previous = None
    while previous != text:
        previous = text
        text = lx.SUBJECT_LEAD.sub("", text)
        text = lx.SUBJECT_TAIL.sub("", text)
        text = re.sub(r"[和及与、]+$", "", text)
    for joint in ("、", "的"):
        if joint in text:
            tail = text.rsplit(joint, 1)[1]
            if joint == "、":
                tail = tail.partition("等")[2]
                if not tail:
                    continue
            if len(tail) >= 3:
                text = tail
    if len(text) > MAX_SUBJECT:
        text = text[-MAX_SUBJECT:]
    return text


def distributor_of(before_comparator: str) -> str:
    """分别, 均 or 各 when the text right before a comparator ends with it, else ''."""
    stripped = before_comparator.rstrip()
    for word in lx.DISTRIBUTORS:
        if stripped.endswith(word) and not stripped.endswith("各项"):
            return word
    return ""


def split_subject(subject: str) -> list[str]:
    """A listed subject as its members, sharing the head noun (生活补贴和护理补贴标准 → two)."""
    parts = [p for p in _LIST_SPLIT.split(subject) if p]
    if len(parts) < 2:
        return parts
    last = parts[-1]
    return [_complete(p, last) for p in parts[:-1]] + [last]


def _complete(part: str, last: str) -> str:
    """A list member given the head noun of the last member (农村 + 城市低保对象 → 农村低保对象)."""
    for size in range(min(len(part), 4), 1, -1):
        idx = last.find(part[-size:])
        if idx >= 0:
            return part + last[idx + size:]
    if len(part) <= 2 < len(last):
        return part + last[len(part):]
    return part


def distribute(groups: list[tuple[Target, str, int]]) -> list[Target]:
    """Spread targets over listed subjects: 分别 pairs them in order, 均 and 各 repeat them.

    Each entry is (target, distributor word, position of its comparator); targets that share
    a comparator and a distributor form one group.
    """
    out: list[Target] = []
    i = 0
    while i < len(groups):
        _first, word, pos = groups[i]
        j = i + 1
        while j < len(groups) and word and groups[j][1:] == (word, pos):
            j += 1
        members = [g[0] for g in groups[i:j]]
        out.extend(_spread(members, word) if word else members)
        i = j
    return out


def _spread(members: list[Target], word: str) -> list[Target]:
    """The targets of one group after spreading them over the subject's members."""
    subject = members[0].subject
    parts = split_subject(subject)
    if word == "分别":
        if len(parts) == len(members) > 1:
            return [replace(t, subject=p) for t, p in zip(members, parts, strict=True)]
        if len(parts) == 1 and subject.startswith("城乡") and len(members) == 2:
            rest = subject[2:]
            return [replace(members[0], subject="城市" + rest),
                    replace(members[1], subject="农村" + rest)]
        return members
    if len(parts) < 2:
        return members
    return [replace(t, subject=p) for t in members for p in parts]
