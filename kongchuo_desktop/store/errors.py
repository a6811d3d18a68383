"""Errors raised when a database file cannot be opened; messages are for the user, in Chinese."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    """The database file was refused and left untouched; str() is a Chinese sentence.

    code: not_sqlite | corrupt | read_only | locked | newer_schema | missing
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)
