"""Small pieces the commands share: the library from ``--library``, JSON and rich output."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from drafter.library import Library
    from drafter.textout import Paint


def open_library(args: argparse.Namespace) -> Library:
    """The library named by ``--library`` (or the user's default) plus the built-ins.

    Files that had to be left out (unreadable, duplicate id) are named on stderr.
    """
    from drafter.library import Library

    folder = getattr(args, "library", None)
    library = Library.open(Path(folder).expanduser() if folder else None)
    library.summaries()
    for problem in library.problems:
        print(f"提示：{problem}", file=sys.stderr)
    return library


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    """Add ``--format`` with ``text`` (for people) as the default."""
    parser.add_argument(
        "--format", choices=("text", "json", *choices), default="text",
        help="输出格式：text 供阅读，json 供脚本使用",
    )


def print_json(data: Any) -> None:
    """Print JSON with Chinese characters kept readable."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def wants_colour() -> bool:
    """Whether standard output takes terminal colours: a terminal, unless NO_COLOR is set
    or the terminal is a dumb one (as rich decides)."""
    return (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def terminal_paint() -> Paint:
    """Terminal styles for what a command prints on standard output (none when piped)."""
    from drafter.textout import painter

    return painter(wants_colour())


def console(stderr: bool = False) -> Console:
    """A rich console; plain when the output is not a terminal. What the commands print is
    plans' words and file names, never markup: ``[b]`` or ``:sun:`` in them stay as written
    (and rich need not load its emoji table)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def open_draft(args: argparse.Namespace, ref: str):  # type: ignore[no-untyped-def]
    """A plan named as ``drafter check`` names one, with its draft file when it is one.

    Returns ``(plan, DraftFile or None)``: a ``.toml`` path outside the library is a draft that
    can be saved; a library id or any other file is read only.
    """
    from drafter.draft import DraftFile

    path = Path(ref).expanduser()
    if path.suffix.lower() == ".toml" and path.is_file():
        draft, plan = DraftFile.open(path)
        return plan, draft
    return open_library(args).resolve(ref), None
