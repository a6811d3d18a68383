"""The current date and time, in one place so that tests can fix them (monkeypatch `today` / `now`)."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """The local date."""
    return dt.date.today()


def now() -> dt.datetime:
    """The local time, to the minute (naive, as the forms show it)."""
    return dt.datetime.now().replace(second=0, microsecond=0)
