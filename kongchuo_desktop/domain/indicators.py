"""Indicator formulas — 入学率, 九年巩固率, 辍学率, 保留率 — from plain records: value, inputs and formula text.

Everything here is pure: callers (services.indicators) hand in pupils with their dated 学籍异动 and
children of the township's register; each function returns an `Indicator` holding the numbers it
used, the formula written out with them ("入学率 = 已入学适龄儿童 1,203 / 适龄儿童 1,210 = 99.42%"),
the definition choices in force (`Definitions`, a setting) and, where the data cannot answer, a
note saying why instead of a number.

Historical reading of a pupil (`status_on`, `grade_in`): the status on a day is the one the
学籍异动 recorded up to that day led to (before the first one: its "before" status; before the
入学日期: not on roll); the grade in a past school year is the monthly reports' rule
(domain.past_grade): from the entry date and the school's entry grade where they agree with the
stored grade, else counting back from the grade the pupil was in when last on roll (the current
school year for pupils on roll, else the school year of the 异动 that took them off it), one grade
a year.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from kongchuo_desktop.domain import past_grade, school_age
from kongchuo_desktop.domain.codes import JUNIOR_GRADES, PRIMARY_GRADES

ENROLMENT = "enrolment"
CONSOLIDATION = "consolidation"
DROPOUT = "dropout"
RETENTION = "retention"
KEYS: tuple[str, ...] = (ENROLMENT, CONSOLIDATION, DROPOUT, RETENTION)
NAMES = {ENROLMENT: "入学率", CONSOLIDATION: "九年巩固率", DROPOUT: "辍学率", RETENTION: "保留率"}
TARGETS = {ENROLMENT: 100.0, CONSOLIDATION: None, DROPOUT: 0.0, RETENTION: 100.0}

# Situations of the children's register that mean "in school" (外地就读 depends on a definition).
IN_SCHOOL_SITUATIONS = frozenset({"本地在校", "随班就读", "特教学校", "送教上门"})
DEFERRED_SITUATIONS = frozenset({"缓学", "免学"})
GONE_SITUATIONS = frozenset({"迁出", "死亡"})  # no longer the township's children to count
ELSEWHERE = "外地就读"


# --- definitions (a setting) ---------------------------------------------------------------------
@dataclass(frozen=True)
class Definitions:
    """How the indicators are defined where authorities differ (stored as the setting
    "indicator_definitions"; every displayed indicator lists the choices it used).

    suspended_on_roll: 休学 pupils count as on roll (else as not on roll);
    deaths_excluded: deceased pupils leave the base (else they count as lost);
    transfers_adjust: transfers in/out adjust the cohort and the base (else no adjustment:
    a transfer out counts as lost, a transfer in is not added to the cohort);
    dropouts_still_out: 辍学率 counts only dropouts still out at the end of the period (else every
    pupil who dropped out during it, returned or not);
    elsewhere_enrolled: 外地就读 children count as enrolled (else they are left out of 入学率);
    deferred_excluded: approved 缓学/免学 children are left out of 入学率 (else they count as not
    enrolled);
    age_window: "grades" (school age = expected grade 1–9 by the cut-off date, 6–14 周岁) or
    "6-15" (6 to 15 周岁 on the cut-off day, as the cross-check uses).
    """

    suspended_on_roll: bool = True
    deaths_excluded: bool = True
    transfers_adjust: bool = True
    dropouts_still_out: bool = True
    elsewhere_enrolled: bool = True
    deferred_excluded: bool = True
    age_window: str = "grades"

    def as_dict(self) -> dict[str, Any]:
        """The stored form."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


AGE_WINDOWS = {"grades": "按入学年龄规则应在一至九年级（6–14周岁）", "6-15": "截止日满6周岁至15周岁"}

