"""学籍异动: allowed transitions, proof files, dates, and the history that shows them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kongchuo_desktop.services import history, students
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.attachments import attachment_data, list_attachments
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.status_changes import StatusChangeRequest, record_status_change
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import StatusChange, Student
from tests.helpers import make_id, school_id

TODAY = dt.date.today()


@pytest.fixture
def pupil(township_db: Database) -> str:
    return students.create_student(
        township_db,
        DEMO_ADMIN,
        {
            "name": "张伟",
            "sex": "男",
            "id_number": make_id(dt.date(2013, 6, 1), 3),
            "school_id": school_id(township_db, "金河镇中心学校"),
            "grade": 7,
        },
    )


@pytest.fixture
def proof(tmp_path: Path) -> Path:
    path = tmp_path / "诊断证明.jpg"
    path.write_bytes(b"\xff\xd8\xff fake jpeg bytes")
    return path


def status_of(db: Database, sid: str) -> str:
    with db.read_session() as session:
        return session.get(Student, sid).status


def test_suspend_then_resume_with_proof(township_db: Database, pupil: str, proof: Path) -> None:
    cid = record_status_change(
        township_db, DEMO_ADMIN, pupil, StatusChangeRequest("休学", TODAY, "因病住院", proof_files=[proof])
    )
    assert status_of(township_db, pupil) == "休学"
    files = list_attachments(township_db, DEMO_ADMIN, "status_change", cid)
    assert [f.file_name for f in files] == ["诊断证明.jpg"]
    assert attachment_data(township_db, DEMO_ADMIN, files[0].sha256) == proof.read_bytes()
    record_status_change(township_db, DEMO_ADMIN, pupil, StatusChangeRequest("复学", TODAY, "病愈返校"))
    assert status_of(township_db, pupil) == "在读"
    events = history.student_history(township_db, DEMO_ADMIN, pupil)
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["学籍异动：复学", "学籍异动：休学"]
    assert kinds[-1] == "登记"
    suspended = next(e for e in events if e.kind == "学籍异动：休学")
    assert suspended.attachments == 1 and "因病住院" in suspended.summary


def test_resume_refused_when_not_suspended(township_db: Database, pupil: str) -> None:
    with pytest.raises(ValidationError) as err:
        record_status_change(township_db, DEMO_ADMIN, pupil, StatusChangeRequest("复学", TODAY, "返校"))
    assert "不能" in err.value.problems["kind"]
    assert status_of(township_db, pupil) == "在读"


def test_transfer_out_twice_refused(township_db: Database, pupil: str, proof: Path) -> None:
    req = StatusChangeRequest(
        "转出", TODAY, "随父母外出务工", to_school="海拉尔区第三中学", proof_files=[proof], transfer_scope="市内"
    )
    record_status_change(township_db, DEMO_ADMIN, pupil, req)
    with pytest.raises(ValidationError):
        record_status_change(township_db, DEMO_ADMIN, pupil, req)
    with township_db.read_session() as session:
        assert session.query(StatusChange).count() == 1


def test_proof_required_future_date_and_reason(township_db: Database, pupil: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        record_status_change(township_db, DEMO_ADMIN, pupil, StatusChangeRequest("休学", TODAY, "因病"))
    assert "proof" in err.value.problems
    with pytest.raises(ValidationError) as err:
        record_status_change(
            township_db, DEMO_ADMIN, pupil, StatusChangeRequest("辍学", TODAY + dt.timedelta(days=1), "")
        )
    assert {"changed_on", "reason"} <= set(err.value.problems)
    missing = tmp_path / "不存在.pdf"
    with pytest.raises(ValidationError) as err:
        record_status_change(
            township_db, DEMO_ADMIN, pupil, StatusChangeRequest("休学", TODAY, "因病", proof_files=[missing])
        )
    assert "不存在.pdf" in err.value.problems["attachment"]
    assert status_of(township_db, pupil) == "在读"


def test_change_dated_before_previous_one_refused(township_db: Database, pupil: str, proof: Path) -> None:
    record_status_change(township_db, DEMO_ADMIN, pupil, StatusChangeRequest("休学", TODAY, "因病", proof_files=[proof]))
    with pytest.raises(ValidationError) as err:
        record_status_change(
            township_db, DEMO_ADMIN, pupil, StatusChangeRequest("复学", TODAY - dt.timedelta(days=30), "返校")
        )
    assert "changed_on" in err.value.problems
