"""Upgrading rows from packages made by older versions of the software (schema versions).

A package names the schema version of its rows (sites.SCHEMA_VERSION). A newer one is refused
("请先升级软件"); an older one is brought up to date here step by step: UPGRADES[n] turns a row
of version n into version n + 1 (renamed columns, split values …). Columns the package lacks
after the steps take their default when a row is new, and keep the local value otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Step = Callable[[str, dict[str, Any]], dict[str, Any]]

UPGRADES: dict[int, Step] = {}
"""version n → function(table, row) returning the row as version n + 1 would write it."""


def upgrade_row(table: str, row: dict[str, Any], version: int, target: int) -> dict[str, Any]:
    """The row after every step from `version` up to `target`."""
    for step in range(version, target):
        fn = UPGRADES.get(step)
        if fn is not None:
            row = fn(table, row)
    return row
