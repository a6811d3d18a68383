"""Shared helpers for benchmark scripts: timing, percentiles, peak memory and the report table."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def reusable(path: Path, stamp: str) -> bool:
    """True when a generated bench database at `path` was finished for the same `stamp` (size,
    seed, generator version …; see finished()); otherwise removes what is there and returns False."""
    marker = path.with_suffix(".done")
    if path.exists() and marker.exists() and marker.read_text() == stamp:
        return True
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    marker.unlink(missing_ok=True)
    return False


def finished(path: Path, stamp: str) -> None:
    """Mark the database at `path` as completely generated for `stamp` (reusable() then keeps it)."""
    path.with_suffix(".done").write_text(stamp)


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    """Wall-clock seconds of each of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage / 1024 if sys.platform != "darwin" else usage / 1024 / 1024


class Report:
    """Rows of (step, app figure, floor figure, target) printed as one table with ratios."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.rows: list[tuple[str, float, float | None, str, bool | None]] = []

    def add(self, step: str, app_ms: float, floor_ms: float | None, target: str, ok: bool | None) -> None:
        """Record a step in milliseconds."""
        self.rows.append((step, app_ms, floor_ms, target, ok))

    def print(self) -> None:
        """Print the table."""
        print(f"\n== {self.title} ==")
        print(f"{'step':48} {'app':>10} {'floor':>10} {'ratio':>7}  target")
        for step, app, floor, target, ok in self.rows:
            ratio = f"{app / floor:7.1f}" if floor else "      -"
            floor_text = f"{floor:8.1f}ms" if floor is not None else "         -"
            verdict = "" if ok is None else ("  OK" if ok else "  MISSED")
            print(f"{step:48} {app:8.1f}ms {floor_text} {ratio}  {target}{verdict}")
