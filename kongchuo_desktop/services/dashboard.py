"""The dashboard's figures (数据看板) and the list behind each bar: new dropouts by month, 入学率 per
township against the 100% target, special-group counts, overdue visits, and the indicator tiles.

`build_dashboard(db, actor)` reads everything for the actor's scope in one session (the page uses
`dashboard_and_breakdown`, which also gives the indicator window's table from the same reading;
both are kept until the next write, services.indicators.results_cache);
`list_behind(db, actor, kind, key, …)` gives the pupils, children or cases behind one bar or point.
Units: a whole-site actor (bureau, administrator) sees townships; township and school actors see
their schools.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.domain.codes import SPECIAL_GROUPS, grade_label
from kongchuo_desktop.domain.status import ACTIVE_STATUSES
from kongchuo_desktop.gc_pause import gc_paused
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import indicators as si
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Case, Child, School, StatusChange, Student, Township

S = Student.__table__.c
SC = StatusChange.__table__.c
C = Case.__table__.c
CH = Child.__table__.c

MONTHS = 12
LIST_LIMIT = 2000
DROPOUTS, ENROLMENT, GROUPS, OVERDUE = "dropouts", "enrolment", "groups", "overdue"
KINDS = (DROPOUTS, ENROLMENT, GROUPS, OVERDUE)
Progress = Callable[[int, int, str], None]
"""progress(done, total, text), as gui.tasks reports it."""
GROUP_LABELS = dict(SPECIAL_GROUPS)
GROUP_LABELS["poverty"] = "脱贫户"  # short enough for an axis label; the list title says 建档立卡 too


@dataclass(frozen=True)
class Series:
    """One line / bar set of a chart: the unit (township or school) and one value per category."""

    key: str
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Bar:
    """One bar: key (unit id or group key), label, value, and the indicator behind it if any."""

    key: str
    label: str
    value: float
    indicator: ind.Indicator | None = None


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows for one actor on one day.

    unit: "乡镇" or "学校" (what the per-unit charts are per); months: the first day of each of the
    last 12 months, oldest first; dropouts: new dropouts per unit and month (only units with any,
    and always the actor's own); enrolment: 入学率 per township with a register (value = percent);
    groups: pupils on roll in each special group; overdue: open cases with a visit overdue, per
    unit (None when the actor may not read cases); tiles: the four indicators of the whole scope;
    notes: what a chart leaves out and why.
    """

    today: dt.date
    unit: str
    scope: str
    months: tuple[dt.date, ...]
    dropouts: tuple[Series, ...]
    enrolment: tuple[Bar, ...]
    groups: tuple[Bar, ...]
    overdue: tuple[Bar, ...] | None
    tiles: si.IndicatorSet
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ListRow:
    """One line of a list behind a bar: cells (as the columns say) and what double-click opens."""

    cells: tuple[str, ...]
    student_id: str | None = None
    case_id: str | None = None
    child_id: str | None = None


@dataclass(frozen=True)
class ListBehind:
    """The pupils, children or cases behind one bar: title, columns, rows (at most LIST_LIMIT), and
    how many there are in all."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[ListRow, ...]
    total: int


# --- helpers --------------------------------------------------------------------------------------
def month_starts(today: dt.date, n: int = MONTHS) -> tuple[dt.date, ...]:
    """The first days of the last n months, the current one last."""
    out = []
    year, month = today.year, today.month
    for _ in range(n):
        out.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(reversed(out))


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s."""
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _student_scope(township_id: str | None, school_id: str | None) -> list[ColumnElement[bool]]:
    terms: list[ColumnElement[bool]] = [S.deleted == False]  # noqa: E712
    if school_id is not None:
        terms.append(S.school_id == school_id)
    elif township_id is not None:
        terms.append(S.township_id == township_id)
    return terms


def _case_scope(township_id: str | None, school_id: str | None) -> list[ColumnElement[bool]]:
    terms: list[ColumnElement[bool]] = [C.is_open == True, C.deleted == False]  # noqa: E712
    if school_id is not None:
        terms.append(C.school_id == school_id)
    elif township_id is not None:
        terms.append(C.township_id == township_id)
    return terms


