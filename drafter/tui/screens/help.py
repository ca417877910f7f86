"""F1 help: the keys of the screen below, the palette, and where key settings live."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from drafter.tui.keys import key_display, user_keys_path
from drafter.tui.screens.base import BaseModal


class HelpScreen(BaseModal[None]):
    """Lists every key of the screen it was opened over."""

    CSS_PATH = "help.tcss"
    NAMESPACE = "帮助"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭", id="dialog.cancel"),
        Binding("f1", "close", "关闭", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static(self._keys_table())
            yield Static(Text(
                "\nCtrl+P 打开命令面板，可搜索并执行所有操作。按 Esc 关闭本页。\n"
                "修改快捷键：在下面的文件中写要改的项（格式见安装目录 templates/keys.toml）："
            ))
            yield Static(Text(str(user_keys_path())), id="keys-path")

    def _keys_table(self) -> Table:
        """Keys of the screen below and of the app, as currently bound."""
        table = Table(title=f"{getattr(self.under, 'NAMESPACE', '') or '本页'} 快捷键",
                      show_header=True, expand=True)
        table.add_column("按键", no_wrap=True)
        table.add_column("操作")
        keymap = getattr(self.app, "keys", {})
        rows: dict[str, tuple[list[str], str]] = {}
        for owner in (self.under, self.app):
            for binding in owner.BINDINGS:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                keys = keymap.get(binding.id or "", binding.key)
                # One action bound to several keys (ctrl+delete and d) is one row naming all.
                shown, _ = rows.setdefault(binding.action, ([], binding.description))
                if keys not in shown:
                    shown.append(keys)
        for keys, description in rows.values():
            table.add_row(" / ".join(key_display(k) for k in keys), description)
        return table

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
