"""The library browser: drafts, plans by region and year, search as you type, preview, import."""

from __future__ import annotations

import shlex
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.notifications import SeverityLevel
from textual.widgets import Header, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from drafter.errors import DrafterError
from drafter.tui.messages import ImportDone, Progress, SearchDone
from drafter.tui.screens.base import BaseScreen
from drafter.tui.widgets.fitted_tree import FittedTree
from drafter.tui.widgets.footer import KeyFooter
from drafter.tui.widgets.preview import (
    ResultList,
    draft_preview,
    item_preview,
    plan_preview,
    saved_at,
    section_preview,
)
from drafter.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from drafter.model import Plan
    from drafter.tui.search import SearchHit

NodeRef = tuple[Any, ...]
"""What a tree node points at: ("draft", path) ("initial", first character of regions)
("region", name) ("plan", id) ("section", id, si) ("item", id, si, ii)."""
UNFOLD_UP_TO = 300
"""Libraries with up to this many plans open with every region unfolded."""


class PlanTree(FittedTree):
    """The library tree (labels end in "…" when cut). Textual measures every line's label whenever a node opens or closes;
    here a label's width is counted from its text, so a national library stays quick."""

    def get_label_width(self, node: TreeNode[NodeRef]) -> int:
        """The label's cells plus the open/closed marker (as Tree.render_label draws them)."""
        marker = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
                  if node.allow_expand else "")
        label = node.label
        return cell_len(marker) + (label.cell_len if isinstance(label, Text) else cell_len(label))

    def action_page_down(self) -> None:
        """A page down, shown at once as a line down is (Tree glides a page, which makes a
        held-down key lag behind in a long list)."""
        if self.cursor_line == -1:
            self.cursor_line = 0
        self.cursor_line += self.scrollable_content_region.height - 1
        self.scroll_to_line(self.cursor_line, animate=False)

    def action_page_up(self) -> None:
        """A page up, shown at once."""
        if self.cursor_line == -1:
            self.cursor_line = self.last_line
        self.cursor_line -= self.scrollable_content_region.height - 1
        self.scroll_to_line(self.cursor_line, animate=False)


