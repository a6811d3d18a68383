"""Run Python's cyclic garbage collector on the GUI thread only.

Left to itself the collector runs in whichever thread happens to allocate, so a worker thread
(an import, a cross-check, a PDF batch) may end up destroying Qt objects that belong to the GUI
thread, which crashes the process (seen: a segmentation fault while a worker ran the cross-check).
As Anki does (aqt's GarbageCollector), automatic collection is switched off and the GUI thread
collects on a timer, generation by generation, only when the allocation counts say it is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_thresholds = gc.get_threshold()


def collect_if_due() -> int:
    """Collect the generations whose counts passed their thresholds; returns objects freed."""
    count0, count1, count2 = gc.get_count()
    freed = 0
    if count0 > _thresholds[0]:
        freed += gc.collect(0)
        if count1 > _thresholds[1]:
            freed += gc.collect(1)
            if count2 > _thresholds[2]:
                freed += gc.collect(2)
    return freed


class MainThreadGarbageCollector(QObject):
    """Disables automatic collection and collects on the GUI thread every `interval_ms`."""

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(collect_if_due)
        self._timer.start(interval_ms)