def group_condition(key: str) -> ColumnElement[bool]:
    """The condition on a pupil for a special group (SPECIAL_GROUPS keys)."""
    if key not in GROUP_LABELS:
        raise ValidationError({"group": f"未知的特殊群体“{key}”"})
    if key == "left_behind":
        return S.left_behind != "无"
    if key == "disability_type":
        return S.disability_type.is_not(None)
    return S[key] == True  # noqa: E712


def _unit_of(actor_scope: tuple[str | None, str | None]) -> str:
    township_id, school_id = actor_scope
    return "学校" if township_id is not None or school_id is not None else "乡镇"


def _names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    towns = {tid: name for tid, name in session.execute(select(Township.id, Township.name))}
    schools = {sid: name for sid, name in session.execute(select(School.id, School.name))}
    return towns, schools


# --- the dashboard --------------------------------------------------------------------------------
def build_dashboard(db: Database, actor: Actor, today: dt.date | None = None, year: int | None = None) -> Dashboard:
    """The dashboard of the actor's scope as of `today` (indicators for school year `year`,
    default the current one); computed once per data version (services.indicators.results_cache)."""
    return dashboard_and_breakdown(db, actor, today, year, with_breakdown=False)[0]


def dashboard_and_breakdown(
    db: Database,
    actor: Actor,
    today: dt.date | None = None,
    year: int | None = None,
    progress: Progress | None = None,
    with_breakdown: bool = True,
) -> tuple[Dashboard, list[si.BreakdownRow]]:
    """The dashboard and the indicators per township and school (the indicator window's table, as
    indicator_breakdown gives them) from one reading of the data; each is computed once per data
    version, scope, day, school year and settings, and kept in memory. progress(done, total, text)
    is called between the steps when something has to be computed."""
    today = today or clock.today()
    period = si.period_for(year, today)
    cache = si.results_cache(db)
    report = progress or _quiet
    with db.read_session() as session, gc_paused():  # millions of records, no reference cycles
        township_id, school_id = si.resolve_scope(session, actor, None, None)
        settings = si.settings_key(session)
        version = si.data_version(session)
        figures_key = ("dashboard", township_id, school_id, actor.can(perms.CASE_READ), today, period, *settings)
        rows_key = si.result_key("breakdown", township_id, school_id, period, settings)
        figures = cache.get(version, figures_key)
        rows = cache.get(version, rows_key) if with_breakdown else ()
        if figures is not None and rows is not None:
            return figures, list(rows)  # type: ignore[return-value,call-overload]
        report(0, 3, "正在读取学籍和学籍异动……")
        data = si.load(session, township_id, school_id)
        if figures is None:
            report(1, 3, "正在计算指标和图表……")
            figures = _figures(session, actor, data, today, period, township_id, school_id)
            cache.put(version, figures_key, figures)
        if rows is None:
            report(2, 3, "正在按乡镇和学校计算指标……")
            rows = tuple(si.breakdown_of(data, period, township_id, school_id))
            cache.put(version, rows_key, rows)
    report(3, 3, "")
    return figures, list(rows)  # type: ignore[return-value,call-overload]


def _quiet(_done: int, _total: int, _text: str) -> None:
    pass


