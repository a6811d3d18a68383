"""The cross-check (四查三比对): the register of school-age children against the student register.

`run_crosscheck(db, actor, school_year, township_id)` (or `check(session, …)`) returns a
`CrosscheckResult` holding one tuple of `Finding`s per list:

- not_enrolled (未入学/疑似失学): children of school age on the township's register with no 学籍
  (no live pupil in 在读/休学 with their ID number, anywhere in the database, nor linked through
  Child.student_id) and no accepted reason. Accepted reasons: 外地就读 (see the next list),
  送教上门 / 特教学校 / 随班就读 (enrolled through those arrangements), 缓学 / 免学 approved — an
  approving body and a period whose start and end both lie around the check date — 迁出, 死亡,
  and a pupil record of this person in 毕业 (completed compulsory education) or 死亡.
- elsewhere_no_proof (外地就读无证明): school-age children registered as 外地就读 with no proof
  attached (no live Attachment owned by the child, owner_type "child"; any attached file counts,
  since we cannot read scans) and no 在读 学籍 of their own in our data either.
- missing_from_children (户籍在本地、未登记): pupils in 在读/休学 of school age whose 户籍 is in the
  township (Student.hukou_township_id, or, where that is not set, an 户籍地址 naming the township)
  but whose ID number is on no live child of that township's register (nor linked to one).
  Pupils of other townships' schools are included: the township answers for its 户籍 children.
- age_grade (超龄/低龄): pupils in 在读/休学 whose grade is more than the tolerance setting
  (age_tolerance, default 1) away from the grade their birth date gives (domain.school_age).
- duplicate_person (重复登记): one ID number on two or more live pupils both in 在读/休学 (two 学籍
  at once — a 转出 record beside a new 在读 one is history, not a duplicate), or on two or more
  live children of one township's register. Every record of such a group is listed.
- not_school_age (不在适龄范围, information only): children on the register outside the age window.

The age window follows the cut-off date setting (age_cutoff, default "08-31"): a child belongs
to school year Y–Y+1 when aged 6 to 15 (周岁) on the cut-off day of year Y — born after the
cut-off day of Y−16 and no later than that of Y−6. The issue and the sample data
(crosscheck_sample_crosscheck.expected.json) count a child who is 15 on that day as of school
age, so the window is one year wider than `domain.school_age.is_compulsory_age` (expected
grade 1–9, i.e. 6–14): a 15-year-old still in 初中 or out of school is someone to account for.
Children whose birth date is unknown (no date and no readable ID) are treated as of school age.

Scope: a township actor checks its own township; a school actor its own pupils (children-side
lists then only reach children linked to those pupils, as the children register does); the
bureau and administrators may name a township, or check every township that has a register.
Finding people is the job of this check, so matches are looked up in the whole database, but
only people in scope (or, for missing_from_children, with 户籍 in the township) are listed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain import school_age
from kongchuo_desktop.domain.codes import GRADE_NAMES
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.domain.status import ACTIVE_STATUSES
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import get_setting, local_site
from kongchuo_desktop.store.models import Attachment, Child, School, Student, Township

LISTS: tuple[str, ...] = (
    "not_enrolled",
    "elsewhere_no_proof",
    "missing_from_children",
    "age_grade",
    "duplicate_person",
)
"""The lists the check flags, in the order they are shown and exported."""
INFO_LISTS: tuple[str, ...] = ("not_school_age",)
"""Lists reported for information (nobody on them is flagged)."""
ALL_LISTS = LISTS + INFO_LISTS

LIST_LABELS: dict[str, str] = {
    "not_enrolled": "未入学/疑似失学",
    "elsewhere_no_proof": "外地就读无证明",
    "missing_from_children": "户籍在本地未登记",
    "age_grade": "超龄/低龄",
    "duplicate_person": "重复登记",
    "not_school_age": "不在适龄范围",
}
LIST_HINTS: dict[str, str] = {
    "not_enrolled": "适龄儿童登记中有此人，但查不到在读或休学的学籍，也没有经批准的缓学、免学等情况",
    "elsewhere_no_proof": "登记为外地就读，但没有上传就读证明（学籍证明、在校证明等）",
    "missing_from_children": "学生户籍在本乡镇，在校就读，但适龄儿童登记（户籍儿童名单）中没有此人",
    "age_grade": "学生所在年级与按出生日期应在的年级相差超过允许的年级数",
    "duplicate_person": "同一身份证件号有两条以上在读学籍，或在适龄儿童登记中重复出现",
    "not_school_age": "户籍儿童名单中不满6周岁或已满16周岁的儿童，不属于适龄儿童，不作失学处理",
}

# Situations that account for a child without a 学籍 in our data.
ENROLLED_ARRANGEMENTS = ("送教上门", "特教学校", "随班就读")
GONE = ("迁出", "死亡")
APPROVAL_NEEDED = ("缓学", "免学")
ELSEWHERE = "外地就读"
CHUNK = 500
DEFAULT_TOLERANCE = 1


@dataclass(frozen=True)
class Finding:
    """One person on one list of the check.

    list_key: which list (LISTS / INFO_LISTS); record: "child" (register of school-age children)
    or "student"; record_id: that row's id; age: 周岁 on the cut-off day of the school year;
    township: the child's township or the pupil's school's township; village: the child's 户籍村;
    address: the 户籍地址 (child's or pupil's);
    school / grade / class_no / status: the pupil's (for a child: the 学籍 found, if any);
    situation: the child's 就读情况; expected_grade / flag: for age_grade ("over_age" 超龄 or
    "under_age" 低龄); detail: why the person is on the list, in Chinese.
    """

    list_key: str
    record: str
    record_id: str
    name: str
    id_number: str | None
    sex: str | None = None
    birth_date: dt.date | None = None
    age: int | None = None
    township: str | None = None
    village: str | None = None
    address: str | None = None
    school: str | None = None
    grade: int | None = None
    class_no: int | None = None
    status: str | None = None
    situation: str | None = None
    expected_grade: int | None = None
    flag: str | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON form: id_number and name first, dates as ISO text."""
        return {
            "id_number": self.id_number,
            "name": self.name,
            "record": self.record,
            "record_id": self.record_id,
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "age": self.age,
            "township": self.township,
            "village": self.village,
            "address": self.address,
            "school": self.school,
            "grade": self.grade,
            "class_no": self.class_no,
            "status": self.status,
            "situation": self.situation,
            "expected_grade": self.expected_grade,
            "flag": self.flag,
            "detail": self.detail,
        }

    @property
    def place(self) -> str:
        """Where the person's 户籍 is, as shown: the address, else the village."""
        return self.address or self.village or ""

    def matches(self, text: str) -> bool:
        """Whether a filter text (several words: all must match) occurs in the shown values."""
        words = text.split()
        if not words:
            return True
        shown = (self.name, self.id_number, self.township, self.village, self.address, self.school, self.status,
                 self.situation, self.detail, grade_text(self.grade))  # fmt: skip
        haystack = " ".join(str(v) for v in shown if v).lower()
        return all(word.lower() in haystack for word in words)


