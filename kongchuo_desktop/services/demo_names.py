"""Invented people and places for demo databases: names, phone numbers, addresses.

Everything here is made up. Names are assembled from common characters, so any resemblance to a
real person is chance. All functions draw from the `random.Random` they are given (never the
global one), so a seed reproduces the same people.
"""

from __future__ import annotations

import bisect
import itertools
import random

# Surnames weighted roughly as in north-east China and Hulunbuir (weights are per mille-ish).
_SURNAMES: list[tuple[str, int]] = [
    ("王", 95),
    ("李", 90),
    ("张", 88),
    ("刘", 80),
    ("赵", 45),
    ("孙", 38),
    ("杨", 36),
    ("陈", 33),
    ("于", 30),
    ("高", 28),
    ("马", 26),
    ("徐", 22),
    ("郭", 21),
    ("吴", 20),
    ("周", 20),
    ("宋", 18),
    ("韩", 18),
    ("孟", 16),
    ("姜", 15),
    ("崔", 14),
    ("董", 14),
    ("白", 13),
    ("曹", 12),
    ("郝", 12),
    ("田", 12),
    ("任", 11),
    ("朱", 11),
    ("胡", 11),
    ("林", 10),
    ("何", 10),
    ("罗", 9),
    ("梁", 9),
    ("邢", 8),
    ("曲", 8),
    ("吕", 8),
    ("付", 8),
    ("谢", 7),
    ("唐", 7),
    ("冯", 7),
    ("黄", 7),
    ("许", 7),
    ("邓", 6),
    ("范", 6),
    ("贾", 6),
    ("丁", 6),
    ("魏", 6),
    ("薛", 5),
    ("叶", 5),
    ("阎", 5),
    ("潘", 5),
    ("杜", 5),
    ("夏", 5),
    ("钟", 4),
    ("汪", 4),
    ("石", 5),
    ("姚", 4),
    ("方", 4),
    ("金", 5),
    ("陆", 4),
    ("孔", 4),
    ("康", 4),
    ("毛", 3),
    ("邱", 3),
    ("秦", 4),
    ("史", 4),
    ("侯", 4),
    ("邵", 3),
    ("常", 4),
    ("武", 4),
    ("乔", 3),
    ("贺", 3),
    ("尹", 3),
    ("关", 4),
    ("佟", 3),
    ("隋", 2),
    ("初", 2),
    ("栾", 2),
    ("宫", 2),
    ("单", 2),
    ("曾", 2),
    ("解", 1),
    ("仇", 1),
    ("盖", 1),
    ("翟", 2),
    ("宿", 1),
    ("车", 1),
    ("欧阳", 1),
    ("司马", 1),
    ("上官", 1),
    ("诸葛", 1),
]

_BOY = "浩宇轩子俊博文泽睿哲鑫瑞阳晨明杰宸铭然凯磊伟强鹏峰昊天一航旭嘉诚帅豪乐皓奕梓煜彬健斌锦程思远志恒佳毅"
_GIRL = "欣怡梓涵雨萱思佳悦诗琪婷雪颖可馨妍淑晴彤琳萌瑶婧丹静娜璐依诺语桐嘉若曦紫菲晓月婉清舒"
# Rarer characters (some outside common fonts) that real rosters contain.
_RARE = "喆堃玥淼垚犇昇琰珺翀芃骞甯燊煊翊祎赟珏䶮"
_MAN = "国建军伟志强明勇海平东波刚春林华峰辉亮鹏涛磊宝福成文立永德金胜长庆"
_WOMAN = "丽霞红艳敏静燕玲芳娟英梅华秀兰凤杰丹娜萍云雪春玉桂凤荣莉慧"

# Mongolian personal names (written without a surname), by sex.
_MONGOL_BOY = [
    "巴特尔",
    "巴雅尔",
    "朝鲁",
    "额尔敦",
    "阿拉坦",
    "宝音",
    "孟和",
    "那日苏",
    "苏和",
    "特木尔",
    "毕力格",
    "布仁",
    "达来",
    "乌力吉",
    "巴图",
    "吉日格勒",
    "斯琴毕力格",
    "额尔德木图",
    "呼和",
    "图门",
]
_MONGOL_GIRL = [
    "乌云",
    "其其格",
    "萨仁",
    "图雅",
    "苏日娜",
    "斯琴",
    "高娃",
    "娜仁",
    "塔娜",
    "乌兰",
    "阿茹娜",
    "敖登",
    "格日勒",
    "萨日朗",
    "诺敏",
    "乌云其其格",
    "斯琴高娃",
    "萨仁图雅",
    "其木格",
    "托娅",
]
_MONGOL_SURNAMES = "包白宝韩吴敖额鲍"
_EVENKI_SURNAMES = "何杜涂索古卡布哈那吴乌"
_DAUR_SURNAMES = "敖郭何鄂孟苏金沃吴"
_OROQEN_SURNAMES = "莫关孟葛魏吴白"
_MANCHU_SURNAMES = "关那佟索富金赵肇"
_HUI_SURNAMES = "马白杨穆沙丁"
# Names of Russian origin among 鄂温克族 and 俄罗斯族 families, written with the 间隔号.
_RUSSIAN_GIVEN = ["安娜", "娜塔莎", "伊万", "萨沙", "瓦西里", "卡佳", "柳芭", "阿廖沙", "达莎", "尼古拉"]


