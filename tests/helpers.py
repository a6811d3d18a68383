"""Helpers for tests: valid ID numbers, lookups by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from kongchuo_desktop.domain.id_number import check_char

if TYPE_CHECKING:
    from kongchuo_desktop.store.database import Database


def make_id(birth: dt.date, serial: int = 1, male: bool = True, area: str = "150785") -> str:
    """A valid 18-character ID for this birth date and sex."""
    seq = (serial * 2 + (1 if male else 0)) % 1000
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def school_id(db: Database, name: str) -> str:
    """The id of a school by name."""
    from kongchuo_desktop.services.sites import school_by_name

    with db.read_session() as session:
        school = school_by_name(session, name)
        assert school is not None
        return school.id


def shared_samples() -> Path:
    """The shared sample files (../shared/samples beside the checkout, or KONGCHUO_SAMPLES).

    Missing samples skip a test on a developer machine but fail it in CI (CI=true), where the
    shared folder is always laid beside the clone: a silent skip there would hide a regression.
    """
    import os

    import pytest

    env = os.environ.get("KONGCHUO_SAMPLES")
    folder = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "samples"
    if not (folder / "roster_sample.xlsx").is_file():
        message = f"sample files not found in {folder} (set KONGCHUO_SAMPLES)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder
