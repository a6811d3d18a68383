"""Who gets a letter and what goes in it: one `LetterData` per class teacher, village or pupil.

The queries are few and set-based (one for the parties, one for all pupils of the scope), so a
township's 1,000 class letters with 40 pupils each are read in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, select

from kongchuo_desktop.documents.official import cn_date, cn_number
from kongchuo_desktop.domain.status import ACTIVE_STATUSES
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.services.letter_templates import PARENT, TEACHER, VILLAGE
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import get_setting, local_site
from kongchuo_desktop.store.models import Child, Guardian, School, SchoolClass, Staff, Student, Township

TARGET_SETTING = "letters.target_retention"
DEFAULT_TARGET = "100%"

# Columns of the table each kind of letter lists: header, width in mm (None = the rest),
# alignment, and whether long text wraps in the cell.
TABLE_COLUMNS: dict[str, list[tuple[str, float | None, str, bool]]] = {
    TEACHER: [("序号", 12, "CENTER", False), ("姓名", 26, "CENTER", False), ("性别", 12, "CENTER", False),
              ("出生日期", 27, "CENTER", False), ("学籍号", None, "CENTER", False), ("重点关注", 32, "CENTER", True)],
    VILLAGE: [("序号", 12, "CENTER", False), ("姓名", 26, "CENTER", False), ("性别", 12, "CENTER", False),
              ("出生日期", 27, "CENTER", False), ("就学情况", 30, "CENTER", False), ("就读学校 / 备注", None, "CENTER", True)],
    PARENT: [("序号", 12, "CENTER", False), ("姓名", None, "CENTER", False)],
}  # fmt: skip
_FLAGS = (("left_behind", "留守"), ("migrant", "随迁"), ("disability_type", "残疾"), ("poverty", "脱贫"),
          ("low_income", "低保"), ("orphan", "孤儿"), ("boarding", "寄宿"))  # fmt: skip


@dataclass(frozen=True)
class Scope:
    """Where letters are made: one school, one township, or (both None) everything the actor sees."""

    school_id: str | None = None
    township_id: str | None = None


@dataclass
class LetterData:
    """One letter to print, as plain data.

    party: the identity of the other party (class_id, teacher_id, village, student_id) used to
    find a letter already issued to it; values: the placeholder values; rows: the table's rows;
    party_a / party_b / subject: names for the register; file_stem: a file name for it.
    """

    kind: str
    year: int
    school_id: str | None
    township_id: str | None
    class_id: str | None = None
    teacher_id: str | None = None
    village: str | None = None
    student_id: str | None = None
    party_a: str = ""
    party_b: str = ""
    subject: str = ""
    values: dict[str, str] = field(default_factory=dict)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    file_stem: str = ""

    @property
    def party(self) -> tuple[str | None, str | None, str | None, str | None]:
        """(class, teacher, village, student): who this letter is with."""
        return (self.class_id, self.teacher_id, self.village, self.student_id)


@dataclass
class Collected:
    """The letters of a scope, with the places that could not get one (Chinese sentences)."""

    letters: list[LetterData]
    skipped: list[str] = field(default_factory=list)
    scope_label: str = ""


def class_label(grade: int | None, class_no: int | None) -> str:
    """三年级（2）班."""
    if grade is None:
        return ""
    return f"{cn_number(grade)}年级（{class_no or 0}）班"


def committee_name(village: str) -> str:
    """兴安村 → 兴安村村民委员会; 河东社区 → 河东社区居民委员会."""
    if village.endswith(("委会", "委员会")):
        return village
    if village.endswith("社区"):
        return f"{village}居民委员会"
    if village.endswith("村"):
        return f"{village}村民委员会"
    return f"{village}村（居）民委员会"


def school_year(year: int) -> str:
    """2026 → 2026—2027."""
    return f"{year}—{year + 1}"


def common_values(session: object, year: int, issued_on: dt.date) -> dict[str, str]:
    """Values every letter shares: year, target retention rate, signing date."""
    target = get_setting(session, TARGET_SETTING, DEFAULT_TARGET)  # type: ignore[arg-type]
    return {"学年": school_year(year), "年度": str(year), "目标巩固率": str(target), "签订日期": cn_date(issued_on)}


def _flags(student: Student) -> str:
    out = []
    for attr, label in _FLAGS:
        value = getattr(student, attr)
        if attr == "left_behind":
            value = value not in (None, "", "无")
        if value:
            out.append(label)
    return "、".join(out)


def resolve_scope(db: Database, actor: Actor, kind: str, scope: Scope) -> Scope:
    """The scope to use, checked against the actor's (PermissionDenied outside it)."""
    if kind == VILLAGE and actor.school_id is not None:
        raise PermissionDenied("村（居）委会责任书由乡镇与村（居）委会签订，学校账户不能生成。")
    with db.read_session() as session:
        if scope.school_id is not None:
            school = session.get(School, scope.school_id)
            if school is None or school.deleted:
                raise NotFoundError("找不到所选学校")
            if kind == VILLAGE:
                raise ValidationError({"scope": "村（居）委会责任书按乡镇生成，请选择乡镇而不是学校"})
            actor.require_school(school.id, school.township_id)
            return Scope(school.id, school.township_id)
        if scope.township_id is not None:
            if actor.school_id is not None:
                raise PermissionDenied("您只能为本校生成责任书。")
            if actor.township_id is not None and actor.township_id != scope.township_id:
                raise PermissionDenied("您只能为本乡镇生成责任书。")
            if session.get(Township, scope.township_id) is None:
                raise NotFoundError("找不到所选乡镇")
            return scope
        if actor.school_id is not None:
            school = session.get(School, actor.school_id)
            return Scope(actor.school_id, school.township_id if school else None)
        if actor.township_id is not None:
            return Scope(None, actor.township_id)
        site = local_site(session)
        if site is not None and site.school_id is not None and kind != VILLAGE:
            return Scope(site.school_id, site.township_id)
        if site is not None and site.township_id is not None:
            return Scope(None, site.township_id)
    if kind == VILLAGE:
        raise ValidationError({"scope": "请选择要生成村（居）委会责任书的乡镇"})
    return Scope()