def _figures(
    session: Session,
    actor: Actor,
    data: si.Loaded,
    today: dt.date,
    period: ind.Period,
    township_id: str | None,
    school_id: str | None,
) -> Dashboard:
    """The dashboard's figures from the loaded data and a few counts."""
    unit = _unit_of((township_id, school_id))
    towns, schools = _names(session)
    tiles = si.indicators_of(data, data.pupils, period, township_id, school_id)
    months = month_starts(today)
    dropouts = _dropout_series(session, township_id, school_id, unit, months, towns, schools)
    notes: dict[str, str] = {}
    enrolment: list[Bar] = []
    if school_id is None:
        register_towns = sorted((t for t in data.children if t is not None), key=lambda t: towns.get(t, ""))
        for town in register_towns:  # (入学率 only: the other three are not drawn per township)
            indicator = si.enrolment_of(data, period, town)
            enrolment.append(Bar(town, towns.get(town, ""), indicator.value or 0.0, indicator))
        if not enrolment:
            notes[ENROLMENT] = si.NO_REGISTER
        elif township_id is None and len(enrolment) < len(towns):
            missing = len(towns) - len(enrolment)
            notes[ENROLMENT] = f"另有 {missing} 个乡镇没有登记适龄儿童，未列出"
    else:
        notes[ENROLMENT] = si.NOT_FOR_SCHOOLS
    groups = _group_counts(session, township_id, school_id)
    overdue: tuple[Bar, ...] | None = None
    if actor.can(perms.CASE_READ):
        overdue = _overdue(session, township_id, school_id, unit, today, towns, schools)
    else:
        notes[OVERDUE] = "您的角色不能查看控辍个案"
    return Dashboard(today, unit, tiles.scope, months, dropouts, tuple(enrolment), groups, overdue, tiles, notes)


def _dropout_series(
    session: Session,
    township_id: str | None,
    school_id: str | None,
    unit: str,
    months: tuple[dt.date, ...],
    towns: dict[str, str],
    schools: dict[str, str],
) -> tuple[Series, ...]:
    unit_col = S.school_id if unit == "学校" else S.township_id
    start, end = months[0], next_month(months[-1])
    counts: dict[str | None, list[int]] = defaultdict(lambda: [0] * len(months))
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    for key, day in session.execute(
        select(unit_col, SC.changed_on)
        .join(Student.__table__, S.id == SC.student_id)
        .where(SC.kind == "辍学", SC.deleted == False, SC.changed_on >= start, SC.changed_on < end,  # noqa: E712
               *_student_scope(township_id, school_id))  # fmt: skip
    ):
        counts[key][index[(day.year, day.month)]] += 1
    own = school_id if unit == "学校" and school_id else None
    if own is not None:
        counts[own]  # noqa: B018 — the actor's own school shows even with no dropouts
    names = schools if unit == "学校" else towns
    series = [Series(key or "", names.get(key or "", "（未知）"), tuple(values)) for key, values in counts.items()]
    return tuple(sorted(series, key=lambda s: s.label))


def _group_counts(session: Session, township_id: str | None, school_id: str | None) -> tuple[Bar, ...]:
    terms = [*_student_scope(township_id, school_id), S.status.in_(ACTIVE_STATUSES)]
    bars = []
    for key, _label in SPECIAL_GROUPS:
        n = session.execute(select(func.count()).select_from(Student.__table__).where(*terms, group_condition(key)))
        bars.append(Bar(key, GROUP_LABELS[key], float(n.scalar_one())))
    return tuple(bars)


def _overdue(
    session: Session,
    township_id: str | None,
    school_id: str | None,
    unit: str,
    today: dt.date,
    towns: dict[str, str],
    schools: dict[str, str],
) -> tuple[Bar, ...]:
    # The same condition as the to-do list's 已逾期的走访 group (services.todo).
    unit_col = C.school_id if unit == "学校" else C.township_id
    rows = session.execute(
        select(unit_col, func.count())
        .where(*_case_scope(township_id, school_id), C.visit_due_on < today)
        .group_by(unit_col)
    ).all()
    names = schools if unit == "学校" else towns
    bars = [Bar(key or "", names.get(key or "", "（未知）"), float(n)) for key, n in rows]
    return tuple(sorted(bars, key=lambda b: b.label))


