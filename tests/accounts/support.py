"""Shared by the accounts, audit and backup tests: pupils in three scopes and one account per role."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

os.environ.setdefault("KONGCHUO_ARGON2_PROFILE", "test")  # cheap hashing; production cost is in passwords.py

import pytest  # noqa: E402

from kongchuo_desktop.services import accounts, students  # noqa: E402
from kongchuo_desktop.services import permissions as perms  # noqa: E402
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor  # noqa: E402
from kongchuo_desktop.services.sites import township_by_name  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402
from tests.helpers import make_id, school_id  # noqa: E402

PASSWORD = "pass-1234"
SQL_NAME = "O'Brien\"; DROP TABLE student;--"


@dataclass(frozen=True)
class Pupils:
    """a: 金河镇中心学校 3年级1班; b: same school 4年级2班; c: 满归镇中心学校 (another township)."""

    a: str
    b: str
    c: str


def add_pupils(db: Database) -> Pupils:
    def one(name: str, serial: int, school: str, grade: int, class_no: int) -> str:
        return students.create_student(
            db,
            DEMO_ADMIN,
            {"name": name, "sex": "男", "id_number": make_id(dt.date(2015, 3, 2), serial), "grade": grade,
             "class_no": class_no, "school_id": school_id(db, school)},
        )  # fmt: skip

    return Pupils(
        one("张伟", 1, "金河镇中心学校", 3, 1),
        one("李强", 2, "金河镇中心学校", 4, 2),
        one("赵刚", 3, "满归镇中心学校", 3, 1),
    )


def township_id(db: Database, name: str) -> str:
    with db.read_session() as session:
        town = township_by_name(session, name)
        assert town is not None
        return town.id


def make_accounts(db: Database) -> dict[str, Actor]:
    """One logged-in Actor per role: admin (whole site), bureau (whole site), 金河镇 township,
    principal of 金河镇中心学校, teacher of its 3年级1班."""
    accounts.create_first_admin(db, "admin", "王管理", PASSWORD)
    admin = accounts.authenticate(db, "admin", PASSWORD).actor
    centre = school_id(db, "金河镇中心学校")
    specs = {
        perms.BUREAU: accounts.AccountInput("bureau", "刘局", perms.BUREAU),
        perms.TOWNSHIP: accounts.AccountInput("town", "陈乡", perms.TOWNSHIP, township_id=township_id(db, "金河镇")),
        perms.PRINCIPAL: accounts.AccountInput("head", "孙校长", perms.PRINCIPAL, school_id=centre),
        perms.TEACHER: accounts.AccountInput("teach", "李老师", perms.TEACHER, school_id=centre, classes=((3, 1),)),
    }
    actors = {perms.ADMIN: admin}
    for role, data in specs.items():
        accounts.create_account(db, admin, data, PASSWORD, must_change_password=False)
        actors[role] = accounts.authenticate(db, data.login_name, PASSWORD).actor
    return actors


def run_cli(tmp_path, *args: str, password: str | None = None, new_password: str | None = None, timeout: float = 120):  # type: ignore[no-untyped-def]
    """Run `kongchuo` as a user would (a subprocess), like tests/cli does; returns CompletedProcess."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = Path(sys.executable).with_name("kongchuo")
    found = shutil.which("kongchuo")
    cmd = [str(script)] if script.exists() else ([found] if found else [sys.executable, "-m", "kongchuo_desktop"])
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(root),
           "KONGCHUO_ARGON2_PROFILE": "test"}  # fmt: skip
    env.pop("KONGCHUO_PASSWORD", None)
    env.pop("KONGCHUO_NEW_PASSWORD", None)
    if password is not None:
        env["KONGCHUO_PASSWORD"] = password
    if new_password is not None:
        env["KONGCHUO_NEW_PASSWORD"] = new_password
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=tmp_path, stdin=subprocess.DEVNULL
    )


# Fixtures shared by tests/accounts, tests/audit and tests/backup (each conftest re-exports them).
@pytest.fixture
def pupils(township_db: Database) -> Pupils:
    """Pupils in three scopes of the township database."""
    return add_pupils(township_db)


@pytest.fixture
def actors(township_db: Database, pupils: Pupils) -> dict[str, Actor]:
    """One account per role, as Actors."""
    return make_accounts(township_db)
