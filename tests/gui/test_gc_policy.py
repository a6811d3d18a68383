"""Garbage is collected on the GUI thread only (automatic collection could run in a worker)."""

from __future__ import annotations

import gc

from kongchuo_desktop.gui.app import create_application
from kongchuo_desktop.gui.gc_policy import MainThreadGarbageCollector, collect_if_due


def test_the_app_collects_on_the_gui_thread_only(qapp) -> None:
    app = create_application()
    assert not gc.isenabled()
    assert len(app.findChildren(MainThreadGarbageCollector)) == 1
    create_application()  # a second call does not stack collectors
    assert len(app.findChildren(MainThreadGarbageCollector)) == 1


def test_collect_if_due_frees_cycles_once_the_threshold_passes() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    gc.collect()
    for _ in range(gc.get_threshold()[0] + 10):
        Node()
    assert collect_if_due() > 0