def _weighted(pairs: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs))


_SURNAME_VALUES, _SURNAME_CUM = _weighted(_SURNAMES)


def surname(rng: random.Random) -> str:
    """A surname, drawn by frequency."""
    return _SURNAME_VALUES[bisect.bisect_right(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1])]


def _given(rng: random.Random, sex: str) -> str:
    pool = _BOY if sex == "男" else _GIRL
    n = 1 if rng.random() < 0.2 else 2
    chars = [pool[rng.randrange(len(pool))] for _ in range(n)]
    if rng.random() < 0.012:
        chars[-1] = _RARE[rng.randrange(len(_RARE))]
    if n == 2 and chars[0] == chars[1] and rng.random() < 0.7:
        chars[1] = pool[rng.randrange(len(pool))]
    return "".join(chars)


def child_name(rng: random.Random, sex: str, ethnicity: str = "01", family: str | None = None) -> str:
    """A child's name for a sex ("男"/"女") and GB/T 3304 ethnicity code; `family`: the surname."""
    if ethnicity == "02" and rng.random() < 0.5:
        return rng.choice(_MONGOL_BOY if sex == "男" else _MONGOL_GIRL)
    if ethnicity in ("45", "44") and rng.random() < 0.12:
        family = family or (rng.choice(_EVENKI_SURNAMES) if ethnicity == "45" else surname(rng))
        return f"{rng.choice(_RUSSIAN_GIVEN)}·{family}"
    if family is None:
        special = {
            "02": _MONGOL_SURNAMES,
            "45": _EVENKI_SURNAMES,
            "31": _DAUR_SURNAMES,
            "52": _OROQEN_SURNAMES,
            "11": _MANCHU_SURNAMES,
            "03": _HUI_SURNAMES,
        }.get(ethnicity)
        family = rng.choice(special) if special and rng.random() < 0.6 else surname(rng)
    return family + _given(rng, sex)


def family_name_of(name: str) -> str | None:
    """The surname of a name made by `child_name`, or None for a Mongolian single name."""
    if "·" in name:
        return name.split("·", 1)[1]
    for compound in ("欧阳", "司马", "上官", "诸葛"):
        if name.startswith(compound):
            return compound
    if name in _MONGOL_BOY or name in _MONGOL_GIRL:
        return None
    return name[0]


def adult_name(rng: random.Random, sex: str, family: str | None = None) -> str:
    """An adult's name (older style given names)."""
    pool = _MAN if sex == "男" else _WOMAN
    n = 1 if rng.random() < 0.35 else 2
    return (family or surname(rng)) + "".join(pool[rng.randrange(len(pool))] for _ in range(n))


_MOBILE_PREFIXES = (
    [f"13{d}" for d in range(10)] + [f"15{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)] + [f"18{d}" for d in range(10)]
)


def mobile(rng: random.Random) -> str:
    """A valid-looking mainland mobile number (13x / 15x / 18x)."""
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


ROADS = [
    "中央街",
    "友谊路",
    "兴安路",
    "林海路",
    "森林街",
    "金林路",
    "建设路",
    "新华街",
    "朝阳路",
    "胜利街",
    "团结路",
    "光明街",
]

# Schools outside 根河市 that children move to (invented names).
SCHOOLS_ELSEWHERE = [
    "海拉尔区第三中学",
    "海拉尔区第二实验小学",
    "牙克石市第一中学",
    "牙克石市第四小学",
    "满洲里市第五小学",
    "额尔古纳市第一中学",
    "扎兰屯市实验小学",
    "呼和浩特市新城区第二小学",
    "包头市昆都仑区第十二中学",
    "哈尔滨市道里区第八小学",
    "齐齐哈尔市第三中学",
    "大连市甘井子区实验小学",
    "北京市朝阳区第九十九小学",
    "天津市滨海新区第二中学",
]

# Where parents of 留守 children work (invented, general).
AWAY_WORKPLACES = [
    "北京市（建筑工地）",
    "天津市滨海新区（物流）",
    "满洲里市（口岸货运）",
    "呼和浩特市（餐饮）",
    "大连市（海产加工）",
    "海拉尔区（建筑）",
    "哈尔滨市（装修）",
    "鄂尔多斯市（煤矿）",
    "沈阳市（汽车配件厂）",
    "包头市（钢铁厂）",
]
LOCAL_WORKPLACES = [
    "务农",
    "个体经营",
    "根河市林业局",
    "林场职工",
    "根河市人民医院",
    "个体（出租车）",
    "无固定工作",
    "根河市供电公司",
    "驯鹿养殖",
    "护林员",
    "超市店员",
    "退休",
    "镇卫生院",
]
