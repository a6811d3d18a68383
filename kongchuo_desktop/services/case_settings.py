"""The escalation rules (a setting with defaults) and the school calendars casework counts in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain import school_calendar as sc
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.settings_store import SettingsRecord
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import CalendarDay, School, SchoolCalendar

RULES_KEY = "case_rules"


def _rules_or_defaults(values: dict[str, object]) -> esc.EscalationRules:
    # stored values that no longer make sense are ignored rather than blocking casework
    try:
        return esc.rules_from(values)
    except esc.CaseRuleError:
        return esc.EscalationRules()


RULES = SettingsRecord(
    key=RULES_KEY,
    read_permission=perms.CASE_READ,
    summary="修改控辍预警规则",
    check=esc.check_rules,
    build=esc.rules_from,
    tolerant=_rules_or_defaults,
)


def load_rules(session: Session) -> esc.EscalationRules:
    """The rules in force (defaults for anything not set, or for all when what is stored no longer makes sense)."""
    return RULES.load(session)


def get_rules(db: Database, actor: Actor) -> esc.EscalationRules:
    """The rules in force, for the settings page."""
    return RULES.get(db, actor)


def save_rules(db: Database, actor: Actor, values: dict[str, int]) -> esc.EscalationRules:
    """Change rules (only the names given); open cases' due dates are recomputed."""
    rules, changes = RULES.save(db, actor, values)
    if changes:
        from kongchuo_desktop.services.cases import recompute_open_cases

        recompute_open_cases(db, actor)
    return rules


# --- calendars ------------------------------------------------------------------------------
def _year_from_rows(row: SchoolCalendar, days: Iterable[CalendarDay]) -> sc.YearCalendar:
    terms = [(row.term1_start, row.term1_end)]
    if row.term2_start is not None and row.term2_end is not None:
        terms.append((row.term2_start, row.term2_end))
    weekend = [int(ch) for ch in (row.weekend or "") if ch.isdigit()]
    return sc.make_year(row.school_year, terms, [(d.day, d.kind, d.name or "") for d in days], weekend)


class BookCache:
    """Calendar books per school within one session (a batch recomputing many cases reads each once)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._books: dict[str | None, sc.CalendarBook] = {}

    def book(self, school_id: str | None) -> sc.CalendarBook:
        """The calendar book of a school (site-wide calendars where the school has none of its own)."""
        found = self._books.get(school_id)
        if found is None:
            found = self._books[school_id] = calendar_book(self.session, school_id)
        return found


def calendar_book(session: Session, school_id: str | None) -> sc.CalendarBook:
    """Every set-up school year for a school: its own calendar where it has one, else the site-wide one."""
    cond: ColumnElement[bool] = SchoolCalendar.school_id.is_(None)
    if school_id is not None:
        cond = or_(cond, SchoolCalendar.school_id == school_id)
    rows = session.execute(select(SchoolCalendar).where(cond, SchoolCalendar.deleted.is_(False))).scalars().all()
    chosen: dict[int, SchoolCalendar] = {}
    for row in sorted(rows, key=lambda r: (r.school_id is not None, r.updated_at)):
        chosen[row.school_year] = row  # a school's own calendar wins over the site-wide one
    if not chosen:
        return sc.CalendarBook()
    days: dict[str, list[CalendarDay]] = {}
    for day in session.execute(
        select(CalendarDay).where(
            CalendarDay.calendar_id.in_([r.id for r in chosen.values()]), CalendarDay.deleted.is_(False)
        )
    ).scalars():
        days.setdefault(day.calendar_id, []).append(day)
    return sc.CalendarBook(_year_from_rows(row, days.get(row.id, [])) for row in chosen.values())


@dataclass(frozen=True)
class CalendarInfo:
    """A school year's calendar as the settings page shows it: the calendar, and whether it was
    set up (False: the built-in default) and for which school (None: every school)."""

    calendar: sc.YearCalendar
    stored: bool
    school_id: str | None


def get_year_calendar(db: Database, actor: Actor, year: int, school_id: str | None = None) -> CalendarInfo:
    """The calendar of one school year (the school's own, else the site-wide one, else the default)."""
    actor.require(perms.CASE_READ)
    with db.read_session() as session:
        stmt = select(SchoolCalendar).where(SchoolCalendar.school_year == year, SchoolCalendar.deleted.is_(False))
        rows = session.execute(stmt).scalars().all()
        own = [r for r in rows if r.school_id == school_id and school_id is not None]
        shared = [r for r in rows if r.school_id is None]
        found = own or shared
        if not found:
            return CalendarInfo(sc.default_year(year), False, None)
        row = found[-1]
        days = session.execute(
            select(CalendarDay).where(CalendarDay.calendar_id == row.id, CalendarDay.deleted.is_(False))
        ).scalars()
        return CalendarInfo(_year_from_rows(row, days), True, row.school_id)


def save_year_calendar(db: Database, actor: Actor, cal: sc.YearCalendar, school_id: str | None = None) -> str:
    """Store a school year's calendar (for one school, or every school when school_id is None),
    replacing what was there; open cases are recomputed. Returns the calendar's id."""
    actor.require(perms.SETTINGS_MANAGE)
    problems = sc.check_year(cal)
    if len(cal.terms) > 2:
        problems["terms"] = "一个学年最多两个学期"
    if problems:
        raise ValidationError(problems)
    with db.transaction(user=actor.user) as session:
        if school_id is not None:
            school = session.get(School, school_id)
            if school is None:
                raise ValidationError({"school_id": "所选学校不存在"})
            actor.require_school(school.id, school.township_id)
        row = (
            session.execute(
                select(SchoolCalendar).where(
                    SchoolCalendar.school_year == cal.year,
                    SchoolCalendar.school_id.is_(None) if school_id is None else SchoolCalendar.school_id == school_id,
                    SchoolCalendar.deleted.is_(False),
                )
            )
            .scalars()
            .first()
        )
        (t1s, t1e), *rest = cal.terms
        t2 = rest[0] if rest else (None, None)
        values = {
            "term1_start": t1s, "term1_end": t1e, "term2_start": t2[0], "term2_end": t2[1],
            "weekend": "".join(str(d) for d in sorted(cal.weekend)),
        }  # fmt: skip
        if row is None:
            row = SchoolCalendar(school_year=cal.year, school_id=school_id, **values)
            session.add(row)
            session.flush()
            audit.record(session, "create", "school_calendar", row.id, {k: (None, v) for k, v in values.items()})
        else:
            changes = {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}
            for key, (_old, new) in changes.items():
                setattr(row, key, new)
            if changes:
                audit.record(session, "update", "school_calendar", row.id, changes)
        existing = {
            d.day: d
            for d in session.execute(
                select(CalendarDay).where(CalendarDay.calendar_id == row.id, CalendarDay.deleted.is_(False))
            ).scalars()
        }
        wanted: dict[dt.date, tuple[str, str | None]] = {}
        for day in cal.holidays:
            wanted[day] = (sc.HOLIDAY, cal.names.get(day))
        for day in cal.makeup_days:
            wanted[day] = (sc.MAKEUP, cal.names.get(day))
        for day, item in existing.items():
            if day not in wanted:
                item.deleted = True
        for day, (kind, name) in wanted.items():
            known = existing.get(day)
            if known is None:
                session.add(CalendarDay(calendar_id=row.id, day=day, kind=kind, name=name))
            elif (known.kind, known.name) != (kind, name):
                known.kind, known.name = kind, name
        calendar_id = row.id
    from kongchuo_desktop.services.cases import recompute_open_cases

    recompute_open_cases(db, actor, school_id=school_id)
    return calendar_id
