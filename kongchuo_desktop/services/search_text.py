"""Turn what a user types in the search box into indexed prefix conditions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_ID_PREFIX = re.compile(r"^\d{1,17}[\dX]?$")
_STUDENT_NO_PREFIX = re.compile(r"^[GJL]\d*[\dX]?$")


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (binary order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def starts_with(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, as a range an ordinary index answers (portable, no LIKE)."""
    return and_(column >= prefix, column < prefix_upper_bound(prefix))


@dataclass(frozen=True)
class SearchTerms:
    """What the text can mean: a Chinese name prefix, pinyin, an ID or 学籍号 prefix."""

    name: str | None = None
    pinyin: str | None = None
    initials: str | None = None
    id_number: str | None = None
    student_no: str | None = None

    @property
    def empty(self) -> bool:
        """True when nothing would be searched."""
        return not any((self.name, self.pinyin, self.initials, self.id_number, self.student_no))


def parse(text: str) -> SearchTerms:
    """Classify the typed text; spaces and full-width characters are tolerated."""
    q = re.sub(r"\s+", "", text.translate(_FULLWIDTH))
    if not q:
        return SearchTerms()
    if _CJK.search(q):
        return SearchTerms(name=q)
    upper = q.upper()
    id_number = upper if _ID_PREFIX.match(upper) else None
    student_no = upper if _STUDENT_NO_PREFIX.match(upper) else None
    letters = q.lower() if q.isascii() and q.isalpha() else None
    if letters is None:
        return SearchTerms(id_number=id_number, student_no=student_no)
    # A single letter is both an initial and the start of the full pinyin; one index suffices.
    initials = letters if len(letters) > 1 else None
    return SearchTerms(pinyin=letters, initials=initials, student_no=student_no)


def branches(terms: SearchTerms, table: object) -> list[tuple[str, ColumnElement[bool]]]:
    """Each thing the text may mean as (column name, prefix condition on that column)."""
    cols = table.c  # type: ignore[attr-defined]
    wanted = [
        ("name", terms.name),
        ("name_pinyin", terms.pinyin),
        ("name_initials", terms.initials),
        ("id_number", terms.id_number),
        ("student_no", terms.student_no),
    ]
    return [(col, starts_with(cols[col], value)) for col, value in wanted if value and col in cols]


def unindexed(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """The same prefix test written so that no index answers it (``col || ''``).

    Used when a prefix matches so many rows that walking the sort order's index and testing each
    row is cheaper than fetching every match and sorting it.
    """
    wrapped = column.concat("")
    return and_(wrapped >= prefix, wrapped < prefix_upper_bound(prefix))


def condition(terms: SearchTerms, table: object) -> ColumnElement[bool] | None:
    """An OR of the prefix conditions for a table with name / name_pinyin / name_initials /
    id_number (and optionally student_no) columns; None when there is nothing to search."""
    if terms.empty:
        return None
    cols = table.c  # type: ignore[attr-defined]
    parts: list[ColumnElement[bool]] = []
    if terms.name:
        parts.append(starts_with(cols.name, terms.name))
    if terms.pinyin:
        parts.append(starts_with(cols.name_pinyin, terms.pinyin))
    if terms.initials:
        parts.append(starts_with(cols.name_initials, terms.initials))
    if terms.id_number:
        parts.append(starts_with(cols.id_number, terms.id_number))
    if terms.student_no and "student_no" in cols:
        parts.append(starts_with(cols.student_no, terms.student_no))
    if not parts:
        return false()
    return parts[0] if len(parts) == 1 else or_(*parts)
