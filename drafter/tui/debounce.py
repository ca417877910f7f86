"""Named, replaceable delayed jobs: typing reschedules them, tests and quitting flush them."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debouncer:
    """Runs each named job once, ``delay`` seconds after it was last requested."""

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self._timers: dict[str, Timer] = {}
        self._jobs: dict[str, Callable[[], object]] = {}

    def schedule(self, name: str, delay: float, job: Callable[[], object]) -> None:
        """Run ``job`` after ``delay`` seconds, replacing an earlier request of that name."""
        self.cancel(name)
        self._jobs[name] = job
        self._timers[name] = self._owner.set_timer(max(delay, 0.001), lambda: self._run(name))

    def cancel(self, name: str) -> None:
        """Forget a pending job."""
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.stop()
        self._jobs.pop(name, None)

    def pending(self, name: str) -> bool:
        """Whether a job of that name is waiting."""
        return name in self._jobs

    def flush(self) -> None:
        """Run every pending job now."""
        for name in list(self._jobs):
            self._run(name)

    def _run(self, name: str) -> None:
        """Run one job (if still pending) and forget it."""
        job = self._jobs.pop(name, None)
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.stop()
        if job is not None:
            job()
