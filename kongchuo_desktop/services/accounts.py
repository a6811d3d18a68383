"""Accounts: log in (with lock-out), the administrator's account management, own password,
the demo administrator and the idle-lock setting.

Every change to an account is audited (never the password or its hash). Times are naive UTC;
functions that depend on the clock take `now` so tests can move it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor, ClassKey
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationError
from kongchuo_desktop.services.passwords import hash_password, needs_rehash, password_problem, verify_password
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import local_site_id
from kongchuo_desktop.store.local_values import get_local, get_local_int, put_local
from kongchuo_desktop.store.models import School, Student, Township, UserAccount

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = dt.timedelta(minutes=5)
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240
IDLE_KEY = "idle_lock_minutes"
DEMO_KEY = "demo_mode"
DEMO_PASSWORD = "demo"
DEMO_LOGIN = "demo"
LOGIN_EVENT_USER = "system"

_CLASS_ITEM = re.compile(r"^\s*(\d{1,2})\s*(?:-|年级|/|\.)\s*(\d{1,2})\s*班?\s*$")


class AuthenticationError(ServiceError):
    """Login refused; str() says why in Chinese.

    code: empty | unknown_user | disabled | locked | wrong_password;
    remaining: tries left before the lock (wrong_password); locked_until: end of the lock (UTC).
    """

    def __init__(
        self, code: str, message: str, remaining: int | None = None, locked_until: dt.datetime | None = None
    ) -> None:
        self.code = code
        self.remaining = remaining
        self.locked_until = locked_until
        super().__init__(message)


@dataclass(frozen=True)
class AccountInput:
    """What the administrator fills in for an account (the password is passed separately).

    township_id / school_id / classes: the scope; which of them count depends on the role.
    """

    login_name: str
    display_name: str
    role: str
    township_id: str | None = None
    school_id: str | None = None
    classes: tuple[ClassKey, ...] = ()


@dataclass(frozen=True)
class AccountRow:
    """An account as the accounts page lists it (plain data, no hash)."""

    id: str
    login_name: str
    display_name: str
    role: str
    township_id: str | None
    school_id: str | None
    classes: tuple[ClassKey, ...]
    scope: str
    disabled: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    last_login_at: dt.datetime | None
    status: str


@dataclass(frozen=True)
class LoginResult:
    """A successful login: who, and whether they must choose a new password first."""

    actor: Actor
    must_change_password: bool = False
    warnings: list[str] = field(default_factory=list)


# --- small helpers ------------------------------------------------------------------------------


def login_key(name: str) -> str:
    """The look-up form of a login name: NFKC, trimmed, case-folded."""
    return unicodedata.normalize("NFKC", name or "").strip().casefold()


def parse_classes(text: str | Iterable[ClassKey] | None) -> tuple[ClassKey, ...]:
    """Classes from "3-1, 3年级2班" text (or pairs), sorted and unique; ValidationError when unreadable."""
    if text is None:
        return ()
    if not isinstance(text, str):
        pairs = [(int(g), int(c)) for g, c in text]
    else:
        pairs = []
        for part in re.split(r"[,，、;；]+", text.strip()):
            items = [part] if _CLASS_ITEM.match(part) else part.split()
            for item in items:
                match = _CLASS_ITEM.match(item)
                if match is None:
                    raise ValidationError({"classes": f"看不懂班级“{item.strip()}”，请写成“3-1”或“3年级1班”"})
                pairs.append((int(match.group(1)), int(match.group(2))))
    for grade, class_no in pairs:
        if not (1 <= grade <= 9 and 1 <= class_no <= 99):
            raise ValidationError({"classes": f"班级“{grade}年级{class_no}班”不存在（年级 1–9，班号 1–99）"})
    return tuple(sorted(set(pairs)))


def format_classes(classes: Iterable[ClassKey]) -> str:
    """Classes as stored: "3-1,3-2"."""
    return ",".join(f"{g}-{c}" for g, c in classes)


def classes_label(classes: Iterable[ClassKey]) -> str:
    """Classes as people read them: "3年级1班、3年级2班"."""
    return "、".join(f"{g}年级{c}班" for g, c in classes)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else utcnow()


def _find(session: Session, login: str) -> UserAccount | None:
    rows = list(
        session.execute(
            select(UserAccount).where(UserAccount.login_key == login_key(login), UserAccount.deleted.is_(False))
        ).scalars()
    )
    if len(rows) > 1:
        # Accounts of the same name made at two sites met through sync: this site's own wins.
        local = local_site_id(session)
        rows.sort(key=lambda a: (a.origin_site_id != local, a.updated_at))
    return rows[0] if rows else None


def _is_demo(session: Session) -> bool:
    return get_local(session, DEMO_KEY) is not None


def actor_for(account: UserAccount, demo: bool = False) -> Actor:
    """The Actor for a logged-in account."""
    return Actor(
        user=account.login_name,
        display_name=account.display_name,
        role=account.role,
        township_id=account.township_id,
        school_id=account.school_id,
        classes=parse_classes(account.classes),
        account_id=account.id,
        demo=demo,
    )


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))


# --- reading ------------------------------------------------------------------------------------


def has_accounts(db: Database) -> bool:
    """True once any account exists (then every user must log in)."""
    with db.read_session() as session:
        return bool(
            session.execute(
                select(func.count()).select_from(UserAccount).where(UserAccount.deleted.is_(False))
            ).scalar_one()
        )


def login_names(db: Database) -> list[str]:
    """Login names of accounts that may log in, for the login dialog's list (no other details)."""
    with db.read_session() as session:
        return list(
            session.execute(
                select(UserAccount.login_name)
                .where(UserAccount.deleted.is_(False), UserAccount.disabled.is_(False))
                .order_by(UserAccount.role, UserAccount.login_key)
            ).scalars()
        )


