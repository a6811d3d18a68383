"""School calendars: which days are school days (terms, weekends, holidays, make-up days), counted.

A school year ("2026-2027") has two terms. A day is a school day when it lies inside a term and
is either a weekday that is not a holiday, or a make-up day (调休上课, a weekend day worked to make
up for a long holiday). Absences and the escalation deadlines of 三访一报告 are counted in school
days, so a child who stops coming on the Friday before 国庆 is not "day 3" on October 2nd.

`CalendarBook` answers for any date by picking the school year's calendar that covers it; years
nobody has set up get `default_year` (autumn term 1 September to mid-January, spring term
1 March to early July, the fixed-date public holidays). Counting never loops for ever: if no school
day turns up within `SEARCH_LIMIT_DAYS` (a calendar with no terms at all), ordinary weekdays are
counted instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

HOLIDAY = "假日"
MAKEUP = "调休上课"
DAY_KINDS: tuple[str, ...] = (HOLIDAY, MAKEUP)
WEEKEND_DEFAULT: frozenset[int] = frozenset({5, 6})  # date.weekday(): Saturday, Sunday
SEARCH_LIMIT_DAYS = 400


class CalendarError(ValueError):
    """A calendar that cannot be used as given; the message is in Chinese."""


def school_year_of(day: dt.date) -> int:
    """The first year of the school year `day` falls in (from 1 August: 2026-08-01 → 2026)."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_label(year: int) -> str:
    """2026 → "2026-2027"."""
    return f"{year}-{year + 1}"


def parse_school_year(label: str) -> int:
    """ "2026-2027" (or "2026—2027", "2026") → 2026; CalendarError otherwise."""
    text = label.strip().replace("—", "-").replace("－", "-").replace("–", "-")
    parts = text.split("-")
    try:
        first = int(parts[0])
        if len(parts) == 2 and int(parts[1]) != first + 1:
            raise ValueError
        if len(parts) > 2 or not 1990 <= first <= 2200:
            raise ValueError
    except ValueError:
        raise CalendarError(f"学年“{label}”的格式不对，应写成“2026-2027”") from None
    return first


@dataclass(frozen=True)
class YearCalendar:
    """One school year's calendar.

    year: the first year of the school year; terms: (first day, last day) of each term, in order;
    weekend: weekday numbers (Monday 0 … Sunday 6) without school; holidays / makeup_days: dates
    without school inside a term / weekend dates with school; names: what a special day is called.
    """

    year: int
    terms: tuple[tuple[dt.date, dt.date], ...]
    weekend: frozenset[int] = WEEKEND_DEFAULT
    holidays: frozenset[dt.date] = frozenset()
    makeup_days: frozenset[dt.date] = frozenset()
    names: Mapping[dt.date, str] = field(default_factory=dict, compare=False)

    @property
    def first_day(self) -> dt.date:
        """The first day of the first term."""
        return self.terms[0][0]

    @property
    def last_day(self) -> dt.date:
        """The last day of the last term."""
        return self.terms[-1][1]

    def in_term(self, day: dt.date) -> bool:
        """Whether `day` lies inside a term (holidays and weekends included)."""
        return any(start <= day <= end for start, end in self.terms)

    def is_school_day(self, day: dt.date) -> bool:
        """Whether pupils are expected at school on `day`."""
        if not self.in_term(day):
            return False
        if day in self.makeup_days:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def school_days(self) -> int:
        """How many school days the year has."""
        total = 0
        for start, end in self.terms:
            day = start
            while day <= end:
                total += self.is_school_day(day)
                day += dt.timedelta(days=1)
        return total


def check_year(cal: YearCalendar) -> dict[str, str]:
    """Problems of a calendar (field → Chinese message); empty when it is usable."""
    problems: dict[str, str] = {}
    if not cal.terms:
        problems["terms"] = "请至少填写一个学期的起止日期"
        return problems
    lo = dt.date(cal.year, 8, 1)
    hi = dt.date(cal.year + 1, 7, 31)
    previous_end: dt.date | None = None
    for n, (start, end) in enumerate(cal.terms, 1):
        if end < start:
            problems[f"term{n}"] = f"第{n}学期的结束日期早于开始日期"
        elif start < lo or end > hi:
            problems[f"term{n}"] = f"第{n}学期应在{school_year_label(cal.year)}学年内（{lo:%Y-%m-%d} 至 {hi:%Y-%m-%d}）"
        elif previous_end is not None and start <= previous_end:
            problems[f"term{n}"] = f"第{n}学期与上一学期的日期重叠"
        previous_end = end
    if not all(0 <= d <= 6 for d in cal.weekend) or len(cal.weekend) > 3:
        problems["weekend"] = "每周休息日设置不正确"
    both = cal.holidays & cal.makeup_days
    if both:
        day = min(both)
        problems["days"] = f"{day:%Y-%m-%d} 不能同时是假日和调休上课日"
    return problems


