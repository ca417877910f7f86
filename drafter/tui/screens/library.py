"""The library browser: plans by region and year, search as you type, preview, import."""

from __future__ import annotations

import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.widgets import Footer, Header, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from drafter.draft import list_drafts
from drafter.tui.messages import ImportDone, Progress, SearchDone
from drafter.tui.screens.base import BaseScreen
from drafter.tui.search import SearchHit, search_library
from drafter.tui.widgets.preview import item_preview, plan_preview, section_preview
from drafter.tui.widgets.status import StatusLine

NodeRef = tuple[Any, ...]
"""What a tree node points at: ("draft", path) ("plan", id) ("section", id, si) ("item", id, si, ii)."""


class LibraryScreen(BaseScreen):
    """Browse the built-in and user libraries, find items, start or reopen a draft."""

    CSS_PATH = "library.tcss"
    NAMESPACE = "资料库"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_draft", "新建草稿", id="library.new_draft"),
        Binding("o", "open", "打开", id="library.open"),
        Binding("i", "import_files", "导入文件", id="library.import"),
        Binding("slash", "search", "搜索", id="library.search"),
        Binding("escape", "back", "返回目录", id="library.back", show=False),
    ]

    hits: var[list[SearchHit]] = var(list)
    """Current search results (empty when not searching)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="搜索资料库（输入即搜，如：养老服务中心）", id="search")
        with Horizontal(id="body"):
            yield Tree("资料库", id="plans")
            yield OptionList(id="results")
            with VerticalScroll(id="preview"):
                yield Static("正在载入资料库…", id="preview-text")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        """Fill the tree as soon as the library is open."""
        self.query_one("#results").display = False
        tree = self.query_one("#plans", Tree)
        tree.show_root = False
        tree.focus()
        self.watch(self.app, "library", self._fill_tree)

    def on_screen_resume(self) -> None:
        """Refresh the drafts list when coming back from a draft."""
        if self.app.library is not None:
            self._fill_tree(self.app.library)

    def _fill_tree(self, library: Any) -> None:
        """Rebuild the tree: my drafts, then plans grouped by region and year."""
        if library is None:
            return
        tree = self.query_one("#plans", Tree)
        tree.clear()
        drafts = list_drafts(self.app.drafts_folder)
        mine = tree.root.add(f"我的草稿（{len(drafts)}）", data=("group",), expand=True)
        for d in drafts:
            mine.add_leaf(Text(f"{d.title or '未命名'}（{d.path.name}）"), data=("draft", d.path))
        groups: dict[str, list[Any]] = defaultdict(list)
        for summary in library.summaries():
            groups[summary.region or summary.issuer or "其他"].append(summary)
        for region in sorted(groups):
            node = tree.root.add(Text(region), data=("group",), expand=True)
            for s in sorted(groups[region], key=lambda s: -(s.year or 0)):
                plan_node = node.add(Text(f"{s.year or '年份不详'}  {s.title}"), data=("plan", s.id))
                plan_node.allow_expand = True
        self.query_one("#preview-text", Static).update(
            "选择左侧的要点查看内容；按 n 以它为底稿新建草稿，按 / 搜索。"
        )

    @on(Tree.NodeExpanded, "#plans")
    def _load_plan_node(self, event: Tree.NodeExpanded) -> None:
        """Add a plan's sections and items the first time it is opened."""
        node = event.node
        ref = node.data or ()
        if ref[:1] != ("plan",) or node.children:
            return
        plan = self.app.library.get(ref[1])
        for si, section in enumerate(plan.sections):
            snode = node.add(Text(f"{section.label}{section.title}"), data=("section", plan.id, si))
            for ii, item in enumerate(section.items):
                snode.add_leaf(Text(_short(item.label + (item.heading or item.body))),
                               data=("item", plan.id, si, ii))

    @on(Tree.NodeHighlighted, "#plans")
    def _preview_node(self, event: Tree.NodeHighlighted) -> None:
        """Show what the highlighted node holds."""
        self._show_preview(event.node.data or ())

    @on(Tree.NodeSelected, "#plans")
    def _select_node(self, event: Tree.NodeSelected) -> None:
        """Enter on a draft opens it."""
        ref = event.node.data or ()
        if ref[:1] == ("draft",):
            self.app.open_draft_file(ref[1])

    def _show_preview(self, ref: NodeRef) -> None:
        """Render a plan, section, item or draft in the preview pane."""
        preview = self.query_one("#preview-text", Static)
        library = self.app.library
        kind = ref[:1]
        if kind == ("plan",):
            preview.update(plan_preview(library.get(ref[1])))
        elif kind == ("section",):
            preview.update(section_preview(library.get(ref[1]).sections[ref[2]]))
        elif kind == ("item",):
            plan = library.get(ref[1])
            item = plan.sections[ref[2]].items[ref[3]]
            preview.update(item_preview(item, f"{plan.meta.title} · {item.id}"))
        elif kind == ("draft",):
            preview.update(Text(f"草稿文件：{ref[1]}\n按回车或 o 继续编辑。"))

    def _selected(self) -> NodeRef:
        """The reference of the highlighted tree node."""
        node: TreeNode | None = self.query_one("#plans", Tree).cursor_node
        return (node.data or ()) if node else ()

    # --- search -------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        """Search as the writer types; an empty box shows the tree again."""
        query = event.value.strip()
        searching = bool(query)
        self.query_one("#plans").display = not searching
        self.query_one("#results").display = searching
        if searching and self.app.library is not None:
            self.run_search(query)
        else:
            self.hits = []

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Find items across the library (in a thread: matching takes a moment)."""
        hits = search_library(self.app.library, self.app.matcher, query)
        self.post_message(SearchDone(query, hits))

    def on_search_done(self, message: SearchDone) -> None:
        """Show the results of the latest search."""
        if message.query != self.query_one("#search", Input).value.strip():
            return
        self.hits = message.hits

    def watch_hits(self, hits: list[SearchHit]) -> None:
        """List the hits."""
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options(Option(Text(_hit_label(h)), id=str(i)) for i, h in enumerate(hits))
        if not hits and self.query_one("#search", Input).value.strip():
            self.query_one("#preview-text", Static).update("没有找到。换个说法试试。")

    @on(OptionList.OptionHighlighted, "#results")
    def _preview_hit(self, event: OptionList.OptionHighlighted) -> None:
        """Preview the highlighted hit."""
        hit = self.hits[int(event.option.id or 0)]
        plan = self.app.library.get(hit.plan_id)
        pos = plan.find_item(hit.item_id)
        if pos is not None:
            item = plan.sections[pos[0]].items[pos[1]]
            self.query_one("#preview-text", Static).update(
                item_preview(item, f"{hit.title} · {hit.issuer} · {hit.item_id}"))

    # --- actions --------------------------------------------------------------------------

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        """Leave the search and return to the tree."""
        box = self.query_one("#search", Input)
        box.value = ""
        self.query_one("#plans", Tree).focus()

    def action_open(self) -> None:
        """Open the highlighted draft, or start a draft from the highlighted plan."""
        ref = self._selected()
        if ref[:1] == ("draft",):
            self.app.open_draft_file(ref[1])
        else:
            self.action_new_draft()

    def action_new_draft(self) -> None:
        """Ask which plan (or skeleton) and year to start a draft from."""
        from drafter.tui.screens.new_draft import NewDraftDialog

        if self.app.library is None:
            self.notify("资料库还在载入，请稍候。")
            return
        ref = self._selected()
        plan_id = ref[1] if ref[:1] in {("plan",), ("section",), ("item",)} else None
        self.app.push_screen(NewDraftDialog(plan_id), self._draft_chosen)

    def _draft_chosen(self, plan: Any) -> None:
        """Open the new draft the dialog built."""
        if plan is not None:
            self.app.start_draft(plan)

    def action_import_files(self) -> None:
        """Ask for files or folders and import them into the user's library."""
        from drafter.tui.screens.prompt import PromptDialog

        self.app.push_screen(
            PromptDialog("导入文件或文件夹（.txt .docx .html，多个路径用空格分隔）：",
                         placeholder="例如 ~/下载/2024年工作要点.docx"),
            self._import_chosen,
        )

    def _import_chosen(self, answer: str | None) -> None:
        """Start the import of what was typed."""
        if not answer:
            return
        try:
            parts = shlex.split(answer)
        except ValueError:
            parts = answer.split()
        self.run_import([Path(p).expanduser() for p in parts])

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self, paths: list[Path]) -> None:
        """Import files with progress (in a thread)."""
        library = self.app.library

        def progress(done: int, total: int, *_: object) -> None:
            self.app.post_message(Progress("正在导入", done, total))

        report = library.import_paths(paths, progress=progress)
        self.post_message(ImportDone(report))

    def on_import_done(self, message: ImportDone) -> None:
        """Say what the import did and reload the library."""
        self.notify(_import_summary(message.report), title="导入完成")
        self.app.reload_library()


def _short(text: str, width: int = 36) -> str:
    """One line of at most ``width`` characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _hit_label(hit: SearchHit) -> str:
    """How a search hit is listed."""
    where = f"{hit.issuer or hit.title} {hit.year or ''}".strip()
    return f"[{where}] {_short(hit.heading or hit.text, 48)}"


def _import_summary(report: Any) -> str:
    """One Chinese line about an import, with the first failure's reason."""
    names = (("added", "新增"), ("updated", "更新"), ("skipped", "跳过"), ("failed", "失败"))
    text = "，".join(f"{word} {report.count(status)} 份" for status, word in names
                    if report.count(status))
    failed = [o for o in report.outcomes if o.status == "failed"]
    if failed:
        text += f"。{failed[0].path.name}：{failed[0].reason}"
    return (text or "没有找到可导入的文件") + "。"