def collect(db: Database, actor: Actor, kind: str, year: int, scope: Scope, issued_on: dt.date) -> Collected:
    """Every letter of `kind` for `year` in `scope` (already resolved and checked)."""
    if kind == TEACHER:
        return _teacher_letters(db, year, scope, issued_on)
    if kind == VILLAGE:
        return _village_letters(db, year, scope, issued_on)
    if kind == PARENT:
        return _parent_letters(db, year, scope, issued_on)
    raise ValidationError({"kind": f"未知的责任书类别：{kind}"})


def _school_filter(scope: Scope) -> list[object]:
    if scope.school_id is not None:
        return [School.id == scope.school_id]
    if scope.township_id is not None:
        return [School.township_id == scope.township_id]
    return []


def _principals(session: object, school_ids: list[str]) -> dict[str, str]:
    rows = session.execute(  # type: ignore[attr-defined]
        select(Staff.school_id, Staff.name)
        .where(Staff.school_id.in_(school_ids), Staff.role == "校长", Staff.deleted.is_(False))
        .order_by(Staff.name)
    ).all()
    out: dict[str, str] = {}
    for school_id, name in rows:
        out.setdefault(school_id, name)
    return out


def _township_names(session: object) -> dict[str, str]:
    return dict(session.execute(select(Township.id, Township.name)).all())  # type: ignore[attr-defined]


