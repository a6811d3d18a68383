"""Indicators per township, school and school year (入学率, 九年巩固率, 辍学率, 保留率), read from the
dated 学籍异动 history and the children's register, within the actor's scope.

`compute_indicators(db, actor, year, township_id=…, school_id=…)` gives the four indicators of one
scope; `indicator_breakdown(db, actor, year)` gives them for every township and school the actor
may see (the indicator window's table). The formulas and their definitions are in
domain.indicators; the definition choices are the setting read by services.indicator_settings.
Pupils are read as plain SQL tuples (`load`); results are kept in memory per database, scope,
period and settings until the next write (`results_cache`, `data_version`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.domain import school_age
from kongchuo_desktop.gc_pause import gc_paused
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.crosscheck import settings_of
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.indicator_settings import load_definitions
from kongchuo_desktop.store.changes import current_change_seq, current_hlc
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School, Township

GRADES_OF_KIND = {"小学": range(1, 7), "初中": range(7, 10), "九年一贯制": range(1, 10), "特教学校": range(1, 10)}
NOT_FOR_SCHOOLS = "不适用：入学率按乡镇的适龄儿童登记计算，学校没有自己的适龄儿童名单"
NOT_NINE_YEAR = "不适用：本校不是九年一贯制学校，九年巩固率按乡镇计算"
NO_REGISTER = "未登记适龄儿童：请先导入本乡镇的适龄儿童登记"
WHOLE = "全部乡镇"


@dataclass(frozen=True)
class IndicatorSet:
    """The four indicators of one scope and period.

    scope: the scope in words (a township's or school's name, or 全部乡镇); township_id /
    school_id: what it covers (None = wider); period: the school year as far as it has gone;
    definitions: the choices in force; indicators: key → Indicator (domain.indicators.KEYS order);
    first_recorded: the first school year the register's history is complete from (None: not even
    the current one).
    """

    scope: str
    township_id: str | None
    school_id: str | None
    period: ind.Period
    definitions: ind.Definitions
    indicators: dict[str, ind.Indicator]
    first_recorded: int | None = None

    def __getitem__(self, key: str) -> ind.Indicator:
        return self.indicators[key]


@dataclass(frozen=True)
class BreakdownRow:
    """One line of the per-township / per-school table: level ("乡镇" or "学校"), ids and names, and
    the four indicators of that unit."""

    level: str
    township_id: str | None
    school_id: str | None
    name: str
    township_name: str
    indicators: IndicatorSet


@dataclass
class Loaded:
    """What the indicators are computed from, read once in one session.

    pupils: every pupil in the scope (domain PupilRecord with their 学籍异动); children: the
    township registers in scope, by township id (ChildRecord without the pupil status, plus the
    linked student id); linked: pupils linked from those children (possibly outside the scope);
    schools: id → (name, township id, kind); townships: id → name.
    """

    pupils: list[ind.PupilRecord] = field(default_factory=list)
    children: dict[str | None, list[tuple[ind.ChildRecord, str | None]]] = field(default_factory=dict)
    linked: dict[str, ind.PupilRecord] = field(default_factory=dict)
    schools: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)
    townships: dict[str, str] = field(default_factory=dict)
    cutoff: school_age.Cutoff = school_age.DEFAULT_CUTOFF
    definitions: ind.Definitions = field(default_factory=ind.Definitions)


# --- scope ----------------------------------------------------------------------------------------
def resolve_scope(
    session: Session, actor: Actor, township_id: str | None, school_id: str | None
) -> tuple[str | None, str | None]:
    """The (township, school) to compute for, within the actor's scope (PermissionDenied outside
    it, NotFoundError for an unknown one). A school actor always gets their school."""
    actor.require(perms.REPORT_READ)
    if actor.school_id is not None:
        if school_id not in (None, actor.school_id) or township_id is not None:
            raise PermissionDenied("您只能查看本校的指标。")
        school_id = actor.school_id
    elif actor.township_id is not None:
        if township_id not in (None, actor.township_id):
            raise PermissionDenied("您只能查看本乡镇的指标。")
        township_id = actor.township_id
    if school_id is not None:
        school = session.get(School, school_id)
        if school is None or school.deleted:
            raise NotFoundError("找不到这所学校。")
        if actor.township_id is not None and school.township_id != actor.township_id:
            raise PermissionDenied("您只能查看本乡镇学校的指标。")
        return school.township_id, school_id
    if township_id is not None:
        town = session.get(Township, township_id)
        if town is None or town.deleted:
            raise NotFoundError("找不到这个乡镇。")
    return township_id, None


def period_for(year: str | int | None, today: dt.date | None = None) -> ind.Period:
    """The period of a school year ("2025-2026", 2025; None = the current one) as of today."""
    today = today or clock.today()
    try:
        first = ind.year_of(today) if year is None else school_age.parse_school_year(year)
        return ind.period_of(first, today)
    except ValueError as exc:
        raise ValidationError({"school_year": str(exc)}) from exc


# --- loading --------------------------------------------------------------------------------------
# Plain SQL read as tuples (no ORM objects, no per-row type processing): at a city's 1,000,000 pupils
# and 600,000 学籍异动 the records are built straight from the rows. Dates come as ISO text.
PUPIL_SQL = "SELECT id, school_id, township_id, grade, status, enrolled_on FROM student WHERE deleted = 0"
CHANGE_COLUMNS = "SELECT student_id, kind, changed_on, status_before, status_after FROM status_change"
CHANGE_ORDER = " ORDER BY student_id, changed_on, updated_at"
# The whole table: one scan and a sort beats walking the history index (a row lookup per change).
ALL_CHANGES_SQL = CHANGE_COLUMNS + " NOT INDEXED WHERE deleted = 0" + CHANGE_ORDER
CHILD_SQL = "SELECT id, township_id, birth_date, situation, student_id FROM child WHERE deleted = 0"
ID_CHUNK = 500


class _Days(dict[str, dt.date]):
    """ISO date text → date, each distinct day parsed once (a city's records share a few thousand)."""

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = dt.date.fromisoformat(text[:10])
        return day

    def of(self, text: str | None) -> dt.date | None:
        """The date of a text, None for None."""
        return None if text is None else self[text]


def _rows(session: Session, sql: str, params: tuple[object, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The rows of a plain SQL query, as the driver's tuples, on the session's connection (the
    driver's cursor directly: SQLAlchemy's per-row fetch would triple the reading time)."""
    cursor = session.connection().connection.cursor()
    cursor.execute(sql, params)
    return iter(cursor)


def load_pupils(
    session: Session,
    township_id: str | None = None,
    school_id: str | None = None,
    ids: Iterable[str] | None = None,
) -> list[ind.PupilRecord]:
    """Live pupils of a school, else a township, else those with the given ids, else all of them;
    each with their 学籍异动 in date order."""
    if school_id is not None:
        where, params = " AND school_id = ?", (school_id,)
    elif township_id is not None:
        where, params = " AND township_id = ?", (township_id,)
    elif ids is not None:
        wanted = sorted(set(ids))
        pupils: list[ind.PupilRecord] = []
        for chunk in range(0, len(wanted), ID_CHUNK):
            part = tuple(wanted[chunk : chunk + ID_CHUNK])
            pupils += _load_pupils(session, f" AND id IN ({', '.join('?' * len(part))})", part)
        return pupils
    else:
        where, params = "", ()
    return _load_pupils(session, where, params)


def _load_pupils(session: Session, where: str, params: tuple[object, ...]) -> list[ind.PupilRecord]:
    kinds = dict(_rows(session, "SELECT id, kind FROM school"))
    days = _Days()
    if where:
        sql = f"{CHANGE_COLUMNS} WHERE deleted = 0 AND student_id IN (SELECT id FROM student WHERE deleted = 0{where})"
        sql += CHANGE_ORDER
    else:
        sql = ALL_CHANGES_SQL
    change, record, no_changes = ind.Change._make, ind.PupilRecord._make, ()
    with gc_paused():  # a million records and no reference cycles
        changes = {
            sid: tuple([change((kind, days[day], before, after)) for _sid, kind, day, before, after in group])
            for sid, group in groupby(_rows(session, sql, params), itemgetter(0))
        }
        day_of = days.of
        return [
            record((sid, school, town, grade, status, day_of(entry), changes.get(sid, no_changes), kinds.get(school)))
            for sid, school, town, grade, status, entry in _rows(session, PUPIL_SQL + where, params)
        ]


def load(session: Session, township_id: str | None, school_id: str | None) -> Loaded:
    """Read the scope's pupils, registers, schools and townships, and the settings."""
    data = Loaded()
    data.cutoff, _tolerance = settings_of(session)
    data.definitions = load_definitions(session)
    data.townships = dict(_rows(session, "SELECT id, name FROM township WHERE deleted = 0"))
    data.schools = {
        sid: (name, town, kind)
        for sid, name, town, kind in _rows(session, "SELECT id, name, township_id, kind FROM school WHERE deleted = 0")
    }
    if school_id is not None:
        data.pupils = load_pupils(session, school_id=school_id)
        return data  # schools have no register of their own (入学率 is the township's)
    data.pupils = load_pupils(session, township_id=township_id)
    where, params = (" AND township_id = ?", (township_id,)) if township_id is not None else ("", ())
    days = _Days()
    links: set[str] = set()
    child = ind.ChildRecord
    with gc_paused():
        for cid, town, birth, situation, student_id in _rows(session, CHILD_SQL + where, params):
            data.children.setdefault(town, []).append((child(cid, days.of(birth), situation), student_id))
            if student_id:
                links.add(student_id)
    data.linked = {p.id: p for p in data.pupils if p.id in links}
    missing = links - set(data.linked)
    if missing:
        data.linked.update((p.id, p) for p in load_pupils(session, ids=missing))
    return data


# --- computing ------------------------------------------------------------------------------------
def children_on(data: Loaded, township_id: str | None, day: dt.date) -> list[ind.ChildRecord]:
    """The register(s) of a township (None = all), each child with their 学籍 status on `day`."""
    towns = [township_id] if township_id is not None else list(data.children)
    out = []
    for town in towns:
        for child, student_id in data.children.get(town, []):
            pupil = data.linked.get(student_id) if student_id else None
            status = ind.status_on(pupil, day) if pupil is not None else None
            out.append(ind.ChildRecord(child.id, child.birth_date, child.situation, status))
    return out


def grades_taught(data: Loaded, township_id: str | None, school_id: str | None) -> set[int]:
    """The grades the scope's schools teach (by school kind)."""
    grades: set[int] = set()
    for sid, (_name, town, kind) in data.schools.items():
        if (school_id is None or sid == school_id) and (township_id is None or town == township_id):
            grades.update(GRADES_OF_KIND.get(kind, range(1, 10)))
    return grades


def enrolment_of(data: Loaded, period: ind.Period, township_id: str | None) -> ind.Indicator:
    """入学率 of a township (None = all) from its children's register, as `indicators_of` gives it."""
    register = [c for town, rows in data.children.items() for c in rows if township_id in (None, town)]
    if not register:
        return ind.unavailable(
            ind.ENROLMENT, NO_REGISTER, ind.definition_lines(data.definitions, ind.ENROLMENT, data.cutoff)
        )
    children = children_on(data, township_id, period.end)
    return ind.enrolment_rate(children, period.year, data.definitions, data.cutoff)


def indicators_of(
    data: Loaded,
    pupils: list[ind.PupilRecord],
    period: ind.Period,
    township_id: str | None,
    school_id: str | None,
) -> IndicatorSet:
    """The four indicators of one unit from loaded data (`pupils`: that unit's pupils)."""
    defs = data.definitions
    year, end, current = period.year, period.end, period.current_year
    grades = grades_taught(data, township_id, school_id)
    first = ind.recorded_years(pupils, grades, current)
    results: dict[str, ind.Indicator] = {}
    if school_id is not None:
        results[ind.ENROLMENT] = ind.unavailable(ind.ENROLMENT, NOT_FOR_SCHOOLS)
        kind = data.schools.get(school_id, ("", None, ""))[2]
        if not {1, 9} <= set(GRADES_OF_KIND.get(kind, ())) or kind == "特教学校":
            results[ind.CONSOLIDATION] = ind.unavailable(
                ind.CONSOLIDATION, NOT_NINE_YEAR, ind.definition_lines(defs, ind.CONSOLIDATION)
            )
        scope = data.schools.get(school_id, ("",))[0]
    else:
        results[ind.ENROLMENT] = enrolment_of(data, period, township_id)
        scope = data.townships.get(township_id, "") if township_id is not None else WHOLE
    if ind.CONSOLIDATION not in results:
        results[ind.CONSOLIDATION] = ind.consolidation_rate(pupils, year, end, current, defs, first)
    results[ind.DROPOUT] = ind.dropout_rate(pupils, year, end, current, defs)
    results[ind.RETENTION] = ind.retention_rate(pupils, year, end, current, defs)
    ordered = {key: results[key] for key in ind.KEYS}
    return IndicatorSet(scope, township_id, school_id, period, defs, ordered, first)


def compute_indicators(
    db: Database,
    actor: Actor,
    year: str | int | None = None,
    township_id: str | None = None,
    school_id: str | None = None,
    today: dt.date | None = None,
) -> IndicatorSet:
    """The four indicators of a scope (default: the actor's whole scope) for a school year
    (default: the current one, up to today); computed once per data version (results_cache)."""
    period = period_for(year, today)
    return _computed_once(  # type: ignore[no-any-return]
        db, actor, "indicators", period, township_id, school_id,
        lambda data, town, school: indicators_of(data, data.pupils, period, town, school),
    )  # fmt: skip


def indicator_breakdown(
    db: Database, actor: Actor, year: str | int | None = None, today: dt.date | None = None
) -> list[BreakdownRow]:
    """The indicators of every township in the actor's scope, each followed by its schools
    (computed once per data version, like compute_indicators)."""
    period = period_for(year, today)
    rows = _computed_once(
        db, actor, "breakdown", period, None, None,
        lambda data, town, school: tuple(breakdown_of(data, period, town, school)),
    )  # fmt: skip
    return list(rows)  # type: ignore[call-overload]


def result_key(
    what: str, township_id: str | None, school_id: str | None, period: ind.Period, settings: tuple[object, ...]
) -> tuple[object, ...]:
    """The results_cache key of `what` ("indicators", "breakdown") for a scope, period and settings."""
    return (what, township_id, school_id, period, *settings)


def _computed_once(
    db: Database,
    actor: Actor,
    what: str,
    period: ind.Period,
    township_id: str | None,
    school_id: str | None,
    compute: Callable[[Loaded, str | None, str | None], object],
) -> object:
    """compute(data, township, school) for the actor's scope, or the result kept for the same key
    at the current data version; a new result is kept."""
    with db.read_session() as session:
        township_id, school_id = resolve_scope(session, actor, township_id, school_id)
        key = result_key(what, township_id, school_id, period, settings_key(session))
        version = data_version(session)
        found = results_cache(db).get(version, key)
        if found is not None:
            return found
        data = load(session, township_id, school_id)
    with gc_paused():
        result = compute(data, township_id, school_id)
    return results_cache(db).put(version, key, result)


def breakdown_of(
    data: Loaded, period: ind.Period, township_id: str | None, school_id: str | None
) -> list[BreakdownRow]:
    """The breakdown rows of a scope (as indicator_breakdown gives them) from loaded data."""
    by_school: dict[str | None, list[ind.PupilRecord]] = defaultdict(list)
    by_town: dict[str | None, list[ind.PupilRecord]] = defaultdict(list)
    for pupil in data.pupils:
        by_school[pupil.school_id].append(pupil)
        by_town[pupil.township_id].append(pupil)
    rows: list[BreakdownRow] = []
    if school_id is not None:
        name, town, _kind = data.schools[school_id]
        town_name = data.townships.get(town or "", "")
        rows.append(BreakdownRow("学校", town, school_id, name, town_name,
                                 indicators_of(data, data.pupils, period, town, school_id)))  # fmt: skip
        return rows
    towns = [township_id] if township_id is not None else sorted(
        {t for t in by_town if t is not None} | {t for t in data.children if t is not None},
        key=lambda t: data.townships.get(t, ""),
    )  # fmt: skip
    for town in towns:
        town_name = data.townships.get(town, "")
        rows.append(BreakdownRow("乡镇", town, None, town_name, town_name,
                                 indicators_of(data, by_town.get(town, []), period, town, None)))  # fmt: skip
        schools = sorted((sid for sid, (_n, t, _k) in data.schools.items() if t == town and by_school.get(sid)),
                         key=lambda sid: data.schools[sid][0])  # fmt: skip
        for sid in schools:
            rows.append(BreakdownRow("学校", town, sid, data.schools[sid][0], town_name,
                                     indicators_of(data, by_school[sid], period, town, sid)))  # fmt: skip
    return rows


# --- results kept in memory -----------------------------------------------------------------------
CACHE_KEY = "indicator_results"
CACHE_SIZE = 32


def data_version(session: Session) -> tuple[int, int]:
    """Something cheap that changes with every write through the app: the last change sequence
    number and this site's clock (store.changes; every stamped write — forms, imports, sync,
    settings — advances both; the clock also moves on after a backup is restored). Read it before
    the data, so that a write in between can only make a result newer than its version says."""
    return current_change_seq(session), current_hlc(session)


def settings_key(session: Session) -> tuple[ind.Definitions, school_age.Cutoff]:
    """The settings the indicators depend on: the definitions and the age cut-off."""
    return load_definitions(session), settings_of(session)[0]


class ResultCache:
    """Results computed from one database, by (what, scope, period, settings…) key, for one data
    version at a time: storing a result of another version first forgets the others, and asking
    with another version finds nothing. At most CACHE_SIZE entries (the least used go first).
    Shared by the GUI's worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[int, int] | None = None
        self._items: OrderedDict[tuple[object, ...], object] = OrderedDict()

    def get(self, version: tuple[int, int], key: tuple[object, ...]) -> object | None:
        """The result stored for `key` at `version`, else None."""
        with self._lock:
            if version != self._version:
                return None
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, version: tuple[int, int], key: tuple[object, ...], value: object) -> object:
        """Keep `value` for `key` at `version` (another version's entries are dropped); returns it."""
        with self._lock:
            if version != self._version:
                self._version = version
                self._items.clear()
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > CACHE_SIZE:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._version = None
            self._items.clear()


_CACHE_LOCK = threading.Lock()


def results_cache(db: Database) -> ResultCache:
    """The result cache of an open database (made on first use)."""
    with _CACHE_LOCK:
        cache = db.extra.get(CACHE_KEY)
        if cache is None:
            cache = db.extra[CACHE_KEY] = ResultCache()
        return cache  # type: ignore[no-any-return]
