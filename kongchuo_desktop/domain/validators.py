"""Field validators for typed input (phone, name, date), each returning a Chinese message or None."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MIN_DATE = dt.date(1990, 1, 1)
NAME_MAX_LEN = 30

_MIDDLE_DOTS = "\u00b7\u2022\u2027\u2219\u30fb\uff65\u318d\u0387"
_RE_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# 0 + 2–3 digit area code + 7–8 digit local number.
_RE_LANDLINE = re.compile(r"^0[1-9][0-9]{8,10}$")
_RE_PHONE_JUNK = re.compile(r"[\s\-()（）\u2013\u2014]")

PHONE_MESSAGE = "电话号码格式不对：手机号应为1开头的11位数字，固定电话应带区号，如0470-1234567"


def normalize_phone(text: str) -> str:
    """Digits only, without spaces, dashes, brackets or a +86 prefix."""
    value = unicodedata.normalize("NFKC", str(text))
    value = _RE_PHONE_JUNK.sub("", value)
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("0086"):
        value = value[4:]
    elif value.startswith("86") and len(value) == 13:
        value = value[2:]
    return value


def phone_problem(text: str | None, *, required: bool = False) -> str | None:
    """None for a Chinese mobile (1[3-9] + 9 digits) or landline with area code; else a message."""
    if text is None or not str(text).strip():
        return "请填写电话号码" if required else None
    value = normalize_phone(text)
    if not value.isascii() or not value.isdigit():
        return "电话号码只能包含数字（可以带空格或“-”）"
    if _RE_MOBILE.match(value) or _RE_LANDLINE.match(value):
        return None
    if value.startswith("1"):
        return f"手机号应为1开头的11位数字，现在是{len(value)}位"
    if 7 <= len(value) <= 8:
        return "固定电话请加区号，如0470-1234567"
    return PHONE_MESSAGE


def normalize_name(text: str) -> str:
    """Trim, drop spaces around Chinese characters, unify 间隔号 variants (• ・ . …) to “·”."""
    value = str(text).strip()
    for dot in _MIDDLE_DOTS:
        value = value.replace(dot, "·")
    # A full stop typed between two names (阿依古丽.买买提) is meant as 间隔号.
    value = re.sub(r"(?<=[^\x00-\x7f])\s*[.．。]\s*(?=[^\x00-\x7f])", "·", value)
    value = re.sub(r"\s*·\s*", "·", value)
    value = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", value)
    return re.sub(r"\s+", " ", value)


def _name_char_ok(ch: str) -> bool:
    if ch in "· ":
        return True
    category = unicodedata.category(ch)
    if category in ("Lo", "Lu", "Ll", "Lt", "Lm", "Mn", "Co"):
        return True  # letters of any script, combining marks, private-use (造字) glyphs
    if ch == "\u3007":  # 〇
        return True
    # Ideographs newer than this Python's Unicode tables (CJK Ext. H, I …).
    return category == "Cn" and 0x20000 <= ord(ch) <= 0x3FFFF


def name_problem(text: str | None) -> str | None:
    """None for an acceptable name (1–30 characters, 间隔号 and rare characters allowed); else a message."""
    value = normalize_name(text or "")
    if not value:
        return "请填写姓名"
    if len(value) > NAME_MAX_LEN:
        return f"姓名太长：最多{NAME_MAX_LEN}个字，现在是{len(value)}个字"
    for ch in value:
        if ch.isdigit():
            return "姓名中不能有数字"
        if not _name_char_ok(ch):
            return f"姓名中有不允许的字符“{ch}”"
    if value.startswith("·") or value.endswith("·") or "··" in value:
        return "姓名中的间隔号“·”位置不对"
    return None


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def date_problem(
    d: dt.date | None,
    not_after: dt.date | None = None,
    not_before: dt.date | None = MIN_DATE,
    *,
    label: str = "日期",
    required: bool = True,
) -> str | None:
    """None when `d` lies in [not_before, not_after] (not_after defaults to today); else a message."""
    if d is None:
        return f"请填写{label}" if required else None
    if isinstance(d, dt.datetime):
        d = d.date()
    today = dt.date.today()
    limit = today if not_after is None else not_after
    if isinstance(limit, dt.datetime):
        limit = limit.date()
    if d > limit:
        when = "今天" if limit == today else _fmt(limit)
        return f"{label}不能晚于{when}"
    if not_before is not None:
        floor = not_before.date() if isinstance(not_before, dt.datetime) else not_before
        if d < floor:
            return f"{label}不能早于{_fmt(floor)}"
    return None
