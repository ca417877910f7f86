"""Errors the core raises for bad input; each carries one Chinese sentence for the user."""

from __future__ import annotations


class DrafterError(Exception):
    """A problem with the user's input or files, explained in one Chinese sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(DrafterError):
    """A file could not be read as a plan (missing, empty, binary, corrupt, wrong kind)."""


class LibraryError(DrafterError):
    """A library file is unreadable or a plan id is unknown."""


class WriteError(DrafterError):
    """An output could not be written (read-only folder, existing file, full disk)."""


class ExistsError(WriteError):
    """The output file exists and overwriting was not asked for."""