# Public holidays that fall on the same date every year; the lunar ones (春节, 清明, 端午, 中秋) and
# the 调休 make-up days change yearly and are entered per school year.
FIXED_HOLIDAYS: tuple[tuple[int, int, int, str], ...] = (
    (10, 1, 7, "国庆节"),
    (1, 1, 1, "元旦"),
    (5, 1, 5, "劳动节"),
)


def default_year(year: int) -> YearCalendar:
    """A usable calendar for a school year nobody has set up yet (see the module doc)."""
    autumn = (dt.date(year, 9, 1), dt.date(year + 1, 1, 15))
    spring = (dt.date(year + 1, 3, 1), dt.date(year + 1, 7, 10))
    names: dict[dt.date, str] = {}
    for month, first, days, name in FIXED_HOLIDAYS:
        y = year if month >= 8 else year + 1
        for offset in range(days):
            names[dt.date(y, month, first) + dt.timedelta(days=offset)] = name
    return YearCalendar(year, (autumn, spring), WEEKEND_DEFAULT, frozenset(names), frozenset(), names)


def make_year(
    year: int,
    terms: Iterable[tuple[dt.date, dt.date]],
    special_days: Iterable[tuple[dt.date, str, str]] = (),
    weekend: Iterable[int] = WEEKEND_DEFAULT,
) -> YearCalendar:
    """A YearCalendar from terms and (date, kind, name) special days (kind: 假日 / 调休上课)."""
    holidays: set[dt.date] = set()
    makeup: set[dt.date] = set()
    names: dict[dt.date, str] = {}
    for day, kind, name in special_days:
        if kind == MAKEUP:
            makeup.add(day)
        elif kind == HOLIDAY:
            holidays.add(day)
        else:
            raise CalendarError(f"未知的日期类型“{kind}”（应为“{HOLIDAY}”或“{MAKEUP}”）")
        if name:
            names[day] = name
    return YearCalendar(year, tuple(sorted(terms)), frozenset(weekend), frozenset(holidays), frozenset(makeup), names)


class CalendarBook:
    """School days across school years: set-up years where given, `default_year` elsewhere.

    years: year → YearCalendar as set up; _cache: every year looked up (defaults included).
    """

    def __init__(self, years: Iterable[YearCalendar] = ()) -> None:
        self.years: dict[int, YearCalendar] = {cal.year: cal for cal in years}
        self._cache: dict[int, YearCalendar] = dict(self.years)
        self._days: dict[dt.date, bool] = {}

    def year(self, year: int) -> YearCalendar:
        """The calendar of a school year (the default one when not set up)."""
        cal = self._cache.get(year)
        if cal is None:
            cal = self._cache[year] = default_year(year)
        return cal

    def is_school_day(self, day: dt.date) -> bool:
        """Whether pupils are expected at school on `day`."""
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = self.year(school_year_of(day)).is_school_day(day)
        return found

    def day_name(self, day: dt.date) -> str | None:
        """What a special day is called (国庆节 …), if it has a name."""
        return self.year(school_year_of(day)).names.get(day)

    def next_school_day(self, day: dt.date) -> dt.date:
        """The first school day on or after `day` (a weekday when none is found within a year)."""
        probe = day
        for _ in range(SEARCH_LIMIT_DAYS):
            if self.is_school_day(probe):
                return probe
            probe += dt.timedelta(days=1)
        probe = day
        while probe.weekday() >= 5:
            probe += dt.timedelta(days=1)
        return probe

    def nth_school_day(self, start: dt.date, n: int) -> dt.date:
        """The date of school day `n` (1-based) counting from `start` (day 1 = `start` when it is a
        school day, else the next school day). n < 1 counts as 1."""
        day = self.next_school_day(start)
        for _ in range(max(n, 1) - 1):
            day = self.next_school_day(day + dt.timedelta(days=1))
        return day

    def school_days_after(self, day: dt.date, n: int) -> dt.date:
        """The `n`-th school day strictly after `day` (n = 0: `day` itself)."""
        if n <= 0:
            return day
        return self.nth_school_day(day + dt.timedelta(days=1), n)

    def count_school_days(self, first: dt.date, last: dt.date) -> int:
        """School days from `first` to `last`, both included (0 when last < first)."""
        total = 0
        day = first
        while day <= last:
            total += self.is_school_day(day)
            day += dt.timedelta(days=1)
        return total
