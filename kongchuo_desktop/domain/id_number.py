"""Resident ID numbers (身份证件号) per GB 11643-1999: check character, birth date, sex, 15→18."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")
# ASCII only: `\d` alone would also accept other scripts' digits.
_RE18 = re.compile(r"^[0-9]{17}[0-9X]$")
_RE15 = re.compile(r"^[0-9]{15}$")
# Spaces (incl. U+3000), dashes and the quote marks Excel users type to force text ('110...).
_STRIP = re.compile("[\\s\\-\u2013\u2014\uff0d'\"\u2018\u2019\u201c\u201d`]")


class IdProblem(StrEnum):
    """Why an ID number is not acceptable; values are the import reason codes."""

    FORMAT = "id_format"
    CHECKSUM = "id_checksum"
    DATE = "id_date"


PROBLEM_MESSAGES = {
    IdProblem.FORMAT: "身份证件号格式不对：应为18位（17位数字加一位数字或X）",
    IdProblem.CHECKSUM: "身份证件号校验位不对，请核对号码是否抄错",
    IdProblem.DATE: "身份证件号中的出生日期不存在",
}


@dataclass(frozen=True)
class IdInfo:
    """A valid 18-character ID: `number` normalised, with the facts it encodes."""

    number: str
    birth_date: dt.date
    sex: str  # "男" or "女"
    area_code: str


class IdNumberError(ValueError):
    """An ID number failed validation; `problem` is the reason code."""

    def __init__(self, problem: IdProblem, detail: str = "") -> None:
        self.problem = problem
        super().__init__(detail or PROBLEM_MESSAGES[problem])


def normalize(raw: str) -> str:
    """Strip spaces, dashes and quotes (also inside), convert full-width digits and lowercase x."""
    text = str(raw).translate(_FULLWIDTH)
    text = _STRIP.sub("", text)
    return text.upper()


def check_char(first17: str) -> str:
    """The check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def _parse_date(yyyymmdd: str) -> dt.date | None:
    try:
        return dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def convert_15_to_18(old: str) -> str:
    """Upgrade a legacy 15-digit ID (born 19xx) to the 18-character form."""
    old = normalize(old)
    if not _RE15.match(old):
        raise IdNumberError(IdProblem.FORMAT)
    first17 = old[:6] + "19" + old[6:]
    return first17 + check_char(first17)


def parse(raw: str, today: dt.date | None = None) -> IdInfo:
    """Validate an ID number (18-char, or 15-digit legacy) and return its facts.

    Raises IdNumberError with the reason code when it is not acceptable.
    """
    number = normalize(raw)
    if _RE15.match(number):
        first17 = number[:6] + "19" + number[6:]
        if _parse_date(first17[6:14]) is None:
            raise IdNumberError(IdProblem.DATE)
        number = first17 + check_char(first17)
    if not _RE18.match(number):
        raise IdNumberError(IdProblem.FORMAT)
    birth = _parse_date(number[6:14])
    today = today or dt.date.today()
    if birth is None or birth.year < 1900 or birth > today:
        raise IdNumberError(IdProblem.DATE)
    if check_char(number[:17]) != number[17]:
        raise IdNumberError(IdProblem.CHECKSUM)
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number=number, birth_date=birth, sex=sex, area_code=number[:6])


def problem_of(raw: str, today: dt.date | None = None) -> IdProblem | None:
    """The reason code for an unacceptable ID, or None when it is valid."""
    try:
        parse(raw, today)
    except IdNumberError as exc:
        return exc.problem
    return None


def looks_like_excel_number(raw: object) -> bool:
    """True for an ID that Excel stored as a number (float, or text like 1.5E+17)."""
    if isinstance(raw, float):
        return True
    if isinstance(raw, int) and not isinstance(raw, bool):
        return len(str(raw)) >= 15 and str(raw)[-3:] == "000"
    text = str(raw).strip()
    return bool(re.match(r"^\d(\.\d+)?[eE]\+\d+$", text))
