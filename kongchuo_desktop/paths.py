"""Where things live: bundled resources (source tree or PyInstaller bundle) and the user data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kongchuo_desktop import APP_ID


def bundle_root() -> Path:
    """The folder holding resources/, ui/ and db/: the checkout, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """A file under resources/."""
    return bundle_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    """The Alembic script folder (top-level db/)."""
    return bundle_root() / "db"


def data_dir() -> Path:
    """The user data folder (created on demand); KONGCHUO_DATA_DIR overrides it."""
    override = os.environ.get("KONGCHUO_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The site database in the user data folder."""
    return data_dir() / "kongchuo.sqlite"


def demo_db_path() -> Path:
    """The demo database used by ``kongchuo --demo``."""
    return data_dir() / "demo.sqlite"


def gui_db_path(db_path: Path | None, demo: bool) -> Path:
    """The file the GUI opens: --db when given, else the demo or the default database."""
    if db_path:
        return Path(db_path)
    return demo_db_path() if demo else default_db_path()


def backups_dir_for(db_path: Path) -> Path:
    """Backups sit in a folder beside the database file."""
    path = db_path.resolve().parent / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Log files (tracebacks go here, never to the user)."""
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
