"""The draft's outline: preamble, sections and items, numbered as the plan numbers them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.model import Item, Plan, Section

Ref = tuple[int, ...]
"""What an outline row stands for: () preamble, (si,) a section, (si, ii) an item (0-based)."""


def ref_key(ref: Ref) -> str:
    """The option id of a row."""
    return "p" if not ref else ".".join(str(n) for n in ref)


def item_row(item: Item, width: int = 40) -> Text:
    """How an item is listed: its label and the start of its heading."""
    head = (item.heading or item.body or "（空条目）").replace("\n", " ")
    if len(head) > width:
        head = head[: width - 1] + "…"
    return Text.assemble("  ", (item.label, "dim"), head)


def section_row(section: Section) -> Text:
    """How a section is listed."""
    return Text(f"{section.label}{section.title}", style="bold")


class Outline(OptionList):
    """Lists the draft; reports the row the writer moves to with :class:`Outline.Picked`."""

    @dataclass
    class Typed(Message):
        """The writer typed text while the outline had the focus (it belongs in the editor)."""

        text: str
        """What was typed."""

    @dataclass
    class Picked(Message):
        """The writer moved to another row of the outline."""

        ref: Ref
        """The row: () preamble, (si,) section, (si, ii) item."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._refs: list[Ref] = []
        self._quiet = False

    def show(self, plan: Plan, cursor: Ref) -> None:
        """List the plan and highlight ``cursor`` without reporting it as a move."""
        self._quiet = True
        try:
            rows: list[Option] = [Option(Text("（开头段落）", style="italic"), id=ref_key(()))]
            refs: list[Ref] = [()]
            for si, section in enumerate(plan.sections):
                rows.append(Option(section_row(section), id=ref_key((si,))))
                refs.append((si,))
                for ii, item in enumerate(section.items):
                    rows.append(Option(item_row(item), id=ref_key((si, ii))))
                    refs.append((si, ii))
            self._refs = refs
            self.set_options(rows)
            self.highlighted = refs.index(cursor) if cursor in refs else 0
        finally:
            self._quiet = False

    def relabel(self, plan: Plan, ref: Ref) -> None:
        """Update one row after its text changed (cheap, while typing)."""
        if len(ref) == 2:
            item = plan.sections[ref[0]].items[ref[1]]
            row = item_row(item)
            if self.get_option(ref_key(ref)).prompt != row:  # typing in the body: no redraw
                self.replace_option_prompt(ref_key(ref), row)
        elif len(ref) == 1:
            self.replace_option_prompt(ref_key(ref), section_row(plan.sections[ref[0]]))

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Report a move made by the writer (not one made by :meth:`show`)."""
        super().watch_highlighted(highlighted)
        if highlighted is not None and not self._quiet and highlighted < len(self._refs):
            self.post_message(self.Picked(self._refs[highlighted]))

    def on_key(self, event: events.Key) -> None:
        """A printable key no binding takes is text for the editor, not lost."""
        if not event.is_printable or not event.character or event.key in self.screen.active_bindings:
            return
        event.stop()
        event.prevent_default()
        self.post_message(self.Typed(event.character))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The generic highlight message is replaced by :class:`Outline.Picked`."""
        event.stop()
