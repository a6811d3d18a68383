"""The monthly reports as one use case: check permission and scope, rebuild the month from the
history, and hand both reports (or one) to the documents or the screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, select

from kongchuo_desktop.services import clock
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.reports import rows as R
from kongchuo_desktop.services.reports.cases import NOT_ATTENDING, cases_at_end
from kongchuo_desktop.services.reports.changes import ChangesReport, build_changes
from kongchuo_desktop.services.reports.dropouts import KEYS, DropoutsReport, build_dropouts
from kongchuo_desktop.services.reports.period import Period, parse_month
from kongchuo_desktop.services.reports.scope import ReportScope, resolve_scope
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School

KINDS = ("changes", "dropouts", "both")
KIND_LABELS = {"changes": "学籍变动月报", "dropouts": "辍学情况月报", "both": "学籍变动月报和辍学情况月报"}


@dataclass
class MonthlyReport:
    """Both monthly reports of one unit and month, with who made them and when.

    changes / dropouts: None when not asked for; made_on: 填报日期; made_by: 填报人 (the actor).
    """

    period: Period
    scope: ReportScope
    changes: ChangesReport | None
    dropouts: DropoutsReport | None
    made_on: dt.date
    made_by: str

    @property
    def adds_up(self) -> bool:
        """False when the 学籍变动月报 found rows that do not add up (then it must not be printed)."""
        return self.changes is None or self.changes.adds_up

    @property
    def title_prefix(self) -> str:
        return f"{self.scope.name}{self.period.label}"

    def problem_line(self) -> str:
        """One Chinese sentence naming the first disagreement, or ""."""
        if self.changes is None or self.changes.adds_up:
            return ""
        ch = self.changes
        if ch.row_problems:
            unit, row = ch.row_problems[0]
            v = row.values
            where = f"{unit}{row.label}"
            first = (
                f"{where}：上月末{v['opening']}＋增加{v['add_total']}－减少{v['remove_total']}＝{v['expected']}，"
                f"但月末为{v['closing']}（相差{v['difference']:+d}）"
            )
        else:
            p = ch.pupil_problems[0]
            first = f"{p.school}{p.name}：{p.details[0]}"
        count = len(ch.pupil_problems)
        return f"数据核对未通过：{first}；共涉及{count}名学生，请核对其学籍异动记录。"

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON (for `kongchuo report monthly --json`)."""
        out: dict[str, Any] = {
            "month": self.period.key,
            "scope": {"kind": self.scope.kind, "name": self.scope.name},
            "adds_up": self.adds_up,
        }
        if self.changes is not None:
            ch = self.changes

            def row(r: R.Row) -> dict[str, Any]:
                return {"label": r.label, **{k: r.values[k] for k in (*R.COLUMN_KEYS, "expected", "difference")}}

            out["changes"] = {
                "grades": [row(r) for r in ch.grade_rows],
                "units": [row(r) for r in ch.unit_rows],
                "problems": [
                    {"student": p.name, "school": p.school, "grade": p.grade, "difference": p.difference,
                     "details": list(p.details)}
                    for p in ch.pupil_problems
                ],
                "notes": ch.notes,
            }  # fmt: skip
        if self.dropouts is not None:
            d = self.dropouts

            def table(rows: list[tuple[str, dict[str, int]]]) -> list[dict[str, Any]]:
                return [{"label": label, **{k: v[k] for k in KEYS}} for label, v in rows]

            out["dropouts"] = {
                "schools": table(d.by_school),
                "grades": table(d.by_grade),
                "reasons": table(d.by_reason),
                "groups": table(d.by_group),
                "names": [
                    {"category": e.category, "name": e.name, "school": e.school, "grade": e.grade,
                     "date": e.day.isoformat() if e.day else None, "reason": e.reason}
                    for e in d.names
                ],
            }  # fmt: skip
        return out


def monthly_report(
    db: Database,
    actor: Actor,
    month: str | Period,
    *,
    township: str | None = None,
    school: str | None = None,
    kind: str = "both",
    today: dt.date | None = None,
) -> MonthlyReport:
    """Both (or one) monthly reports of a township or school (name or id; default: the actor's own
    unit — the city for the bureau and administrators) for `month` ("YYYY-MM" or a Period).

    Refuses: a bad or future month (ValidationError), an actor without 查看报表 or a unit outside
    its scope (PermissionDenied), an unknown unit (NotFoundError).
    """
    today = today or clock.today()
    if kind not in KINDS:
        raise ValidationError({"kind": f"报表种类应为 {'、'.join(KINDS)} 之一"})
    period = month if isinstance(month, Period) else parse_month(month, today)
    with db.read_session() as session:
        scope = resolve_scope(session, actor, township, school)
        schools = _schools_of(session, scope)
        cases = cases_at_end(session, schools, period)
        changes = dropouts = None
        if kind in ("changes", "both"):
            absent = {c.student_id for c in cases if c.status in NOT_ATTENDING}
            changes = build_changes(session, scope, schools, period, today, absent)
        if kind in ("dropouts", "both"):
            dropouts = build_dropouts(session, scope, schools, period, today, cases)
    return MonthlyReport(period, scope, changes, dropouts, today, actor.display_name or actor.user)


def _schools_of(session: Any, scope: ReportScope) -> frozenset[str] | None:
    if scope.kind == "school":
        assert scope.id is not None
        return frozenset({scope.id})
    if scope.kind == "township":
        return frozenset(
            session.execute(
                select(School.id).where(School.township_id == scope.id, School.deleted == false())
            ).scalars()
        )
    return None
