"""services.sync_labels: what a conflict's record is about (the pupil's name), and site names."""

from __future__ import annotations

from sqlalchemy import select

from kongchuo_desktop.services import students
from kongchuo_desktop.services.sync_labels import record_labels, site_names, table_label
from kongchuo_desktop.store.models import Guardian, School
from tests.sync_gui.conftest import ADMIN, add_pupil


def test_records_are_named_by_their_pupil_or_their_own_name(sites) -> None:  # type: ignore[no-untyped-def]
    db = sites["school"]
    pupil = add_pupil(db, "钱小月", 6)
    students.update_student(db, ADMIN, pupil, {}, guardians=[{"name": "钱大山", "relation": "父亲"}])
    with db.read_session() as session:
        guardian = session.execute(select(Guardian.id).where(Guardian.student_id == pupil)).scalar_one()
        school = session.execute(select(School.id)).scalars().first()
    labels = record_labels(db, ADMIN, [("student", pupil), ("guardian", guardian), ("school", school),
                                       ("visit", "gone"), ("mystery", "x")])  # fmt: skip
    assert labels[("student", pupil)] == "钱小月"
    assert labels[("guardian", guardian)] == "钱小月"  # a guardian's conflict is about the pupil
    assert labels[("school", school)] == "金河镇中心学校"
    assert labels[("visit", "gone")] == "家访"  # no longer here: the kind of record
    assert labels[("mystery", "x")] == "mystery" == table_label("mystery")


def test_site_names_hold_this_site(sites) -> None:  # type: ignore[no-untyped-def]
    names = site_names(sites["town"], ADMIN)
    assert list(names.values()) == ["金河镇教育办"]
