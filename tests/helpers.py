"""Helpers for tests: valid ID numbers, lookups by name."""

from __future__ import annotations

import datetime as dt
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
