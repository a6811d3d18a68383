"""Cell normalisers: turn one raw spreadsheet cell into a typed field value or raise CellError."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kongchuo_desktop.domain import codes, ethnicity, validators
from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain import student_no as sno
from kongchuo_desktop.domain.status import STUDENT_STATUSES
from kongchuo_desktop.importing.errors import CellError

__all__ = [
    "BLANK_DEFAULTS",
    "CellError",
    "MAX_CELL_CHARS",
    "NORMALIZERS",
    "is_blank",
    "parse_date",
    "parse_date_ex",
    "to_bool",
    "to_class_no",
    "to_date",
    "to_ethnicity_code",
    "to_grade",
    "to_id_number",
    "to_period",
    "to_sex",
    "to_text",
]

MAX_CELL_CHARS = 10_000
"""A cell longer than this is refused (bad_value); real cells are far shorter."""

BAD = "bad_value"

# Full-width ASCII (digits, letters, punctuation) and the ideographic space → half-width.
_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF[0x3000] = 0x20
# Only digits and letters (addresses keep their Chinese punctuation).
_HALF_ALNUM = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_HALF_ALNUM[0x3000] = 0x20

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def is_blank(value: Any) -> bool:
    """True for an empty cell: None, '' or only spaces."""
    if value is None:
        return True
    if value.__class__ is str:
        return not value.strip()
    return False


def _plain(value: Any) -> str:
    """A cell as text: integral floats without '.0', dates as ISO, full-width digits/letters half-width."""
    if value.__class__ is float:
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if value.__class__ is str:
        text = value
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    else:
        text = str(value)
    if not text.isascii():
        text = text.translate(_HALF_ALNUM)
    return text.strip()


def _too_long(text: str, limit: int, label: str) -> CellError:
    if limit >= MAX_CELL_CHARS:
        return CellError(BAD, f"{label}太长（{len(text):,}个字符），单元格最多{MAX_CELL_CHARS:,}个字符")
    return CellError(BAD, f"{label}太长：最多{limit}个字，现在是{len(text)}个字")


def to_text(value: Any, limit: int = MAX_CELL_CHARS, label: str = "内容") -> str:
    """Trimmed text with half-width digits and letters; CellError when longer than `limit`."""
    text = _plain(value)
    if len(text) > limit:
        raise _too_long(text, limit, label)
    return text


def check_length(value: Any) -> None:
    """Raise bad_value for a text cell over MAX_CELL_CHARS (any column)."""
    if value.__class__ is str and len(value) > MAX_CELL_CHARS:
        raise _too_long(value, MAX_CELL_CHARS, "单元格内容")


# ----------------------------------------------------------------------------- names, phones


def to_name(value: Any) -> str:
    """A person's name, tidied by domain.validators (间隔号, spaces); bad_value when impossible."""
    if value.__class__ is str and len(value) <= validators.NAME_MAX_LEN and value.isalpha():
        return value  # fast path: letters only (any script) is what name_problem accepts unchanged
    check_length(value)
    text = validators.normalize_name(_plain(value))
    problem = validators.name_problem(text)
    if problem:
        raise CellError(BAD, f"姓名“{_show(text)}”不对：{problem}")
    return text


_PHONE_IN_TEXT = re.compile(r"(?<![0-9])(?:1[3-9][0-9]{9}|0[1-9][0-9]{8,10})(?![0-9])")
_PHONE_SPLIT = re.compile(r"[/、,，;；]|\s{2,}|或")
_NO_VALUE = frozenset({"无", "没有", "暂无", "-", "--", "/", "\\", "—", "——", "无电话", "0"})


def to_phone(value: Any) -> str | None:
    """A phone number (the first when a cell holds several); None for 无 / -; bad_value when malformed."""
    if value.__class__ is float and value.is_integer():
        value = str(int(value))
    if (
        value.__class__ is str
        and len(value) == 11
        and value.isascii()
        and value.isdigit()
        and value[0] == "1"
        and value[1] in "3456789"
    ):
        return value  # fast path: a plain mobile number
    check_length(value)
    text = _plain(value)
    if text in _NO_VALUE:
        return None
    first = _PHONE_SPLIT.split(text, maxsplit=1)[0].strip() or text
    number = validators.normalize_phone(first)
    problem = validators.phone_problem(number)
    if problem:
        # "13812345678（父）", "父亲：0470-1234567": take the number written inside the note.
        found = _PHONE_IN_TEXT.search(validators.normalize_phone(text))
        if found is None or validators.phone_problem(found.group(0)):
            raise CellError(BAD, f"电话“{_show(text)}”不对：{problem}")
        number = found.group(0)
    return number