# name → (label in the settings form, text when True, text when False)
DEFINITION_TEXTS: dict[str, tuple[str, str, str]] = {
    "suspended_on_roll": ("休学学生", "休学学生计为在籍", "休学学生不计为在籍"),
    "deaths_excluded": ("死亡学生", "死亡学生不计入基数", "死亡学生计为流失"),
    "transfers_adjust": (
        "转学学生",
        "转入计入、转出移出基数（按转学调整）",
        "不按转学调整（转出计为流失，转入不计入基数）",
    ),
    "dropouts_still_out": ("辍学人数", "只计期末仍未复学的辍学学生", "计期内发生辍学的全部学生（含已劝返复学）"),
    "elsewhere_enrolled": ("外地就读儿童", "外地就读计为已入学", "外地就读不计入统计"),
    "deferred_excluded": ("缓学、免学儿童", "缓学、免学儿童不计入适龄儿童", "缓学、免学儿童计为未入学"),
}

# Which choices each indicator depends on (in the order they are listed).
USES: dict[str, tuple[str, ...]] = {
    ENROLMENT: ("age_window", "elsewhere_enrolled", "deferred_excluded", "suspended_on_roll"),
    CONSOLIDATION: ("transfers_adjust", "deaths_excluded", "suspended_on_roll"),
    DROPOUT: ("dropouts_still_out", "suspended_on_roll"),
    RETENTION: ("transfers_adjust", "deaths_excluded", "suspended_on_roll"),
}


def check_definitions(values: Mapping[str, Any]) -> dict[str, str]:
    """Problems with stored or entered definition values (name → Chinese message); {} when fine."""
    problems: dict[str, str] = {}
    known = {f.name for f in fields(Definitions)}
    for name, value in values.items():
        if name not in known:
            problems[name] = f"未知的指标口径设置“{name}”"
        elif name == "age_window":
            if value not in AGE_WINDOWS:
                problems[name] = f"适龄范围应为 {'、'.join(AGE_WINDOWS)} 之一"
        elif not isinstance(value, bool):
            problems[name] = f"“{DEFINITION_TEXTS[name][0]}”的设置应为是或否"
    return problems


def definitions_from(values: Mapping[str, Any] | None) -> Definitions:
    """Definitions from stored values (defaults for what is missing); ValueError for bad values."""
    values = dict(values or {})
    problems = check_definitions(values)
    if problems:
        raise ValueError("；".join(problems.values()))
    return Definitions(**values)


def definition_lines(defs: Definitions, key: str, cutoff: school_age.Cutoff | None = None) -> tuple[str, ...]:
    """The definition choices an indicator used, one line each, in words."""
    lines = []
    for name in USES[key]:
        if name == "age_window":
            text = f"适龄儿童：{AGE_WINDOWS[defs.age_window]}"
            if cutoff is not None:
                text += f"（入学年龄截止日 {cutoff[0]}月{cutoff[1]}日）"
            lines.append(text)
        else:
            label, yes, no = DEFINITION_TEXTS[name]
            lines.append(yes if getattr(defs, name) else no)
    return tuple(lines)


# --- results -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    """One indicator for one scope and period.

    key / name: KEYS / NAMES; numerator, denominator: the two numbers (None when not computed);
    value: the rate in percent (None when not computed); formula: the formula written out with the
    actual inputs; inputs: every number that went into it, (label, value); definition: the choices
    used (definition_lines); note: why there is no value (数据不足 / 不适用 / 分母为0), or a remark;
    parts: the same indicator for 小学 and 初中 where that split is made.
    """

    key: str
    numerator: int | None
    denominator: int | None
    value: float | None
    formula: str
    inputs: tuple[tuple[str, int], ...] = ()
    definition: tuple[str, ...] = ()
    note: str | None = None
    parts: tuple[tuple[str, Indicator], ...] = ()

    @property
    def name(self) -> str:
        """The indicator's Chinese name."""
        return NAMES[self.key]

    @property
    def available(self) -> bool:
        """True when there is a value to show."""
        return self.value is not None

    @property
    def value_text(self) -> str:
        """ "99.42%", or "—" when there is no value."""
        return percent(self.value)


def percent(value: float | None) -> str:
    """A rate as shown: two decimals and a percent sign; "—" for None."""
    return "—" if value is None else f"{value:.2f}%"


