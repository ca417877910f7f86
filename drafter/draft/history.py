"""Undo and redo over whole plan values, each step remembering where the change happened."""

from __future__ import annotations

from dataclasses import dataclass, replace

from drafter.model import Plan

LIMIT = 200
"""How many steps back the history keeps."""


@dataclass(frozen=True)
class Step:
    """One state of the draft and what produced it."""

    plan: Plan
    """The draft after the change."""
    label: str = ""
    """What the change was, in Chinese (shown after undo/redo)."""
    key: str = ""
    """Changes with the same non-empty key in a row merge into one step (typing in an item)."""
    before: tuple[int, ...] | None = None
    """Outline position of the change in the previous state (where undo puts the cursor)."""
    after: tuple[int, ...] | None = None
    """Outline position of the change in this state (where redo puts the cursor)."""


@dataclass(frozen=True)
class History:
    """The current draft with the steps before it (undo) and after it (redo)."""

    present: Step
    """The current state."""
    past: tuple[Step, ...] = ()
    """Earlier states, oldest first."""
    future: tuple[Step, ...] = ()
    """States undone, next first."""

    @classmethod
    def start(cls, plan: Plan) -> History:
        """A history holding only ``plan``."""
        return cls(present=Step(plan, "打开草稿"))

    @property
    def plan(self) -> Plan:
        """The current draft."""
        return self.present.plan

    @property
    def can_undo(self) -> bool:
        """Whether there is a step to go back to."""
        return bool(self.past)

    @property
    def can_redo(self) -> bool:
        """Whether an undone step can be redone."""
        return bool(self.future)

    def push(self, plan: Plan, label: str, key: str = "", *,
             before: tuple[int, ...] | None = None,
             after: tuple[int, ...] | None = None) -> History:
        """A history with ``plan`` as the new present; redo steps are dropped.

        ``before`` and ``after`` are the outline positions of the change before and after it
        (0-based refs such as ``(section, item)``), for undo and redo to return to.
        """
        if plan is self.present.plan or plan == self.present.plan:
            return self
        step = Step(plan, label, key, before, after)
        if key and key == self.present.key and not self.future:
            return replace(self, present=replace(step, before=self.present.before))
        past = (*self.past, self.present)[-LIMIT:]
        return History(present=step, past=past)

    @property
    def undo_cursor(self) -> tuple[int, ...] | None:
        """Where the cursor goes when the present step is undone (None: unknown)."""
        return self.present.before

    @property
    def redo_cursor(self) -> tuple[int, ...] | None:
        """Where the cursor goes when the next undone step is redone (None: unknown)."""
        return self.future[0].after if self.future else None

    def undo(self) -> History:
        """One step back (unchanged when there is none)."""
        if not self.past:
            return self
        return History(present=self.past[-1], past=self.past[:-1],
                       future=(self.present, *self.future))

    def redo(self) -> History:
        """One step forward again (unchanged when there is none)."""
        if not self.future:
            return self
        return History(present=self.future[0], past=(*self.past, self.present),
                       future=self.future[1:])