def _show(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "…"


# ----------------------------------------------------------------------------- ID numbers


_ID_LAST = frozenset("0123456789X")
_ID_WRAPPERS = re.compile(r"^(?:=\s*\"(.*)\"|'(.*)|`(.*)|\"(.*)\")$", re.S)

EXCEL_NUMBER_MESSAGE = (
    "身份证件号被Excel转成了数字（显示为{shown}），后几位已经丢失；"
    "请把这一列的单元格格式设为“文本”，重新填写或从原系统重新导出后再导入"
)


def to_id_number(value: Any) -> str | None:
    """An ID number as text, normalised (no spaces, half-width, upper-case X); id_format when Excel made it a number.

    Checksum and date are checked later (validate), where the row's 身份证件类型 is known.
    """
    if (
        value.__class__ is str
        and len(value) == 18
        and value.isascii()
        and value[:17].isdigit()
        and value[17] in _ID_LAST
    ):
        return value  # fast path: the common case needs no work
    check_length(value)
    if value.__class__ is bool:
        raise CellError("id_format", "身份证件号不能是“是/否”值")
    if isinstance(value, (float, int)):
        number = float(value)
        if number.is_integer() and 1e14 <= number < 1e15:
            return str(int(number))  # a 15-digit (old form) ID survives as a number intact
        if number >= 1e15:
            raise CellError("id_format", EXCEL_NUMBER_MESSAGE.format(shown=f"{number:.5E}"))
        raise CellError("id_format", f"身份证件号“{_plain(value)}”格式不对：应为18位（17位数字加一位数字或X）")
    if value.__class__ is str and idn.looks_like_excel_number(value):
        raise CellError("id_format", EXCEL_NUMBER_MESSAGE.format(shown=value.strip()))
    text = str(value).strip()
    if text in _NO_VALUE or text in ("无证件", "未办理", "无身份证"):
        return None  # written-out "none": the same as an empty cell
    wrapped = _ID_WRAPPERS.match(text)
    if wrapped:
        text = next(g for g in wrapped.groups() if g is not None)
    return idn.normalize(text)


def to_student_no(value: Any) -> str | None:
    """A 学籍号, normalised (half-width, upper-case, no spaces); checked against the ID later."""
    if value.__class__ is str and len(value) <= 24 and value.isascii() and value.isalnum() and value.upper() == value:
        return value  # fast path: already normalised
    check_length(value)
    text = _plain(value)
    if text in _NO_VALUE:
        return None
    wrapped = _ID_WRAPPERS.match(text)
    if wrapped:
        text = next(g for g in wrapped.groups() if g is not None)
    out = sno.normalize(text)
    if len(out) > 24:
        raise CellError(BAD, f"学籍号“{_show(out)}”太长")
    return out


# ----------------------------------------------------------------------------- dates

_RE_YMD = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*[日号]?\.?$")
_RE_YMD8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_RE_YM = re.compile(r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?\.?$")
_RE_YM6 = re.compile(r"^(\d{4})(\d{2})$")
_RE_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


_DATE_CHARS = {**_HALF, **{code: ord("-") for code in range(0x2010, 0x2016)}, 0x3002: ord("."), 0xFF61: ord(".")}


def _date_or_none(y: int, m: int, d: int) -> dt.date | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _bad_date(value: Any) -> CellError:
    return CellError(
        BAD,
        f"日期“{_show(_plain(value))}”无法识别，请写成如2015-03-02、2015.3.2、20150302或2015年3月2日",
    )


@lru_cache(maxsize=65536, typed=True)
def parse_date_ex(value: Any) -> tuple[dt.date, bool]:
    """(date, has_day): from date/datetime cells, Excel serial numbers, and text such as 2015.3.2,
    20150302, 2015/3/2, 2015-03-02, 2015年3月2日; "2015年03月", "2015.03", "201503" give the 1st of
    the month with has_day False. Raises CellError(bad_value)."""
    if value.__class__ is str and value.isascii():
        size = len(value)
        if size == 10 and value[4] in "-/." and value[7] == value[4]:
            y, m, d = value[:4], value[5:7], value[8:]
            if y.isdigit() and m.isdigit() and d.isdigit():
                found = _date_or_none(int(y), int(m), int(d))
                if found is not None:
                    return found, True
        elif size == 8 and value.isdigit():
            found = _date_or_none(int(value[:4]), int(value[4:6]), int(value[6:]))
            if found is not None:
                return found, True
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    if value.__class__ is bool:
        raise _bad_date(value)
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or not float(value).is_integer() and value < 1:  # NaN, ±inf or a bare fraction
            raise _bad_date(value)
        number = int(value)
        if 19000101 <= number <= 21001231:
            found = _date_or_none(number // 10000, number // 100 % 100, number % 100)
            if found is not None:
                return found, True
        if 190001 <= number <= 210012:
            found = _date_or_none(number // 100, number % 100, 1)
            if found is not None:
                return found, False
        if 1 <= number < 73051:  # Excel serial days, 1900-01-01 … 2099-12-31
            if number >= 61:
                return _EXCEL_EPOCH + dt.timedelta(days=number), True
            if number != 60:  # 60 is Excel's non-existent 1900-02-29
                return dt.date(1899, 12, 31) + dt.timedelta(days=number), True
        raise _bad_date(value)
    text = _plain(value)
    if not text.isascii():
        text = text.translate(_DATE_CHARS)
    if ":" in text:
        text = _RE_TIME.sub("", text).strip()
    match = _RE_YMD.match(text) or _RE_YMD8.match(text)
    if match:
        found = _date_or_none(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found is not None:
            return found, True
        raise _bad_date(value)
    match = _RE_YM.match(text) or _RE_YM6.match(text)
    if match:
        found = _date_or_none(int(match.group(1)), int(match.group(2)), 1)
        if found is not None:
            return found, False
    raise _bad_date(value)


def parse_date(value: Any) -> dt.date:
    """A date from any spelling `parse_date_ex` accepts."""
    return parse_date_ex(value)[0]


def to_date(value: Any) -> dt.date:
    """Normaliser for date columns (same as parse_date)."""
    return parse_date_ex(value)[0]


_PERIOD_SEP = re.compile(r"\s*(?:至|到|~|～|—+|–|－|―+)\s*")
_OPEN_END = frozenset({"", "…", "……", "..."})
"""What the ledger (services.ledgers) writes for a missing start or end: "…至2027-07-15"."""


def _bad_period(value: Any, why: str = "无法识别") -> CellError:
    return CellError(
        BAD,
        f"缓（免）学期限“{_show(_plain(value))}”{why}，请写成如2026-09-01至2027-07-15或2026年9月1日至2027年7月15日",
    )


def _period_ends(value: Any, parts: list[str]) -> tuple[dt.date | None, dt.date | None]:
    ends: list[dt.date | None] = []
    for part in parts:
        part = part.strip()
        if part in _OPEN_END:
            ends.append(None)
            continue
        try:
            ends.append(parse_date(part))
        except CellError:
            raise _bad_period(value) from None
    start, end = ends
    if start is not None and end is not None and end < start:
        raise _bad_period(value, "的截止日期早于起始日期")
    return start, end


@lru_cache(maxsize=1024, typed=True)
def to_period(value: Any) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a 缓学/免学 period: "2026-09-01至2027-07-15" (as the ledger writes it, "…" for
    an open end), "2026.9.1—2027.7.15", "2026年9月1日至2027年7月15日", "2026/9/1~2027/7/15", also
    "2026.9.1-2027.7.15"; each end as parse_date reads it. Raises CellError(bad_value)."""
    check_length(value)
    if value.__class__ is not str:
        raise _bad_period(value)  # a single date or number is not a period
    text = value.strip()
    parts = _PERIOD_SEP.split(text)
    if len(parts) == 2:
        return _period_ends(value, parts)
    if len(parts) == 1:  # "2026.9.1-2027.7.15": the one "-" that leaves a date on either side
        found = []
        for at in (i for i, char in enumerate(text) if char == "-"):
            try:
                found.append(_period_ends(value, [text[:at], text[at + 1 :]]))
            except CellError:
                continue
        if len(found) == 1 and None not in found[0]:
            return found[0]
    raise _bad_period(value)


# ----------------------------------------------------------------------------- code lists


def _key(value: Any) -> str:
    """Lookup key for a coded cell: half-width, no spaces, lowercase."""
    text = _plain(value)
    if not text.isascii():
        text = text.translate(_HALF)
    return "".join(text.split()).lower()


def _coded(table: dict[str, Any], message: str) -> Callable[[Any], Any]:
    @lru_cache(maxsize=4096, typed=True)
    def normalise(value: Any) -> Any:
        check_length(value)
        key = _key(value)
        if key in table:
            return table[key]
        raise CellError(BAD, message.format(value=_show(_plain(value))))

    return normalise


_SEX = {
    "男": "男",
    "男性": "男",
    "男生": "男",
    "m": "男",
    "male": "男",
    "1": "男",
    "乾": "男",
    "女": "女",
    "女性": "女",
    "女生": "女",
    "f": "女",
    "female": "女",
    "2": "女",
    "坤": "女",
}
to_sex = _coded(_SEX, "性别“{value}”无法识别，应填“男”或“女”")
to_sex.__doc__ = "男/女 from 男, 女, 1, 2, M, F, 男性 …"

_YES = ("是", "√", "✓", "✔", "☑", "y", "yes", "1", "true", "有", "对", "住校", "寄宿", "住宿", "寄宿生")
_NO = ("否", "×", "✗", "✘", "n", "no", "0", "false", "无", "不是", "非", "走读", "不住校", "非寄宿", "走读生", "-", "/")
_FLAGS = {**{k: True for k in _YES}, **{k: False for k in _NO}}
to_bool = _coded(_FLAGS, "“{value}”无法识别，应填“是”或“否”（也可用√表示是，留空表示否）")
to_bool.__doc__ = "True/False from 是/否, √/✓, Y/N, 1/0 (blank is False, handled by the caller)."

_LEFT_BEHIND = {
    **{k: "双亲外出" for k in _YES},
    **{k: "无" for k in _NO},
    "双亲外出": "双亲外出",
    "双亲": "双亲外出",
    "父母外出": "双亲外出",
    "父母均外出": "双亲外出",
    "父母双方外出": "双亲外出",
    "双方外出": "双亲外出",
    "父母双方外出务工": "双亲外出",
    "双亲外出务工": "双亲外出",
    "单亲外出": "单亲外出",
    "单亲": "单亲外出",
    "父亲外出": "单亲外出",
    "母亲外出": "单亲外出",
    "父外出": "单亲外出",
    "母外出": "单亲外出",
    "一方外出": "单亲外出",
    "父母一方外出": "单亲外出",
    "单亲外出务工": "单亲外出",
    "父亲外出务工": "单亲外出",
    "母亲外出务工": "单亲外出",
    "非留守": "无",
    "不是留守儿童": "无",
}
to_left_behind = _coded(_LEFT_BEHIND, "留守情况“{value}”无法识别，应填“无”“单亲外出”“双亲外出”，或“是”/“否”")
to_left_behind.__doc__ = "无/单亲外出/双亲外出; 是 means 双亲外出 (the official definition of 留守儿童)."

_ID_TYPES = {
    "居民身份证": "居民身份证",
    "身份证": "居民身份证",
    "二代身份证": "居民身份证",
    "中华人民共和国居民身份证": "居民身份证",
    "第二代居民身份证": "居民身份证",
    "居民身份证号": "居民身份证",
    "身份证件": "居民身份证",
    "港澳台居民居住证": "港澳台居民居住证",
    "港澳台居住证": "港澳台居民居住证",
    "港澳居民居住证": "港澳台居民居住证",
    "台湾居民居住证": "港澳台居民居住证",
    "居住证": "港澳台居民居住证",
    "护照": "护照",
    "外国护照": "护照",
    "外国人护照": "护照",
    "无证件": "无证件",
    "无": "无证件",
    "无身份证": "无证件",
    "未办理": "无证件",
    "无证": "无证件",
    "暂无": "无证件",
    "未办理身份证": "无证件",
    "无身份证件": "无证件",
}
for _t in codes.ID_TYPES:
    _ID_TYPES.setdefault(_t, _t)
to_id_type = _coded(_ID_TYPES, "身份证件类型“{value}”无法识别，应为" + "、".join(codes.ID_TYPES))

_HUKOU = {
    "农业户口": "农业户口",
    "农业": "农业户口",
    "农村": "农业户口",
    "农村户口": "农业户口",
    "农业家庭户口": "农业户口",
    "非农业户口": "非农业户口",
    "非农业": "非农业户口",
    "非农": "非农业户口",
    "城镇": "非农业户口",
    "城镇户口": "非农业户口",
    "城市": "非农业户口",
    "非农业家庭户口": "非农业户口",
    "居民户口": "居民户口",
    "居民": "居民户口",
    "统一居民户口": "居民户口",
    "家庭户口": "居民户口",
    "居民家庭户口": "居民户口",
}
to_hukou_nature = _coded(_HUKOU, "户口性质“{value}”无法识别，应为" + "、".join(codes.HUKOU_NATURES))

_DISABILITY: dict[str, Any] = {k: None for k in ("无", "否", "没有", "正常", "健全", "非残疾", "-", "/", "0")}
for _i, _t in enumerate(codes.DISABILITY_TYPES, start=1):
    for _k in (_t, _t + "残疾", _t + "类", _t + "障碍", str(_i)):
        _DISABILITY[_k] = _t
_DISABILITY.update(
    {
        "语言": "言语",
        "语言残疾": "言语",
        "智障": "智力",
        "肢残": "肢体",
        "听障": "听力",
        "视障": "视力",
        "盲": "视力",
        "聋": "听力",
        "精神障碍": "精神",
        "多重残疾": "多重",
        "自闭症": "精神",
        "孤独症": "精神",
    }
)
to_disability_type = _coded(
    _DISABILITY, "残疾类型“{value}”无法识别，应为" + "、".join(codes.DISABILITY_TYPES) + "（不是残疾儿童请留空）"
)

_ARRANGEMENT: dict[str, Any] = {k: None for k in ("无", "否", "-", "/")}
_ARRANGEMENT.update(
    {
        "随班就读": "随班就读",
        "随班": "随班就读",
        "特教学校": "特教学校",
        "特殊教育学校": "特教学校",
        "特校": "特教学校",
        "特殊学校": "特教学校",
        "特教": "特教学校",
        "特殊教育学校就读": "特教学校",
        "特教学校就读": "特教学校",
        "送教上门": "送教上门",
        "送教": "送教上门",
        "送教到家": "送教上门",
        "送教上门服务": "送教上门",
    }
)
to_disability_arrangement = _coded(
    _ARRANGEMENT, "安置方式“{value}”无法识别，应为" + "、".join(codes.DISABILITY_ARRANGEMENTS)
)

_STATUS = {s: s for s in STUDENT_STATUSES}
_STATUS.update(
    {
        "在校": "在读",
        "在籍": "在读",
        "正常": "在读",
        "就读": "在读",
        "在校就读": "在读",
        "在读生": "在读",
        "正常在校": "在读",
        "已休学": "休学",
        "已转出": "转出",
        "转学": "转出",
        "已辍学": "辍学",
        "失学": "辍学",
        "已毕业": "毕业",
        "死亡注销": "死亡",
        "已死亡": "死亡",
    }
)
to_status = _coded(_STATUS, "学籍状态“{value}”无法识别，应为" + "、".join(STUDENT_STATUSES))

_SITUATION = {s: s for s in codes.CHILD_SITUATIONS}
_SITUATION.update(
    {
        "在校": "本地在校",
        "在读": "本地在校",
        "本地就读": "本地在校",
        "在校就读": "本地在校",
        "本地": "本地在校",
        "正常在校": "本地在校",
        "本地在读": "本地在校",
        "本县就读": "本地在校",
        "本地在校就读": "本地在校",
        "就读": "本地在校",
        "在籍在校": "本地在校",
        "正常": "本地在校",
        "外地": "外地就读",
        "异地就读": "外地就读",
        "外出就读": "外地就读",
        "县外就读": "外地就读",
        "市外就读": "外地就读",
        "外省就读": "外地就读",
        "外地上学": "外地就读",
        "随父母外出就读": "外地就读",
        "特殊教育学校": "特教学校",
        "特殊教育学校就读": "特教学校",
        "送教": "送教上门",
        "未上学": "未入学",
        "失学": "辍学",
        "户口迁出": "迁出",
        "已迁出": "迁出",
        "已死亡": "死亡",
    }
)
to_situation = _coded(_SITUATION, "就读情况“{value}”无法识别，应为" + "、".join(codes.CHILD_SITUATIONS))

_RELATIONS = {r: r for r in codes.GUARDIAN_RELATIONS}
_RELATIONS.update(
    {
        "父": "父亲",
        "爸爸": "父亲",
        "父子": "父亲",
        "父女": "父亲",
        "母": "母亲",
        "妈妈": "母亲",
        "母子": "母亲",
        "母女": "母亲",
        "爷爷": "祖父",
        "奶奶": "祖母",
        "外公": "外祖父",
        "姥爷": "外祖父",
        "外婆": "外祖母",
        "姥姥": "外祖母",
        "祖孙": "其他亲属",
    }
)


def to_relation(value: Any) -> str:
    """A guardian relation: known spellings become domain.codes.GUARDIAN_RELATIONS, others are kept."""
    text = to_text(value, 16, "与学生关系")
    return _RELATIONS.get("".join(text.split()), text)


# ----------------------------------------------------------------------------- domain lookups


@lru_cache(maxsize=1024, typed=True)
def to_ethnicity_code(value: Any) -> str:
    """The GB/T 3304 code ("01" 汉族, "02" 蒙古族 …) via domain.ethnicity.lookup."""
    check_length(value)
    found = ethnicity.lookup(_plain(value))
    if found is None:
        raise CellError(BAD, f"民族“{_show(_plain(value))}”无法识别，请填写民族全称（如汉族、蒙古族）或两位代码")
    return found[0]


@lru_cache(maxsize=1024, typed=True)
def to_grade(value: Any) -> int:
    """1–9 via domain.codes.parse_grade (一年级, 初一, 七年级, 8 …)."""
    check_length(value)
    if value.__class__ is bool:
        raise CellError(BAD, "年级不能是“是/否”值")
    found = codes.parse_grade(_plain(value))
    if found is None:
        combined = codes.parse_grade_class(_plain(value)) if value.__class__ is str else None
        if combined is not None:
            return combined[0]
        raise CellError(BAD, f"年级“{_show(_plain(value))}”无法识别，应为一年级至九年级（初一至初三也可以）")
    return found


@lru_cache(maxsize=1024, typed=True)
def to_class_no(value: Any) -> int:
    """1–99 via domain.codes.parse_class_no (2班, (2)班, 二班, 2 …)."""
    check_length(value)
    if value.__class__ is bool:
        raise CellError(BAD, "班级不能是“是/否”值")
    text = _plain(value)
    found = codes.parse_class_no(text)
    if found is None:
        combined = codes.parse_grade_class(text) if value.__class__ is str else None
        if combined is not None:
            return combined[1]
        raise CellError(BAD, f"班级“{_show(text)}”无法识别，应写成如“2班”或“2”")
    return found


# ----------------------------------------------------------------------------- per field

_TEXT_LIMITS = {
    "hukou_address": ("户籍地址", 200),
    "current_address": ("现住址", 200),
    "residence_address": ("居住地址", 200),
    "school_name": ("学校名称", 100),
    "guardian1_name": ("监护人姓名", 40),
    "guardian2_name": ("第二监护人姓名", 40),
    "township_name": ("乡镇", 60),
    "hukou_village": ("村（社区）", 60),
    "elsewhere_school": ("外地就读学校", 100),
    "approving_body": ("批准单位", 60),
    "note": ("备注", MAX_CELL_CHARS),
}


def _text_normaliser(label: str, limit: int) -> Callable[[Any], str]:
    def normalise(value: Any) -> str:
        text = _plain(value)
        if len(text) > limit:
            raise _too_long(text, limit, label)
        return text

    normalise.__doc__ = f"{label}: trimmed text of at most {limit} characters."
    return normalise


def _school_text(label: str, limit: int) -> Callable[[Any], str]:
    text_fn = _text_normaliser(label, limit)

    @lru_cache(maxsize=4096, typed=True)
    def normalise(value: Any) -> str:
        return " ".join(text_fn(value).split())

    return normalise


NORMALIZERS: dict[str, Callable[[Any], Any]] = {
    "name": to_name,
    "sex": to_sex,
    "birth_date": to_date,
    "ethnicity_code": to_ethnicity_code,
    "id_type": to_id_type,
    "id_number": to_id_number,
    "student_no": to_student_no,
    "hukou_nature": to_hukou_nature,
    "grade": to_grade,
    "class_no": to_class_no,
    "enrolled_on": to_date,
    "boarding": to_bool,
    "status": to_status,
    "left_behind": to_left_behind,
    "migrant": to_bool,
    "disability_type": to_disability_type,
    "disability_arrangement": to_disability_arrangement,
    "poverty": to_bool,
    "low_income": to_bool,
    "orphan": to_bool,
    "guardian1_relation": to_relation,
    "guardian2_relation": to_relation,
    "guardian1_phone": to_phone,
    "guardian2_phone": to_phone,
    "situation": to_situation,
    "period": to_period,
    "period_start": to_date,
    "period_end": to_date,
}
"""The normaliser of every field; fields not listed here are plain text (see `normalizer_for`)."""

for _field, (_label, _limit) in _TEXT_LIMITS.items():
    if _field in ("school_name", "township_name", "hukou_village", "elsewhere_school", "approving_body"):
        NORMALIZERS[_field] = _school_text(_label, _limit)
    else:
        NORMALIZERS[_field] = _text_normaliser(_label, _limit)


def _lines(pattern: str) -> Callable[[Any, str], bool]:
    """A whole-column check: each line of the joined column is empty or matches `pattern`."""
    compiled = re.compile(f"(?:{pattern})?(?:\n(?:{pattern})?)*")
    return lambda column, joined: compiled.fullmatch(joined) is not None


# Characters _plain would change inside a cell or strip from its ends (besides space and tab).
_CHANGED_CHARS = re.compile(
    "[\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)


def _plain_text(limit: int) -> Callable[[Any, str], bool]:
    """A whole-column check for text kept as it is: nothing to trim or convert, none too long."""

    def check(column: Any, joined: str) -> bool:
        return (
            _CHANGED_CHARS.search(joined) is None
            and not any(edge in joined for edge in (" \n", "\n ", "\t\n", "\n\t"))
            and not joined[:1].isspace()
            and not joined[-1:].isspace()
            and max(map(len, column)) <= limit
        )

    return check


CLEAN_COLUMNS: dict[str, Callable[[Any, str], bool]] = {
    "id_number": _lines(r"[0-9]{17}[0-9X]"),
    "student_no": _lines(r"[0-9A-Z]{1,24}"),
    "guardian1_phone": _lines(r"1[3-9][0-9]{9}"),
    "guardian2_phone": _lines(r"1[3-9][0-9]{9}"),
    "name": _lines(f"[\u4e00-\u9fff]{{1,{validators.NAME_MAX_LEN}}}"),
    "guardian1_name": _lines(r"[\u4e00-\u9fff]{1,40}"),
    "guardian2_name": _lines(r"[\u4e00-\u9fff]{1,40}"),
    "hukou_address": _plain_text(200),
    "current_address": _plain_text(200),
    "residence_address": _plain_text(200),
}
"""Per field, a check of a whole column of text cells (and the cells joined by newlines): True
means the field's normaliser would return every cell unchanged (empty cells become None), so the
column can be taken as it is. A speed-up only; otherwise the column goes cell by cell."""

BLANK_DEFAULTS: dict[str, Any] = {
    "boarding": False,
    "migrant": False,
    "poverty": False,
    "low_income": False,
    "orphan": False,
    "left_behind": "无",
}
"""The value of an empty cell in these columns (a mark-only-yes convention); others become None."""


def normalizer_for(field: str) -> Callable[[Any], Any]:
    """The normaliser for a canonical field name."""
    return NORMALIZERS.get(field) or _text_normaliser(field, MAX_CELL_CHARS)
