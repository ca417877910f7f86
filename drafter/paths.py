"""Where things live: the built-in library and templates, and the user's own folders."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

APP_NAME = "drafter"
_PACKAGE = Path(__file__).resolve().parent


def _data_root(name: str) -> Path:
    """A shipped data folder: beside the package in a checkout, inside it in a wheel."""
    source = _PACKAGE.parent / name
    if source.is_dir():
        return source
    return _PACKAGE / "_data" / name


def builtin_library() -> Path:
    """The read-only library that ships with drafter (the five real plans)."""
    return _data_root("library")


def templates_dir() -> Path:
    """Editable data: style profiles, skeletons, rules, dictionaries."""
    return _data_root("templates")


def user_data_dir() -> Path:
    """The user's data folder; ``DRAFTER_HOME`` overrides it (tests, portable installs)."""
    home = os.environ.get("DRAFTER_HOME")
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """The user's configuration folder (key bindings, rule files of the office)."""
    home = os.environ.get("DRAFTER_HOME")
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Caches that can be rebuilt at any time (library catalogue, match index, jieba)."""
    home = os.environ.get("DRAFTER_HOME")
    if home:
        return Path(home) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_documents_dir() -> Path:
    """Where exports go until the writer picks a folder (a visible folder, not the data dir)."""
    home = os.environ.get("DRAFTER_HOME")
    if home:
        return Path(home) / "documents"
    return Path(platformdirs.user_documents_dir()) / "工作要点导出"


def user_library() -> Path:
    """Where imported plans go unless ``--library`` names another folder."""
    return user_data_dir() / "library"


def drafts_dir() -> Path:
    """Where drafts are autosaved unless a workspace is chosen."""
    return user_data_dir() / "drafts"


# Characters no file name may hold on some platform: separators, Windows' reserved set, every
# control character (NUL ends a C path), and whitespace (names stay easy to type in a shell).
_UNSAFE_NAME = re.compile(  # not drafter.rx: it finds its cache through this module
    r'[\\/:*?"<>|\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)),
             *(f"LPT{n}" for n in range(10))}
#: Bytes a file name may take (most file systems allow 255; room is left for suffixes).
NAME_BYTES = 180


def safe_name(value: str, fallback: str = "_") -> str:
    """``value`` as one file or folder name: the only way a plan's words become a path.

    Keeps Chinese; replaces separators, reserved and control characters with ``_``; drops
    leading dots (no hidden files, no ``..``); avoids Windows device names; cuts to
    :data:`NAME_BYTES` bytes of UTF-8 without splitting a character.
    """
    name = _UNSAFE_NAME.sub("_", value).strip("._ ")
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    encoded = name.encode("utf-8")
    if len(encoded) > NAME_BYTES:
        name = encoded[:NAME_BYTES].decode("utf-8", errors="ignore").rstrip("._ ")
    return name or fallback
