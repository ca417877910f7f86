"""Where things live: the built-in library and templates, and the user's own folders."""

from __future__ import annotations

import os
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
