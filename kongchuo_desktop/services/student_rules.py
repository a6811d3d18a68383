"""Checks on a student's fields, shared by the form (as the user types) and the save service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain import student_no as sno
from kongchuo_desktop.domain.validators import date_problem, name_problem, phone_problem

REQUIRED = {"name": "姓名", "sex": "性别", "school_id": "学校", "grade": "年级"}


def derived_from_id(id_text: str | None) -> idn.IdInfo | None:
    """The birth date and sex an ID number encodes, or None when it is not a valid ID."""
    if not id_text:
        return None
    try:
        return idn.parse(id_text)
    except idn.IdNumberError:
        return None


def check_student(values: Mapping[str, Any], today: dt.date | None = None) -> dict[str, str]:
    """Field → Chinese message for everything wrong with these values (empty when valid)."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    for key, label in REQUIRED.items():
        if values.get(key) in (None, ""):
            problems[key] = f"请填写{label}"
    name = values.get("name") or ""
    if name and (msg := name_problem(name)):
        problems["name"] = msg
    id_type = values.get("id_type") or "居民身份证"
    id_text = (values.get("id_number") or "").strip()
    info = None
    if id_type == "居民身份证":
        if not id_text:
            problems["id_number"] = "请填写身份证件号（没有身份证的，证件类型选“无证件”）"
        else:
            try:
                info = idn.parse(id_text, today)
            except idn.IdNumberError as exc:
                problems["id_number"] = str(exc)
    birth = values.get("birth_date")
    if birth is not None:
        if msg := date_problem(birth, not_after=today):
            problems["birth_date"] = msg
        elif info and birth != info.birth_date:
            problems["birth_date"] = (
                f"出生日期 {birth:%Y-%m-%d} 与身份证件号中的 {info.birth_date:%Y-%m-%d} 不一致"
            )
    elif info is None:
        problems.setdefault("birth_date", "请填写出生日期")
    sex = values.get("sex")
    if info and sex and sex != info.sex:
        problems["sex"] = f"性别“{sex}”与身份证件号不一致（证件号表示“{info.sex}”）"
    number = (values.get("student_no") or "").strip()
    if number:
        msg = sno.validate(number, info.number if info else None, birth or (info.birth_date if info else None))
        if msg:
            problems["student_no"] = msg
    elif id_type != "居民身份证":
        problems["student_no"] = "没有身份证件号的学生必须填写学籍号"
    enrolled = values.get("enrolled_on")
    if enrolled is not None and (msg := date_problem(enrolled, not_after=today)):
        problems["enrolled_on"] = msg
    grade = values.get("grade")
    if grade not in (None, "") and not (isinstance(grade, int) and 1 <= grade <= 9):
        problems["grade"] = "年级应为 1 到 9 年级"
    if values.get("disability_arrangement") and not values.get("disability_type"):
        problems["disability_type"] = "填写了残疾儿童安置方式，请同时选择残疾类型"
    for slot, guardian in enumerate(values.get("guardians") or [], start=1):
        phone = (guardian.get("phone") or "").strip()
        if phone and (msg := phone_problem(phone)):
            problems[f"guardian{slot}_phone"] = msg
        if (phone or guardian.get("relation")) and not (guardian.get("name") or "").strip():
            problems[f"guardian{slot}_name"] = f"请填写监护人{slot}的姓名"
    return problems
