"""民族 (ethnicity): GB/T 3304-1991 codes and names, and lenient lookup of typed values."""

from __future__ import annotations

import re
import unicodedata

ALL: list[tuple[str, str]] = [
    ("01", "汉族"),
    ("02", "蒙古族"),
    ("03", "回族"),
    ("04", "藏族"),
    ("05", "维吾尔族"),
    ("06", "苗族"),
    ("07", "彝族"),
    ("08", "壮族"),
    ("09", "布依族"),
    ("10", "朝鲜族"),
    ("11", "满族"),
    ("12", "侗族"),
    ("13", "瑶族"),
    ("14", "白族"),
    ("15", "土家族"),
    ("16", "哈尼族"),
    ("17", "哈萨克族"),
    ("18", "傣族"),
    ("19", "黎族"),
    ("20", "傈僳族"),
    ("21", "佤族"),
    ("22", "畲族"),
    ("23", "高山族"),
    ("24", "拉祜族"),
    ("25", "水族"),
    ("26", "东乡族"),
    ("27", "纳西族"),
    ("28", "景颇族"),
    ("29", "柯尔克孜族"),
    ("30", "土族"),
    ("31", "达斡尔族"),
    ("32", "仫佬族"),
    ("33", "羌族"),
    ("34", "布朗族"),
    ("35", "撒拉族"),
    ("36", "毛南族"),
    ("37", "仡佬族"),
    ("38", "锡伯族"),
    ("39", "阿昌族"),
    ("40", "普米族"),
    ("41", "塔吉克族"),
    ("42", "怒族"),
    ("43", "乌孜别克族"),
    ("44", "俄罗斯族"),
    ("45", "鄂温克族"),
    ("46", "德昂族"),
    ("47", "保安族"),
    ("48", "裕固族"),
    ("49", "京族"),
    ("50", "塔塔尔族"),
    ("51", "独龙族"),
    ("52", "鄂伦春族"),
    ("53", "赫哲族"),
    ("54", "门巴族"),
    ("55", "珞巴族"),
    ("56", "基诺族"),
    ("97", "其他"),
    ("98", "外国血统中国籍人士"),
]

_BY_CODE: dict[str, str] = dict(ALL)
_BY_NAME: dict[str, str] = {name: code for code, name in ALL}

# Other spellings seen in rosters: short forms, old names, common slips.
_ALIASES: dict[str, str] = {
    "汉": "01",
    "汉人": "01",
    "漢族": "01",
    "漢": "01",
    "蒙": "02",
    "蒙族": "02",
    "蒙古人": "02",
    "回": "03",
    "藏": "04",
    "维": "05",
    "维族": "05",
    "维吾尔": "05",
    "壮": "08",
    "僮族": "08",
    "朝鲜": "10",
    "满": "11",
    "满洲": "11",
    "崩龙族": "46",
    "崩龙": "46",
    "毛难族": "36",
    "毛难": "36",
    "哈萨克": "17",
    "柯尔克孜": "29",
    "达斡尔": "31",
    "达族": "31",
    "鄂温克": "45",
    "鄂伦春": "52",
    "俄罗斯": "44",
    "乌孜别克": "43",
    "其它": "97",
    "其他民族": "97",
    "其它民族": "97",
    "外国血统": "98",
    "外国血统中国籍": "98",
    "入籍": "98",
}
for _code, _name in ALL:
    if _name.endswith("族"):
        # 蒙古 → 蒙古族, 土家 → 土家族, 水 → 水族: in an ethnicity column a stem is unambiguous.
        _ALIASES.setdefault(_name[:-1], _code)

_RE_CODE = re.compile(r"^[0-9]{1,2}(\.0+)?$")


def _clean(text: str) -> str:
    value = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", value)


def lookup(text: str | int) -> tuple[str, str] | None:
    """(code, name) for a code ("2", "02", "2.0"), full name, name without 族, or alias; else None."""
    value = _clean(str(text))
    if not value:
        return None
    if _RE_CODE.match(value):
        code = f"{int(float(value)):02d}"
        name = _BY_CODE.get(code)
        return None if name is None else (code, name)
    code2 = _BY_NAME.get(value) or _ALIASES.get(value)
    if code2 is None:
        return None
    return code2, _BY_CODE[code2]


def name_of(code: str | int) -> str | None:
    """The name for a GB/T 3304 code ("02" or "2"), or None when unknown."""
    found = lookup(code) if _RE_CODE.match(_clean(str(code))) else None
    return None if found is None else found[1]


def code_of(text: str | int) -> str | None:
    """The 2-digit code for anything `lookup` accepts, or None."""
    found = lookup(text)
    return None if found is None else found[0]
