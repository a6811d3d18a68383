"""Fixtures: the township database with pupils in three scopes and one account per role."""

from __future__ import annotations

import os

os.environ.setdefault("KONGCHUO_ARGON2_PROFILE", "test")

import pytest  # noqa: E402

from kongchuo_desktop.services.actor import Actor  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402
from tests.accounts.support import Pupils, add_pupils, make_accounts  # noqa: E402


@pytest.fixture
def pupils(township_db: Database) -> Pupils:
    return add_pupils(township_db)


@pytest.fixture
def actors(township_db: Database, pupils: Pupils) -> dict[str, Actor]:
    return make_accounts(township_db)
