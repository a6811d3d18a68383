"""The importer's field catalogue: canonical field names, their Chinese labels and header synonyms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

Kind = Literal["roster", "children"]

COMMON_FIELDS: tuple[str, ...] = (
    "name",
    "sex",
    "birth_date",
    "ethnicity_code",
    "id_type",
    "id_number",
    "student_no",
    "hukou_address",
    "hukou_nature",
    "current_address",
    "school_name",
    "grade",
    "class_no",
    "enrolled_on",
    "boarding",
    "status",
    "left_behind",
    "migrant",
    "disability_type",
    "disability_arrangement",
    "poverty",
    "low_income",
    "orphan",
    "guardian1_name",
    "guardian1_relation",
    "guardian1_phone",
    "guardian2_name",
    "guardian2_relation",
    "guardian2_phone",
    "note",
)
CHILDREN_EXTRA: tuple[str, ...] = (
    "township_name",
    "hukou_village",
    "residence_address",
    "situation",
    "elsewhere_school",
    "approving_body",
    "period",
    "period_start",
    "period_end",
)
ALL_FIELDS: tuple[str, ...] = COMMON_FIELDS + CHILDREN_EXTRA

REQUIRED: dict[str, tuple[str, ...]] = {
    "roster": ("name", "id_number", "sex", "grade", "school_name"),
    "children": ("name", "id_number"),
}
"""Fields a row must have; id_number may be replaced by student_no for children without ID."""

COMBINED: dict[str, tuple[str, ...]] = {"period": ("period_start", "period_end")}
"""Fields one column fills several of: its normaliser gives a tuple, spread over these fields when
parsing (a separate column of one of them wins). "period" is never a value of a parsed row."""


def expand_fields(fields: Iterable[str]) -> frozenset[str]:
    """The fields whose values columns of `fields` give (COMBINED fields replaced by their parts)."""
    out: set[str] = set()
    for name in fields:
        out.update(COMBINED.get(name, (name,)))
    return frozenset(out)


LABELS: dict[str, str] = {
    "name": "姓名",
    "sex": "性别",
    "birth_date": "出生日期",
    "ethnicity_code": "民族",
    "id_type": "身份证件类型",
    "id_number": "身份证件号",
    "student_no": "学籍号",
    "hukou_address": "户籍地址",
    "hukou_nature": "户口性质",
    "current_address": "现住址",
    "school_name": "学校名称",
    "grade": "年级",
    "class_no": "班级",
    "enrolled_on": "入学日期",
    "boarding": "是否寄宿",
    "status": "学籍状态",
    "left_behind": "留守儿童",
    "migrant": "随迁子女",
    "disability_type": "残疾类型",
    "disability_arrangement": "安置方式",
    "poverty": "脱贫户",
    "low_income": "低保",
    "orphan": "孤儿",
    "guardian1_name": "监护人姓名",
    "guardian1_relation": "与学生关系",
    "guardian1_phone": "联系电话",
    "guardian2_name": "第二监护人姓名",
    "guardian2_relation": "第二监护人关系",
    "guardian2_phone": "第二监护人电话",
    "note": "备注",
    "township_name": "乡镇",
    "hukou_village": "户籍村（社区）",
    "residence_address": "居住地址",
    "situation": "就读情况",
    "elsewhere_school": "外地就读学校",
    "approving_body": "批准单位",
    "period": "缓（免）学期限",
    "period_start": "缓（免）学起始日期",
    "period_end": "缓（免）学截止日期",
}
"""A Chinese label for every field, for messages and for the mapping dialog."""

# Header synonyms, normalised (no spaces, half-width, lowercase). Earlier entries of a field win
# when two columns of one file claim the same field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "姓名",
        "学生姓名",
        "儿童姓名",
        "幼儿姓名",
        "适龄儿童姓名",
        "儿童少年姓名",
        "名字",
        "学生名字",
        "被监护人姓名",
        "子女姓名",
    ),
    "sex": ("性别", "学生性别", "儿童性别"),
    "birth_date": (
        "出生日期",
        "出生年月",
        "出生年月日",
        "生日",
        "出生时间",
        "出生日期(年月日)",
        "出生年月(年月日)",
        "学生出生日期",
        "儿童出生日期",
    ),
    "ethnicity_code": ("民族", "民族代码", "民族名称", "族别"),
    "id_type": ("身份证件类型", "证件类型", "身份证类型", "证件种类"),
    "id_number": (
        "身份证件号",
        "身份证件号码",
        "证件号码",
        "证件号",
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "公民身份证号码",
        "公民身份证号",
        "身份证",
        "身份号码",
        "学生身份证号",
        "学生身份证号码",
        "学生身份证件号",
        "儿童身份证号",
        "儿童身份证号码",
        "居民身份证号",
        "居民身份证号码",
        "身份证件号(学生)",
    ),
    "student_no": (
        "全国学籍号",
        "学籍号",
        "学籍号码",
        "全国学籍号码",
        "学生学籍号",
        "国家学籍号",
        "全国学籍编号",
        "学籍编号",
        "学籍辅号",
    ),
    "hukou_address": (
        "户籍地址",
        "户口所在地",
        "户籍所在地",
        "户籍地",
        "户口地址",
        "户籍住址",
        "户口所在地址",
        "户籍所在地址",
        "户口登记地址",
        "户籍详细地址",
        "户口所在地详细地址",
        "户籍所在地详细地址",
        "户口登记地",
        "户口簿地址",
    ),
    "hukou_nature": ("户口性质", "户籍性质", "户口类型", "户籍类型", "户口类别"),
    "current_address": (
        "现住址",
        "居住地址",
        "家庭住址",
        "现居住地址",
        "现住地址",
        "家庭地址",
        "现居住地",
        "居住地",
        "家庭现住址",
        "通讯地址",
        "联系地址",
        "住址",
        "实际居住地",
        "实际居住地址",
        "现居地址",
        "家庭详细地址",
        "现家庭住址",
    ),
    "school_name": (
        "学校名称",
        "学校",
        "就读学校",
        "所在学校",
        "学校全称",
        "就读学校名称",
        "在读学校",
        "就读学校全称",
        "所在学校名称",
        "现就读学校",
    ),
    "grade": ("年级", "所在年级", "就读年级", "年级名称", "当前年级", "现就读年级", "现年级"),
    "class_no": ("班级", "班", "班号", "所在班级", "班级号", "班级名称", "就读班级", "班别", "现班级"),
    "enrolled_on": ("入学日期", "入学年月", "入学时间", "入校日期", "入学年月日", "入校时间"),
    "boarding": (
        "是否寄宿",
        "寄宿生",
        "是否寄宿生",
        "寄宿",
        "是否住校",
        "住校",
        "就读方式",
        "寄宿情况",
        "是否住宿",
        "住宿情况",
        "是否住校生",
    ),
    "status": ("学籍状态", "在校状态", "学生状态", "在籍状态", "学籍状况", "在校情况"),
    "left_behind": (
        "留守儿童",
        "是否留守",
        "是否留守儿童",
        "留守",
        "留守情况",
        "留守儿童类型",
        "是否农村留守儿童",
        "留守类型",
        "是否为留守儿童",
    ),
    "migrant": (
        "随迁子女",
        "是否随迁",
        "是否随迁子女",
        "随迁",
        "是否进城务工人员随迁子女",
        "进城务工人员随迁子女",
        "是否为随迁子女",
    ),
    "disability_type": ("残疾类型", "残疾类别", "残疾种类", "残疾儿童类型", "残疾情况"),
    "disability_arrangement": ("安置方式", "残疾儿童安置方式", "安置形式", "残疾儿童安置形式", "安置情况"),
    "poverty": (
        "脱贫户",
        "建档立卡",
        "是否建档立卡",
        "建档立卡贫困户",
        "是否建档立卡贫困户",
        "是否脱贫户",
        "贫困户",
        "是否贫困户",
        "建档立卡户",
        "脱贫家庭",
        "是否脱贫家庭",
        "是否脱贫家庭学生",
        "是否建档立卡户",
        "建档立卡学生",
        "是否建档立卡学生",
        "脱贫户(建档立卡)",
    ),
    "low_income": ("低保", "是否低保", "低保户", "是否低保户", "低保家庭", "是否低保家庭", "城乡低保", "是否享受低保"),
    "orphan": ("孤儿", "是否孤儿", "孤儿情况"),
    "guardian1_name": (
        "监护人姓名",
        "监护人",
        "家长姓名",
        "家长",
        "第一监护人",
        "第一监护人姓名",
        "监护人1",
        "监护人1姓名",
        "监护人一姓名",
        "监护人一",
        "主要监护人",
        "主要监护人姓名",
        "父亲姓名",
        "父亲",
    ),
    "guardian1_relation": (
        "与学生关系",
        "关系",
        "监护人关系",
        "与本人关系",
        "与儿童关系",
        "监护人与学生关系",
        "家长与学生关系",
        "监护人1关系",
        "与学生的关系",
        "监护人与儿童关系",
        "第一监护人关系",
        "监护关系",
        "与被监护人关系",
        "监护人1与学生关系",
        "监护人一关系",
    ),
    "guardian1_phone": (
        "联系电话",
        "监护人电话",
        "家长电话",
        "监护人联系电话",
        "家长联系电话",
        "电话",
        "手机",
        "手机号",
        "联系方式",
        "手机号码",
        "电话号码",
        "监护人手机",
        "监护人手机号",
        "家庭电话",
        "监护人1电话",
        "监护人1联系电话",
        "第一监护人电话",
        "第一监护人联系电话",
        "监护人一电话",
        "父亲电话",
        "父亲联系电话",
        "父亲手机",
        "父亲手机号",
    ),
    "guardian2_name": (
        "第二监护人",
        "第二监护人姓名",
        "监护人2",
        "监护人2姓名",
        "监护人二",
        "监护人二姓名",
        "其他监护人",
        "其他监护人姓名",
        "母亲姓名",
        "母亲",
    ),
    "guardian2_relation": (
        "第二监护人关系",
        "监护人2关系",
        "监护人二关系",
        "监护人2与学生关系",
        "第二监护人与学生关系",
    ),
    "guardian2_phone": (
        "第二监护人电话",
        "第二监护人联系电话",
        "监护人2电话",
        "监护人2联系电话",
        "监护人二电话",
        "其他监护人电话",
        "母亲电话",
        "母亲联系电话",
        "母亲手机",
        "母亲手机号",
    ),
    "note": ("备注", "附注", "备注说明", "其他说明"),
    "township_name": (
        "乡镇",
        "所属乡镇",
        "乡镇名称",
        "乡镇(街道)",
        "乡镇街道",
        "所在乡镇",
        "街道",
        "乡(镇)",
        "乡镇(苏木)",
        "苏木乡镇",
        "户籍乡镇",
        "乡镇(街道、苏木)",
        "所属乡镇(街道)",
    ),
    "hukou_village": (
        "村",
        "户籍村",
        "村(居)委会",
        "村居委会",
        "所属村",
        "村居",
        "村委会",
        "行政村",
        "村(社区)",
        "社区",
        "嘎查村",
        "嘎查",
        "村组",
        "所在村",
        "户籍所在村",
        "村(居)",
        "所属村(社区)",
        "户籍村(社区)",
        "村(嘎查)",
        "居委会",
        "村/社区",
    ),
    "residence_address": (),
    "situation": (
        "就读情况",
        "状况",
        "在学情况",
        "就学情况",
        "入学情况",
        "就读状态",
        "在校就读情况",
        "受教育情况",
        "就学状况",
        "就读状况",
        "目前状况",
        "情况",
    ),
    "elsewhere_school": (
        "外地就读学校",
        "就读学校(外地)",
        "外地学校",
        "异地就读学校",
        "外出就读学校",
        "县外就读学校",
        "外地就读学校名称",
        "就读学校(县外)",
        "市外就读学校",
        "外县就读学校",
    ),
    "approving_body": ("批准单位", "审批单位", "批准机关", "审批机关", "批准部门"),
    "period": (
        "缓(免)学期限",
        "缓学期限",
        "免学期限",
        "缓免学期限",
        "缓学/免学期限",
        "缓(免)学期间",
        "缓学免学期限",
    ),
    "period_start": ("起始日期", "开始日期", "缓(免)学起始日期", "缓学起始日期", "免学起始日期", "起始时间"),
    "period_end": ("截止日期", "结束日期", "缓(免)学截止日期", "缓学截止日期", "免学截止日期", "截止时间"),
}

IMPLIED: dict[str, dict[str, str]] = {
    "父亲姓名": {"guardian1_relation": "父亲"},
    "父亲": {"guardian1_relation": "父亲"},
    "母亲姓名": {"guardian2_relation": "母亲"},
    "母亲": {"guardian2_relation": "母亲"},
}
"""Values a header implies when no column gives them (父亲姓名 → guardian 1 is the father)."""

# Per kind, some fields go by another name: a children register has residence_address and
# situation where a roster has current_address and status.
KIND_ALIASES: dict[str, dict[str, str]] = {
    "roster": {"situation": "status", "residence_address": "current_address"},
    "children": {"current_address": "residence_address", "status": "situation"},
}

# Fuzzy fallback for headers the synonym list does not know: (any of these, none of these, field).
_KEYWORD_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (("学籍号", "学籍编号"), ("监护", "家长"), "student_no"),
    (("证件类型", "证件种类"), (), "id_type"),
    (("身份证", "证件号", "身份号码"), ("类型", "监护", "父", "母", "家长", "户主"), "id_number"),
    (("出生日期", "出生年月", "生日"), ("地",), "birth_date"),
    (("入学日期", "入学年月", "入学时间", "入校"), (), "enrolled_on"),
    (("民族",), (), "ethnicity_code"),
    (("户口性质", "户籍性质", "户口类", "户籍类"), (), "hukou_nature"),
    (("外地", "异地", "县外", "市外", "外县"), (), "elsewhere_school"),
    (("户籍", "户口"), ("村", "乡镇", "性质", "类"), "hukou_address"),
    (("现住", "居住", "家庭住址", "家庭地址", "住址"), (), "current_address"),
    (("年级",), (), "grade"),
    (("班级",), (), "class_no"),
    (("学校",), (), "school_name"),
    (("留守",), (), "left_behind"),
    (("随迁",), (), "migrant"),
    (("寄宿", "住校"), (), "boarding"),
    (("残疾",), ("安置",), "disability_type"),
    (("安置",), (), "disability_arrangement"),
    (("建档立卡", "脱贫", "贫困"), (), "poverty"),
    (("低保",), (), "low_income"),
    (("孤儿",), (), "orphan"),
    (("母亲", "第二监护", "监护人2", "监护人二"), ("关系",), "_guardian2"),
    (("电话", "手机", "联系方式"), (), "guardian1_phone"),
    (("监护人", "家长", "父亲"), ("关系",), "guardian1_name"),
    (("关系",), (), "guardian1_relation"),
    (("备注",), (), "note"),
    (("乡镇", "苏木", "街道"), (), "township_name"),
    (("村", "社区", "嘎查"), (), "hukou_village"),
    (("就读情况", "在学情况", "就学情况", "入学情况", "状况"), (), "situation"),
    (("状态",), (), "status"),
    (("姓名",), ("监护", "家长", "父", "母"), "name"),
    (("性别",), ("监护", "家长"), "sex"),
)

_SYNONYM_INDEX: dict[str, tuple[str, int]] = {}
for _field, _words in SYNONYMS.items():
    for _rank, _word in enumerate(_words):
        _SYNONYM_INDEX.setdefault(_word, (_field, _rank))

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_BRACKETS = re.compile(r"[(\[{<][^)\]}>]*[)\]}>]")
_DECORATION = "*★☆※#△▲•·:："


def norm_header(text: object) -> str:
    """A header cell as compared with synonyms: half-width, no spaces or markers, lowercase."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    out = str(text).translate(_FULLWIDTH)
    out = "".join(out.split()).replace("【", "(").replace("】", ")").replace("〔", "(").replace("〕", ")")
    return out.strip(_DECORATION).lower()


