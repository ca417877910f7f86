"""The library browser: drafts, plans by region and year, search as you type, preview, import."""

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
from textual.notifications import SeverityLevel
from textual.widgets import Footer, Header, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from drafter.draft import DraftFile, list_drafts
from drafter.errors import DrafterError
from drafter.model import Plan
from drafter.tui.messages import ImportDone, Progress, SearchDone
from drafter.tui.screens.base import BaseScreen
from drafter.tui.search import SearchHit, hit_source, search_library
from drafter.tui.widgets.preview import (
    ResultList,
    draft_preview,
    item_preview,
    plan_preview,
    saved_at,
    section_preview,
)
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
        Binding("down", "to_results", "", show=False),  # ↓ from the search box
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        """Current search results (empty when not searching)."""
        self._drafts: dict[tuple[Path, int], Plan | str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="搜索资料库（输入即搜，如：养老服务中心）", id="search")
        with Horizontal(id="body"):
            yield Tree("资料库", id="plans")
            yield ResultList(id="results")
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
        if self.drafter.library is not None:
            self._fill_tree(self.drafter.library)

    def _fill_tree(self, library: Any) -> None:
        """Rebuild the tree: my drafts, then plans grouped by region and year."""
        if library is None:
            return
        tree = self.query_one("#plans", Tree)
        tree.clear()
        self._drafts.clear()
        drafts = list_drafts(self.drafter.drafts_folder)
        mine = tree.root.add(f"我的草稿（{len(drafts)}）", data=("group",), expand=True)
        for d in drafts:
            label = Text(d.title or "未命名草稿")
            label.append(f"  {d.path.stem} · {saved_at(d.mtime_ns)}", style="dim")
            mine.add_leaf(label, data=("draft", d.path))
        groups: dict[str, list[Any]] = defaultdict(list)
        for summary in library.summaries():
            groups[summary.region or summary.issuer or "其他"].append(summary)
        for region in sorted(groups):
            node = tree.root.add(Text(region), data=("group",), expand=True)
            for s in sorted(groups[region], key=lambda s: -(s.year or 0)):
                partial = "（不完整）" if s.partial else ""
                plan_node = node.add(
                    Text(f"{s.year or '年份不详'}  {s.title}{partial}"), data=("plan", s.id)
                )
                plan_node.allow_expand = True
        self.query_one("#preview-text", Static).update(
            "选择左侧的要点查看内容；按 n 以它为底稿新建草稿，按 / 搜索。"
        )

    @on(Tree.NodeExpanded, "#plans")
    def _load_plan_node(self, event: Tree.NodeExpanded) -> None:
        """Add a plan's sections and items the first time it is opened."""
        node = event.node
        ref: NodeRef = node.data or ()
        if ref[:1] != ("plan",) or node.children:
            return
        plan = self.drafter.get_plan(ref[1])
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
        ref: NodeRef = event.node.data or ()
        if ref[:1] == ("draft",):
            self.drafter.open_draft_file(ref[1])

    def _show_preview(self, ref: NodeRef) -> None:
        """Render a plan, section, item or draft in the preview pane."""
        preview = self.query_one("#preview-text", Static)
        kind = ref[:1]
        try:
            if kind == ("plan",):
                preview.update(plan_preview(self.drafter.get_plan(ref[1])))
            elif kind == ("section",):
                preview.update(section_preview(self.drafter.get_plan(ref[1]).sections[ref[2]]))
            elif kind == ("item",):
                plan = self.drafter.get_plan(ref[1])
                item = plan.sections[ref[2]].items[ref[3]]
                preview.update(item_preview(item, f"{plan.meta.issuer or ''}《{plan.meta.title}》"
                                                  f"第 {ref[2] + 1} 部分第 {ref[3] + 1} 条"))
            elif kind == ("draft",):
                preview.update(self._draft_text(ref[1]))
        except DrafterError as exc:
            preview.update(Text(exc.message))

    def _draft_text(self, path: Path) -> Text:
        """The preview of a draft file (read once per version of the file)."""
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            return Text(f"草稿文件 {path.name} 已不存在。")
        key = (path, mtime)
        if key not in self._drafts:
            try:
                self._drafts[key] = DraftFile.open(path)[1]
            except DrafterError as exc:
                self._drafts[key] = exc.message
        plan = self._drafts[key]
        if isinstance(plan, str):
            return Text(plan)
        return draft_preview(plan.meta.title, plan.base, plan.meta.year, plan.item_count(),
                             mtime, path.name)

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
        if searching and self.drafter.library is not None:
            self.run_search(query)
        else:
            self._show_hits([])

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Find items across the library (in a thread: matching takes a moment)."""
        hits = search_library(self.drafter.library, self.drafter.matcher, query)
        self.post_message(SearchDone(query, hits))

    def on_search_done(self, message: SearchDone) -> None:
        """Show the results of the latest search."""
        if message.query != self.query_one("#search", Input).value.strip():
            return
        self._show_hits(message.hits)

    def _show_hits(self, hits: list[SearchHit]) -> None:
        """List the hits; say so when a search found nothing."""
        self.hits = hits
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options(Option(Text(_hit_label(h)), id=str(i)) for i, h in enumerate(hits))
        query = self.query_one("#search", Input).value.strip()
        results.border_title = f"找到 {len(hits)} 条" if hits else None
        preview = self.query_one("#preview-text", Static)
        if not query:
            return
        if hits:
            results.highlighted = 0
        else:
            preview.update(f"没有找到与“{query}”相关的条目。换个说法试试。")

    @on(OptionList.OptionHighlighted, "#results")
    @on(OptionList.OptionSelected, "#results")
    def _preview_hit(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        """Preview the highlighted (or chosen) hit."""
        index = int(event.option.id or 0)
        if index >= len(self.hits):
            return
        hit = self.hits[index]
        try:
            plan = self.drafter.get_plan(hit.plan_id)
        except DrafterError as exc:
            self.query_one("#preview-text", Static).update(Text(exc.message))
            return
        pos = plan.find_item(hit.item_id)
        if pos is not None:
            item = plan.sections[pos[0]].items[pos[1]]
            self.query_one("#preview-text", Static).update(item_preview(item, hit_source(hit)))

    # --- actions --------------------------------------------------------------------------

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search", Input).focus()

    def action_to_results(self) -> None:
        """↓ in the search box: into the results (or the tree when not searching)."""
        if self.focused is not self.query_one("#search", Input):
            return
        results = self.query_one("#results", OptionList)
        if results.display:
            if results.option_count:
                results.focus()
                if results.highlighted is None:
                    results.highlighted = 0
        else:
            self.query_one("#plans", Tree).focus()

    def action_back(self) -> None:
        """Leave the search and return to the tree."""
        box = self.query_one("#search", Input)
        box.value = ""
        self.query_one("#plans", Tree).focus()

    def action_open(self) -> None:
        """Open the highlighted draft; on a plan or section, open its outline and preview."""
        ref = self._selected()
        if ref[:1] == ("draft",):
            self.drafter.open_draft_file(ref[1])
            return
        node = self.query_one("#plans", Tree).cursor_node
        if node is not None and ref[:1] in {("plan",), ("section",)}:
            node.expand()
        self._show_preview(ref)

    def action_new_draft(self) -> None:
        """Ask which plan (or skeleton) and year to start a draft from."""
        from drafter.tui.screens.new_draft import NewDraftDialog

        if self.drafter.library is None:
            self.notify("资料库还在载入，请稍候。")
            return
        ref = self._selected()
        plan_id = ref[1] if ref[:1] in {("plan",), ("section",), ("item",)} else None
        self.app.push_screen(NewDraftDialog(plan_id), self._draft_chosen)

    def _draft_chosen(self, plan: Any) -> None:
        """Open the new draft the dialog built."""
        if plan is not None:
            self.drafter.start_draft(plan)

    def action_import_files(self) -> None:
        """Ask for files or folders and import them into the user's library."""
        from drafter.tui.screens.prompt import PromptDialog

        self.app.push_screen(
            PromptDialog("导入文件或文件夹（.txt .docx .pdf .doc .wps .ofd 网页等；多个路径用空格分隔，"
                         "含空格的路径可加引号）：",
                         placeholder="例如 ~/下载/2024年工作要点.docx"),
            self._import_chosen,
        )

    def _import_chosen(self, answer: str | None) -> None:
        """Start the import of what was typed."""
        if not answer or not answer.strip():
            return
        self.run_import(split_paths(answer))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self, paths: list[Path]) -> None:
        """Import into a library of its own (in a thread); the app swaps it in when done."""
        from drafter.library import Library

        library = Library.open(self.drafter.library_dir)

        def progress(done: int, total: int, *_: object) -> None:
            self.app.post_message(Progress("正在导入", done, total))

        report = library.import_paths(paths, progress=progress)
        library.summaries()
        self.post_message(ImportDone(report, library))

    def on_import_done(self, message: ImportDone) -> None:
        """Say what the import did and show the new plans."""
        title, text, severity = import_summary(message.report)
        self.notify(text, title=title, severity=severity, timeout=10)
        report = message.report
        # Through the app's queue, so that the worker's last Progress is shown before this.
        if message.library is not None and (report.count("added") or report.count("updated")):
            self.app.call_later(self.drafter.swap_library, message.library)
        else:
            self.app.call_later(self.drafter.rest_status)