def rate(
    key: str,
    numerator: int,
    denominator: int,
    numerator_label: str,
    denominator_label: str,
    inputs: Iterable[tuple[str, int]] = (),
    definition: tuple[str, ...] = (),
    denominator_text: str | None = None,
    parts: tuple[tuple[str, Indicator], ...] = (),
) -> Indicator:
    """numerator / denominator as an Indicator with its formula written out (no value for a zero
    denominator). denominator_text: how the denominator was made, e.g. "(1,210 + 3 − 5)"."""
    name = NAMES[key]
    den_text = f"{denominator_label} {denominator_text or f'{denominator:,}'}"
    if denominator <= 0:
        formula = f"{name} = {numerator_label} {numerator:,} / {den_text}：分母为 0，无法计算"
        return Indicator(key, numerator, denominator, None, formula, tuple(inputs), definition,
                         f"{denominator_label}为 0，无法计算", parts)  # fmt: skip
    value = 100.0 * numerator / denominator
    formula = f"{name} = {numerator_label} {numerator:,} / {den_text} = {percent(value)}"
    return Indicator(key, numerator, denominator, value, formula, tuple(inputs), definition, None, parts)


def unavailable(key: str, note: str, definition: tuple[str, ...] = ()) -> Indicator:
    """An indicator that cannot be given, saying why."""
    return Indicator(key, None, None, None, f"{NAMES[key]}：{note}", (), definition, note)


# --- pupils read historically --------------------------------------------------------------------
class Change(NamedTuple):
    """A 学籍异动 as the formulas need it: kind, day, status before (None: not yet on roll) and after.
    (Light tuples: a city loads about a million of these records.)"""

    kind: str
    day: dt.date
    before: str | None
    after: str


class PupilRecord(NamedTuple):
    """A pupil as the formulas need it.

    grade / status: as stored now; enrolled_on: 入学日期 (None = unknown: taken as on roll before
    any period asked about); changes: the 学籍异动 in date order; kind: the school's kind (小学 /
    初中 / 九年一贯制 / 特教学校, None = unknown), for the grade rule.
    """

    id: str
    school_id: str | None
    township_id: str | None
    grade: int | None
    status: str
    enrolled_on: dt.date | None = None
    changes: tuple[Change, ...] = ()
    kind: str | None = None


ON_ROLL = "在读"
SUSPENDED = "休学"


def status_on(pupil: PupilRecord, day: dt.date) -> str | None:
    """The pupil's 学籍 status at the end of `day`; None when not yet on the school's roll."""
    if pupil.enrolled_on is not None and day < pupil.enrolled_on:
        return None
    last: Change | None = None
    for change in pupil.changes:
        if change.day > day:
            if last is None:
                return change.before
            break
        last = change
    return last.after if last is not None else pupil.status


def counts_on_roll(status: str | None, defs: Definitions) -> bool:
    """Whether a status counts as on roll under the definitions."""
    return status == ON_ROLL or (status == SUSPENDED and defs.suspended_on_roll)


def on_roll(pupil: PupilRecord, day: dt.date, defs: Definitions) -> bool:
    """Whether the pupil was on roll at the end of `day`."""
    return counts_on_roll(status_on(pupil, day), defs)


def year_of(day: dt.date) -> int:
    """The first calendar year of the school year a day falls in (September to August)."""
    return past_grade.school_year_of(day)


def year_start(year: int) -> dt.date:
    """The first day of a school year (1 September)."""
    return dt.date(year, 9, 1)


def year_end(year: int) -> dt.date:
    """The last day of a school year (31 August of the next calendar year)."""
    return dt.date(year + 1, 8, 31)


def reference_year(pupil: PupilRecord, current_year: int) -> int:
    """The school year the stored grade is taken to belong to (past_grade, rule 2): the current one
    for pupils on roll, else the one of their last 异动."""
    last = pupil.changes[-1].day if pupil.changes else None
    return past_grade.reference_year(pupil.status, last, current_year)


# past_grade.offset depends only on a handful of small values: computed once per combination.
_offset = functools.lru_cache(maxsize=65_536)(past_grade.offset)


def grade_offset(pupil: PupilRecord, current_year: int) -> int | None:
    """grade − school year for the pupil: their grade in school year Y is this + Y (None: no grade)."""
    if pupil.grade is None:
        return None
    entry, changes = pupil.enrolled_on, pupil.changes
    # reference_year, inline: this runs for every pupil in every indicator
    last = changes[-1].day if changes else None
    reference = past_grade.reference_year(pupil.status, last, current_year)
    return _offset(pupil.grade, pupil.kind, None if entry is None else year_of(entry), reference)


