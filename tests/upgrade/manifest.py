"""What an upgrade fixture holds, to compare before and after migrating: schema heads, and per table its
columns, row count and a hash of its rows (ordered by every column, so the order rows are stored in
does not matter)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

SKIPPED = {"alembic_version"}  # the one table a migration must change


def table_digest(conn: sqlite3.Connection, table: str, columns: list[str]) -> tuple[int, str]:
    """(row count, sha256 of the rows' `columns`, ordered by all of them)."""
    cols = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(str(i + 1) for i in range(len(columns)))
    digest = hashlib.sha256()
    n = 0
    for row in conn.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}'):
        digest.update(repr(row).encode())
        n += 1
    return n, digest.hexdigest()


def describe(path: Path) -> dict[str, Any]:
    """The manifest of a database file (read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        revisions = sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables = {}
        for name in names:
            if name in SKIPPED:
                continue
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            rows, sha = table_digest(conn, name, columns)
            tables[name] = {"columns": columns, "rows": rows, "sha256": sha}
        return {"revisions": revisions, "tables": tables}
    finally:
        conn.close()
