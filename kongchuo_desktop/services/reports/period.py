"""A report month (YYYY-MM): its dates and school year (September to August). The grade a pupil
is counted in during a month's school year is worked out in grades.py."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kongchuo_desktop.domain.past_grade import school_year_of
from kongchuo_desktop.services.errors import ValidationError

__all__ = ["JUNIOR_GRADES", "PRIMARY_GRADES", "Period", "last_month", "parse_month", "school_year_of"]

_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")
PRIMARY_GRADES = range(1, 7)
JUNIOR_GRADES = range(7, 10)


@dataclass(frozen=True)
class Period:
    """One calendar month: first and last day, the day before it (the opening count's date)."""

    year: int
    month: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    @property
    def before(self) -> dt.date:
        """The last day of the previous month."""
        return self.start - dt.timedelta(days=1)

    @property
    def school_year(self) -> int:
        return school_year_of(self.start)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    def next(self) -> Period:
        return Period(self.year + (self.month == 12), self.month % 12 + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)


def parse_month(text: str, today: dt.date) -> Period:
    """ "2026-03" (also 2026/3, 2026年3月) → Period; refuses bad text and months after this one."""
    match = _MONTH.match(text or "")
    if not match:
        raise ValidationError({"month": f"月份“{text}”的格式不对，应为 年-月，例如 {today:%Y-%m}"})
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1990:
        raise ValidationError({"month": f"月份“{text}”不存在"})
    period = Period(year, month)
    if period.start > today:
        raise ValidationError({"month": f"{period.label}还没有到，不能生成报表"})
    return period


def last_month(today: dt.date) -> Period:
    """The month before today's (the report made on the first working days of a month)."""
    return Period.of(today).previous()