def _short(text: str, width: int = 36) -> str:
    """One line of at most ``width`` characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _hit_label(hit: SearchHit) -> str:
    """How a search hit is listed."""
    where = f"{hit.issuer or hit.title} {hit.year or ''}".strip()
    return f"[{where}] {_short(hit.heading or hit.text, 48)}"


def split_paths(answer: str) -> list[Path]:
    """The paths typed in the import box: quoted or not, with spaces in names or not."""
    text = answer.strip()
    whole = Path(text.strip("\"'")).expanduser()
    if whole.exists():
        return [whole]
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    paths: list[Path] = []
    i = 0
    while i < len(words):
        # An unquoted name with spaces: take the longest run of words that names a file.
        for j in range(len(words), i, -1):
            candidate = Path(" ".join(words[i:j])).expanduser()
            if j == i + 1 or candidate.exists():
                paths.append(candidate)
                i = j
                break
    return paths


def import_summary(report: Any) -> tuple[str, str, SeverityLevel]:
    """(title, text, severity) of the notification about an import."""
    def sentence(text: str) -> str:
        return text.rstrip("。") + "。"

    outcomes = report.outcomes
    if not outcomes:
        return "导入失败", "导入失败：没有找到可导入的文件（.txt .docx .pdf .doc .wps .ofd 网页等）。", "error"
    failed = [o for o in outcomes if o.status == "failed"]
    if len(failed) == len(outcomes):
        reasons = "；".join(f"{o.path.name}：{o.reason.rstrip('。')}" for o in failed[:3])
        more = f"等 {len(failed)} 个文件" if len(failed) > 3 else ""
        return "导入失败", sentence(f"导入失败：{reasons}{more}"), "error"
    names = (("added", "新增"), ("updated", "更新"), ("skipped", "跳过"), ("failed", "失败"))
    lines = [sentence("，".join(f"{word} {report.count(status)} 份" for status, word in names
                                if report.count(status)))]
    skipped = [o for o in outcomes if o.status == "skipped"]
    if skipped:
        lines.append(sentence(f"{skipped[0].path.name} 已跳过：{skipped[0].reason}"))
    if failed:
        lines.append(sentence(f"{failed[0].path.name} 导入失败：{failed[0].reason}"))
    title = "导入完成" if report.count("added") or report.count("updated") else "没有导入新文件"
    severity: SeverityLevel = "warning" if failed else "information"
    return title, "\n".join(lines), severity