def is_demo(db: Database) -> bool:
    """True for a demo database (made by `kongchuo demo` / --demo)."""
    with db.read_session() as session:
        return _is_demo(session)


def _status(acct: UserAccount, now: dt.datetime) -> str:
    if acct.disabled:
        return "已停用"
    if acct.locked_until is not None and acct.locked_until > now:
        return "已锁定"
    if acct.must_change_password:
        return "待改密码"
    return "正常"


def _scope_text(session: Session, acct: UserAccount) -> str:
    if acct.school_id:
        school = session.get(School, acct.school_id)
        text = school.name if school else "（学校已删除）"
        classes = parse_classes(acct.classes)
        return f"{text} {classes_label(classes)}" if classes else text
    if acct.township_id:
        town = session.get(Township, acct.township_id)
        return town.name if town else "（乡镇已删除）"
    return "全站点"


def list_accounts(db: Database, actor: Actor, now: dt.datetime | None = None) -> list[AccountRow]:
    """Every account (administrators only), administrators first, then by login name."""
    actor.require(perms.ACCOUNT_MANAGE)
    at = _now(now)
    with db.read_session() as session:
        rows = session.execute(
            select(UserAccount).where(UserAccount.deleted.is_(False)).order_by(UserAccount.login_key)
        ).scalars()
        out = [
            AccountRow(
                a.id, a.login_name, a.display_name, a.role, a.township_id, a.school_id, parse_classes(a.classes),
                _scope_text(session, a), a.disabled, a.locked_until, a.must_change_password, a.last_login_at,
                _status(a, at),
            )
            for a in rows
        ]  # fmt: skip
    order = {role: i for i, role in enumerate(perms.ROLES)}
    out.sort(key=lambda r: (order.get(r.role, 99), login_key(r.login_name)))
    return out


def get_account(db: Database, actor: Actor, account_id: str) -> AccountRow:
    """One account (administrators only)."""
    for row in list_accounts(db, actor):
        if row.id == account_id:
            return row
    raise NotFoundError("找不到这个账户。")