def _teacher_letters(db: Database, year: int, scope: Scope, issued_on: dt.date) -> Collected:
    with db.read_session() as session:
        common = common_values(session, year, issued_on)
        towns = _township_names(session)
        classes = session.execute(
            select(SchoolClass.id, SchoolClass.grade, SchoolClass.class_no, SchoolClass.head_teacher_id,
                   School.id, School.name, School.township_id, Staff.name)
            .join(School, School.id == SchoolClass.school_id)
            .outerjoin(Staff, and_(Staff.id == SchoolClass.head_teacher_id, Staff.deleted.is_(False)))
            .where(SchoolClass.deleted.is_(False), School.deleted.is_(False), *_school_filter(scope))
            .order_by(School.name, SchoolClass.grade, SchoolClass.class_no)
        ).all()  # fmt: skip
        school_ids = sorted({row[4] for row in classes})
        principals = _principals(session, school_ids)
        pupils: dict[tuple[str, int, int], list[tuple[str, ...]]] = defaultdict(list)
        if school_ids:
            students = session.execute(
                select(Student)
                .where(
                    Student.school_id.in_(school_ids), Student.status.in_(ACTIVE_STATUSES), Student.deleted.is_(False)
                )
                .order_by(Student.school_id, Student.grade, Student.class_no, Student.name_pinyin)
            ).scalars()
            for s in students:
                key = (s.school_id, s.grade, s.class_no)
                rows = pupils[key]  # type: ignore[index]
                rows.append(
                    (str(len(rows) + 1), s.name, s.sex or "", _date(s.birth_date), s.student_no or "", _flags(s))
                )
    letters: list[LetterData] = []
    skipped: list[str] = []
    for class_id, grade, class_no, teacher_id, school_id, school_name, township_id, teacher_name in classes:
        label = class_label(grade, class_no)
        if teacher_id is None or teacher_name is None:
            skipped.append(f"{school_name}{label}还没有班主任，未生成责任书")
            continue
        rows = pupils.get((school_id, grade, class_no), [])
        values = {
            **common, "学校名称": school_name, "校长姓名": principals.get(school_id, ""), "教师姓名": teacher_name,
            "班级": label, "年级": f"{cn_number(grade)}年级", "学生人数": str(len(rows)),
            "学生名单": "、".join(r[1] for r in rows), "乡镇名称": towns.get(township_id, ""),
        }  # fmt: skip
        letters.append(
            LetterData(
                TEACHER,
                year,
                school_id,
                township_id,
                class_id=class_id,
                teacher_id=teacher_id,
                party_a=school_name,
                party_b=teacher_name,
                subject=label,
                values=values,
                rows=rows,
                file_stem=f"{school_name}_{label}_{teacher_name}",
            )  # fmt: skip
        )
    return Collected(letters, skipped)


def _village_letters(db: Database, year: int, scope: Scope, issued_on: dt.date) -> Collected:
    township_id = scope.township_id
    with db.read_session() as session:
        common = common_values(session, year, issued_on)
        town = session.get(Township, township_id)
        if town is None:
            raise NotFoundError("找不到所选乡镇")
        cadres: dict[str, list[str]] = defaultdict(list)
        for name, village in session.execute(
            select(Staff.name, Staff.village)
            .where(Staff.township_id == township_id, Staff.role == "村干部", Staff.deleted.is_(False))
            .order_by(Staff.village, Staff.name)
        ).all():
            if village:
                cadres[village.strip()].append(name)
        children: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for c in session.execute(
            select(Child)
            .where(Child.township_id == township_id, Child.deleted.is_(False), Child.hukou_village.is_not(None))
            .order_by(Child.hukou_village, Child.birth_date, Child.name_pinyin)
        ).scalars():
            village = (c.hukou_village or "").strip()
            if not village:
                continue
            rows = children[village]
            rows.append((str(len(rows) + 1), c.name, c.sex or "", _date(c.birth_date), c.situation or "",
                         c.elsewhere_school or c.note or ""))  # fmt: skip
    letters = []
    for village in sorted(set(cadres) | set(children)):
        rows = children.get(village, [])
        committee = committee_name(village)
        names = "、".join(cadres.get(village, []))
        values = {
            **common, "乡镇名称": town.name, "村委会": committee, "村干部姓名": names,
            "学生人数": str(len(rows)), "学生名单": "、".join(r[1] for r in rows),
        }  # fmt: skip
        letters.append(
            LetterData(
                VILLAGE,
                year,
                None,
                township_id,
                village=village,
                party_a=f"{town.name}人民政府",
                party_b=committee,
                subject=names,
                values=values,
                rows=rows,
                file_stem=f"{town.name}_{village}",
            )  # fmt: skip
        )
    skipped = [] if letters else [f"{town.name}还没有登记村干部或适龄儿童的户籍村，无法生成村（居）委会责任书"]
    return Collected(letters, skipped)