# --- the lists behind the bars --------------------------------------------------------------------
def list_behind(
    db: Database,
    actor: Actor,
    kind: str,
    key: str,
    month: dt.date | None = None,
    today: dt.date | None = None,
    year: int | None = None,
) -> ListBehind:
    """The rows behind one bar or point: kind DROPOUTS (key: unit id, month: its first day),
    ENROLMENT (key: township id), GROUPS (key: a SPECIAL_GROUPS key) or OVERDUE (key: unit id)."""
    today = today or clock.today()
    with db.read_session() as session:
        township_id, school_id = si.resolve_scope(session, actor, None, None)
        unit = _unit_of((township_id, school_id))
        towns, schools = _names(session)
        unit_name = (schools if unit == "学校" else towns).get(key, "")
        if kind == DROPOUTS:
            if month is None:
                raise ValidationError({"month": "请指定月份"})
            return _dropout_list(session, township_id, school_id, unit, key, unit_name, month, schools)
        if kind == GROUPS:
            return _group_list(session, township_id, school_id, key, schools)
        if kind == OVERDUE:
            actor.require(perms.CASE_READ)
            return _overdue_list(session, township_id, school_id, unit, key, unit_name, today, schools)
        if kind == ENROLMENT:
            if school_id is not None:
                raise ValidationError({"township": si.NOT_FOR_SCHOOLS})
            if township_id is not None and key != township_id:
                raise PermissionDenied("您只能查看本乡镇的适龄儿童。")
            period = si.period_for(year, today)
            return _enrolment_list(session, key, towns.get(key, ""), period)
    raise ValidationError({"kind": f"未知的列表“{kind}”"})


def _unit_term(unit: str, key: str) -> ColumnElement[bool]:
    return S.school_id == key if unit == "学校" else S.township_id == key


def _dropout_list(
    session: Session,
    township_id: str | None,
    school_id: str | None,
    unit: str,
    key: str,
    unit_name: str,
    month: dt.date,
    schools: dict[str, str],
) -> ListBehind:
    start = dt.date(month.year, month.month, 1)
    where = and_(SC.kind == "辍学", SC.deleted == False, SC.changed_on >= start,  # noqa: E712
                 SC.changed_on < next_month(start), _unit_term(unit, key), *_student_scope(township_id, school_id))  # fmt: skip
    rows = session.execute(
        select(SC.id, SC.changed_on, SC.reason, S.id, S.name, S.school_id, S.grade, S.class_no, S.status)
        .join(Student.__table__, S.id == SC.student_id)
        .where(where)
        .order_by(SC.changed_on, S.name_pinyin)
    ).all()
    student_ids = [r[3] for r in rows]
    cases = _cases_of(session, student_ids, {r[0] for r in rows})
    out = []
    for change_id, day, reason, sid, name, school, grade, class_no, status in rows:
        case_id, number = cases.get(change_id) or cases.get(sid) or (None, "")
        cells = (name, schools.get(school or "", ""), _class_text(grade, class_no), f"{day:%Y-%m-%d}",
                 reason or "", status, number)  # fmt: skip
        out.append(ListRow(cells, sid, case_id))
    title = f"{unit_name} {start:%Y年%m月} 新增辍学（{len(out)} 人）"
    columns = ("姓名", "学校", "年级班级", "辍学日期", "原因", "现在的学籍状态", "个案编号")
    return ListBehind(title, columns, tuple(out), len(out))


def _cases_of(session: Session, student_ids: list[str], change_ids: set[str]) -> dict[str, tuple[str, str]]:
    """Case (id, number) by the dropout change it recorded, else by pupil (their latest case)."""
    found: dict[str, tuple[str, str]] = {}
    for chunk in range(0, len(student_ids), 500):
        part = student_ids[chunk : chunk + 500]
        for cid, number, sid, change in session.execute(
            select(C.id, C.number, C.student_id, C.dropout_change_id)
            .where(C.student_id.in_(part), C.deleted == False)  # noqa: E712
            .order_by(C.opened_on)
        ):
            found[sid] = (cid, number)
            if change in change_ids:
                found[change] = (cid, number)
    return found


def _class_text(grade: int | None, class_no: int | None) -> str:
    if grade is None:
        return ""
    return grade_label(grade) + (f"{class_no}班" if class_no else "")


