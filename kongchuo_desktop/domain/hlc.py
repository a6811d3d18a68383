"""Hybrid logical clocks: physical milliseconds << 16 | counter, monotonic per site, causal across sites.

A clock value orders the writes of all sites: a site's next clock is greater than every clock it
has written or received, and close to wall time when the wall clock is sane. A field version is
the pair (clock, site id); the pair is unique, so max() over pairs is a total order that every
site computes alike (the deterministic winner of a conflict).
"""

from __future__ import annotations

import time

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def physical_now_ms() -> int:
    """Wall time in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def tick(last: int, now_ms: int | None = None) -> int:
    """The next local clock after `last` (a local write or a send)."""
    physical = (physical_now_ms() if now_ms is None else now_ms) << COUNTER_BITS
    return max(physical, last + 1)


def receive(last: int, remote: int, now_ms: int | None = None) -> int:
    """The local clock after seeing a remote clock: greater than both and than wall time."""
    physical = (physical_now_ms() if now_ms is None else now_ms) << COUNTER_BITS
    return max(physical, last + 1, remote + 1)


def wall_ms(clock: int) -> int:
    """The physical part of a clock, in milliseconds since the epoch."""
    return clock >> COUNTER_BITS
