"""Roles, what each may do (the role × permission matrix), and the scope each role works in.

Services ask `actor.require(permission)` before they read or write; the scope (township, school,
classes) is checked per record by the Actor. Hiding buttons in the GUI is only a courtesy: the
checks here are what counts.
"""

from __future__ import annotations

ADMIN = "管理员"
BUREAU = "教育局"
TOWNSHIP = "乡镇"
PRINCIPAL = "校长"
TEACHER = "教师"
ROLES = (ADMIN, BUREAU, TOWNSHIP, PRINCIPAL, TEACHER)

# What each role's scope is: the whole site, one township, or one school (teachers: optionally
# only some classes of it).
SCOPE_KIND = {ADMIN: "site", BUREAU: "site", TOWNSHIP: "township", PRINCIPAL: "school", TEACHER: "school"}

ROLE_DESCRIPTIONS = {
    ADMIN: "管理本站点的全部数据、账户、备份与设置",
    BUREAU: "查看全部学校和乡镇的数据、报表与审计日志，不直接修改学籍",
    TOWNSHIP: "管理本乡镇的学生和适龄儿童，办理学籍异动",
    PRINCIPAL: "管理本校学生，办理学籍异动",
    TEACHER: "查看并修改本校（或所带班级）学生的信息",
}

# --- permissions --------------------------------------------------------------------------------
STUDENT_READ = "student.read"
STUDENT_CREATE = "student.create"
STUDENT_UPDATE = "student.update"
STUDENT_DELETE = "student.delete"
STATUS_CHANGE = "status_change.record"
CHILD_READ = "child.read"
CHILD_WRITE = "child.write"
ATTACHMENT_READ = "attachment.read"
ACCOUNT_MANAGE = "account.manage"
AUDIT_READ = "audit.read"
AUDIT_EXPORT = "audit.export"
BACKUP_CREATE = "backup.create"
BACKUP_RESTORE = "backup.restore"
SETTINGS_MANAGE = "settings.manage"
DATA_IMPORT = "data.import"
DATA_EXPORT = "data.export"
REPORT_READ = "report.read"
LETTERS_MAKE = "letters.make"
SYNC_RUN = "sync.run"
SYNC_MANAGE = "sync.manage"
# 控辍 casework (issue 4): read cases; record absences, visits and returns; run a case (包保责任人,
# report, confirm a dropout); the township's own acts (限期返校通知书, referrals, 销号, reopening).
CASE_READ = "case.read"
CASE_RECORD = "case.record"
CASE_MANAGE = "case.manage"
CASE_ENFORCE = "case.enforce"

PERMISSION_LABELS = {
    STUDENT_READ: "查看学生",
    STUDENT_CREATE: "登记学生",
    STUDENT_UPDATE: "修改学生信息",
    STUDENT_DELETE: "删除学生",
    STATUS_CHANGE: "办理学籍异动",
    CHILD_READ: "查看适龄儿童",
    CHILD_WRITE: "修改适龄儿童登记",
    ATTACHMENT_READ: "查看证明材料",
    ACCOUNT_MANAGE: "管理账户",
    AUDIT_READ: "查看审计日志",
    AUDIT_EXPORT: "导出审计日志",
    BACKUP_CREATE: "备份数据库",
    BACKUP_RESTORE: "从备份恢复数据库",
    SETTINGS_MANAGE: "修改系统设置",
    DATA_IMPORT: "导入名册",
    DATA_EXPORT: "导出台账",
    REPORT_READ: "查看报表",
    LETTERS_MAKE: "制作责任状",
    SYNC_RUN: "同步数据",
    SYNC_MANAGE: "配对站点、导出和导入同步包",
    CASE_READ: "查看控辍个案和待办",
    CASE_RECORD: "登记缺课、家访和返校",
    CASE_MANAGE: "办理控辍个案（包保责任人、情况报告、认定辍学）",
    CASE_ENFORCE: "发出限期返校通知书、转介部门、销号",
}

_ALL = frozenset(PERMISSION_LABELS)
_READ = frozenset({STUDENT_READ, CHILD_READ, ATTACHMENT_READ, CASE_READ})

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    ADMIN: _ALL,
    BUREAU: _READ | {AUDIT_READ, AUDIT_EXPORT, DATA_EXPORT, REPORT_READ, SYNC_RUN},
    TOWNSHIP: _READ
    | {STUDENT_CREATE, STUDENT_UPDATE, STUDENT_DELETE, STATUS_CHANGE, CHILD_WRITE, DATA_IMPORT, DATA_EXPORT,
       REPORT_READ, LETTERS_MAKE, SYNC_RUN, CASE_RECORD, CASE_MANAGE, CASE_ENFORCE},
    PRINCIPAL: _READ
    | {STUDENT_CREATE, STUDENT_UPDATE, STUDENT_DELETE, STATUS_CHANGE, DATA_IMPORT, DATA_EXPORT, REPORT_READ,
       LETTERS_MAKE, CASE_RECORD, CASE_MANAGE},
    TEACHER: _READ | {STUDENT_UPDATE, CASE_RECORD},
}  # fmt: skip


def permissions_of(role: str) -> frozenset[str]:
    """What a role may do (nothing for an unknown role)."""
    return ROLE_PERMISSIONS.get(role, frozenset())


def allowed(role: str, permission: str) -> bool:
    """Whether `role` holds `permission`."""
    return permission in permissions_of(role)


def denied_message(role: str, permission: str) -> str:
    """The Chinese sentence shown when a role lacks a permission."""
    label = PERMISSION_LABELS.get(permission, permission)
    if role not in ROLE_PERMISSIONS:
        return f"未知的角色“{role}”，不能{label}。请联系管理员。"
    return f"您的角色（{role}）没有“{label}”的权限。如需办理，请联系管理员。"