def _group_list(
    session: Session, township_id: str | None, school_id: str | None, key: str, schools: dict[str, str]
) -> ListBehind:
    where = [*_student_scope(township_id, school_id), S.status.in_(ACTIVE_STATUSES), group_condition(key)]
    total = int(session.execute(select(func.count()).select_from(Student.__table__).where(*where)).scalar_one())
    detail = {"left_behind": S.left_behind, "disability_type": S.disability_type}.get(key)
    cols = [S.id, S.name, S.sex, S.school_id, S.grade, S.class_no, S.status]
    rows = session.execute(
        select(*cols, detail if detail is not None else S.status)
        .where(*where)
        .order_by(S.school_id, S.grade, S.class_no, S.name_pinyin)
        .limit(LIST_LIMIT)
    ).all()
    out = []
    for sid, name, sex, school, grade, class_no, status, extra in rows:
        cells = (name, sex, schools.get(school or "", ""), _class_text(grade, class_no), status,
                 str(extra) if detail is not None else "")  # fmt: skip
        out.append(ListRow(cells, sid))
    label = dict(SPECIAL_GROUPS)[key]
    title = f"{label}学生（在籍 {total:,} 人）"
    columns = ("姓名", "性别", "学校", "年级班级", "学籍状态", {"left_behind": "留守情况", "disability_type": "残疾类型"}.get(key, ""))
    return ListBehind(title, columns, tuple(out), total)


def _overdue_list(
    session: Session,
    township_id: str | None,
    school_id: str | None,
    unit: str,
    key: str,
    unit_name: str,
    today: dt.date,
    schools: dict[str, str],
) -> ListBehind:
    unit_term = C.school_id == key if unit == "学校" else C.township_id == key
    where = [*_case_scope(township_id, school_id), C.visit_due_on < today, unit_term]
    rows = session.execute(
        select(C.id, C.number, C.student_id, C.school_id, C.status, C.visit_action, C.visit_due_on, S.name, S.grade,
               S.class_no)
        .join(Student.__table__, S.id == C.student_id)
        .where(*where)
        .order_by(C.visit_due_on, C.id)
    ).all()  # fmt: skip
    from kongchuo_desktop.domain import escalation as esc

    out = []
    for cid, number, sid, school, status, action, due, name, grade, class_no in rows:
        cells = (name, schools.get(school or "", ""), _class_text(grade, class_no), number, status,
                 esc.DUE_LABELS.get(action or "", "走访"), f"{due:%Y-%m-%d}", f"{(today - due).days} 天")  # fmt: skip
        out.append(ListRow(cells, sid, cid))
    title = f"{unit_name} 已逾期的走访（{len(out)} 个个案）"
    columns = ("学生", "学校", "年级班级", "个案编号", "个案状态", "应办事项", "到期日", "逾期")
    return ListBehind(title, columns, tuple(out), len(out))


def _enrolment_list(session: Session, township_id: str, town_name: str, period: ind.Period) -> ListBehind:
    data = si.load(session, township_id, None)
    defs = data.definitions
    by_id = {child.id: child for child in si.children_on(data, township_id, period.end)}
    rows = session.execute(
        select(CH.id, CH.name, CH.sex, CH.birth_date, CH.hukou_village, CH.situation, CH.student_id)
        .where(CH.deleted == False, CH.township_id == township_id)  # noqa: E712
        .order_by(CH.name_pinyin)
    ).all()
    listed: list[tuple[bool, ListRow]] = []
    for cid, name, sex, birth, village, situation, _student in rows:
        child = by_id[cid]
        if not ind.in_age_window(child.birth_date, period.year, defs, data.cutoff):
            continue
        result = ind.classify_child(child, defs)
        if not result.counted:
            continue
        status = child.pupil_status or "—"
        cells = (name, sex or "", f"{birth:%Y-%m-%d}" if birth else "", village or "", situation, status,
                 "已入学" if result.enrolled else "未入学")  # fmt: skip
        listed.append((result.enrolled, ListRow(cells, child_id=cid)))
    listed.sort(key=lambda item: item[0])  # the not-enrolled first, each part in name order
    not_enrolled = sum(1 for enrolled, _ in listed if not enrolled)
    title = f"{town_name} 适龄儿童 {len(listed):,} 人，其中未入学 {not_enrolled:,} 人（{period.label}）"
    columns = ("姓名", "性别", "出生日期", "户籍村", "登记情况", "学籍状态", "入学率中计为")
    return ListBehind(title, columns, tuple(row for _e, row in listed), len(listed))
