"""The GUI tests' sample site database (tests/gui/conftest.py), for starting the window in each language."""

from __future__ import annotations

from tests.gui.conftest import db, db_path, site, template_db  # noqa: F401 - fixtures used by name
