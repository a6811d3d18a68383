"""First run: describe this installation and create its first administrator (wizard and `kongchuo init`)."""

from __future__ import annotations

from kongchuo_desktop.services.accounts import create_first_admin
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.passwords import password_problem
from kongchuo_desktop.services.sites import SiteInfo, init_site
from kongchuo_desktop.store.database import Database


def admin_problems(login_name: str, display_name: str, password: str, repeat: str | None = None) -> dict[str, str]:
    """What is wrong with the first administrator's details (checked before anything is written)."""
    problems: dict[str, str] = {}
    if not (login_name or "").strip():
        problems["login_name"] = "请填写管理员的用户名"
    elif len(login_name.strip()) > 32:
        problems["login_name"] = "用户名不能超过 32 个字符"
    if not (display_name or "").strip():
        problems["display_name"] = "请填写管理员的姓名"
    if msg := password_problem(password, login_name):
        problems["password"] = msg
    elif repeat is not None and repeat != password:
        problems["password_repeat"] = "两次输入的密码不一致"
    return problems


def first_run(
    db: Database,
    site_name: str,
    site_type: str,
    township: str | None,
    school: str | None,
    admin_login: str,
    admin_display_name: str,
    admin_password: str,
) -> tuple[SiteInfo, Actor]:
    """Initialise the site and create its first administrator; returns the site and the admin's
    Actor (logged in). Nothing is written when any input is wrong."""
    if problems := admin_problems(admin_login, admin_display_name, admin_password):
        raise ValidationError(problems)
    info = init_site(db, site_name, site_type, township=township, school=school, user=admin_login.strip())
    actor = create_first_admin(db, admin_login, admin_display_name, admin_password)
    return info, actor
