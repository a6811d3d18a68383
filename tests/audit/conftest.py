"""Fixtures: the township database with pupils in three scopes and one account per role."""

from tests.accounts.support import actors, pupils  # noqa: F401 (fixtures)
