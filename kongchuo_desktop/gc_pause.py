"""Pause Python's cyclic garbage collector around bulk work that allocates much and makes no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Switch automatic collection off for the block and restore the previous state after it.

    Parsing a 100,000-row sheet, planning its import or streaming a ledger allocates millions of
    short-lived objects and no reference cycles; the collector's repeated full passes over them
    would cost as much as the work itself. Where collection was already off (the GUI collects on
    its own thread, gui/gc_policy.py) it stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