def _parent_letters(db: Database, year: int, scope: Scope, issued_on: dt.date) -> Collected:
    with db.read_session() as session:
        common = common_values(session, year, issued_on)
        towns = _township_names(session)
        schools = {
            sid: (name, tid)
            for sid, name, tid in session.execute(
                select(School.id, School.name, School.township_id).where(
                    School.deleted.is_(False), *_school_filter(scope)
                )
            ).all()
        }
        principals = _principals(session, list(schools))
        heads = {
            (sid, g, c): name
            for sid, g, c, name in session.execute(
                select(SchoolClass.school_id, SchoolClass.grade, SchoolClass.class_no, Staff.name)
                .join(Staff, Staff.id == SchoolClass.head_teacher_id)
                .where(SchoolClass.school_id.in_(list(schools)), SchoolClass.deleted.is_(False))
            ).all()
        }
        students = (
            session.execute(
                select(Student)
                .where(
                    Student.school_id.in_(list(schools)),
                    Student.status.in_(ACTIVE_STATUSES),
                    Student.deleted.is_(False),
                )
                .order_by(Student.school_id, Student.grade, Student.class_no, Student.name_pinyin)
            )
            .scalars()
            .all()
        )
        guardians: dict[str, str] = {}
        ids = [s.id for s in students]
        for start in range(0, len(ids), 900):
            for student_id, name in session.execute(
                select(Guardian.student_id, Guardian.name)
                .where(Guardian.student_id.in_(ids[start : start + 900]), Guardian.deleted.is_(False))
                .order_by(Guardian.slot)
            ).all():
                guardians.setdefault(student_id, name)  # type: ignore[arg-type]
    letters = []
    order = sorted(students, key=lambda s: (schools[s.school_id][0], s.grade or 0, s.class_no or 0, s.name_pinyin))  # type: ignore[index]
    for s in order:
        school_name, township_id = schools[s.school_id]  # type: ignore[index]
        label = class_label(s.grade, s.class_no)
        parent = guardians.get(s.id, "")
        values = {
            **common, "学校名称": school_name, "校长姓名": principals.get(s.school_id, ""),  # type: ignore[arg-type]
            "教师姓名": heads.get((s.school_id, s.grade, s.class_no), ""), "班级": label,  # type: ignore[arg-type]
            "年级": f"{cn_number(s.grade)}年级" if s.grade else "", "学生姓名": s.name, "家长姓名": parent,
            "乡镇名称": towns.get(township_id, "") if township_id else "",
        }  # fmt: skip
        letters.append(
            LetterData(
                PARENT,
                year,
                s.school_id,
                township_id,
                student_id=s.id,
                party_a=school_name,
                party_b=parent or f"{s.name}的家长",
                subject=f"{label} {s.name}",
                values=values,
                file_stem=f"{school_name}_{label}_{s.name}",
            )  # fmt: skip
        )
    return Collected(letters, [])


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


_SAMPLE_PUPILS = [
    ("王子涵", "男", "2017-03-14", "G150785201703140031", "留守"),
    ("李欣怡", "女", "2017-06-02", "G150785201706020042", ""),
    ("张浩然", "男", "2016-11-23", "G150785201611230013", "脱贫、寄宿"),
    ("刘雨桐", "女", "2017-01-30", "G150785201701300024", ""),
    ("陈宇轩", "男", "2017-08-09", "G150785201708090055", "随迁"),
    ("髙梓萱", "女", "2017-04-18", "G150785201704180066", ""),
]


def sample_letter(kind: str, year: int, issued_on: dt.date) -> LetterData:
    """Made-up data for previewing a template while it is edited."""
    common = {
        "学年": school_year(year),
        "年度": str(year),
        "目标巩固率": DEFAULT_TARGET,
        "签订日期": cn_date(issued_on),
    }
    if kind == VILLAGE:
        rows = [
            (str(i + 1), name, sex, birth, "本地在校", "金河镇中心学校")
            for i, (name, sex, birth, _no, _f) in enumerate(_SAMPLE_PUPILS)
        ]
        values = {**common, "乡镇名称": "金河镇", "村委会": "兴安村村民委员会", "村干部姓名": "赵德胜",
                  "学生人数": str(len(rows)), "学生名单": "、".join(r[1] for r in rows)}  # fmt: skip
        return LetterData(VILLAGE, year, None, None, village="兴安村", party_a="金河镇人民政府",
                          party_b="兴安村村民委员会", values=values, rows=rows)  # fmt: skip
    rows = [(str(i + 1), *p) for i, p in enumerate(_SAMPLE_PUPILS)]
    values = {
        **common, "乡镇名称": "金河镇", "学校名称": "金河镇中心学校", "校长姓名": "孙建国", "教师姓名": "王晓梅",
        "班级": "三年级（2）班", "年级": "三年级", "学生人数": str(len(rows)), "学生名单": "、".join(r[1] for r in rows),
        "学生姓名": "王子涵", "家长姓名": "王大海",
    }  # fmt: skip
    return LetterData(kind, year, None, None, party_a="金河镇中心学校", party_b="王晓梅", values=values, rows=rows)