def grade_in(pupil: PupilRecord, year: int, current_year: int) -> int | None:
    """The grade the pupil was (or would have been) in during school year `year` (domain.past_grade,
    the rule the monthly reports count by)."""
    offset = grade_offset(pupil, current_year)
    return None if offset is None else offset + year


def changes_between(pupil: PupilRecord, kind: str, start: dt.date, end: dt.date) -> int:
    """How many 异动 of a kind the pupil had from `start` to `end` (inclusive)."""
    return sum(1 for c in pupil.changes if c.kind == kind and start <= c.day <= end)


def roll_years(pupil: PupilRecord, current_year: int) -> range:
    """The school years in which the records show the pupil on roll at some time (from the
    入学日期 or first 转入, to the year they left or now); empty when the entry is unknown."""
    entry = pupil.enrolled_on
    if entry is None and pupil.changes and pupil.changes[0].before is None:
        entry = pupil.changes[0].day
    if entry is None:
        return range(current_year, current_year + 1) if pupil.status in (ON_ROLL, SUSPENDED) else range(0)
    last = reference_year(pupil, current_year)
    return range(year_of(entry), last + 1)


def recorded_years(pupils: Iterable[PupilRecord], grades: Iterable[int], current_year: int) -> int | None:
    """The first school year from which the records are complete enough for cohort indicators:
    every later year up to now shows pupils in every one of `grades` (the grades the scope's
    schools teach). None when even the current year does not."""
    wanted = frozenset(grades)
    if not wanted:
        return None
    seen: dict[int, set[int]] = {}
    done: set[tuple[int, int, int]] = set()  # (offset, first year, last year) already counted
    low, high = min(wanted), max(wanted)
    for pupil in pupils:
        years = roll_years(pupil, current_year)
        offset = grade_offset(pupil, current_year) if years else None
        if offset is None or (offset, years.start, years.stop) in done:
            continue
        done.add((offset, years.start, years.stop))
        for year in range(max(years.start, low - offset), min(years.stop, high - offset + 1)):
            grade = offset + year
            if grade in wanted:
                seen.setdefault(year, set()).add(grade)
    first: int | None = None
    year = current_year
    while wanted <= seen.get(year, set()):
        first = year
        year -= 1
    return first


# --- the four indicators -------------------------------------------------------------------------
class ChildRecord(NamedTuple):
    """A child of the township's register as 入学率 needs it.

    birth_date: None = unknown (counted as of school age); situation: as registered;
    pupil_status: the linked 学籍's status on the day asked about (None: no linked 学籍, or not
    yet on roll then).
    """

    id: str
    birth_date: dt.date | None
    situation: str
    pupil_status: str | None = None


def in_age_window(birth: dt.date | None, year: int, defs: Definitions, cutoff: school_age.Cutoff) -> bool:
    """Whether a child is of school age in school year `year` under the definitions."""
    if birth is None:
        return True
    return _of_school_age(birth, year, defs.age_window, cutoff)


@functools.lru_cache(maxsize=65_536)  # a register's children share a few thousand birthdays
def _of_school_age(birth: dt.date, year: int, age_window: str, cutoff: school_age.Cutoff) -> bool:
    if age_window == "6-15":
        month, day = cutoff
        return dt.date(year - 16, month, day) < birth <= dt.date(year - 6, month, day)
    return school_age.is_compulsory_age(birth, year, cutoff)


@dataclass(frozen=True)
class ChildCount:
    """How one child counted in 入学率: in the denominator, the numerator, or left out (and why)."""

    counted: bool
    enrolled: bool
    reason: str


