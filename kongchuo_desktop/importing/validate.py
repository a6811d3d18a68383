"""Row checks across cells: required fields, ID number vs sex/birth date/学籍号, duplicates in one file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain import student_no as sno
from kongchuo_desktop.importing.errors import ImportFileError
from kongchuo_desktop.importing.fields import LABELS, REQUIRED
from kongchuo_desktop.importing.normalize import parse_date_ex
from kongchuo_desktop.importing.table import TableLayout

__all__ = [
    "DuplicatePolicy",
    "Problem",
    "RowValidator",
    "check_required_columns",
    "duplicate_key",
    "find_duplicates",
]

DuplicatePolicy = Literal["both", "keep_first"]

_ID_CHECKED_TYPES = frozenset({"居民身份证", "港澳台居民居住证"})
_MIN_BIRTH_YEAR = 1900
_NO_ID = "无证件"


@dataclass(slots=True)
class Problem:
    """One reason a row is refused: the field (whose column is blamed), reason code, Chinese message."""

    field: str
    reason: str
    message: str


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def check_required_columns(layout: TableLayout, kind: str) -> None:
    """Refuse the whole file when a required column is absent (rather than refusing every row)."""
    present = set(layout.mapping.values()) | set(layout.defaults)
    missing: list[str] = []
    for name in REQUIRED[kind]:
        if name == "id_number":
            if "id_number" not in present and "student_no" not in present:
                missing.append(LABELS["id_number"])
            continue
        if name not in present:
            missing.append(LABELS[name])
    if missing:
        sheet = layout.sheet
        cols = "、".join(f"“{m}”" for m in missing)
        extra = "；若全表同属一所学校，也可以在标题中写明学校名称" if "学校名称" in missing else ""
        raise ImportFileError(
            "missing_column",
            f"文件“{sheet.file_name}”的工作表“{sheet.name}”缺少必填列{cols}（表头在第{layout.header_row}行）{extra}",
        )


class RowValidator:
    """Checks one row's normalised values for required fields and ID consistency.

    `check(values, raw_birth)` fills birth_date (and for a children register sex) from a valid ID
    number when the cell is empty, and returns the problems found.
    """

    def __init__(self, kind: str, today: dt.date | None = None) -> None:
        self.kind = kind
        self.today = today or dt.date.today()
        self.required = tuple(f for f in REQUIRED[kind] if f != "id_number")
        self._births: dict[str, Any] = {}
        self.id_facts: list[tuple[dt.date, str, str] | None] | None = None

    def _parse_id(self, number: str) -> tuple[dt.date, str, str] | idn.IdProblem:
        """(birth date, sex, normalised number) of a valid ID, else its problem.

        A fast path handles the usual 18-digit number (check character via int(body, 13): the
        GB 11643 weights are 2^k mod 11 and 13 ≡ 2 mod 11); anything else goes to domain.id_number.
        """
        if len(number) == 18 and number.isascii():
            body = number[:17]
            if body.isdigit() and idn.CHECK_CHARS[(2 * int(body, 13)) % 11] == number[17]:
                birth = self._births.get(number[6:14], False)
                if birth is False:
                    birth = _date8(number[6:14])
                    self._births[number[6:14]] = birth
                if birth is not None and birth.year >= _MIN_BIRTH_YEAR and birth <= self.today:
                    return birth, ("男" if number[16] in "13579" else "女"), number
        try:
            info = idn.parse(number, self.today)
        except idn.IdNumberError as exc:
            return exc.problem
        return info.birth_date, info.sex, info.number

    def quick_pass(self, columns: dict[str, list[Any]], count: int) -> list[bool]:
        """Per row: True when `check` would certainly find nothing (whole columns at once, for speed).

        A row passes when its ID number is valid and already normalised, every required cell is
        filled, and sex, birth date and 学籍号 (when given) agree with the ID. Rows that do not pass
        go through `check`, which says what is wrong. The caller fills birth date / sex from the
        ID itself when the file has no such column (`id_facts`).
        """
        ids = columns.get("id_number")
        if ids is None:
            self.id_facts = None
            return [False] * count
        facts = list(map(self._fact_reader(), ids))
        self.id_facts = facts
        ok = [f.__class__ is tuple and f[2] == n for f, n in zip(facts, ids, strict=True)]
        for name in self.required:
            column = columns.get(name)
            if column is not None and None in column:
                ok = [o and v is not None for o, v in zip(ok, column, strict=True)]
        types = columns.get("id_type")
        if types is not None:
            checked = _ID_CHECKED_TYPES
            ok = [o and (t is None or t in checked) for o, t in zip(ok, types, strict=True)]
        sexes = columns.get("sex")
        if sexes is not None:
            ok = [o and s == f[1] for o, s, f in zip(ok, sexes, facts, strict=True)]
        births = columns.get("birth_date")
        if births is not None:
            ok = [o and b == f[0] for o, b, f in zip(ok, births, facts, strict=True)]
        numbers = columns.get("student_no")
        if numbers is not None:
            ok = [
                o and (n is None or (n[:1] == "G" and n[1:] == f[2]))
                for o, n, f in zip(ok, numbers, facts, strict=True)
            ]
        return ok

    def _fact_reader(self) -> Callable[[Any], tuple[dt.date, str, str] | None]:
        """A fast `_parse_id` for whole columns: (birth, sex, number) of a valid ID, else None."""
        births = self._births
        today = self.today
        checks = idn.CHECK_CHARS
        slow = self._parse_id
        male_digits = "13579"

        def read(number: Any) -> tuple[dt.date, str, str] | None:
            if number.__class__ is not str:
                return None
            if len(number) == 18 and number.isascii():
                body = number[:17]
                if body.isdigit() and checks[(2 * int(body, 13)) % 11] == number[17]:
                    key = number[6:14]
                    birth = births.get(key, False)
                    if birth is False:
                        birth = births[key] = _date8(key)
                    if birth is not None and birth.year >= _MIN_BIRTH_YEAR and birth <= today:
                        return birth, ("男" if number[16] in male_digits else "女"), number
            if not number:
                return None
            found = slow(number)
            return found if found.__class__ is tuple else None  # type: ignore[return-value]

        return read

    def check(
        self, values: dict[str, Any], raw_birth: Any, failed: frozenset[str] | set[str] = frozenset()
    ) -> list[Problem]:
        """Problems of a row whose cells normalised into `values` (fields in `failed` already failed)."""
        problems: list[Problem] = []
        for name in self.required:
            if values.get(name) is None and name not in failed:
                problems.append(Problem(name, "missing_field", f"“{LABELS[name]}”为空，这是必填项"))

        id_type = values.get("id_type") or "居民身份证"
        number = values.get("id_number")
        student_no = values.get("student_no")
        info: tuple[dt.date, str, str] | None = None
        id_ok = False
        if not number and "id_number" not in failed:
            sno_kind = sno.classify(student_no) if student_no else None
            if sno_kind == "G" and id_type in _ID_CHECKED_TYPES:
                number = student_no[1:]  # the G-form 学籍号 is the ID number
                values["id_number"] = number
            elif id_type == _NO_ID or sno_kind in ("J", "L"):
                if not student_no and "student_no" not in failed:
                    problems.append(
                        Problem("student_no", "missing_field", "没有身份证件号时必须填写学籍号（J或L字头）")
                    )
            else:
                problems.append(Problem("id_number", "missing_field", f"“{LABELS['id_number']}”为空，这是必填项"))
        if number and "id_number" not in failed and (id_type in _ID_CHECKED_TYPES or _looks_like_id(number)):
            found = self._parse_id(number)
            if isinstance(found, idn.IdProblem):
                problems.append(Problem("id_number", found.value, _id_message(found, number)))
            else:
                info = found
                id_ok = True
                if found[2] != number:
                    values["id_number"] = found[2]  # 15-digit form upgraded to 18

        if info is not None:
            id_birth, id_sex, id_number = info
            sex = values.get("sex")
            if sex is None:
                if self.kind != "roster" and "sex" not in failed:
                    values["sex"] = id_sex
            elif sex != id_sex:
                problems.append(
                    Problem("sex", "sex_mismatch", f"性别“{sex}”与身份证件号不符（按身份证件号应为“{id_sex}”）")
                )
            birth = values.get("birth_date")
            if birth is None:
                if "birth_date" not in failed:
                    values["birth_date"] = id_birth
            elif birth != id_birth:
                has_day = parse_date_ex(raw_birth)[1] if raw_birth is not None else True
                if has_day or (birth.year, birth.month) != (id_birth.year, id_birth.month):
                    shown = _fmt(birth) if has_day else f"{birth.year}年{birth.month}月"
                    problems.append(
                        Problem(
                            "birth_date",
                            "birth_mismatch",
                            f"出生日期（{shown}）与身份证件号中的出生日期（{_fmt(id_birth)}）不一致",
                        )
                    )
                else:
                    values["birth_date"] = id_birth  # the ID gives the day the cell left out
        else:
            birth = values.get("birth_date")
            if birth is not None and birth > self.today:
                problems.append(Problem("birth_date", "bad_value", f"出生日期（{_fmt(birth)}）晚于今天"))

        if student_no and "student_no" not in failed and (id_ok or not number):
            if info is not None and student_no[0] == "G" and student_no[1:] == info[2]:
                return problems  # G + the (valid) ID number: what sno.check accepts, without the work
            problem = sno.check(
                student_no,
                info[2] if info is not None else None,
                values.get("birth_date") if info is None else None,
                today=self.today,
            )
            if problem is not None:
                problems.append(Problem("student_no", problem.code, f"学籍号“{student_no}”：{problem.message}"))
        return problems


def _date8(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _looks_like_id(number: str) -> bool:
    return len(number) in (15, 18) and number[:17].isdigit()


def _id_message(problem: idn.IdProblem, number: str) -> str:
    base = idn.PROBLEM_MESSAGES[problem]
    text = f"身份证件号“{number}”{base.removeprefix('身份证件号')}"
    if problem is idn.IdProblem.CHECKSUM and number.endswith("000") and len(number) == 18:
        text += "；号码末尾是000，可能被Excel转成过数字，请把该列设为“文本”格式后按原号码重新填写"
    return text


def duplicate_key(values: dict[str, Any]) -> tuple[str, str] | None:
    """What identifies a person within one file: the ID number, else the 学籍号."""
    number = values.get("id_number")
    if number:
        return ("id_number", number)
    student_no = values.get("student_no")
    if student_no:
        return ("student_no", student_no)
    return None


def find_duplicates(
    keys: list[tuple[int, tuple[str, str] | None]], policy: DuplicatePolicy = "both"
) -> dict[int, Problem]:
    """Rows (by Excel row number) that repeat a person, each with a message naming the other row(s).

    keys: (excel_row, duplicate_key) per data row. With policy "both" every row of a group is
    refused; with "keep_first" the first stays and later ones are refused.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for row, key in keys:
        if key is not None:
            groups.setdefault(key, []).append(row)
    out: dict[int, Problem] = {}
    for (field, value), rows in groups.items():
        if len(rows) < 2:
            continue
        what = "身份证件号" if field == "id_number" else "学籍号"
        for position, row in enumerate(rows):
            if policy == "keep_first" and position == 0:
                continue
            others = [r for r in rows if r != row] if policy == "both" else [rows[0]]
            named = "、".join(f"第{r}行" for r in others)
            out[row] = Problem(field, "duplicate", f"与{named}是同一人（{what}都是{value}），同一人在表中只能出现一次")
    return out
