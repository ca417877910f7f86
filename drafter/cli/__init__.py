"""The command line: a thin shell over the core. Each command lives in its own module.

A command module defines ``HELP`` (one Chinese line), ``add_arguments(parser)`` and
``run(args) -> int``. It imports little at the top and the core inside ``add_arguments`` and
``run``: only the chosen command's options are built and only its modules loaded, so every
command starts quickly. Errors the core raises (:class:`drafter.errors.DrafterError`) become
one Chinese sentence on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from drafter import __version__
from drafter.cli import i18n
from drafter.errors import DrafterError, ExistsError

#: command name → module under drafter.cli, in the order ``--help`` lists them.
COMMANDS: dict[str, str] = {
    "app": "app",
    "import": "import_cmd",
    "list": "list_cmd",
    "show": "show",
    "parse": "parse",
    "similar": "similar",
    "topics": "topics",
    "check": "check",
    "diff": "diff",
    "export": "export",
    "review": "review",
    "remove": "remove",
    "restore": "restore",
}

EXIT_USAGE = 2


def _load(name: str) -> ModuleType | None:
    """The module of a command, or None when this installation lacks it."""
    try:
        return importlib.import_module(f"drafter.cli.{COMMANDS[name]}")
    except ModuleNotFoundError as exc:
        if exc.name == f"drafter.cli.{COMMANDS[name]}":
            return None
        raise


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The subcommands; a command's options are added only when it is the one chosen."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        chosen = self._name_parser_map.get(values[0])
        pending = getattr(chosen, "_pending", None)
        if chosen is not None and pending is not None:
            del chosen._pending  # type: ignore[attr-defined]
            pending.add_arguments(chosen)
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available command."""
    i18n.install()
    parser = argparse.ArgumentParser(
        prog="drafter",
        description="民政工作要点起草助手。不带参数运行时打开起草界面。",
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}",
                        help="显示版本号并退出")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="用户资料库文件夹（默认在用户数据目录下）",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", action=_Commands)
    for name in COMMANDS:
        module = _load(name)
        if module is None:
            continue
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        p._pending = module  # type: ignore[attr-defined]
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run drafter with the given arguments; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    module = getattr(args, "_module", None)
    if module is None:
        module = _load("app")
        if module is None:
            parser.print_help()
            return 0
        given = list(argv) if argv is not None else sys.argv[1:]
        args = parser.parse_args([*given, "app"])
        module = args._module
    try:
        return int(module.run(args) or 0)
    except ExistsError as exc:
        print(f"错误：{exc.message.rstrip('。')}；如需覆盖请加 --force。", file=sys.stderr)
        return EXIT_USAGE
    except DrafterError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def entry() -> NoReturn:
    """The ``drafter`` program: :func:`main` with the process's arguments, then a quick exit.

    Python's own shutdown frees every object one by one, a tenth of a short command's time.
    Once the output is flushed and the exit functions have run, nothing is left to lose when
    only this thread remains, so the process ends at once; otherwise it ends as usual.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader has gone: nothing more can reach it
        os._exit(code)
    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    os._exit(code)