def classify_child(child: ChildRecord, defs: Definitions) -> ChildCount:
    """Whether a school-age child counts in 入学率 and as enrolled."""
    if child.pupil_status is not None and counts_on_roll(child.pupil_status, defs):
        return ChildCount(True, True, "在籍")
    situation = child.situation
    if situation in GONE_SITUATIONS:
        return ChildCount(False, False, situation)
    if situation in DEFERRED_SITUATIONS:
        return ChildCount(not defs.deferred_excluded, False, situation)
    if situation == ELSEWHERE:
        return ChildCount(defs.elsewhere_enrolled, defs.elsewhere_enrolled, situation)
    if child.pupil_status in ("辍学", SUSPENDED):  # the 学籍 says otherwise than a stale situation
        return ChildCount(True, False, child.pupil_status)
    return ChildCount(True, situation in IN_SCHOOL_SITUATIONS, situation)


def enrolment_rate(
    children: Iterable[ChildRecord], year: int, defs: Definitions, cutoff: school_age.Cutoff = school_age.DEFAULT_CUTOFF
) -> Indicator:
    """入学率 = school-age children enrolled / school-age children on the register (after the
    exclusions the definitions make)."""
    school_age_n = enrolled = deferred = elsewhere = gone = 0
    for child in children:
        if not in_age_window(child.birth_date, year, defs, cutoff):
            continue
        result = classify_child(child, defs)
        if not result.counted:
            if result.reason in DEFERRED_SITUATIONS:
                deferred += 1
            elif result.reason == ELSEWHERE:
                elsewhere += 1
            else:
                gone += 1
            continue
        school_age_n += 1
        enrolled += result.enrolled
    inputs = [("适龄儿童（计入）", school_age_n), ("其中已入学", enrolled)]
    if defs.deferred_excluded:
        inputs.append(("缓学、免学（不计入）", deferred))
    if not defs.elsewhere_enrolled:
        inputs.append(("外地就读（不计入）", elsewhere))
    inputs.append(("迁出、死亡（不计入）", gone))
    return rate(ENROLMENT, enrolled, school_age_n, "已入学适龄儿童", "适龄儿童", inputs,
                definition_lines(defs, ENROLMENT, cutoff))  # fmt: skip


def consolidation_rate(
    pupils: Iterable[PupilRecord],
    year: int,
    end: dt.date,
    current_year: int,
    defs: Definitions,
    first_recorded: int | None,
) -> Indicator:
    """九年巩固率 (cohort method) for the cohort in grade 9 in school year `year`:
    pupils of the cohort on roll at `end` (or graduated from grade 9 that year)
    / pupils of the cohort on roll when it started grade 1 (school year `year` − 8),
    plus transfers in, minus transfers out (and deaths) since then, as the definitions say.

    first_recorded: the first school year the records are complete from (recorded_years); when
    the cohort's first year is earlier, the rate is not given (数据不足).
    """
    definition = definition_lines(defs, CONSOLIDATION)
    base_year = year - 8
    if first_recorded is None or first_recorded > base_year:
        have = f"（现有完整记录从 {first_recorded} 年起）" if first_recorded is not None else ""
        return unavailable(CONSOLIDATION, f"数据不足：需要 {base_year} 年起的学籍记录{have}", definition)
    start = year_start(base_year)
    base = completed = moved_in = moved_out = died = 0
    for pupil in pupils:
        if grade_in(pupil, year, current_year) != 9:
            continue
        if on_roll(pupil, start, defs):
            base += 1
        status_end = status_on(pupil, end)
        graduated = status_end == "毕业" and any(
            c.kind == "毕业" and year_of(c.day) == year and c.day <= end for c in pupil.changes
        )
        if counts_on_roll(status_end, defs) or graduated:
            completed += 1
        after_start = start + dt.timedelta(days=1)
        moved_in += changes_between(pupil, "转入", after_start, end)
        moved_out += changes_between(pupil, "转出", after_start, end)
        died += changes_between(pupil, "死亡", after_start, end)
    cohort = base
    parts = [f"{base:,}"]
    if defs.transfers_adjust:
        cohort += moved_in - moved_out
        parts += [f"+ 转入 {moved_in:,}", f"− 转出 {moved_out:,}"]
    if defs.deaths_excluded:
        cohort -= died
        parts.append(f"− 死亡 {died:,}")
    den_text = f"({' '.join(parts)}) = {cohort:,}" if len(parts) > 1 else None
    inputs = [
        (f"{base_year}学年入一年级时在籍", base),
        ("此后转入", moved_in),
        ("此后转出", moved_out),
        ("此后死亡", died),
        (f"{year}学年九年级期末在籍或毕业", completed),
    ]
    return rate(CONSOLIDATION, completed, cohort, "初三在籍或毕业", "入学时人数", inputs, definition, den_text)