def _resolve(field: str, kind: str) -> str:
    return KIND_ALIASES.get(kind, {}).get(field, field)


@lru_cache(maxsize=4096)
def match_header(text: str, kind: str = "roster", fuzzy: bool = True) -> tuple[str, int] | None:
    """The field a normalised header names, with its rank (0 = best synonym), or None.

    Tries the synonym list, then the header without bracketed notes ("出生日期(yyyy-mm-dd)"),
    then without a 学生/儿童 prefix, then (when `fuzzy`) keyword rules.
    """
    if not text:
        return None
    candidates = [text]
    stripped = _BRACKETS.sub("", text).strip(_DECORATION)
    if stripped and stripped != text:
        candidates.append(stripped)
    for prefix in ("学生", "儿童", "幼儿", "适龄儿童"):
        for cand in list(candidates):
            if cand.startswith(prefix) and len(cand) > len(prefix):
                candidates.append(cand[len(prefix) :])
    for cand in candidates:
        hit = _SYNONYM_INDEX.get(cand)
        if hit is not None:
            return _resolve(hit[0], kind), hit[1]
    if not fuzzy:
        return None
    for cand in candidates[:2]:
        for any_of, none_of, field in _KEYWORD_RULES:
            if any(word in cand for word in any_of) and not any(word in cand for word in none_of):
                if field == "_guardian2":
                    if any(w in cand for w in ("电话", "手机", "联系方式")):
                        field = "guardian2_phone"
                    elif "姓名" in cand or cand in ("母亲", "第二监护人"):
                        field = "guardian2_name"
                    else:
                        continue
                return _resolve(field, kind), 100
    return None


def fields_for(kind: str) -> tuple[str, ...]:
    """The canonical fields a file of this kind may carry."""
    if kind == "children":
        return tuple(f for f in ALL_FIELDS if f not in ("current_address", "status"))
    return COMMON_FIELDS
