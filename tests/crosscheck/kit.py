"""Test kit for the cross-check and ledgers: load sample files into a site database, place people by hand.

Until services/roster_import.py exists, the sample files are loaded with `importing.parse_file`
and a small loader here that inserts rows with `store.bulk.insert_many`, filling the pinyin keys
and looking schools up (or creating them) by name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kongchuo_desktop.domain.id_number import check_char
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.importing import parse_file
from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
from kongchuo_desktop.store.base import new_id
from kongchuo_desktop.store.bulk import insert_many
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.models import Attachment, AttachmentBlob, Child, Guardian, StatusChange, Student

SAMPLES = Path("/work/shared/samples")
SAMPLE_CHILDREN = SAMPLES / "crosscheck_sample_children.xlsx"
SAMPLE_ROSTER = SAMPLES / "crosscheck_sample_roster.xlsx"
SAMPLE_EXPECTED = SAMPLES / "crosscheck_sample_crosscheck.expected.json"
SAMPLE_TOWNSHIP = "得耳布尔镇"

STUDENT_FIELDS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_type", "id_number", "student_no", "hukou_address",
    "hukou_nature", "current_address", "grade", "class_no", "enrolled_on", "boarding", "status", "left_behind",
    "migrant", "disability_type", "disability_arrangement", "poverty", "low_income", "orphan", "note",
)  # fmt: skip
CHILD_FIELDS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_number", "hukou_village", "hukou_address",
    "residence_address", "situation", "elsewhere_school", "note",
)  # fmt: skip


def make_id(birth: dt.date, serial: int = 1, male: bool = True, area: str = "150785") -> str:
    """A valid 18-character ID number."""
    seq = (serial * 2 + (1 if male else 0)) % 1000
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def _guardians(values: dict[str, Any], owner: str, owner_id: str) -> list[dict[str, Any]]:
    out = []
    for slot in (1, 2):
        name = values.get(f"guardian{slot}_name")
        if name:
            out.append(
                {
                    owner: owner_id,
                    "slot": slot,
                    "name": name,
                    "relation": values.get(f"guardian{slot}_relation"),
                    "phone": values.get(f"guardian{slot}_phone"),
                }  # fmt: skip
            )
    return out


def load_roster(db: Database, path: Path, *, hukou_township: bool = False) -> int:
    """Insert a roster file's valid rows as students (schools made by name); returns how many.

    hukou_township: also set hukou_township_id when the 户籍地址 names a known township.
    """
    parsed = parse_file(path, kind="roster")
    assert not parsed.rejected, parsed.rejected
    with db.transaction(user="test") as session:
        towns = {t.name: t for t in _all_townships(session)}
        rows, guardians = [], []
        for rec in parsed.records:
            v = rec.values
            school_name = v["school_name"]
            town = next((t for name, t in towns.items() if name in school_name), None)
            school = school_by_name(session, school_name, township=town, create=True)
            assert school is not None
            row = {k: v[k] for k in STUDENT_FIELDS if v.get(k) is not None}
            row["name_pinyin"], row["name_initials"] = name_keys(v["name"])
            row["school_id"], row["township_id"] = school.id, school.township_id
            if hukou_township:
                row["hukou_township_id"] = next(
                    (t.id for name, t in towns.items() if name in (v.get("hukou_address") or "")), None
                )
            row["id"] = new_id()
            rows.append(row)
            guardians += _guardians(v, "student_id", row["id"])
        insert_many(session, Student, rows)
        insert_many(session, Guardian, guardians)
    return len(parsed.records)


def load_children(db: Database, path: Path, township: str) -> int:
    """Insert a children-register file's valid rows into `township`'s register; returns how many."""
    parsed = parse_file(path, kind="children")
    assert not parsed.rejected, parsed.rejected
    with db.transaction(user="test") as session:
        town = township_by_name(session, township, create=True)
        assert town is not None
        rows, guardians = [], []
        for rec in parsed.records:
            v = rec.values
            row = {k: v[k] for k in CHILD_FIELDS if v.get(k) is not None}
            row["name_pinyin"], row["name_initials"] = name_keys(v["name"])
            row["township_id"] = town.id
            row["id"] = new_id()
            rows.append(row)
            guardians += _guardians(v, "child_id", row["id"])
        insert_many(session, Child, rows)
        insert_many(session, Guardian, guardians)
    return len(parsed.records)


def _all_townships(session: Session) -> list[Any]:
    from sqlalchemy import select

    from kongchuo_desktop.store.models import Township

    return list(session.execute(select(Township)).scalars())


def build_sample_db(path: Path) -> None:
    """The 得耳布尔镇 township site with the cross-check sample's register and roster loaded."""
    db = open_database(path, create=True)
    try:
        init_site(db, "得耳布尔镇教育办", "township", township=SAMPLE_TOWNSHIP)
        load_children(db, SAMPLE_CHILDREN, SAMPLE_TOWNSHIP)
        load_roster(db, SAMPLE_ROSTER)
    finally:
        db.close()


# --------------------------------------------------------------------------- hand-placed people


def add_student(
    session: Session, name: str, birth: dt.date, school: Any, grade: int, serial: int, **extra: Any
) -> Student:
    """A pupil at `school` (a School row) with a valid ID; extra columns override."""
    pinyin, initials = name_keys(name)
    values: dict[str, Any] = {
        "name": name, "name_pinyin": pinyin, "name_initials": initials, "sex": "男", "birth_date": birth,
        "id_number": make_id(birth, serial), "school_id": school.id, "township_id": school.township_id,
        "grade": grade, "class_no": 1, "status": "在读",
    }  # fmt: skip
    values.update(extra)
    student = Student(**values)
    session.add(student)
    session.flush()
    return student


def add_child(session: Session, name: str, birth: dt.date, township: Any, serial: int, **extra: Any) -> Child:
    """A child on `township`'s register with a valid ID; extra columns override."""
    pinyin, initials = name_keys(name)
    values: dict[str, Any] = {
        "name": name, "name_pinyin": pinyin, "name_initials": initials, "sex": "男", "birth_date": birth,
        "id_number": make_id(birth, serial), "township_id": township.id, "situation": "本地在校",
        "hukou_village": "红旗村",
    }  # fmt: skip
    values.update(extra)
    child = Child(**values)
    session.add(child)
    session.flush()
    return child


def attach_proof(session: Session, owner_type: str, owner_id: str, text: str = "就读证明") -> None:
    """A small proof file owned by the record."""
    import hashlib

    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    if session.get(AttachmentBlob, digest) is None:
        session.add(AttachmentBlob(sha256=digest, data=data))
        session.flush()
    session.add(
        Attachment(owner_type=owner_type, owner_id=owner_id, file_name="证明.txt", size=len(data), sha256=digest)
    )


def add_dropout_change(session: Session, student: Student, day: dt.date, reason: str) -> None:
    """Record a 辍学 status change for `student` (and set the status)."""
    session.add(
        StatusChange(
            student_id=student.id, kind="辍学", changed_on=day, reason=reason, status_before="在读", status_after="辍学"
        )
    )
    student.status = "辍学"
