"""Errors of the roster importer: whole-file problems and single-cell problems, in Chinese."""

from __future__ import annotations


class ImportFileError(Exception):
    """The file as a whole cannot be imported; str() is one Chinese sentence naming the file.

    code: unreadable | not_spreadsheet | corrupt | encrypted | empty | too_big | bad_encoding |
    no_sheet | no_header | missing_column
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class CellError(ValueError):
    """One cell cannot be read as its column's type; `reason` is an import reason code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
