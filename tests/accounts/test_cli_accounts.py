"""The command line acts as a real account: init --admin, --user with the password from the
environment or a file, refusals with one Chinese line and exit 1, account administration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.accounts.support import SQL_NAME, run_cli

ADMIN_PW = "admin-pass-1"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    db = tmp_path / "site.sqlite"
    res = run_cli(tmp_path, "init", "--db", str(db), "--site-name", "金河镇教育办", "--site-type", "township",
                  "--township", "金河镇", "--admin", "admin", "--admin-name", "王管理", "--json", password=ADMIN_PW)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["admin"] == "admin"
    return db


def one_line_error(res) -> str:  # type: ignore[no-untyped-def]
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_init_admin_needs_a_good_password_and_leaves_no_file(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    args = ("init", "--db", str(db), "--site-name", "某校", "--site-type", "bureau", "--admin", "admin")
    res = run_cli(tmp_path, *args)
    assert res.returncode == 1 and "KONGCHUO_PASSWORD" in one_line_error(res)
    res = run_cli(tmp_path, *args, password="123")
    assert res.returncode == 1 and "至少" in one_line_error(res)
    assert not db.exists()


def test_login_is_required_once_accounts_exist(site: Path, tmp_path: Path) -> None:
    res = run_cli(tmp_path, "account", "list", "--db", str(site))
    assert res.returncode == 1 and "--user" in one_line_error(res)
    res = run_cli(tmp_path, "account", "list", "--db", str(site), "--user", "admin")
    assert res.returncode == 1 and "密码" in one_line_error(res)
    res = run_cli(tmp_path, "account", "list", "--db", str(site), "--user", "admin", password="wrong-pass")
    assert res.returncode == 1 and "密码不正确" in one_line_error(res)
    res = run_cli(tmp_path, "--user", "nobody", "account", "list", "--db", str(site), password=ADMIN_PW)
    assert res.returncode == 1 and "没有用户名为“nobody”" in one_line_error(res)
    res = run_cli(tmp_path, "account", "list", "--db", str(site), "--user", "admin", "--json", password=ADMIN_PW)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["accounts"][0]["login"] == "admin"


def test_password_file(site: Path, tmp_path: Path) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(ADMIN_PW + "\n", encoding="utf-8")
    res = run_cli(tmp_path, "account", "list", "--db", str(site), "--user", "admin", "--password-file", str(pw))
    assert res.returncode == 0, res.stderr


def test_admin_manages_accounts_and_a_teacher_may_not(site: Path, tmp_path: Path) -> None:
    add = run_cli(tmp_path, "account", "add", "teach", "--name", "李老师", "--role", "教师", "--school", "金河镇中心学校",
                  "--db", str(site), "--user", "admin", password=ADMIN_PW, new_password="first-pass-1")  # fmt: skip
    assert add.returncode == 1 and "没有名为“金河镇中心学校”的学校" in one_line_error(add)
    add = run_cli(tmp_path, "account", "add", "town", "--name", "陈乡", "--role", "乡镇", "--township", "金河镇",
                  "--db", str(site), "--user", "admin", password=ADMIN_PW, new_password="first-pass-1")  # fmt: skip
    assert add.returncode == 0, add.stderr
    # a new account must choose its own password first
    res = run_cli(tmp_path, "account", "list", "--db", str(site), "--user", "town", password="first-pass-1")
    assert res.returncode == 1 and "修改密码" in one_line_error(res)
    res = run_cli(tmp_path, "account", "passwd", "--db", str(site), "--user", "town", password="first-pass-1",
                  new_password="own-pass-22")  # fmt: skip
    assert res.returncode == 0, res.stderr
    res = run_cli(tmp_path, "account", "list", "--db", str(site), "--user", "town", password="own-pass-22")
    assert res.returncode == 1 and "没有“管理账户”的权限" in one_line_error(res)
    res = run_cli(tmp_path, "backup", "--out", str(tmp_path / "b.sqlite"), "--db", str(site), "--user", "town",
                  password="own-pass-22")  # fmt: skip
    assert res.returncode == 1 and "备份数据库" in one_line_error(res)
    assert not (tmp_path / "b.sqlite").exists()
    # the administrator disables, enables, resets
    for action in ("disable", "enable", "reset", "unlock"):
        res = run_cli(tmp_path, "account", action, "town", "--db", str(site), "--user", "admin", password=ADMIN_PW,
                      new_password="reset-pass-3")  # fmt: skip
        assert res.returncode == 0, (action, res.stderr)
    res = run_cli(tmp_path, "account", "disable", "admin", "--db", str(site), "--user", "admin", password=ADMIN_PW)
    assert res.returncode == 1 and "自己" in one_line_error(res)


def test_sql_and_quotes_in_names_are_kept_verbatim(site: Path, tmp_path: Path) -> None:
    res = run_cli(tmp_path, "account", "add", SQL_NAME, "--name", SQL_NAME, "--role", "教育局", "--no-change-required",
                  "--db", str(site), "--user", "admin", password=ADMIN_PW, new_password="quote-pass-1")  # fmt: skip
    assert res.returncode == 0, res.stderr
    res = run_cli(tmp_path, "account", "list", "--json", "--db", str(site), "--user", SQL_NAME, password="quote-pass-1")
    assert res.returncode == 1 and "权限" in res.stderr  # logged in fine as that name; 教育局 may not list
    res = run_cli(tmp_path, "account", "list", "--json", "--db", str(site), "--user", "admin", password=ADMIN_PW)
    assert SQL_NAME in [a["login"] for a in json.loads(res.stdout)["accounts"]]
    assert run_cli(tmp_path, "check", "--db", str(site)).returncode == 0


def test_a_database_without_accounts_still_works_as_before(tmp_path: Path) -> None:
    db = tmp_path / "open.sqlite"
    res = run_cli(tmp_path, "init", "--db", str(db), "--site-name", "局", "--site-type", "bureau")
    assert res.returncode == 0 and "尚未设置账户" in res.stdout
    res = run_cli(tmp_path, "account", "add", "boss", "--role", "管理员", "--db", str(db), new_password="boss-pass-1")
    assert res.returncode == 0, res.stderr
    res = run_cli(tmp_path, "account", "list", "--db", str(db))
    assert res.returncode == 1  # from now on, a login is needed
