"""Fixtures of the sync tests: the seven paired sites (tests/sync_sites.py), made once per session,
copied per test."""

from __future__ import annotations

import pytest

from kongchuo_desktop.store.database import Database


@pytest.fixture
def sites(paired_sites: dict[str, Database]) -> dict[str, Database]:
    """Fresh copies of the seven sites, opened as the app opens them."""
    return paired_sites
