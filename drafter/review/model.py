"""What a review round holds: the changes reviewers proposed and what the writer decided."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.model import Plan

#: Kinds of proposal (the ``kind`` of the JSON contract).
INSERT = "insert"
DELETE = "delete"
REPLACE = "replace"
MOVE = "move"
COMMENT = "comment"
KINDS = (INSERT, DELETE, REPLACE, MOVE, COMMENT)

#: Decisions; ``PENDING`` until the writer decides.
PENDING = ""
ACCEPTED = "accepted"
REJECTED = "rejected"
RESOLVED = "resolved"
DECISIONS = (PENDING, ACCEPTED, REJECTED, RESOLVED)

#: Where in the draft a change applies.
TITLE = "title"
PREAMBLE = "preamble"
SECTION_TITLE = "section"
INTRO = "intro"
ITEM = "item"
NEW_ITEM = "new-item"
OUTSIDE = "outside"
TARGETS = (TITLE, PREAMBLE, SECTION_TITLE, INTRO, ITEM, NEW_ITEM, OUTSIDE)

KIND_NAMES = {INSERT: "增加", DELETE: "删除", REPLACE: "修改", MOVE: "移动", COMMENT: "批注"}
DECISION_NAMES = {PENDING: "待定", ACCEPTED: "已接受", REJECTED: "已拒绝", RESOLVED: "已解决"}


@dataclass(frozen=True)
class Proposal:
    """One change or comment a reviewer sent back, mapped onto the draft."""

    id: str
    """``<round>.<n>`` in document order, e.g. ``2.7``."""
    kind: str
    """``insert``, ``delete``, ``replace``, ``move`` or ``comment``."""
    author: str | None
    """The reviewer as Word or WPS recorded them; None for an edit made without 修订."""
    date: str | None
    """When the reviewer made it (ISO 8601 as written in the file); None when unknown."""
    section: str | None
    """Title of the draft section it falls in (None: title, preamble or outside sections)."""
    item: str | None
    """Label of the draft item it falls in, e.g. ``（三）`` (None: not inside an item)."""
    before: str | None
    """The text it removes or comments on (None for a pure insertion)."""
    after: str | None
    """The text it puts in (None for a deletion or a comment)."""
    comment: str | None = None
    """The comment's text; for a change, the text of a comment on the same words."""
    target: str = ITEM
    """Where it applies: ``title``, ``preamble``, ``section``, ``intro``, ``item``, ``new-item``
    (a whole new item after the anchor) or ``outside`` (notice, signature: not in the draft)."""
    section_no: int = 0
    """1-based section of the draft at import time (0: none)."""
    item_no: int = 0
    """1-based item inside the section at import time (0: none)."""
    anchor: str = ""
    """The text of the draft block (item, section title …) at import time, to find it again."""
    left: str = ""
    """A few characters before the change, to find its place in the block."""
    right: str = ""
    """A few characters after the change."""
    to_section: int = 0
    """For a moved item: 1-based section it moves to (0: not an item move)."""
    to_anchor: str = ""
    """For a moved item: text of the draft item it lands after ('' for the section's start)."""
    replies: tuple[str, ...] = ()
    """Replies already in the file (``作者：内容``), oldest first."""
    decision: str = PENDING
    """``accepted``, ``rejected``, ``resolved`` or '' (pending)."""
    reply: str = ""
    """The writer's reply when resolving a comment."""
    decided: str = ""
    """When the decision was made (ISO 8601, UTC)."""
    repeat_of: str = ""
    """Id of an earlier round's rejected proposal this one repeats (then rejected at once)."""

    @property
    def pending(self) -> bool:
        """Whether the writer still has to decide."""
        return self.decision == PENDING

    @property
    def where(self) -> str:
        """Section and item for a reader: ``二、社会救助 （三）``."""
        parts = [p for p in (self.section, self.item) if p]
        if parts:
            return " ".join(parts)
        return {TITLE: "标题", PREAMBLE: "导语", OUTSIDE: "正文以外"}.get(self.target, "")


@dataclass(frozen=True)
class Round:
    """One review round: a returned file, what it proposed, and the draft as it stood."""

    number: int
    """1-based round number."""
    file: str
    """Name of the file imported (no folder)."""
    sha256: str
    """Hash of the file's bytes: the same file imported twice is one round."""
    imported: str
    """When it was imported (ISO 8601, UTC)."""
    proposals: tuple[Proposal, ...]
    """Changes and comments in document order."""
    snapshot: Plan | None = None
    """The draft just before this round's decisions (what the reviewers were looking at)."""
    sections: tuple[str, ...] = ()
    """Titles of the draft sections the file covered (a 科室's 征求意见 return covers some)."""

    def find(self, proposal_id: str) -> Proposal | None:
        """The proposal with this id, or None."""
        return next((p for p in self.proposals if p.id == proposal_id), None)

    def with_proposal(self, proposal: Proposal) -> Round:
        """The round with one proposal replaced (matched by id)."""
        return replace(
            self,
            proposals=tuple(proposal if p.id == proposal.id else p for p in self.proposals),
        )

    @property
    def pending(self) -> int:
        """How many proposals still wait for a decision."""
        return sum(1 for p in self.proposals if p.pending)
