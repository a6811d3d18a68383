"""Work around PySide6 reference-count defects that would otherwise abort the app (detected, not assumed).

PySide6 6.12.0 (abi3 wheels) returns None from every void method and True from Signal.emit()
without taking a new reference. On Python 3.12+ these objects are immortal and nothing happens;
on Python 3.10/3.11 each call drops a reference, and after a few thousand clicks and keystrokes the
interpreter aborts ("none_dealloc" / "bool_dealloc"). Where the leak is measured, the fix gives the
three singletons enough spare references to outlive it — what Python 3.12 does by making them immortal.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

# Enough references that a leak of one per call can never use them up.
_SPARE_REFERENCES = 1 << 40
_PROBES = 16
_protected = False


class _Probe(QObject):
    probe = Signal()


def singleton_leaks() -> list[str]:
    """Which of None / True lose a reference per void call / per emit() in this PySide6."""
    probe = _Probe()
    leaks = []
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a void method
    if sys.getrefcount(None) < before:
        leaks.append("None")
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.probe.emit()
    if sys.getrefcount(True) < before:
        leaks.append("True")
    return leaks


def protect_singletons() -> bool:
    """Apply the fix when the leak is present; returns whether it was needed. Safe to call again."""
    global _protected
    if _protected:
        return True
    leaks = singleton_leaks()
    if not leaks:
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject (default, non-free-threaded CPython).
        ctypes.c_ssize_t.from_address(id(obj)).value += _SPARE_REFERENCES
    _protected = True
    import PySide6

    log.info("PySide6 %s leaks references to %s; compensated", PySide6.__version__, " and ".join(leaks))
    return True
