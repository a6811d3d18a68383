"""Which rows travel where: the per-table routing policy of sync, as data.

Sites form a tree: school → its township → the bureau. A package going *up* (to the peer above)
carries every changed row of every travelling table; a package going *down* carries only what is
in the peer's scope: the rows of the school (or of the township's schools), plus what every site
shares (organisation rows, settings, letter templates, calendars without a school).

Rules:
- GLOBAL: every site holds every row (townships, schools, settings, letter templates).
- Columns(school, township): the row belongs to the school / township named in these columns;
  `township_wide`: a row with no school but a township (a township cadre) also reaches the
  township's schools; `null_global`: a row with neither (a default calendar) reaches everyone.
- Via(parents): the row goes where its parent row goes ((table, fk column) pairs; the first
  non-empty one counts). Rows that point at a case follow the case (it stays with the school
  that opened it, also when the pupil transfers), so a site never gets a visit without its case.
- Owner(type column, id column): like Via, the parent table named in a column (attachments,
  conflicts).
- UP_ONLY: travels up only, read-only for the upper levels (the audit log: each site's chain
  arrives whole and can be verified per site).
- LOCAL: never travels (this site's description, user accounts and password hashes, import
  batches, which describe files on this computer).

tests/sync/test_policy.py fails when a travelling table is missing here, so a new table must
choose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """How one table is routed (see the module doc)."""

    kind: str  # "global" | "columns" | "via" | "owner" | "up_only" | "local"
    school: str | None = None
    township: str | None = None
    township_wide: bool = False
    null_global: bool = False
    parents: tuple[tuple[str, str], ...] = ()
    type_column: str | None = None
    id_column: str | None = None


GLOBAL = Rule("global")
LOCAL = Rule("local")
UP_ONLY = Rule("up_only")


def columns(school: str | None = "school_id", township: str | None = None, **kw: bool) -> Rule:
    """A Columns rule."""
    return Rule("columns", school=school, township=township, **kw)


def via(*parents: tuple[str, str]) -> Rule:
    """A Via rule over (parent table, fk column) pairs."""
    return Rule("via", parents=parents)


def owner(type_column: str, id_column: str) -> Rule:
    """An Owner rule: the parent table's name is in `type_column`, its id in `id_column`."""
    return Rule("owner", type_column=type_column, id_column=id_column)


POLICY: dict[str, Rule] = {
    "township": GLOBAL,
    "school": GLOBAL,
    "setting": GLOBAL,
    "letter_template": GLOBAL,
    "site": LOCAL,
    "user_account": LOCAL,
    "import_batch": LOCAL,
    "audit_entry": UP_ONLY,
    "staff": columns("school_id", "township_id", township_wide=True),
    "school_class": columns("school_id"),
    "school_calendar": columns("school_id", null_global=True),
    "calendar_day": via(("school_calendar", "calendar_id")),
    "student": columns("school_id", "township_id"),
    "child": columns(None, "township_id"),
    "guardian": via(("student", "student_id"), ("child", "child_id")),
    "status_change": via(("student", "student_id")),
    "dropout_case": columns("school_id", "township_id"),
    "case_event": via(("dropout_case", "case_id")),
    "absence": via(("dropout_case", "case_id"), ("student", "student_id")),
    "visit": via(("dropout_case", "case_id")),
    "referral": via(("dropout_case", "case_id")),
    "case_notice": via(("dropout_case", "case_id")),
    "letter": columns("school_id", "township_id"),
    "attachment": owner("owner_type", "owner_id"),
    "sync_conflict": owner("table_name", "record_id"),
}

TABLE_LABELS = {
    "township": "乡镇", "school": "学校", "setting": "设置", "letter_template": "责任书模板", "audit_entry": "审计日志",
    "staff": "教职工", "school_class": "班级", "school_calendar": "校历", "calendar_day": "校历日期", "student": "学生",
    "child": "适龄儿童", "guardian": "监护人", "status_change": "学籍异动", "dropout_case": "劝返个案",
    "case_event": "个案记录", "absence": "缺课", "visit": "家访", "referral": "转介", "case_notice": "限期返校通知书",
    "letter": "责任状", "attachment": "证明材料", "sync_conflict": "同步冲突",
}  # fmt: skip
"""Table name → what its rows are, in Chinese (every travelling table has one; messages and the 同步 page)."""


def travelling(table: str) -> bool:
    """Whether rows of `table` ever leave this site."""
    rule = POLICY.get(table)
    return rule is not None and rule.kind != "local"


def children_of(table: str) -> list[tuple[str, str]]:
    """(child table, fk column) of the Via rules whose parent is `table` (what hangs on a row)."""
    return [
        (name, fk)
        for name, rule in POLICY.items()
        if rule.kind == "via"
        for parent, fk in rule.parents
        if parent == table
    ]