class LibraryScreen(BaseScreen):
    """Browse the built-in and user libraries, find items, start or reopen a draft."""

    CSS_PATH = "library.tcss"
    AUTO_FOCUS = "#plans"  # the tree, as on_mount sets it, so the keys shown start right
    NAMESPACE = "资料库"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_draft", "新建草稿", id="library.new_draft"),
        Binding("o", "open", "打开", id="library.open"),
        Binding("i", "import_files", "导入文件", id="library.import"),
        Binding("slash", "search", "搜索", id="library.search"),
        Binding("delete", "remove", "删除/隐藏", id="library.remove"),
        Binding("u", "restore", "从回收站恢复", id="library.restore", show=False),
        Binding("escape", "back", "返回目录", id="library.back", show=False),
        Binding("down", "to_results", "", show=False),  # ↓ from the search box
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        """Current search results (empty when not searching)."""
        self._drafts: dict[tuple[Path, int], Plan | str] = {}
        self._regions: dict[str, list[Any]] = {}
        self._initials: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="搜索资料库（输入即搜，如：养老服务中心）", id="search")
        with Horizontal(id="body"):
            yield PlanTree("资料库", id="plans")
            yield ResultList(id="results")
            with VerticalScroll(id="preview"):
                yield Static("正在载入资料库…", id="preview-text")
        yield StatusLine()
        yield KeyFooter()

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
        from drafter.draft import list_drafts  # after the first paint: the draft core is large

        drafts = list_drafts(self.drafter.drafts_folder)
        mine = tree.root.add(f"我的草稿（{len(drafts)}）", data=("group",), expand=True)
        for d in drafts:
            label = Text(d.title or "未命名草稿")
            if d.damaged:
                label.append("（已损坏，无法打开）", style="bold red")
            elif d.recovery:
                label.append("（恢复稿）", style="bold yellow")
            label.append(f"  {d.path.stem} · {saved_at(d.mtime_ns)}", style="dim")
            mine.add_leaf(label, data=("draft", d.path))
        groups: dict[str, list[Any]] = defaultdict(list)
        summaries = library.summaries()
        for summary in summaries:
            groups[summary.region or summary.issuer or "其他"].append(summary)
        self._regions = groups
        # Nodes are made when their parent opens, so a national library lists quickly; it is
        # indexed by the first character of the region, with every index entry folded.
        if len(summaries) <= UNFOLD_UP_TO:
            self._add_regions(tree.root, sorted(groups), unfold=True)
        else:
            initials: dict[str, list[str]] = defaultdict(list)
            for region in sorted(groups):
                initials[region[:1]].append(region)
            self._initials = initials
            for initial in sorted(initials):
                node = tree.root.add(Text(f"{initial}（{len(initials[initial])} 个地区）"),
                                     data=("initial", initial))
                node.allow_expand = True
        self.query_one("#preview-text", Static).update(
            "选择左侧的要点查看内容；按 n 以它为底稿新建草稿，按 / 搜索。"
        )

    def _add_regions(self, node: TreeNode, regions: list[str], *, unfold: bool) -> None:
        """One node per region; ``unfold`` lists their plans at once (a small library)."""
        for region in regions:
            child = node.add(Text(region), data=("region", region))
            child.allow_expand = True
            if unfold:
                self._add_plans(child, region)
                child.expand()

    def _add_plans(self, node: TreeNode, region: str) -> None:
        """A region's plans, newest first (each opens to its sections and items)."""
        for s in sorted(self._regions.get(region, ()), key=lambda s: -(s.year or 0)):
            partial = "（不完整）" if s.partial else ""
            plan_node = node.add(
                Text(f"{s.year or '年份不详'}  {s.title}{partial}"), data=("plan", s.id)
            )
            plan_node.allow_expand = True

    @on(Tree.NodeExpanded, "#plans")
    def _load_plan_node(self, event: Tree.NodeExpanded) -> None:
        """Add a region's plans, or a plan's sections and items, the first time it is opened."""
        node = event.node
        ref: NodeRef = node.data or ()
        if node.children:
            return
        if ref[:1] == ("initial",):
            self._add_regions(node, self._initials.get(ref[1], []), unfold=False)
            return
        if ref[:1] == ("region",):
            self._add_plans(node, ref[1])
            return
        if ref[:1] != ("plan",):
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
                from drafter.draft import DraftFile

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
        from drafter.tui.search import search_library

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
            from drafter.tui.search import hit_source

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

    # --- tidying ---------------------------------------------------------------------------

    def action_remove(self) -> None:
        """Delete the highlighted draft or plan to the trash (a built-in plan is hidden)."""
        from drafter.tui.screens.prompt import ConfirmDialog

        ref = self._selected()
        library = self.drafter.library
        if ref[:1] == ("draft",):
            path = ref[1]
            question, ok = f"把草稿 {path.name} 移到回收站？（按 u 可恢复）", "删除"
        elif ref[:1] == ("plan",) and library is not None:
            summary = library.summary(ref[1])
            if summary.builtin:
                question = f"《{summary.title}》是内置要点，不能删除；要隐藏它吗？（按 u 可恢复显示）"
                ok = "隐藏"
            else:
                question, ok = f"把《{summary.title}》移到回收站？（按 u 可恢复）", "删除"
        else:
            self.notify("请先在左侧选中一份草稿或要点（不是其中的部分或条目）。")
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                self._remove(ref)

        self.app.push_screen(ConfirmDialog(question, ok=ok), chosen)

    def _remove(self, ref: NodeRef) -> None:
        """Trash or hide what ``ref`` names and show the library without it."""
        from drafter.library import trash

        try:
            if ref[0] == "draft":
                trash.trash_draft(ref[1], ref[1].stem)
                text = f"已把草稿 {ref[1].name} 移到回收站，按 u 可恢复。"
            else:
                entry = self.drafter.library.remove(ref[1])
                text = (f"已把 {ref[1]} 移到回收站，按 u 可恢复。" if entry is not None
                        else f"内置要点 {ref[1]} 已隐藏，按 u 可恢复显示。")
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(text)
        self.drafter.reload_library()

    def action_restore(self) -> None:
        """Choose a removed draft or plan (or a hidden built-in) and bring it back."""
        from drafter.library import trash
        from drafter.tui.screens.pick_trash import PickTrashDialog

        library = self.drafter.library
        entries = trash.list_trash()
        hidden = sorted(library.hidden) if library is not None else []
        if not entries and not hidden:
            self.notify("回收站是空的，也没有隐藏的内置要点。")
            return
        self.app.push_screen(PickTrashDialog(entries, hidden), self._restore)

    def _restore(self, value: str | None) -> None:
        """Bring back the chosen entry."""
        from drafter.library import trash
        from drafter.tui.screens.pick_trash import HIDDEN, TRASH

        if not value:
            return
        try:
            if value.startswith(HIDDEN):
                plan_id = value.removeprefix(HIDDEN)
                self.drafter.library.unhide(plan_id)
                text = f"已重新显示内置要点 {plan_id}。"
            else:
                path = trash.restore(trash.find_entry(value.removeprefix(TRASH)))
                text = f"已恢复到 {path}。"
        except DrafterError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(text)
        self.drafter.reload_library()

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


_FAILED_SHOWN = 6
"""Failed files named one by one in the import notification."""


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
    for o in failed[:_FAILED_SHOWN]:  # one note per bad file; the rest of the folder went in
        lines.append(sentence(f"{o.path.name} 导入失败：{o.reason}"))
    if len(failed) > _FAILED_SHOWN:
        lines.append(f"另有 {len(failed) - _FAILED_SHOWN} 个文件导入失败，可用 drafter import 查看全部原因。")
    title = "导入完成" if report.count("added") or report.count("updated") else "没有导入新文件"
    severity: SeverityLevel = "warning" if failed else "information"
    return title, "\n".join(lines), severity