def dropout_rate(
    pupils: Iterable[PupilRecord], year: int, end: dt.date, current_year: int, defs: Definitions
) -> Indicator:
    """辍学率 = pupils who dropped out from 1 September of `year` to `end` (only those still out at
    `end`, or all, as the definitions say) / pupils on roll on 1 September; with 小学 and 初中 parts
    (by the grade in that school year)."""
    definition = definition_lines(defs, DROPOUT)
    start = year_start(year)
    base = {"小学": 0, "初中": 0}
    out = {"小学": 0, "初中": 0}
    for pupil in pupils:
        grade = grade_in(pupil, year, current_year)
        level = "小学" if grade in PRIMARY_GRADES else "初中" if grade in JUNIOR_GRADES else None
        if level is None:
            continue
        if on_roll(pupil, start, defs):
            base[level] += 1
        if not changes_between(pupil, "辍学", start, end):
            continue
        if defs.dropouts_still_out and status_on(pupil, end) != "辍学":
            continue
        out[level] += 1
    label = "期末仍辍学人数" if defs.dropouts_still_out else "期内辍学人数"
    parts = tuple(
        (level, rate(DROPOUT, out[level], base[level], label, "学年初在籍", definition=definition))
        for level in ("小学", "初中")
    )
    total_base, total_out = sum(base.values()), sum(out.values())
    inputs = [("学年初（9月1日）在籍", total_base), (label, total_out)]
    for level in ("小学", "初中"):
        inputs += [(f"{level}学年初在籍", base[level]), (f"{level}{label}", out[level])]
    return rate(DROPOUT, total_out, total_base, label, "学年初在籍", inputs, definition, parts=parts)


def retention_rate(
    pupils: Iterable[PupilRecord], year: int, end: dt.date, current_year: int, defs: Definitions
) -> Indicator:
    """保留率 = pupils on roll on 1 September of `year` who are still on roll at `end` (or graduated
    meanwhile) / pupils on roll on 1 September, less transfers out and deaths where the
    definitions leave them out."""
    definition = definition_lines(defs, RETENTION)
    start = year_start(year)
    base = kept = moved = died = 0
    for pupil in pupils:
        if not on_roll(pupil, start, defs):
            continue
        base += 1
        status_end = status_on(pupil, end)
        if counts_on_roll(status_end, defs) or status_end == "毕业":
            kept += 1
        elif status_end == "转出":
            moved += 1
        elif status_end == "死亡":
            died += 1
    parts = [f"{base:,}"]
    denominator = base
    if defs.transfers_adjust:
        denominator -= moved
        parts.append(f"− 转出 {moved:,}")
    if defs.deaths_excluded:
        denominator -= died
        parts.append(f"− 死亡 {died:,}")
    den_text = f"({' '.join(parts)}) = {denominator:,}" if len(parts) > 1 else None
    inputs = [("学年初（9月1日）在籍", base), ("其中期末已转出", moved), ("其中期末已死亡", died),
              ("其中期末仍在籍或已毕业", kept)]  # fmt: skip
    return rate(RETENTION, kept, denominator, "期末仍在籍", "学年初在籍", inputs, definition, den_text)


@dataclass(frozen=True)
class Period:
    """A school year as far as it has gone: year (2025 = 2025-2026), start and end dates."""

    year: int
    start: dt.date
    end: dt.date
    current_year: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """ "2025-2026学年（截至2026-03-01）" or "2024-2025学年"."""
        text = f"{self.year}-{self.year + 1}学年"
        if self.end < year_end(self.year):
            text += f"（截至{self.end:%Y-%m-%d}）"
        return text


def period_of(year: int, today: dt.date) -> Period:
    """The school year `year` as of `today` (ValueError for a year that has not begun)."""
    current = year_of(today)
    if year > current:
        raise ValueError(f"{year}-{year + 1}学年还没有开始")
    return Period(year, year_start(year), min(year_end(year), today), current)
