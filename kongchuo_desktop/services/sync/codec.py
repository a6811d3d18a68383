"""Rows as JSON values and back, by column type (dates as ISO text), for packages and comparisons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table

from kongchuo_desktop.store.models import Base

Codec = Callable[[Any], Any]


def _enc_date(v: Any) -> Any:
    return None if v is None else v.isoformat()


def _dec_date(v: Any) -> Any:
    return None if v is None else dt.date.fromisoformat(v)


def _dec_datetime(v: Any) -> Any:
    return None if v is None else dt.datetime.fromisoformat(v)


def _dec_bool(v: Any) -> Any:
    return None if v is None else bool(v)


def same(v: Any) -> Any:
    """A value stored as it travels (text, numbers)."""
    return v


@cache
def encoders(table: Table) -> dict[str, Codec]:
    """Column name → function from a Python value to a JSON value."""
    out: dict[str, Codec] = {}
    for col in table.c:
        if isinstance(col.type, Date | DateTime):
            out[col.name] = _enc_date
        elif isinstance(col.type, Boolean):
            out[col.name] = _dec_bool
        else:
            out[col.name] = same
    return out


@cache
def decoders(table: Table) -> dict[str, Codec]:
    """Column name → function from a JSON value to the Python value the column takes."""
    out: dict[str, Codec] = {}
    for col in table.c:
        if isinstance(col.type, DateTime):
            out[col.name] = _dec_datetime
        elif isinstance(col.type, Date):
            out[col.name] = _dec_date
        elif isinstance(col.type, Boolean):
            out[col.name] = _dec_bool
        else:
            out[col.name] = same
    return out


def table_of(name: str) -> Table:
    """The Table object of a table name."""
    return Base.metadata.tables[name]  # type: ignore[return-value]


def column_default(table: Table, name: str) -> Any:
    """The JSON value a column takes when a package from an older schema lacks it."""
    col = table.c[name]
    default = col.default
    if default is not None and default.is_scalar:
        value = default.arg
    elif col.server_default is not None and name in ("deleted", "born_hlc"):
        value = 0 if name == "born_hlc" else False
    else:
        value = None
    return encoders(table)[name](value) if value is not None else None
