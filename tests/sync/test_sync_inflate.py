"""A package body that would inflate far beyond its size (a decompression bomb) is refused before it fills memory."""

from __future__ import annotations

import json
import zlib

import pytest

from kongchuo_desktop.services.sync import envelope
from kongchuo_desktop.services.sync.errors import SyncError


def test_an_ordinary_body_inflates() -> None:
    body = json.dumps([{"id": f"{i:032x}", "name": "王小明", "grade": 3} for i in range(20000)]).encode()
    assert envelope.inflate(zlib.compress(body, 1)) == body


def test_a_decompression_bomb_is_refused() -> None:
    bomb = zlib.compress(b"\0" * (envelope.MIN_BODY_LIMIT + (8 << 20)), 9)  # ≈ 70 KiB packed
    assert envelope.body_limit(len(bomb)) == envelope.MIN_BODY_LIMIT
    with pytest.raises(SyncError, match="解压后超过 64 MB"):
        envelope.inflate(bomb)


def test_a_truncated_stream_is_refused() -> None:
    packed = zlib.compress(b"x" * 100000)
    with pytest.raises(SyncError, match="不完整"):
        envelope.inflate(packed[: len(packed) // 2])


def test_the_limit_grows_with_the_packed_size_up_to_the_cap() -> None:
    assert envelope.body_limit(1 << 20) == 200 << 20
    assert envelope.body_limit(1 << 40) == envelope.MAX_BODY_BYTES
