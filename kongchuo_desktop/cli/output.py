"""How commands report: exit codes, one-line errors (Chinese, or English with --lang en), JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

OK = 0
REJECTED = 1
USAGE = 2
INTERNAL = 3

ENGLISH = {
    "内部错误": "internal error",
    "详细信息已写入日志": "details were written to the log",
    "用法错误": "usage error",
}


class CommandError(Exception):
    """Stop a command with an exit code and a one-line message for the user."""

    def __init__(self, code: int, message: str, english: str | None = None) -> None:
        self.code = code
        self.english = english
        super().__init__(message)


def say_error(message: str, lang: str = "zh", english: str | None = None) -> None:
    """Print one error line on stderr."""
    text = english if (lang == "en" and english) else message
    print(f"错误：{text}" if lang != "en" else f"error: {text}", file=sys.stderr)


def emit(summary: dict[str, Any], as_json: bool, lines: list[str]) -> None:
    """Print a summary: human lines, or one JSON object."""
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, default=str))
    else:
        for line in lines:
            print(line)
