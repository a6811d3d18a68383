"""学籍号 (student_no) forms G / J / L: normalisation, classification and consistency checks."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from kongchuo_desktop.domain import id_number as idn

KINDS = ("G", "J", "L")
KIND_LABELS = {
    "G": "G字头（身份证件号）",
    "J": "J字头（无身份证件，系统编号）",
    "L": "L字头（临时学籍号）",
}

_RE_G = re.compile(r"^G[0-9]{17}[0-9X]$")
_RE_J = re.compile(r"^J[0-9]{17}[0-9X]$")
_RE_L = re.compile(r"^L[0-9]{18}$")
_STRIP = re.compile(r"[\s\-'\"\u2018\u2019\u201c\u201d`]")

FORMAT_MESSAGE = "学籍号格式不对：应为“G”加18位身份证件号、“J”加18位编号，或“L”加6位地区码、8位出生日期和4位数字"

# Reason codes (see DESIGN.md §5): a malformed number is `bad_value`, a number that
# contradicts the person's ID number or birth date is `student_no_mismatch`.
BAD_VALUE = "bad_value"
MISMATCH = "student_no_mismatch"


@dataclass(frozen=True)
class StudentNoProblem:
    """Why a 学籍号 is not acceptable: an import reason code and a Chinese message."""

    code: str
    message: str


def normalize(no: str) -> str:
    """Full-width to half-width, drop spaces, dashes and quotes, upper-case."""
    text = unicodedata.normalize("NFKC", str(no))
    return _STRIP.sub("", text).upper()


def classify(no: str) -> str | None:
    """The form of `no` — "G", "J" or "L" (shape only) — or None."""
    text = normalize(no)
    if _RE_G.match(text):
        return "G"
    if _RE_J.match(text):
        return "J"
    if _RE_L.match(text):
        return "L"
    return None


def _date8(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def embedded_birth_date(no: str) -> dt.date | None:
    """The birth date a G/J/L number carries, or None when it has none or it is impossible."""
    text = normalize(no)
    if classify(text) is None:
        return None
    return _date8(text[7:15])


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _normalized_id(id_number: str) -> str:
    text = idn.normalize(id_number)
    if len(text) == 15 and text.isascii() and text.isdigit():
        return idn.convert_15_to_18(text)
    return text


def check(
    no: str,
    id_number: str | None = None,
    birth_date: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> StudentNoProblem | None:
    """Validate a 学籍号 against the person's ID number and birth date (either may be None).

    Returns None when acceptable, else the reason code and a Chinese message.
    """
    text = normalize(no)
    if not text:
        return StudentNoProblem(BAD_VALUE, "学籍号为空")
    kind = classify(text)
    if kind is None:
        return StudentNoProblem(BAD_VALUE, FORMAT_MESSAGE)
    today = today or dt.date.today()
    body = text[1:]
    birth = _date8(body[6:14])
    if birth is None or birth.year < 1900 or birth > today:
        return StudentNoProblem(BAD_VALUE, "学籍号中的出生日期不存在")
    id_checked = False
    if kind == "G":
        if idn.check_char(body[:17]) != body[17]:
            return StudentNoProblem(BAD_VALUE, "G字头学籍号中的身份证件号校验位不对，请核对是否抄错")
        if id_number and id_number.strip():
            person_id = _normalized_id(id_number)
            if person_id != body:
                return StudentNoProblem(
                    MISMATCH, f"学籍号与身份证件号不一致：学籍号中为{body}，身份证件号为{person_id}"
                )
            # Same number as the ID: a wrong birth date is the ID's contradiction
            # (`birth_mismatch`), reported by the ID check, not here.
            id_checked = True
    if birth_date is not None and not id_checked:
        if isinstance(birth_date, dt.datetime):
            birth_date = birth_date.date()
        if birth != birth_date:
            return StudentNoProblem(
                MISMATCH,
                f"学籍号中的出生日期（{_fmt(birth)}）与出生日期（{_fmt(birth_date)}）不一致",
            )
    return None


def validate(
    no: str,
    id_number: str | None = None,
    birth_date: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> str | None:
    """A Chinese message saying what is wrong with the 学籍号, or None when it is acceptable."""
    problem = check(no, id_number, birth_date, today=today)
    return None if problem is None else problem.message


def from_id_number(id_number: str) -> str:
    """The G-form 学籍号 for a valid ID number (15-digit IDs are upgraded first)."""
    return "G" + idn.parse(id_number).number


def temporary(area_code: str, birth_date: dt.date, serial: int) -> str:
    """A temporary L-form 学籍号: "L" + 6-digit area + YYYYMMDD + 4-digit serial."""
    area = normalize(area_code)
    if not re.fullmatch(r"[0-9]{6}", area):
        raise ValueError("地区码应为6位数字")
    if not 0 <= serial <= 9999:
        raise ValueError("临时学籍号的顺序号应在0到9999之间")
    return f"L{area}{birth_date:%Y%m%d}{serial:04d}"
