"""Logging in, lock-out, account administration, passwords never in clear, demo administrator."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from kongchuo_desktop.services import accounts
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.accounts import AccountInput, AuthenticationError
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.services.passwords import hash_password, needs_rehash, password_problem, verify_password
from kongchuo_desktop.store.audit import check_chain
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AuditEntry, UserAccount
from tests.accounts.support import PASSWORD, SQL_NAME, Pupils
from tests.helpers import school_id

T0 = dt.datetime(2026, 3, 1, 8, 0, 0)


def account(db: Database, login: str) -> UserAccount:
    with db.read_session() as session:
        row = session.query(UserAccount).filter_by(login_key=accounts.login_key(login)).one()
        session.expunge(row)
        return row


def test_first_admin_logs_in_and_is_the_only_first(township_db: Database) -> None:
    assert not accounts.has_accounts(township_db)
    actor = accounts.create_first_admin(township_db, "admin", "王管理", PASSWORD)
    assert actor.role == perms.ADMIN and actor.whole_site and actor.account_id
    assert accounts.has_accounts(township_db)
    result = accounts.authenticate(township_db, " ADMIN ", PASSWORD)  # case and spaces do not matter
    assert result.actor.user == "admin" and not result.must_change_password
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(township_db, "admin2", "又一个", PASSWORD)


def test_unknown_user_and_wrong_password_get_clear_messages(township_db: Database) -> None:
    accounts.create_first_admin(township_db, "admin", "王管理", PASSWORD)
    with pytest.raises(AuthenticationError, match="没有用户名为“nobody”的账户") as err:
        accounts.authenticate(township_db, "nobody", PASSWORD)
    assert err.value.code == "unknown_user"
    with pytest.raises(AuthenticationError, match="密码不正确，还可以再试 4 次") as err:
        accounts.authenticate(township_db, "admin", "wrong-one")
    assert err.value.remaining == 4
    with pytest.raises(AuthenticationError, match="请输入用户名"):
        accounts.authenticate(township_db, "  ", PASSWORD)
    with pytest.raises(AuthenticationError):
        accounts.authenticate(township_db, "admin", "")


def test_five_failures_lock_for_five_minutes(township_db: Database) -> None:
    accounts.create_first_admin(township_db, "admin", "王管理", PASSWORD)
    for i in range(4):
        with pytest.raises(AuthenticationError) as err:
            accounts.authenticate(township_db, "admin", "nope", now=T0 + dt.timedelta(seconds=i))
        assert err.value.code == "wrong_password"
    with pytest.raises(AuthenticationError, match="已锁定 5 分钟") as err:
        accounts.authenticate(township_db, "admin", "nope", now=T0 + dt.timedelta(seconds=5))
    assert err.value.code == "locked"
    assert account(township_db, "admin").locked_until == T0 + dt.timedelta(seconds=5, minutes=5)
    # even the right password is refused during the lock, and trying does not extend it
    with pytest.raises(AuthenticationError, match="分钟后再试") as err:
        accounts.authenticate(township_db, "admin", PASSWORD, now=T0 + dt.timedelta(minutes=4))
    assert err.value.code == "locked"
    assert account(township_db, "admin").locked_until == T0 + dt.timedelta(seconds=5, minutes=5)
    # after five minutes: in again, and the count starts afresh
    result = accounts.authenticate(township_db, "admin", PASSWORD, now=T0 + dt.timedelta(minutes=5, seconds=6))
    assert result.actor.user == "admin"
    row = account(township_db, "admin")
    assert row.failed_attempts == 0 and row.locked_until is None
    # the lock-out is in the audit log
    with township_db.read_session() as session:
        reasons = [e.reason for e in session.query(AuditEntry).filter_by(entity="account", field="locked_until")]
    assert any("连续 5 次密码错误" in (r or "") for r in reasons)


def test_a_success_resets_the_failure_count(township_db: Database) -> None:
    accounts.create_first_admin(township_db, "admin", "王管理", PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(township_db, "admin", "nope", now=T0)
    accounts.authenticate(township_db, "admin", PASSWORD, now=T0)
    with pytest.raises(AuthenticationError) as err:
        accounts.authenticate(township_db, "admin", "nope", now=T0)
    assert err.value.remaining == 4


def test_admin_unlocks_disables_and_resets(township_db: Database, actors: dict[str, Actor]) -> None:
    admin = actors[perms.ADMIN]
    teacher_id = actors[perms.TEACHER].account_id
    assert teacher_id
    now = utcnow()
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(township_db, "teach", "nope", now=now)
    accounts.unlock_account(township_db, admin, teacher_id)
    accounts.authenticate(township_db, "teach", PASSWORD, now=now)

    accounts.set_account_disabled(township_db, admin, teacher_id, True, "调离本校")
    with pytest.raises(AuthenticationError, match="已停用"):
        accounts.authenticate(township_db, "teach", PASSWORD)
    assert "teach" not in accounts.login_names(township_db)
    accounts.set_account_disabled(township_db, admin, teacher_id, False)

    accounts.reset_password(township_db, admin, teacher_id, "temp-5678")
    with pytest.raises(AuthenticationError):
        accounts.authenticate(township_db, "teach", PASSWORD)
    result = accounts.authenticate(township_db, "teach", "temp-5678")
    assert result.must_change_password
    with pytest.raises(ValidationError, match="原密码不正确"):
        accounts.change_password(township_db, result.actor, "wrong", "mine-2468")
    accounts.change_password(township_db, result.actor, "temp-5678", "mine-2468")
    assert not accounts.authenticate(township_db, "teach", "mine-2468").must_change_password
    rows = {r.login_name: r for r in accounts.list_accounts(township_db, admin)}
    assert rows["teach"].status == "正常" and rows["teach"].scope == "金河镇中心学校 3年级1班"


def test_the_last_admin_and_oneself_cannot_be_disabled(township_db: Database, actors: dict[str, Actor]) -> None:
    admin = actors[perms.ADMIN]
    assert admin.account_id
    with pytest.raises(ValidationError, match="自己"):
        accounts.set_account_disabled(township_db, admin, admin.account_id, True)
    with pytest.raises(ValidationError, match="最后一个管理员"):
        accounts.update_account(township_db, admin, admin.account_id, AccountInput("admin", "王管理", perms.BUREAU))


def test_account_input_is_checked(township_db: Database, actors: dict[str, Actor]) -> None:
    admin = actors[perms.ADMIN]
    centre = school_id(township_db, "金河镇中心学校")
    cases = [
        (AccountInput("", "某人", perms.TEACHER, school_id=centre), "login_name"),
        (AccountInput("TEACH", "某人", perms.TEACHER, school_id=centre), "login_name"),  # taken (case-folded)
        (AccountInput("n1", "", perms.TEACHER, school_id=centre), "display_name"),
        (AccountInput("n1", "某人", "班长"), "role"),
        (AccountInput("n1", "某人", perms.TOWNSHIP), "township_id"),
        (AccountInput("n1", "某人", perms.PRINCIPAL), "school_id"),
        (AccountInput("n1", "某人", perms.TEACHER, school_id=centre, classes=((12, 1),)), "classes"),
    ]
    for data, key in cases:
        with pytest.raises(ValidationError) as err:
            accounts.create_account(township_db, admin, data, "good-pass-1")
        assert key in err.value.problems, (data, err.value.problems)
    with pytest.raises(ValidationError) as err:
        accounts.create_account(township_db, admin, AccountInput("n2", "某人", perms.BUREAU), "12")
    assert "password" in err.value.problems
    # the login name is fixed once created
    with pytest.raises(ValidationError, match="不能修改"):
        accounts.update_account(
            township_db, admin, actors[perms.BUREAU].account_id or "", AccountInput("renamed", "刘局", perms.BUREAU)
        )


def test_role_change_takes_effect_at_next_login(township_db: Database, pupils: Pupils, actors: dict[str, Actor]) -> None:
    admin = actors[perms.ADMIN]
    teacher = actors[perms.TEACHER]
    changes = accounts.update_account(
        township_db, admin, teacher.account_id or "",
        AccountInput("teach", "李老师", perms.PRINCIPAL, school_id=school_id(township_db, "金河镇中心学校")),
        "升任校长",
    )  # fmt: skip
    assert changes["role"] == (perms.TEACHER, perms.PRINCIPAL)
    again = accounts.authenticate(township_db, "teach", PASSWORD).actor
    assert again.role == perms.PRINCIPAL and again.classes == ()


def test_names_with_quotes_and_sql_are_stored_verbatim(township_db: Database, actors: dict[str, Actor]) -> None:
    admin = actors[perms.ADMIN]
    centre = school_id(township_db, "金河镇中心学校")
    accounts.create_account(
        township_db, admin, AccountInput(SQL_NAME, SQL_NAME, perms.TEACHER, school_id=centre), "quote-pass-1",
        must_change_password=False,
    )  # fmt: skip
    result = accounts.authenticate(township_db, SQL_NAME, "quote-pass-1")
    assert result.actor.user == SQL_NAME and result.actor.display_name == SQL_NAME
    assert SQL_NAME in accounts.login_names(township_db)
    with township_db.read_session() as session:
        assert session.query(UserAccount).filter_by(login_name=SQL_NAME).one().display_name == SQL_NAME
        assert check_chain(session).ok
    conn = sqlite3.connect(township_db.path)
    assert conn.execute("SELECT count(*) FROM student").fetchone()[0] >= 0  # the table is still there
    conn.close()


def test_passwords_are_never_stored_or_audited_in_clear(township_db: Database, actors: dict[str, Actor]) -> None:
    admin = actors[perms.ADMIN]
    accounts.reset_password(township_db, admin, actors[perms.BUREAU].account_id or "", "Secret-Reset-9")
    raw = township_db.path.read_bytes() + township_db.path.with_name(township_db.path.name + "-wal").read_bytes()
    for secret in (PASSWORD, "Secret-Reset-9"):
        assert secret.encode() not in raw
    with township_db.read_session() as session:
        stored = session.query(UserAccount).filter_by(login_name="bureau").one().password_hash
        values = [(e.old_value or "") + (e.new_value or "") for e in session.query(AuditEntry)]
    assert stored.startswith("$argon2id$")
    assert not any(stored in v or "Secret-Reset-9" in v for v in values)


def test_hashing_profile_and_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = hash_password("abc-12345")
    assert verify_password(cheap, "abc-12345") and not verify_password(cheap, "abc-12346")
    assert verify_password(cheap, "ａｂｃ－１２３４５")  # full-width input from a Chinese IME
    assert not verify_password("not a hash", "x")
    monkeypatch.setenv("KONGCHUO_ARGON2_PROFILE", "default")
    assert needs_rehash(cheap)  # a test-cost hash would be upgraded at the next login
    assert "m=19456,t=2,p=1" in hash_password("abc-12345")
    assert password_problem("12345") and password_problem("aaaaaaaa") and password_problem("admin1", "ADMIN1")
    assert password_problem("good-one") is None


def test_a_weak_hash_is_upgraded_at_login(township_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_first_admin(township_db, "admin", "王管理", PASSWORD)
    monkeypatch.setenv("KONGCHUO_ARGON2_PROFILE", "default")
    accounts.authenticate(township_db, "admin", PASSWORD)
    assert "m=19456" in account(township_db, "admin").password_hash


def test_demo_admin(township_db: Database, pupils: Pupils) -> None:
    assert accounts.demo_actor(township_db) is None
    actor = accounts.ensure_demo_admin(township_db)
    assert actor.demo and actor.role == perms.ADMIN and accounts.is_demo(township_db)
    assert accounts.ensure_demo_admin(township_db).account_id == actor.account_id  # idempotent
    demo = accounts.demo_actor(township_db)
    assert demo is not None and demo.account_id == actor.account_id
    teacher = accounts.authenticate(township_db, "teacher", accounts.DEMO_PASSWORD).actor
    principal = accounts.authenticate(township_db, "principal", accounts.DEMO_PASSWORD).actor
    assert teacher.role == perms.TEACHER and teacher.classes and teacher.demo
    assert principal.role == perms.PRINCIPAL and principal.school_id == teacher.school_id


def test_idle_lock_setting(township_db: Database, actors: dict[str, Actor]) -> None:
    assert accounts.idle_lock_minutes(township_db) == accounts.DEFAULT_IDLE_MINUTES
    accounts.set_idle_lock_minutes(township_db, actors[perms.ADMIN], 3)
    assert accounts.idle_lock_minutes(township_db) == 3
    with pytest.raises(ValidationError):
        accounts.set_idle_lock_minutes(township_db, actors[perms.ADMIN], -1)
    with pytest.raises(PermissionDenied):
        accounts.set_idle_lock_minutes(township_db, actors[perms.TEACHER], 0)


def test_unlock_after_idle_checks_the_same_account(township_db: Database, actors: dict[str, Actor]) -> None:
    teacher = actors[perms.TEACHER]
    assert accounts.verify_current_user(township_db, teacher, PASSWORD).account_id == teacher.account_id
    with pytest.raises(AuthenticationError):
        accounts.verify_current_user(township_db, teacher, "nope")
