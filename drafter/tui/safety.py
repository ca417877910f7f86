"""Nothing typed is lost when the app stops: the terminal closes (SIGHUP), the system stops it
(SIGTERM), the writer suspends it (ctrl+z) or quits with text that could not be saved."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterator
from typing import Any

from textual.app import App

_RUNNING: list[App[Any]] = []
"""Apps running in this process whose drafts a signal flushes (tests run several)."""
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _drafts(app: App[Any]) -> Iterator[Any]:
    """The open compose screens of ``app``, topmost first."""
    for screen in reversed(app.screen_stack):
        if hasattr(screen, "flush_to_disk"):
            yield screen


def flush_drafts(app: App[Any]) -> None:
    """Write every open draft (or its recovery file) and journal to disk now."""
    for screen in _drafts(app):
        screen.flush_to_disk()


def install_flush_on_exit(app: App[Any]) -> None:
    """Flush on suspend, and on SIGTERM/SIGHUP flush, then leave the app."""
    app.app_suspend_signal.subscribe(app, flush_drafts, immediate=True)  # before the terminal goes
    _RUNNING.append(app)
    try:
        loop = asyncio.get_running_loop()
        for sig in _SIGNALS:
            loop.add_signal_handler(sig, _on_signal, sig)
    except (NotImplementedError, RuntimeError, ValueError):
        pass  # no loop signal handlers here (Windows); Textual's own exit still saves


def _on_signal(sig: int) -> None:
    """Save everything of every running app, then end them; with none left, die as asked."""
    live = [app for app in _RUNNING if app.is_running]
    _RUNNING[:] = live
    for app in live:
        flush_drafts(app)
    for app in live:
        app.exit(return_code=128 + sig)
    if not live:
        with contextlib.suppress(RuntimeError, ValueError, NotImplementedError):
            asyncio.get_running_loop().remove_signal_handler(sig)
        os.kill(os.getpid(), sig)


def quit_after_drafts(app: App[Any], screens: list[Any] | None = None) -> None:
    """Quit once every open draft is saved or the writer has decided about its text."""
    todo = list(_drafts(app)) if screens is None else screens
    if not todo:
        app.exit()
        return
    first, rest = todo[0], todo[1:]
    first.leave(lambda: quit_after_drafts(app, rest))
