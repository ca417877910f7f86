"""Configurable key bindings: ``templates/keys.toml`` overridden by the user's ``keys.toml``."""

from __future__ import annotations

import tomllib
from pathlib import Path

from drafter import toml_read
from drafter.errors import InputError
from drafter.paths import templates_dir, user_config_dir

FILE_NAME = "keys.toml"


def user_keys_path() -> Path:
    """Where a user's own key bindings go."""
    return user_config_dir() / FILE_NAME


def load_keymap(user_path: Path | None = None) -> dict[str, str]:
    """Binding id → keys, shipped defaults first, then the user's file on top."""
    keymap = _read(templates_dir() / FILE_NAME)
    path = user_path or user_keys_path()
    if path.exists():
        keymap.update(_read(path))
    return keymap


def _read(path: Path) -> dict[str, str]:
    """The ``[keys]`` table of one file, or a Chinese error naming the file."""
    try:
        data = toml_read.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"快捷键文件 {path} 无法读取：{exc}。") from exc
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise InputError(f"快捷键文件 {path} 应有一个 [keys] 表。")
    bad = [k for k, v in keys.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise InputError(f"快捷键文件 {path} 中这些项的按键应为非空字符串：{'、'.join(bad)}。")
    return {k: v.replace(" ", "") for k, v in keys.items()}


_KEY_NAMES = {
    "escape": "Esc", "slash": "/", "backslash": "\\", "enter": "Enter", "tab": "Tab",
    "space": "空格", "delete": "Delete", "backspace": "Backspace", "insert": "Insert",
    "home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
    "ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "meta": "Meta", "super": "Super",
    "plus": "+", "minus": "-", "comma": ",", "full_stop": ".", "question_mark": "?",
}
"""Textual key names as a writer reads them on the keyboard."""


def key_display(keys: str) -> str:
    """``"ctrl+delete,f9"`` → ``"Ctrl+Delete / F9"``, ``"X"`` → ``"Shift+X"``: keys as printed."""
    shown = []
    for key in (k.strip() for k in keys.split(",")):
        if not key:
            continue
        *modifiers, last = key.split("+")
        if len(last) == 1 and last.isalpha() and (modifiers or last.isupper()):
            # Ctrl+Q, Shift+X: a letter in a combination is printed in capitals.
            if last.isupper() and "shift" not in modifiers:
                modifiers.append("shift")
            last = last.upper()
        shown.append("+".join([*(_part(m) for m in modifiers), _part(last)]))
    return " / ".join(shown)


def _part(name: str) -> str:
    """One key name of a combination."""
    if name in _KEY_NAMES:
        return _KEY_NAMES[name]
    if len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        return name.upper()
    return name