def school_classes(db: Database, school_id: str) -> list[ClassKey]:
    """The (grade, class_no) pairs that exist at a school, for choosing a teacher's classes."""
    with db.read_session() as session:
        rows = session.execute(
            select(Student.grade, Student.class_no)
            .where(Student.school_id == school_id, Student.deleted.is_(False), Student.grade.is_not(None),
                   Student.class_no.is_not(None))
            .distinct()
        ).all()  # fmt: skip
        from kongchuo_desktop.store.models import SchoolClass

        rows += session.execute(
            select(SchoolClass.grade, SchoolClass.class_no).where(
                SchoolClass.school_id == school_id, SchoolClass.deleted.is_(False)
            )
        ).all()
    return sorted({(int(g), int(c)) for g, c in rows})


# --- logging in ---------------------------------------------------------------------------------


def authenticate(db: Database, login: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """Check a login; on success reset the failure count and return the Actor.

    Five wrong passwords in a row lock the account for five minutes (not extended by tries during
    the lock). Raises AuthenticationError with a Chinese message otherwise; the failure count is
    saved even though the login fails.
    """
    at = _now(now)
    if not (login or "").strip():
        raise AuthenticationError("empty", "请输入用户名。")
    failure: AuthenticationError | None = None
    with db.transaction(user=LOGIN_EVENT_USER) as session:
        acct = _find(session, login)
        if acct is None:
            raise AuthenticationError("unknown_user", f"没有用户名为“{login.strip()}”的账户，请检查用户名。")
        if acct.disabled:
            raise AuthenticationError("disabled", f"账户“{acct.login_name}”已停用，请联系管理员。")
        if acct.locked_until is not None and at < acct.locked_until:
            raise AuthenticationError(
                "locked",
                f"账户“{acct.login_name}”因连续 {MAX_FAILED_ATTEMPTS} 次密码错误已被锁定，"
                f"请在 {_minutes_left(acct.locked_until, at)} 分钟后再试，或请管理员解锁。",
                locked_until=acct.locked_until,
            )
        if acct.locked_until is not None:  # the lock has run out: a fresh set of tries
            acct.locked_until = None
            acct.failed_attempts = 0
        if not password or not verify_password(acct.password_hash, password):
            acct.failed_attempts = (acct.failed_attempts or 0) + 1
            left = MAX_FAILED_ATTEMPTS - acct.failed_attempts
            if left <= 0:
                acct.locked_until = at + LOCK_DURATION
                acct.failed_attempts = 0
                audit.record(
                    session, "update", "account", acct.id, {"locked_until": (None, acct.locked_until)},
                    f"连续 {MAX_FAILED_ATTEMPTS} 次密码错误，自动锁定 5 分钟",
                )  # fmt: skip
                failure = AuthenticationError(
                    "locked",
                    f"密码连续 {MAX_FAILED_ATTEMPTS} 次不正确，账户“{acct.login_name}”已锁定 5 分钟。",
                    remaining=0,
                    locked_until=acct.locked_until,
                )
            else:
                failure = AuthenticationError(
                    "wrong_password", f"密码不正确，还可以再试 {left} 次（连续错误 {MAX_FAILED_ATTEMPTS} 次将锁定账户 5 分钟）。",
                    remaining=left,
                )  # fmt: skip
        else:
            acct.failed_attempts = 0
            acct.last_login_at = at
            if needs_rehash(acct.password_hash):
                acct.password_hash = hash_password(password)
            result = LoginResult(actor_for(acct, _is_demo(session)), bool(acct.must_change_password))
    if failure is not None:
        raise failure
    return result


def verify_current_user(db: Database, actor: Actor, password: str, now: dt.datetime | None = None) -> Actor:
    """Unlock after idle: the same checks as logging in, for the account already logged in.

    Returns the refreshed Actor (the administrator may have changed the role meanwhile).
    """
    result = authenticate(db, actor.user, password, now)
    if result.actor.account_id != actor.account_id:
        raise AuthenticationError("unknown_user", "账户已变更，请重新登录。")
    return result.actor


# --- administration -----------------------------------------------------------------------------


def _clean_input(session: Session, data: AccountInput, exclude: str | None) -> tuple[dict[str, Any], dict[str, str]]:
    problems: dict[str, str] = {}
    login = (data.login_name or "").strip()
    display = (data.display_name or "").strip()
    if not login:
        problems["login_name"] = "请填写用户名"
    elif len(login) > 32:
        problems["login_name"] = "用户名不能超过 32 个字符"
    elif any(unicodedata.category(ch) in ("Cc", "Cf") for ch in login):
        problems["login_name"] = "用户名中不能有控制字符"
    else:
        other = _find(session, login)
        if other is not None and other.id != exclude:
            problems["login_name"] = f"用户名“{login}”已被使用，请换一个"
    if not display:
        problems["display_name"] = "请填写姓名"
    elif len(display) > 40:
        problems["display_name"] = "姓名不能超过 40 个字符"
    role = data.role
    township_id: str | None = None
    school_id: str | None = None
    classes: tuple[ClassKey, ...] = ()
    if role not in perms.ROLES:
        problems["role"] = f"请选择角色（{'、'.join(perms.ROLES)}）"
    else:
        kind = perms.SCOPE_KIND[role]
        if kind == "township":
            town = session.get(Township, data.township_id) if data.township_id else None
            if town is None or town.deleted:
                problems["township_id"] = "乡镇账户需要选择所属乡镇"
            else:
                township_id = town.id
        elif kind == "school":
            school = session.get(School, data.school_id) if data.school_id else None
            if school is None or school.deleted:
                problems["school_id"] = f"{role}账户需要选择所在学校"
            else:
                school_id, township_id = school.id, school.township_id
            if role == perms.TEACHER:
                try:
                    classes = parse_classes(data.classes)
                except ValidationError as exc:
                    problems.update(exc.problems)
    values = {
        "login_name": login,
        "display_name": display,
        "role": role,
        "township_id": township_id,
        "school_id": school_id,
        "classes": format_classes(classes) or None,
    }
    return values, problems


def _active_admins(session: Session, exclude: str | None = None) -> int:
    stmt = (
        select(func.count())
        .select_from(UserAccount)
        .where(UserAccount.role == perms.ADMIN, UserAccount.disabled.is_(False), UserAccount.deleted.is_(False))
    )
    if exclude:
        stmt = stmt.where(UserAccount.id != exclude)
    return int(session.execute(stmt).scalar_one())


def _create(
    session: Session, values: dict[str, Any], password: str, must_change: bool, reason: str | None
) -> UserAccount:
    acct = UserAccount(
        **values,
        login_key=login_key(values["login_name"]),
        password_hash=hash_password(password),
        must_change_password=must_change,
    )
    session.add(acct)
    session.flush()
    shown = {k: (None, v) for k, v in values.items() if v not in (None, "")}
    shown["password"] = (None, "（已设置）")
    audit.record(session, "create", "account", acct.id, shown, reason)
    return acct


def create_first_admin(db: Database, login_name: str, display_name: str, password: str) -> Actor:
    """The first administrator (first-run wizard, `kongchuo init --admin`); refused once any account exists."""
    with db.transaction(user=login_name.strip() or LOGIN_EVENT_USER) as session:
        if session.execute(select(func.count()).select_from(UserAccount)).scalar_one():
            raise PermissionDenied("这个数据库已经有账户了，请由管理员登录后再添加账户。")
        values, problems = _clean_input(session, AccountInput(login_name, display_name, perms.ADMIN), None)
        if msg := password_problem(password, login_name):
            problems["password"] = msg
        if problems:
            raise ValidationError(problems)
        acct = _create(session, values, password, False, "创建第一个管理员")
        return actor_for(acct, _is_demo(session))


def create_account(
    db: Database, actor: Actor, data: AccountInput, password: str, must_change_password: bool = True
) -> str:
    """A new account (administrators only); by default the person must choose their own password
    at first login. Returns the account id."""
    actor.require(perms.ACCOUNT_MANAGE)
    with db.transaction(user=actor.user) as session:
        values, problems = _clean_input(session, data, None)
        if msg := password_problem(password, data.login_name):
            problems["password"] = msg
        if problems:
            raise ValidationError(problems)
        return _create(session, values, password, must_change_password, None).id


def _load(session: Session, account_id: str) -> UserAccount:
    acct = session.get(UserAccount, account_id)
    if acct is None or acct.deleted:
        raise NotFoundError("找不到这个账户，可能已被删除。")
    return acct


def update_account(
    db: Database, actor: Actor, account_id: str, data: AccountInput, reason: str | None = None
) -> dict[str, tuple[Any, Any]]:
    """Change an account's name, role or scope (the login name itself never changes: the audit log
    refers to it). Returns the changed fields."""
    actor.require(perms.ACCOUNT_MANAGE)
    with db.transaction(user=actor.user) as session:
        acct = _load(session, account_id)
        values, problems = _clean_input(session, AccountInput(acct.login_name, *_rest(data)), acct.id)
        if (data.login_name or "").strip() and login_key(data.login_name) != acct.login_key:
            problems["login_name"] = (
                "用户名创建后不能修改（审计日志按用户名记录）；如需新用户名，请新建账户并停用旧账户"
            )
        if problems:
            raise ValidationError(problems)
        demoted = acct.role == perms.ADMIN and values["role"] != perms.ADMIN and not acct.disabled
        if demoted and _active_admins(session, exclude=acct.id) == 0:
            raise ValidationError({"role": "这是最后一个管理员账户，不能改成其他角色"})
        changes = {k: (getattr(acct, k), v) for k, v in values.items() if k != "login_name" and getattr(acct, k) != v}
        for key, (_old, new) in changes.items():
            setattr(acct, key, new)
        if changes:
            audit.record(session, "update", "account", acct.id, changes, reason)
        return changes


def _rest(data: AccountInput) -> tuple[str, str, str | None, str | None, tuple[ClassKey, ...]]:
    return (data.display_name, data.role, data.township_id, data.school_id, data.classes)


def set_account_disabled(db: Database, actor: Actor, account_id: str, disabled: bool, reason: str = "") -> None:
    """Disable (or enable again) an account; nobody can disable themselves or the last administrator."""
    actor.require(perms.ACCOUNT_MANAGE)
    with db.transaction(user=actor.user) as session:
        acct = _load(session, account_id)
        if acct.disabled == disabled:
            return
        if disabled:
            if acct.id == actor.account_id or login_key(acct.login_name) == login_key(actor.user):
                raise ValidationError({"disabled": "不能停用自己正在使用的账户"})
            if acct.role == perms.ADMIN and _active_admins(session, exclude=acct.id) == 0:
                raise ValidationError({"disabled": "这是最后一个管理员账户，不能停用"})
        acct.disabled = disabled
        audit.record(session, "update", "account", acct.id, {"disabled": (not disabled, disabled)}, reason or None)


def reset_password(db: Database, actor: Actor, account_id: str, new_password: str) -> None:
    """The administrator sets a temporary password; the person must change it at next login.
    Also lifts a lock-out."""
    actor.require(perms.ACCOUNT_MANAGE)
    with db.transaction(user=actor.user) as session:
        acct = _load(session, account_id)
        if msg := password_problem(new_password, acct.login_name):
            raise ValidationError({"password": msg})
        acct.password_hash = hash_password(new_password)
        acct.must_change_password = True
        acct.failed_attempts = 0
        acct.locked_until = None
        audit.record(session, "update", "account", acct.id, {"password": (None, "（已重置）")}, "管理员重置密码")


def unlock_account(db: Database, actor: Actor, account_id: str) -> None:
    """Lift a lock-out before its five minutes are over."""
    actor.require(perms.ACCOUNT_MANAGE)
    with db.transaction(user=actor.user) as session:
        acct = _load(session, account_id)
        if acct.locked_until is None and not acct.failed_attempts:
            return
        old = acct.locked_until
        acct.locked_until = None
        acct.failed_attempts = 0
        audit.record(session, "update", "account", acct.id, {"locked_until": (old, None)}, "管理员解锁")


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """Change one's own password (the old one is required)."""
    if actor.account_id is None:
        raise PermissionDenied("当前没有登录账户，无法修改密码。")
    with db.transaction(user=actor.user) as session:
        acct = _load(session, actor.account_id)
        if not verify_password(acct.password_hash, old_password or ""):
            raise ValidationError({"old_password": "原密码不正确"})
        if msg := password_problem(new_password, acct.login_name):
            raise ValidationError({"password": msg})
        if verify_password(acct.password_hash, new_password):
            raise ValidationError({"password": "新密码不能与原密码相同"})
        acct.password_hash = hash_password(new_password)
        acct.must_change_password = False
        audit.record(session, "update", "account", acct.id, {"password": (None, "（已修改）")}, "本人修改密码")


# --- demo mode and settings ---------------------------------------------------------------------


def ensure_demo_admin(db: Database, with_samples: bool = True) -> Actor:
    """Mark the database as a demo and make sure it has the demo administrator ("demo", password
    "demo"); with_samples also adds a principal ("principal") and a teacher ("teacher") of the
    first school, password "demo", to show what other roles see. Returns the administrator's Actor.

    Called after services.demo.create_demo (CLI `kongchuo demo`, GUI --demo).
    """
    with db.transaction(user=DEMO_LOGIN) as session:
        put_local(session, DEMO_KEY, 1, "演示数据库")
        admin = _find(session, DEMO_LOGIN)
        if admin is None:
            values = {"login_name": DEMO_LOGIN, "display_name": "演示管理员", "role": perms.ADMIN,
                      "township_id": None, "school_id": None, "classes": None}  # fmt: skip
            admin = _create(session, values, DEMO_PASSWORD, False, "演示数据库")
        if with_samples:
            _demo_samples(session)
        return actor_for(admin, demo=True)


def _demo_samples(session: Session) -> None:
    school = session.execute(
        select(School)
        .where(School.deleted.is_(False))
        .order_by(
            select(func.count())
            .select_from(Student)
            .where(Student.school_id == School.id, Student.deleted.is_(False))
            .scalar_subquery()
            .desc(),
            School.name,
        )
        .limit(1)
    ).scalar_one_or_none()
    if school is None:
        return
    biggest = session.execute(
        select(Student.grade, Student.class_no)
        .where(Student.school_id == school.id, Student.deleted.is_(False), Student.grade.is_not(None),
               Student.class_no.is_not(None))
        .group_by(Student.grade, Student.class_no)
        .order_by(func.count().desc(), Student.grade, Student.class_no)
        .limit(1)
    ).first()  # fmt: skip
    classes = format_classes([(biggest[0], biggest[1])]) if biggest else None
    for login, name, role, cls in (
        ("principal", "演示校长", perms.PRINCIPAL, None),
        ("teacher", "演示教师", perms.TEACHER, classes),
    ):
        if _find(session, login) is None:
            values = {"login_name": login, "display_name": name, "role": role, "township_id": school.township_id,
                      "school_id": school.id, "classes": cls}  # fmt: skip
            _create(session, values, DEMO_PASSWORD, False, "演示数据库")


def demo_actor(db: Database) -> Actor | None:
    """The demo administrator of a demo database (demo mode logs in as it), else None."""
    with db.read_session() as session:
        if not _is_demo(session):
            return None
        acct = _find(session, DEMO_LOGIN)
        return actor_for(acct, demo=True) if acct is not None and not acct.disabled else None


def idle_lock_minutes(db: Database) -> int:
    """Minutes without input after which the window locks (0 = never)."""
    with db.read_session() as session:
        return get_local_int(session, IDLE_KEY, DEFAULT_IDLE_MINUTES)


def set_idle_lock_minutes(db: Database, actor: Actor, minutes: int) -> None:
    """Change the idle-lock time of this installation (administrators)."""
    actor.require(perms.SETTINGS_MANAGE)
    if not (0 <= int(minutes) <= MAX_IDLE_MINUTES):
        raise ValidationError({"idle_lock_minutes": f"自动锁定时间应在 0（不锁定）到 {MAX_IDLE_MINUTES} 分钟之间"})
    with db.transaction(user=actor.user) as session:
        old = get_local_int(session, IDLE_KEY, DEFAULT_IDLE_MINUTES)
        if old != int(minutes):
            put_local(session, IDLE_KEY, int(minutes))
            audit.record(session, "update", "setting", IDLE_KEY, {"idle_lock_minutes": (old, int(minutes))})
