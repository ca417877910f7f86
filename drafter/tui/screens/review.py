"""The review queue: reviewers' changes and comments from a returned .docx, one entry each.

Entries come in document order with the item, the reviewer, the date and the word-level
change. Every decision goes through the compose screen's history (undo, redo) and autosave;
nothing touches the draft's text until the writer accepts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.review import model as M
from drafter.review.render import line
from drafter.tui.screens.base import BaseScreen
from drafter.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from drafter.tui.screens.compose import ComposeScreen


class ReviewScreen(BaseScreen):
    """Decide on each reviewer's change and comment of the latest round."""

    CSS_PATH = "review.tcss"
    NAMESPACE = "审阅"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "接受", id="review.accept"),
        Binding("r", "reject", "拒绝", id="review.reject"),
        Binding("A", "accept_author", "接受此人全部修改", id="review.accept_author"),
        Binding("c", "resolve", "批注已处理并回复", id="review.resolve"),
        Binding("g,enter", "jump", "转到条目", id="review.jump"),
        Binding("i", "import_file", "导入审阅稿", id="review.import"),
        Binding("p", "round(-1)", "上一轮", id="review.previous_round", show=False),
        Binding("n", "round(1)", "下一轮", id="review.next_round", show=False),
        Binding("ctrl+z", "undo", "撤销", id="review.undo", priority=True),
        Binding("ctrl+y", "redo", "重做", id="review.redo", priority=True, show=False),
        Binding("escape", "back", "返回草稿", id="review.back"),
    ]

    class Imported(Message):
        """A reviewed file was read and mapped in a worker."""

        def __init__(self, plan: Plan, round_: M.Round) -> None:
            super().__init__()
            self.plan = plan
            self.round = round_

    def __init__(self, host: ComposeScreen) -> None:
        super().__init__()
        self.host = host
        """The compose screen whose draft, history and autosave the decisions go through."""
        self.viewing: int | None = None
        """The round shown (its number); None for the latest."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-summary")
        yield OptionList(id="queue")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.host.plan.meta.title
        self.refresh_queue()
        self.query_one(OptionList).focus()

    # --- showing ---------------------------------------------------------------------------

    @property
    def round(self) -> M.Round | None:
        """The review round shown: the latest unless an earlier one was chosen."""
        rounds = self.host.plan.rounds
        if self.viewing is not None:
            found = next((r for r in rounds if r.number == self.viewing), None)
            if found is not None:
                return found
        return rounds[-1] if rounds else None

    def action_round(self, delta: int) -> None:
        """Show the previous (-1) or next (+1) round."""
        r = self.round
        if r is None:
            return
        numbers = [x.number for x in self.host.plan.rounds]
        k = numbers.index(r.number) + delta
        if 0 <= k < len(numbers):
            self.viewing = numbers[k]
            self.query_one(OptionList).highlighted = 0
            self.refresh_queue()

    def refresh_queue(self, keep: str | None = None) -> None:
        """Show the latest round's entries; keep the highlight on ``keep`` (an id) or nearby."""
        queue = self.query_one(OptionList)
        index = queue.highlighted
        queue.clear_options()
        r = self.round
        summary = self.query_one("#review-summary", Static)
        if r is None:
            summary.update("还没有审阅稿。按 i 导入审阅后返回的 .docx（Word/WPS 的修订和批注）。")
            return
        summary.update(
            f"第 {r.number} 轮（共 {len(self.host.plan.rounds)} 轮；{r.file}，{r.imported[:10]}）："
            f"共 {len(r.proposals)} 条，待定 {r.pending} 条。"
        )
        queue.add_options(Option(line(p), id=p.id) for p in r.proposals)
        if keep is not None:
            ids = [p.id for p in r.proposals]
            index = ids.index(keep) if keep in ids else index
        if r.proposals:
            queue.highlighted = min(index or 0, len(r.proposals) - 1)

    def current(self) -> M.Proposal | None:
        """The highlighted entry."""
        r = self.round
        queue = self.query_one(OptionList)
        if r is None or queue.highlighted is None or queue.highlighted >= len(r.proposals):
            return None
        return r.proposals[queue.highlighted]

    def _next_pending(self, after: str) -> None:
        """Move the highlight to the next undecided entry after ``after``."""
        r = self.round
        if r is None:
            return
        ids = [p.id for p in r.proposals]
        start = ids.index(after) + 1 if after in ids else 0
        for k in range(start, len(ids)):
            if r.proposals[k].pending:
                self.query_one(OptionList).highlighted = k
                return

    # --- deciding --------------------------------------------------------------------------

    def _decide(self, change, label: str, proposal: M.Proposal) -> None:  # type: ignore[no-untyped-def]
        """Run one decision on the draft as an undoable, autosaved step."""
        try:
            plan = change(self.host.plan)
        except DrafterError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.host.commit(plan, label)
        self.refresh_queue(keep=proposal.id)
        self._next_pending(proposal.id)

    def action_accept(self) -> None:
        """Accept the highlighted change (its text goes into the draft)."""
        from drafter.review.rounds import accept

        p = self.current()
        if p is None:
            return
        if p.kind == M.COMMENT:
            self.action_resolve()
            return
        self._decide(lambda plan: accept(plan, p.id), f"接受审阅意见 {p.id}", p)

    def action_reject(self) -> None:
        """Reject the highlighted change (the draft stays as it is)."""
        from drafter.review.rounds import reject

        p = self.current()
        if p is not None:
            self._decide(lambda plan: reject(plan, p.id), f"拒绝审阅意见 {p.id}", p)

    def action_accept_author(self) -> None:
        """Accept every pending change of the highlighted entry's reviewer."""
        from drafter.review.rounds import accept_author

        p = self.current()
        if p is None:
            return
        result: dict[str, object] = {}

        def change(plan: Plan) -> Plan:
            number = self.round.number if self.round is not None else None
            plan, done, failed = accept_author(plan, p.author, number=number)
            result.update(done=done, failed=failed)
            return plan

        who = p.author or "未留痕修改"
        self._decide(change, f"接受{who}的全部修改", p)
        failed = result.get("failed") or []
        message = f"已接受{who}的 {result.get('done', 0)} 条修改。"
        if failed:
            message += f" {len(failed)} 条在草稿中找不到原文，仍待处理：{'、'.join(failed)}。"  # type: ignore[arg-type]
        self.notify(message)

    def action_resolve(self) -> None:
        """Mark the highlighted comment resolved, with a reply."""
        from drafter.review.rounds import resolve
        from drafter.tui.screens.prompt import PromptDialog

        p = self.current()
        if p is None:
            return
        if p.kind != M.COMMENT:
            self.notify("这一条是修改，请用 a 接受或 r 拒绝。")
            return

        def replied(text: str | None) -> None:
            if text is not None:
                self._decide(lambda plan: resolve(plan, p.id, text), f"回复批注 {p.id}", p)

        self.app.push_screen(PromptDialog(f"回复 {p.author or '审阅人'} 的批注：{p.comment}",
                                          placeholder="如：已按意见修改"), replied)

    def action_undo(self) -> None:
        """Undo the last step of the draft (a decision or an edit)."""
        self.host.action_undo()
        self.refresh_queue()

    def action_redo(self) -> None:
        """Redo the step just undone."""
        self.host.action_redo()
        self.refresh_queue()

    def action_jump(self) -> None:
        """Back to the draft, at the item the entry is about."""
        p = self.current()
        if p is None:
            return
        target = _position(self.host.plan, p)
        self.dismiss(target)

    def action_back(self) -> None:
        """Back to the draft."""
        self.dismiss(None)

    # --- importing -------------------------------------------------------------------------

    def action_import_file(self) -> None:
        """Ask for a returned .docx and import it as the next round."""
        from drafter.tui.screens.prompt import PromptDialog

        def chosen(path: str | None) -> None:
            if path:
                self.notify("正在读取审阅稿…")
                self.import_worker(self.host.plan, Path(path.strip().strip("'\"")).expanduser())

        self.app.push_screen(PromptDialog("审阅后返回的 .docx 文件：",
                                          placeholder="如：~/审阅稿.docx"), chosen)

    @work(thread=True, exclusive=True, group="review-import", exit_on_error=False)
    def import_worker(self, plan: Plan, path: Path) -> None:
        """Read and map the file off the UI thread (jieba and the alignment take a moment)."""
        from drafter.review.rounds import import_round

        new, round_ = import_round(plan, path)
        self.post_message(self.Imported(new, round_))

    def on_review_screen_imported(self, message: Imported) -> None:
        """Record the round as one undoable step and show its entries."""
        if message.plan.rounds[:-1] != self.host.plan.rounds:
            self.notify("草稿在读取期间有改动，请重新导入。", severity="warning")
            return
        self.host.commit(message.plan, f"导入第 {message.round.number} 轮审阅稿")
        self.viewing = None
        self.refresh_queue()
        r = message.round
        self.notify(f"已导入第 {r.number} 轮审阅：{len(r.proposals)} 条，待定 {r.pending} 条。")


def _position(plan: Plan, p: M.Proposal) -> tuple[int, ...]:
    """The outline row of an entry in the draft as it is now."""
    from drafter.review.rounds import locate_block

    found = locate_block(plan, p)
    return found if found is not None else ()
