"""The role × service matrix, called on the services directly as each role (real accounts, logged in)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from kongchuo_desktop.services import accounts, audit_log, backups, history, students
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.attachments import list_attachments
from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.services.status_changes import StatusChangeRequest, record_status_change
from kongchuo_desktop.services.student_register import StudentFilter, StudentRegister
from kongchuo_desktop.store.database import Database
from tests.accounts.support import Pupils
from tests.helpers import make_id, school_id

A, B, C = "a", "b", "c"  # pupil a: 中心学校 3-1; b: 中心学校 4-2; c: 满归镇 (other township)
ALL = {A, B, C}
ADMIN, BUREAU, TOWN, HEAD, TEACH = perms.ROLES

# role → which pupils it may read / update / delete / change status of
READ = {ADMIN: ALL, BUREAU: ALL, TOWN: {A, B}, HEAD: {A, B}, TEACH: {A}}
UPDATE = {ADMIN: ALL, BUREAU: set(), TOWN: {A, B}, HEAD: {A, B}, TEACH: {A}}
DELETE = {ADMIN: ALL, BUREAU: set(), TOWN: {A, B}, HEAD: {A, B}, TEACH: set()}
STATUS = {ADMIN: ALL, BUREAU: set(), TOWN: {A, B}, HEAD: {A, B}, TEACH: set()}
CREATE = {ADMIN: True, BUREAU: False, TOWN: True, HEAD: True, TEACH: False}
MANAGE_ACCOUNTS = {ADMIN}
READ_AUDIT = {ADMIN, BUREAU}
BACKUP = {ADMIN}


def allowed(fn: Callable[[], object]) -> bool:
    try:
        fn()
    except PermissionDenied as exc:
        assert str(exc)  # a Chinese sentence for the GUI
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
        return False
    return True


def pupil(pupils: Pupils, key: str) -> str:
    return getattr(pupils, key)


@pytest.mark.parametrize("role", perms.ROLES)
def test_reading_students_is_limited_to_scope(township_db: Database, pupils: Pupils, actors: dict[str, Actor], role: str) -> None:
    actor = actors[role]
    seen = {k for k in ALL if allowed(lambda k=k: students.get_student(township_db, actor, pupil(pupils, k)))}
    assert seen == READ[role]
    history_seen = {k for k in ALL if allowed(lambda k=k: history.student_history(township_db, actor, pupil(pupils, k)))}
    assert history_seen == READ[role]
    attachments_seen = {
        k for k in ALL if allowed(lambda k=k: list_attachments(township_db, actor, "student", pupil(pupils, k)))
    }
    assert attachments_seen == READ[role]
    with township_db.read_session() as session:
        register = StudentRegister(session, actor)
        names = {row.name for row in register.page(StudentFilter())}
        assert register.count(StudentFilter()) == len(READ[role])
    by_key = {A: "张伟", B: "李强", C: "赵刚"}
    assert names == {by_key[k] for k in READ[role]}


@pytest.mark.parametrize("role", perms.ROLES)
def test_updating_students_follows_role_and_scope(
    township_db: Database, pupils: Pupils, actors: dict[str, Actor], role: str
) -> None:
    actor = actors[role]
    done = {
        k for k in sorted(ALL)
        if allowed(lambda k=k: students.update_student(township_db, actor, pupil(pupils, k), {"note": f"{role}改"}))
    }  # fmt: skip
    assert done == UPDATE[role]


@pytest.mark.parametrize("role", perms.ROLES)
def test_deleting_students_follows_role_and_scope(
    township_db: Database, pupils: Pupils, actors: dict[str, Actor], role: str
) -> None:
    actor = actors[role]
    done = {k for k in sorted(ALL) if allowed(lambda k=k: students.delete_student(township_db, actor, pupil(pupils, k), "测试"))}
    assert done == DELETE[role]


@pytest.mark.parametrize("role", perms.ROLES)
def test_status_changes_follow_role_and_scope(
    township_db: Database, pupils: Pupils, actors: dict[str, Actor], role: str, tmp_path: Path
) -> None:
    actor = actors[role]
    proof = tmp_path / "证明.jpg"
    proof.write_bytes(b"\xff\xd8 scan")
    request = StatusChangeRequest("辍学", dt.date.today(), "长期不到校", proof_files=[proof])
    done = {k for k in sorted(ALL) if allowed(lambda k=k: record_status_change(township_db, actor, pupil(pupils, k), request))}
    assert done == STATUS[role]


@pytest.mark.parametrize("role", perms.ROLES)
def test_registering_a_student(township_db: Database, actors: dict[str, Actor], role: str) -> None:
    actor = actors[role]
    values = {"name": "新生", "sex": "女", "id_number": make_id(dt.date(2016, 1, 5), 40, male=False), "grade": 3,
              "class_no": 1, "school_id": school_id(township_db, "金河镇中心学校")}  # fmt: skip
    assert allowed(lambda: students.create_student(township_db, actor, values)) == CREATE[role]


def test_a_principal_cannot_register_at_another_school(township_db: Database, actors: dict[str, Actor]) -> None:
    values = {"name": "外校生", "sex": "女", "id_number": make_id(dt.date(2016, 1, 5), 41, male=False), "grade": 3,
              "class_no": 1, "school_id": school_id(township_db, "金河镇第二小学")}  # fmt: skip
    with pytest.raises(PermissionDenied):
        students.create_student(township_db, actors[HEAD], values)


def test_a_teacher_cannot_move_a_pupil_out_of_their_classes(
    township_db: Database, pupils: Pupils, actors: dict[str, Actor]
) -> None:
    with pytest.raises(PermissionDenied, match="班级"):
        students.update_student(township_db, actors[TEACH], pupils.a, {"class_no": 2})
    assert students.get_student(township_db, actors[ADMIN], pupils.a).values["class_no"] == 1


@pytest.mark.parametrize("role", perms.ROLES)
def test_admin_only_services(township_db: Database, actors: dict[str, Actor], role: str, tmp_path: Path) -> None:
    actor = actors[role]
    assert allowed(lambda: accounts.list_accounts(township_db, actor)) == (role in MANAGE_ACCOUNTS)
    new = accounts.AccountInput(f"x{perms.ROLES.index(role)}", "某人", TEACH, school_id=school_id(township_db, "金河镇中心学校"))
    assert allowed(lambda: accounts.create_account(township_db, actor, new, "abc-12345")) == (role in MANAGE_ACCOUNTS)
    assert allowed(lambda: accounts.set_idle_lock_minutes(township_db, actor, 15)) == (role == ADMIN)
    assert allowed(lambda: audit_log.page_entries(township_db, actor, audit_log.AuditFilter())) == (role in READ_AUDIT)
    assert allowed(
        lambda: audit_log.export_xlsx(township_db, actor, audit_log.AuditFilter(), tmp_path / "a.xlsx")
    ) == (role in READ_AUDIT)
    assert allowed(lambda: backups.create_backup(township_db, actor, tmp_path / "b.sqlite")) == (role in BACKUP)
    assert allowed(lambda: backups.set_backup_folder(township_db, actor, tmp_path / "bk")) == (role == ADMIN)


def test_every_role_has_a_description_and_scope_kind() -> None:
    for role in perms.ROLES:
        assert perms.ROLE_DESCRIPTIONS[role] and perms.SCOPE_KIND[role]
        assert perms.STUDENT_READ in perms.permissions_of(role)
    assert perms.permissions_of("不存在") == frozenset()
    nobody = Actor("x", "某人", role="不存在")
    with pytest.raises(PermissionDenied, match="未知的角色"):
        nobody.require(perms.STUDENT_READ)