@dataclass(frozen=True)
class CrosscheckResult:
    """The outcome of one check.

    school_year: "2026-2027"; cutoff: (month, day); tolerance: grades of leeway for age_grade;
    on_date: the day approvals (缓学/免学 periods) are checked against; townships: names of the
    townships whose registers were checked; children / students: how many register entries and
    pupils in scope were looked at; lists: list key → findings; warnings: things the user should
    know about the inputs (an empty register …).
    """

    school_year: str
    cutoff: school_age.Cutoff
    tolerance: int
    on_date: dt.date
    townships: tuple[str, ...]
    children: int
    students: int
    lists: dict[str, tuple[Finding, ...]]
    warnings: tuple[str, ...] = ()

    def count(self, key: str) -> int:
        """How many people are on a list."""
        return len(self.lists.get(key, ()))

    @property
    def cutoff_text(self) -> str:
        """The cut-off as settings store it, e.g. 08-31."""
        return school_age.format_cutoff(self.cutoff)

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """(earliest, latest) birth dates of school age, inclusive."""
        return age_window(self.school_year, self.cutoff)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `kongchuo crosscheck --json`: one array per list, plus what was checked."""
        out: dict[str, Any] = {key: [f.as_dict() for f in self.lists.get(key, ())] for key in ALL_LISTS}
        out.update(
            {
                "school_year": self.school_year,
                "age_cutoff": self.cutoff_text,
                "age_tolerance": self.tolerance,
                "on_date": self.on_date.isoformat(),
                "townships": list(self.townships),
                "checked": {"children": self.children, "students": self.students},
                "counts": {key: self.count(key) for key in ALL_LISTS},
                "warnings": list(self.warnings),
            }
        )
        return out


def grade_text(grade: int | None) -> str:
    """A grade as rosters write it (三年级, 七年级); empty for none."""
    if grade is None:
        return ""
    name = GRADE_NAMES.get(grade)
    return name.split("（")[0] if name else f"{grade}年级"


def age_window(
    school_year: str | int, cutoff: school_age.Cutoff = school_age.DEFAULT_CUTOFF
) -> tuple[dt.date, dt.date]:
    """(earliest, latest) birth dates, inclusive, of children aged 6–15 on the cut-off day of the year."""
    month, day = school_age.check_cutoff(cutoff)
    first = school_age.parse_school_year(school_year)
    return dt.date(first - 16, month, day) + dt.timedelta(days=1), dt.date(first - 6, month, day)


def default_on_date(school_year: str | int, today: dt.date | None = None) -> dt.date:
    """The day approvals are checked against: today, moved into the school year when outside it."""
    first = school_age.parse_school_year(school_year)
    today = today or dt.date.today()
    return min(max(today, dt.date(first, 9, 1)), dt.date(first + 1, 8, 31))


def settings_of(session: Session) -> tuple[school_age.Cutoff, int]:
    """The age cut-off and the age/grade tolerance settings (defaults when unset or unreadable)."""
    raw = get_setting(session, "age_cutoff", "08-31")
    try:
        cutoff = school_age.parse_cutoff(str(raw))
    except ValueError:
        cutoff = school_age.DEFAULT_CUTOFF
    try:
        tolerance = max(0, int(get_setting(session, "age_tolerance", DEFAULT_TOLERANCE)))
    except (TypeError, ValueError):
        tolerance = DEFAULT_TOLERANCE
    return cutoff, tolerance


# --------------------------------------------------------------------------------------- entry


def run_crosscheck(
    db: Database,
    actor: Actor,
    school_year: str | int | None = None,
    township_id: str | None = None,
    *,
    on_date: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> CrosscheckResult:
    """Run the check in one read transaction (a consistent snapshot); see `check`."""
    with db.read_session() as session:
        return check(session, actor, school_year, township_id, on_date=on_date, progress=progress)


def check(
    session: Session,
    actor: Actor,
    school_year: str | int | None = None,
    township_id: str | None = None,
    *,
    on_date: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> CrosscheckResult:
    """Cross-check the registers for `school_year` (default: the current one).

    township_id: the township to check (whole-site actors; default: this site's township, else
    every township with a register). Raises PermissionDenied outside the actor's scope,
    NotFoundError for an unknown township, ValidationError for a bad school year.
    progress(done, total, text) is called between steps (it may raise to cancel).
    """
    actor.require(perms.REPORT_READ)
    if school_year is None:
        school_year = school_age.school_year_of(dt.date.today())
    try:
        first = school_age.parse_school_year(school_year)
    except ValueError as exc:
        raise ValidationError({"school_year": str(exc)}) from exc
    year_text = f"{first}-{first + 1}"
    cutoff, tolerance = settings_of(session)
    on = on_date or default_on_date(first)
    checker = _Checker(session, actor, year_text, cutoff, tolerance, on, progress)
    return checker.run(township_id)


# --------------------------------------------------------------------------------------- work

C = Child.__table__
S = Student.__table__
A = Attachment.__table__


@dataclass
class _ChildRow:
    id: str
    name: str
    name_pinyin: str
    sex: str | None
    birth_date: dt.date | None
    id_number: str | None
    village: str | None
    hukou_address: str | None
    situation: str
    elsewhere_school: str | None
    approving_body: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    student_id: str | None


@dataclass
class _StudentRow:
    id: str
    name: str
    name_pinyin: str
    sex: str | None
    birth_date: dt.date | None
    id_number: str | None
    school_id: str | None
    township_id: str | None
    grade: int | None
    class_no: int | None
    status: str
    hukou_address: str | None


_CHILD_COLS = [C.c["hukou_village" if name == "village" else name] for name in _ChildRow.__dataclass_fields__]
_STUDENT_COLS = [S.c[name] for name in _StudentRow.__dataclass_fields__]


@dataclass
class _Checker:
    session: Session
    actor: Actor
    school_year: str
    cutoff: school_age.Cutoff
    tolerance: int
    on: dt.date
    progress: Callable[[int, int, str], None] | None
    schools: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    school_keys: dict[str, str] = field(default_factory=dict)
    townships: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _cutoff_date: dt.date = dt.date.min

    # ----------------------------------------------------------------------------- helpers
    def _step(self, done: int, total: int, text: str) -> None:
        if self.progress is not None:
            self.progress(done, total, text)

    @property
    def cutoff_day(self) -> dt.date:
        """The cut-off day in the school year's first year (ages are counted on it)."""
        month, day = self.cutoff
        return dt.date(school_age.parse_school_year(self.school_year), month, day)

    def _age(self, birth: dt.date | None) -> int | None:
        return None if birth is None else school_age.age_on(birth, self._cutoff_date)

    def _school(self, school_id: str | None) -> tuple[str | None, str | None]:
        """(school name, township name) of a school id."""
        if not school_id or school_id not in self.schools:
            return None, None
        name, town = self.schools[school_id]
        return name, self.townships.get(town or "")

    def _student_finding(self, key: str, s: _StudentRow, detail: str, **extra: Any) -> Finding:
        school, town = self._school(s.school_id)
        return Finding(
            key, "student", s.id, s.name, s.id_number, s.sex, s.birth_date, self._age(s.birth_date), town, None,
            s.hukou_address, school, s.grade, s.class_no, s.status, None, detail=detail, **extra,
        )  # fmt: skip

    def _child_finding(
        self, key: str, c: _ChildRow, town: str | None, detail: str, found: _StudentRow | None = None
    ) -> Finding:
        school, _ = self._school(found.school_id) if found else (None, None)
        return Finding(
            key, "child", c.id, c.name, c.id_number, c.sex, c.birth_date, self._age(c.birth_date), town, c.village,
            c.hukou_address, school, found.grade if found else None, found.class_no if found else None,
            found.status if found else None, c.situation, detail=detail,
        )  # fmt: skip

    # ----------------------------------------------------------------------------- scope
    def _townships_to_check(self, township_id: str | None) -> tuple[list[str], bool]:
        """The townships whose registers are checked, and whether pupils are limited to them
        (False only for a whole-site check of every township)."""
        actor = self.actor
        if actor.school_id is not None:
            home = self.schools.get(actor.school_id, (None, None))[1]
            if township_id is not None and township_id != home:
                raise PermissionDenied("您只能核查本校所在乡镇的数据。")
            return ([home] if home else []), True
        if actor.township_id is not None:
            if township_id is not None and township_id != actor.township_id:
                raise PermissionDenied("您只能核查本乡镇的数据。")
            return [actor.township_id], True
        if township_id is not None:
            if township_id not in self.townships:
                raise NotFoundError("找不到要核查的乡镇。")
            return [township_id], True
        site = local_site(self.session)
        if site is not None and site.township_id:
            return [site.township_id], True
        found = self.session.execute(
            select(C.c.township_id).where(C.c.deleted == false(), C.c.township_id.is_not(None)).distinct()
        ).scalars()
        return sorted(found, key=lambda t: name_keys(self.townships.get(t, ""))[0]), False

    def _student_scope(self, towns: list[str], limited: bool) -> list[ColumnElement[bool]]:
        """Which pupils the student-side lists (age_grade, duplicate_person) cover."""
        if self.actor.school_id is not None:
            return [S.c.school_id == self.actor.school_id]
        if limited:
            return [S.c.township_id.in_(towns)] if towns else [false()]
        return []

    # ----------------------------------------------------------------------------- run
    def run(self, township_id: str | None) -> CrosscheckResult:
        session = self.session
        self.schools = {r[0]: (r[1], r[2]) for r in session.execute(select(School.id, School.name, School.township_id))}
        self.school_keys = {sid: name_keys(name)[0] for sid, (name, _town) in self.schools.items()}
        self.townships = dict(session.execute(select(Township.id, Township.name)).all())
        self._cutoff_date = self.cutoff_day
        towns, limited = self._townships_to_check(township_id)
        lists: dict[str, list[Finding]] = {key: [] for key in ALL_LISTS}
        total_steps = len(towns) + 2
        children_seen = 0
        for n, town in enumerate(towns):
            self._step(n, total_steps, f"核查{self.townships.get(town, '')}的适龄儿童登记……")
            children_seen += self._check_township(town, lists)
        self._step(len(towns), total_steps, "核查学生年龄与年级……")
        scope = self._student_scope(towns, limited)
        students_seen = self._age_grade(scope, lists["age_grade"])
        self._step(len(towns) + 1, total_steps, "查找重复登记……")
        self._duplicate_students(scope, lists["duplicate_person"])
        self._step(total_steps, total_steps, "核查完成")
        return CrosscheckResult(
            self.school_year,
            self.cutoff,
            self.tolerance,
            self.on,
            tuple(self.townships.get(t, "") for t in towns),
            children_seen,
            students_seen,
            {key: tuple(value) for key, value in lists.items()},
            tuple(self.warnings),
        )

    # ----------------------------------------------------------------------------- children side
    def _children_of(self, town: str) -> list[_ChildRow]:
        terms: list[ColumnElement[bool]] = [C.c.deleted == false(), C.c.township_id == town]
        if self.actor.school_id is not None:
            terms.append(C.c.student_id.in_(select(S.c.id).where(S.c.school_id == self.actor.school_id)))
        stmt = select(*_CHILD_COLS).where(and_(*terms)).order_by(C.c.name_pinyin, C.c.id)
        rows = []
        for r in self.session.execute(stmt):
            child = _ChildRow(*r)
            if child.birth_date is None and child.id_number:
                with contextlib.suppress(idn.IdNumberError):
                    child.birth_date = idn.parse(child.id_number).birth_date
            rows.append(child)
        return rows

    def _students_by_number(self, numbers: Iterable[str]) -> dict[str, list[_StudentRow]]:
        found: dict[str, list[_StudentRow]] = defaultdict(list)
        for chunk in _chunks(sorted(set(numbers))):
            stmt = select(*_STUDENT_COLS).where(S.c.id_number.in_(chunk), S.c.deleted == false())
            for r in self.session.execute(stmt):
                row = _StudentRow(*r)
                found[row.id_number or ""].append(row)
        return found

    def _students_by_id(self, ids: Iterable[str]) -> dict[str, _StudentRow]:
        found: dict[str, _StudentRow] = {}
        for chunk in _chunks(sorted(set(ids))):
            stmt = select(*_STUDENT_COLS).where(S.c.id.in_(chunk), S.c.deleted == false())
            for r in self.session.execute(stmt):
                found[r[0]] = _StudentRow(*r)
        return found

    def _with_proof(self, child_ids: Iterable[str]) -> set[str]:
        owners: set[str] = set()
        for chunk in _chunks(sorted(set(child_ids))):
            stmt = select(A.c.owner_id).where(
                A.c.owner_type == "child", A.c.owner_id.in_(chunk), A.c.deleted == false()
            )
            owners.update(self.session.execute(stmt).scalars())
        return owners

    def _check_township(self, town: str, lists: dict[str, list[Finding]]) -> int:
        town_name = self.townships.get(town, "")
        children = self._children_of(town)
        if not children and self.actor.school_id is None:
            self.warnings.append(f"{town_name}的适龄儿童登记是空的：请先导入公安户籍儿童名单，再核查。")
        earliest, latest = age_window(self.school_year, self.cutoff)
        in_window = [c for c in children if c.birth_date is None or earliest <= c.birth_date <= latest]
        for c in children:
            if c.birth_date is not None and not earliest <= c.birth_date <= latest:
                age = self._age(c.birth_date)
                why = "未满6周岁，未到入学年龄" if c.birth_date > latest else "已满16周岁，超出义务教育年龄"
                detail = f"{self._cutoff_text()}时{age}周岁，{why}"
                lists["not_school_age"].append(self._child_finding("not_school_age", c, town_name, detail))

        by_number = self._students_by_number(c.id_number for c in in_window if c.id_number)
        linked = self._students_by_id(c.student_id for c in in_window if c.student_id)
        elsewhere = [c.id for c in in_window if c.situation == ELSEWHERE]
        proven = self._with_proof(elsewhere) if elsewhere else set()
        for c in in_window:
            records = list(by_number.get(c.id_number or "", ()))
            if c.student_id and c.student_id in linked and all(r.id != c.student_id for r in records):
                records.append(linked[c.student_id])
            active = [r for r in records if r.status in ACTIVE_STATUSES]
            if active:
                continue
            if any(r.status in ("毕业", "死亡") for r in records):
                continue
            last = records[0] if records else None
            if c.situation == ELSEWHERE:
                if c.id not in proven:
                    where = c.elsewhere_school or "就读学校未填写"
                    lists["elsewhere_no_proof"].append(
                        self._child_finding(
                            "elsewhere_no_proof", c, town_name, f"外地就读（{where}），未上传就读证明", last
                        )
                    )
                continue
            if c.situation in ENROLLED_ARRANGEMENTS or c.situation in GONE:
                continue
            if c.situation in APPROVAL_NEEDED:
                problem = self._approval_problem(c)
                if problem is None:
                    continue
                detail = problem
            elif c.situation == "本地在校":
                detail = "登记为“本地在校”，但查不到在读学籍"
            elif c.situation == "未入学":
                detail = "登记为“未入学”"
            elif c.situation == "辍学":
                detail = "登记为“辍学”"
            else:
                detail = f"登记为“{c.situation}”，查不到在读学籍"
            if last is not None:
                school, _ = self._school(last.school_id)
                detail += f"（学籍状态：{last.status}{'，' + school if school else ''}）"
            lists["not_enrolled"].append(self._child_finding("not_enrolled", c, town_name, detail, last))

        self._missing_from_children(town, lists["missing_from_children"])
        self._duplicate_children(town_name, children, lists["duplicate_person"])
        return len(children)

    def _cutoff_text(self) -> str:
        day = self._cutoff_date
        return f"{day.year}年{day.month}月{day.day}日"

    def _approval_problem(self, c: _ChildRow) -> str | None:
        """Why a 缓学/免学 is not (or no longer) an accepted reason; None when it is."""
        kind = c.situation
        if not (c.approving_body or "").strip():
            return f"登记为“{kind}”，但没有登记批准单位"
        if c.period_start is None or c.period_end is None:
            return f"登记为“{kind}”，但没有登记批准的起止日期"
        if self.on < c.period_start:
            return f"{kind}期限自{c.period_start.isoformat()}开始，核查日（{self.on.isoformat()}）尚未开始"
        if self.on > c.period_end:
            return f"{kind}期限已于{c.period_end.isoformat()}结束"
        return None

    def _missing_from_children(self, town: str, out: list[Finding]) -> None:
        name = self.townships.get(town, "")
        earliest, latest = age_window(self.school_year, self.cutoff)
        # Who is on the register is looked up in the whole township's register, even for a school
        # actor who sees only the children linked to its pupils.
        registered = select(C.c.id_number, C.c.student_id).where(C.c.deleted == false(), C.c.township_id == town)
        listed: set[str] = set()
        linked: set[str] = set()
        for number, student_id in self.session.execute(registered):
            if number:
                listed.add(number)
            if student_id:
                linked.add(student_id)
        hukou = [S.c.hukou_township_id == town]
        if name:
            hukou.append(and_(S.c.hukou_township_id.is_(None), S.c.hukou_address.contains(name, autoescape=True)))
        terms = [
            S.c.deleted == false(),
            S.c.status.in_(ACTIVE_STATUSES),
            or_(*hukou),
            or_(S.c.birth_date.is_(None), S.c.birth_date.between(earliest, latest)),
        ]
        if self.actor.school_id is not None:
            terms.append(S.c.school_id == self.actor.school_id)
        stmt = select(*_STUDENT_COLS).where(and_(*terms))
        found = []
        for r in self.session.execute(stmt):
            s = _StudentRow(*r)
            if (s.id_number and s.id_number in listed) or s.id in linked:
                continue
            found.append(s)
        for s in sorted(found, key=self._student_order):
            school, _ = self._school(s.school_id)
            detail = f"户籍在{name}，在{school or '学校不详'}就读，但适龄儿童登记中没有此人"
            out.append(self._student_finding("missing_from_children", s, detail))

    def _duplicate_children(self, town_name: str, children: list[_ChildRow], out: list[Finding]) -> None:
        groups: dict[str, list[_ChildRow]] = defaultdict(list)
        for c in children:
            if c.id_number:
                groups[c.id_number].append(c)
        for number in sorted(n for n, g in groups.items() if len(g) > 1):
            group = groups[number]
            for c in group:
                detail = f"适龄儿童登记中同一身份证件号出现{len(group)}次"
                out.append(self._child_finding("duplicate_person", c, town_name, detail))

    # ----------------------------------------------------------------------------- students side
    def _student_order(self, s: _StudentRow) -> tuple[Any, ...]:
        """Schools in the pinyin order of their names, then grade, class and name."""
        school = self.school_keys.get(s.school_id or "")
        return (school is None, school or "", s.grade or 0, s.class_no or 0, s.name_pinyin, s.id)

    def _age_grade(self, scope: list[ColumnElement[bool]], out: list[Finding]) -> int:
        base = [S.c.deleted == false(), S.c.status.in_(ACTIVE_STATUSES), *scope]
        seen = int(self.session.execute(select(func.count()).select_from(S).where(and_(*base))).scalar_one())
        # Per grade, the birth dates that stay within tolerance form one range; outside it is flagged.
        off: list[ColumnElement[bool]] = []
        for grade in range(1, 10):
            oldest = school_age.grade_birth_range(grade + self.tolerance, self.school_year, self.cutoff)[0]
            youngest = school_age.grade_birth_range(grade - self.tolerance, self.school_year, self.cutoff)[1]
            off.append(and_(S.c.grade == grade, or_(S.c.birth_date < oldest, S.c.birth_date > youngest)))
        stmt = select(*_STUDENT_COLS).where(and_(*base, S.c.birth_date.is_not(None), or_(*off)))
        flagged = [_StudentRow(*r) for r in self.session.execute(stmt)]
        for s in sorted(flagged, key=self._student_order):
            assert s.birth_date is not None and s.grade is not None
            flag = school_age.age_flag(s.birth_date, s.grade, self.school_year, self.cutoff, self.tolerance)
            if flag is None:
                continue
            expected = school_age.expected_grade(s.birth_date, self.school_year, self.cutoff)
            gap = abs(expected - s.grade)
            label = school_age.AGE_FLAG_LABELS[flag]
            detail = f"在{grade_text(s.grade)}，按年龄应在{_expected_text(expected)}，{label}{gap}个年级"
            out.append(self._student_finding("age_grade", s, detail, expected_grade=expected, flag=flag))
        return seen

    def _duplicate_students(self, scope: list[ColumnElement[bool]], out: list[Finding]) -> None:
        other = aliased(Student)
        mine = [S.c.deleted == false(), S.c.status.in_(ACTIVE_STATUSES), S.c.id_number.is_not(None), *scope]
        twin = (
            select(other.id)
            .where(
                other.id_number == S.c.id_number,
                other.id != S.c.id,
                other.deleted == false(),
                other.status.in_(ACTIVE_STATUSES),
            )
            .exists()
        )
        numbers = set(self.session.execute(select(S.c.id_number).where(and_(*mine, twin))).scalars())
        if not numbers:
            return
        groups = self._students_by_number(numbers)
        known = {f.record_id for f in out}
        for number in sorted(numbers):
            group = sorted((s for s in groups.get(number, ()) if s.status in ACTIVE_STATUSES), key=self._student_order)
            places = "；".join(
                f"{self._school(s.school_id)[0] or '学校不详'}{grade_text(s.grade)}（{s.status}）" for s in group
            )
            for s in group:
                if s.id in known:
                    continue
                detail = f"同一身份证件号有{len(group)}条在读学籍：{places}"
                out.append(self._student_finding("duplicate_person", s, detail))


def _expected_text(expected: int) -> str:
    if expected < 1:
        return "学前（未到入学年龄）"
    if expected > 9:
        return "高中阶段（应已初中毕业）"
    return grade_text(expected)


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])
