"""The ledgers (台账) as formatted .xlsx: 适龄儿童台账, 疑似辍学学生台账, 辍学学生台账, 学生名册, 家访记录.

`export_ledger(db, actor, key, out, scope)` writes one ledger; `export_crosscheck(actor, result,
out)` writes the cross-check lists. Both go through documents.xlsx_ledger (title, unit and date
line, frozen header, borders, widths, A4 landscape fitted to the page width, header repeated on
every printed page; temporary file + rename).

Ledgers are pluggable: `LEDGERS` maps a key to a `LedgerSpec` (title, columns, row provider), and
`register_ledger(spec)` adds or replaces one. Where the rows come from today:

- children (适龄儿童台账): the township's register of school-age children, with the 学籍 found for
  each child (linked, or by ID number) — readable back by `importing.parse_file(kind="children")`.
- suspected (疑似辍学学生台账): until the case workflow (absences, cases) lands, the cross-check's
  not_enrolled list for the school year — school-age children on the register with no 在读/休学
  学籍 and no accepted reason (未入学, 辍学, expired or unapproved 缓学/免学, or 本地在校 with no
  学籍 found). The case workflow replaces this provider: `register_ledger(replace(LEDGERS[
  "suspected"], rows=its_provider))`, keeping the columns.
- dropouts (辍学学生台账): pupils whose status is 辍学, with the date and reason of their latest 辍学
  学籍异动.
- students (学生名册): the roster — readable back by `importing.parse_file(kind="roster")` with the
  same values.
- visits (家访记录): an empty ledger with its headers and a note, until the visit tables exist.

Exporting needs the data.export permission and stays inside the actor's scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from kongchuo_desktop.documents.xlsx_ledger import Column, LedgerSheet, write_ledger
from kongchuo_desktop.domain import ethnicity, school_age
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.domain.status import ACTIVE_STATUSES
from kongchuo_desktop.services import crosscheck as cc
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import local_site
from kongchuo_desktop.store.models import Child, Guardian, School, StatusChange, Student, Township

Progress = Callable[[int, int, str], None]

C = Child.__table__
S = Student.__table__
G = Guardian.__table__
SC = StatusChange.__table__


@dataclass(frozen=True)
class LedgerScope:
    """What to export: township_id / school_id (None = the actor's whole scope), school_year
    ("2026-2027"; default the current one) for the year-bound ledgers, active_only: only pupils in
    在读/休学 (students ledger)."""

    township_id: str | None = None
    school_id: str | None = None
    school_year: str | None = None
    active_only: bool = False


@dataclass
class LedgerContext:
    """What a row provider works with: an open Session (one read snapshot) and the resolved scope.

    township_ids: the townships covered (None = all); school_id: one school or None; names: id →
    name of schools and townships; cutoff / on_date: for the year-bound ledgers.
    """

    session: Session
    actor: Actor
    township_ids: list[str] | None
    school_id: str | None
    school_year: str
    active_only: bool
    cutoff: school_age.Cutoff
    on_date: dt.date
    schools: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    townships: dict[str, str] = field(default_factory=dict)
    _ethnicities: dict[str | None, str] = field(default_factory=dict)

    def school_name(self, school_id: str | None) -> str:
        """A school's name ("" when unknown)."""
        return self.schools.get(school_id or "", ("", None))[0]

    def township_name(self, township_id: str | None) -> str:
        """A township's name ("" when unknown)."""
        return self.townships.get(township_id or "", "")

    def ethnicity(self, code: str | None) -> str:
        """汉族 for "01" ("" when unknown)."""
        if code not in self._ethnicities:
            self._ethnicities[code] = (ethnicity.name_of(code) or "") if code else ""
        return self._ethnicities[code]

    def student_terms(self) -> list[ColumnElement[bool]]:
        """WHERE terms for the pupils in scope."""
        terms: list[ColumnElement[bool]] = [S.c.deleted == false()]
        if self.school_id is not None:
            terms.append(S.c.school_id == self.school_id)
        elif self.township_ids is not None:
            terms.append(S.c.township_id.in_(self.township_ids) if self.township_ids else false())
        if self.actor.classes:
            terms.append(or_(*(and_(S.c.grade == g, S.c.class_no == c) for g, c in self.actor.classes)))
        return terms

    def child_terms(self) -> list[ColumnElement[bool]]:
        """WHERE terms for the register's children in scope (a school sees the children who are its pupils)."""
        terms: list[ColumnElement[bool]] = [C.c.deleted == false()]
        if self.actor.school_id is not None:
            terms.append(C.c.student_id.in_(select(S.c.id).where(S.c.school_id == self.actor.school_id)))
        if self.township_ids is not None:
            terms.append(C.c.township_id.in_(self.township_ids) if self.township_ids else false())
        return terms

    def schools_in_order(self) -> list[str]:
        """Ids of the schools in scope, in the pinyin order of their names."""
        if self.school_id is not None:
            return [self.school_id]
        ids = [
            sid for sid, (_name, town) in self.schools.items() if self.township_ids is None or town in self.township_ids
        ]
        return sorted(ids, key=lambda sid: (name_keys(self.school_name(sid))[0], sid))


@dataclass
class LedgerRows:
    """A provider's answer: the rows (values in column order, no 序号), how many (for progress),
    and notes printed under the table."""

    rows: Iterable[Sequence[Any]]
    total: int | None = None
    notes: tuple[str, ...] = ()


RowsProvider = Callable[[LedgerContext], LedgerRows]


@dataclass(frozen=True)
class LedgerSpec:
    """A ledger: key (CLI name), title, columns, the provider of rows, and how it is scoped.

    per_school: the school filter applies (else the ledger is a township's); per_year: the rows
    depend on the school year (shown in the title line).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: RowsProvider
    per_school: bool = False
    per_year: bool = False
    description: str = ""


@dataclass(frozen=True)
class LedgerResult:
    """What an export wrote: which ledger, to which file, how many rows."""

    key: str
    title: str
    path: Path
    rows: int
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON form for `kongchuo export ledger --json`."""
        return {
            "ledger": self.key,
            "title": self.title,
            "out": str(self.path),
            "rows": self.rows,
            "notes": list(self.notes),
        }


def _flag(value: bool) -> str:
    return "是" if value else ""


def _date_range(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start.isoformat() if start else '…'}至{end.isoformat() if end else '…'}"


def _guardians(session: Session, column: Any, ids: Sequence[str]) -> dict[str, dict[int, tuple[Any, ...]]]:
    """owner id → slot → (name, relation, phone), for owners in `ids` (first row of a slot wins)."""
    found: dict[str, dict[int, tuple[Any, ...]]] = defaultdict(dict)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = (
            select(column, G.c.slot, G.c.name, G.c.relation, G.c.phone)
            .where(column.in_(chunk), G.c.deleted == false())
            .order_by(column, G.c.slot, G.c.updated_at)
        )
        for owner, slot, name, relation, phone in session.execute(stmt):
            found[owner].setdefault(slot, (name, relation, phone))
    return found


# ------------------------------------------------------------------------------ 学生名册 (students)

STUDENT_COLUMNS: tuple[Column, ...] = (
    Column("学校名称", 16, "wrap"), Column("年级", 7, "center"), Column("班级", 5, "int"), Column("姓名", 8, "center"),
    Column("性别", 4.5, "center"), Column("出生日期", 11, "date"), Column("民族", 7, "center"),
    Column("身份证件类型", 10, "center"), Column("身份证件号", 19.5, "id"), Column("学籍号", 21, "id"),
    Column("户口性质", 9, "center"), Column("户籍地址", 20, "wrap"), Column("现住址", 20, "wrap"),
    Column("入学日期", 11, "date"), Column("学籍状态", 6, "center"), Column("是否寄宿", 5, "center"),
    Column("留守儿童", 8, "center"), Column("随迁子女", 5, "center"), Column("残疾类型", 5, "center"),
    Column("安置方式", 8, "center"), Column("脱贫户", 5, "center"), Column("低保", 5, "center"),
    Column("孤儿", 5, "center"), Column("监护人姓名", 8, "center"), Column("与学生关系", 6, "center"),
    Column("联系电话", 12.5, "id"), Column("第二监护人姓名", 8, "center"), Column("第二监护人关系", 6, "center"),
    Column("第二监护人电话", 12.5, "id"), Column("备注", 14, "wrap"),
)  # fmt: skip
_STUDENT_FIELDS = (
    "id", "school_id", "grade", "class_no", "name", "sex", "birth_date", "ethnicity_code", "id_type", "id_number",
    "student_no", "hukou_nature", "hukou_address", "current_address", "enrolled_on", "status", "boarding",
    "left_behind", "migrant", "disability_type", "disability_arrangement", "poverty", "low_income", "orphan", "note",
)  # fmt: skip


def _student_rows(ctx: LedgerContext) -> LedgerRows:
    terms = ctx.student_terms()
    if ctx.active_only:
        terms.append(S.c.status.in_(ACTIVE_STATUSES))
    total = int(ctx.session.execute(select(func.count()).select_from(S).where(and_(*terms))).scalar_one())
    return LedgerRows(_iter_students(ctx, terms), total)


def _iter_students(ctx: LedgerContext, terms: list[ColumnElement[bool]]) -> Iterator[list[Any]]:
    cols = [S.c[name] for name in _STUDENT_FIELDS]
    order = (S.c.grade, S.c.class_no, S.c.name_pinyin, S.c.id)
    # School by school (in pinyin order of the names), each on its (school, grade, class, name) index.
    segments: list[ColumnElement[bool]] = [S.c.school_id == sid for sid in ctx.schools_in_order()]
    if ctx.school_id is None:
        segments.append(S.c.school_id.is_(None))
    for segment in segments:
        rows = ctx.session.execute(select(*cols).where(and_(*terms, segment)).order_by(*order)).all()
        if not rows:
            continue
        guardians = _guardians(ctx.session, G.c.student_id, [r[0] for r in rows])
        for r in rows:
            (sid, school_id, grade, class_no, name, sex, birth, eth, id_type, id_number, student_no, nature, hukou,
             current, enrolled, status, boarding, left_behind, migrant, dis_type, dis_arr, poverty, low_income,
             orphan, note) = r  # fmt: skip
            g = guardians.get(sid, {})
            g1, g2 = g.get(1, (None, None, None)), g.get(2, (None, None, None))
            yield [
                ctx.school_name(school_id), cc.grade_text(grade), class_no, name, sex, birth, ctx.ethnicity(eth),
                id_type, id_number, student_no, nature, hukou, current, enrolled, status, _flag(boarding),
                "" if left_behind in (None, "无") else left_behind, _flag(migrant), dis_type, dis_arr,
                _flag(poverty), _flag(low_income), _flag(orphan), g1[0], g1[1], g1[2], g2[0], g2[1], g2[2], note,
            ]  # fmt: skip


# ------------------------------------------------------------------------------ 适龄儿童台账 (children)

CHILD_COLUMNS: tuple[Column, ...] = (
    Column("乡镇", 10, "center"), Column("户籍村（社区）", 10, "center"), Column("姓名", 8, "center"),
    Column("性别", 4.5, "center"), Column("出生日期", 11, "date"), Column("民族", 7, "center"),
    Column("身份证件号", 19.5, "id"), Column("学籍号", 21, "id"), Column("户籍地址", 20, "wrap"),
    Column("居住地址", 20, "wrap"), Column("就读情况", 9, "center"), Column("就读学校", 16, "wrap"),
    Column("年级", 7, "center"),
    Column("外地就读学校", 16, "wrap"), Column("批准单位", 12, "wrap"), Column("缓（免）学期限", 12, "wrap"),
    Column("监护人姓名", 8, "center"), Column("监护人关系", 6, "center"), Column("联系电话", 12.5, "id"),
    Column("备注", 16, "wrap"),
)  # fmt: skip
_CHILD_FIELDS = (
    "id", "township_id", "hukou_village", "name", "sex", "birth_date", "ethnicity_code", "id_number", "hukou_address",
    "residence_address", "situation", "elsewhere_school", "approving_body", "period_start", "period_end", "note",
    "student_id", "name_pinyin",
)  # fmt: skip


def _children_rows(ctx: LedgerContext) -> LedgerRows:
    cols = [C.c[name] for name in _CHILD_FIELDS]
    rows = sorted(
        ctx.session.execute(select(*cols).where(and_(*ctx.child_terms()))).all(),
        key=lambda r: (name_keys(ctx.township_name(r[1]))[0], name_keys(r[2] or "")[0], r[17], r[0]),
    )
    ids = [r[0] for r in rows]
    guardians = _guardians(ctx.session, G.c.child_id, ids)
    enrolled = _enrolment(ctx, rows)

    def generate() -> Iterator[list[Any]]:
        for r in rows:
            (cid, town, village, name, sex, birth, eth, id_number, hukou, residence, situation, elsewhere, body,
             start, end, note, _student_id, _pinyin) = r  # fmt: skip
            g1 = guardians.get(cid, {}).get(1, (None, None, None))
            school_id, grade, student_no = enrolled.get(cid, (None, None, None))
            yield [
                ctx.township_name(town), village, name, sex, birth, ctx.ethnicity(eth), id_number, student_no, hukou,
                residence,
                situation, ctx.school_name(school_id), cc.grade_text(grade), elsewhere, body, _date_range(start, end),
                g1[0], g1[1], g1[2], note,
            ]  # fmt: skip

    return LedgerRows(generate(), len(rows))


def _enrolment(ctx: LedgerContext, rows: Sequence[Any]) -> dict[str, tuple[str | None, int | None, str | None]]:
    """child id → (school id, grade, 学籍号) of the child's pupil record: the linked one (any status),
    else one in 在读/休学 with the same ID number. School and grade only while in 在读/休学."""
    numbers = sorted({r[7] for r in rows if r[7]})
    linked_ids = sorted({r[16] for r in rows if r[16]})
    by_number: dict[str, tuple[str | None, int | None, str | None]] = {}
    by_id: dict[str, tuple[str | None, int | None, str | None]] = {}
    cols = (S.c.id, S.c.id_number, S.c.school_id, S.c.grade, S.c.student_no, S.c.status)
    for start in range(0, len(numbers), 500):
        stmt = select(*cols).where(
            S.c.id_number.in_(numbers[start : start + 500]), S.c.deleted == false(), S.c.status.in_(ACTIVE_STATUSES)
        )
        for _sid, number, school_id, grade, student_no, _status in ctx.session.execute(stmt):
            by_number.setdefault(number, (school_id, grade, student_no))
    for start in range(0, len(linked_ids), 500):
        stmt = select(*cols).where(S.c.id.in_(linked_ids[start : start + 500]), S.c.deleted == false())
        for sid, _number, school_id, grade, student_no, status in ctx.session.execute(stmt):
            active = status in ACTIVE_STATUSES
            by_id[sid] = (school_id if active else None, grade if active else None, student_no)
    out = {}
    for r in rows:
        found = (by_id.get(r[16]) if r[16] else None) or (by_number.get(r[7]) if r[7] else None)
        if found:
            out[r[0]] = found
    return out


# ------------------------------------------------------------------------------ 疑似辍学学生台账 (suspected)

SUSPECTED_COLUMNS: tuple[Column, ...] = (
    Column("乡镇", 10, "center"), Column("户籍村（社区）", 10, "center"), Column("姓名", 8, "center"),
    Column("性别", 4.5, "center"), Column("民族", 7, "center"), Column("出生日期", 11, "date"),
    Column("身份证件号", 19.5, "id"), Column("监护人姓名", 8, "center"), Column("联系电话", 12.5, "id"),
    Column("原就读学校", 16, "wrap"), Column("年级", 7, "center"), Column("疑似辍学（失学）情况", 28, "wrap"),
    Column("发现日期", 11, "date"), Column("包保责任人", 10, "wrap"), Column("劝返进展", 16, "wrap"),
    Column("备注", 16, "wrap"),
)  # fmt: skip
SUSPECTED_NOTE = (
    "注：本表暂由“核查比对”生成：适龄儿童登记中查不到在读学籍、又无经批准的缓学免学等情况的儿童；"
    "个案（“三访一报告”）功能上线后，将改由缺勤与个案记录生成。"
)


def _suspected_rows(ctx: LedgerContext) -> LedgerRows:
    townships = ctx.township_ids if ctx.township_ids is not None else [None]
    findings: list[cc.Finding] = []
    for town in townships:
        result = cc.check(
            ctx.session, ctx.actor, ctx.school_year, town if ctx.actor.whole_site else None, on_date=ctx.on_date
        )
        findings.extend(result.lists["not_enrolled"])
    ids = [f.record_id for f in findings]
    guardians = _guardians(ctx.session, G.c.child_id, ids)
    extra: dict[str, tuple[Any, Any]] = {}
    for start in range(0, len(ids), 500):
        stmt = select(C.c.id, C.c.ethnicity_code, C.c.note).where(C.c.id.in_(ids[start : start + 500]))
        extra.update({cid: (eth, note) for cid, eth, note in ctx.session.execute(stmt)})

    def generate() -> Iterator[list[Any]]:
        for f in findings:
            eth, note = extra.get(f.record_id, (None, None))
            g1 = guardians.get(f.record_id, {}).get(1, (None, None, None))
            yield [
                f.township, f.village, f.name, f.sex, ctx.ethnicity(eth), f.birth_date, f.id_number, g1[0], g1[2],
                f.school, cc.grade_text(f.grade), f.detail, ctx.on_date, None, None, note,
            ]  # fmt: skip

    return LedgerRows(generate(), len(findings), (SUSPECTED_NOTE,))


# ------------------------------------------------------------------------------ 辍学学生台账 (dropouts)

DROPOUT_COLUMNS: tuple[Column, ...] = (
    Column("学校名称", 16, "wrap"), Column("年级", 7, "center"), Column("班级", 5, "int"), Column("姓名", 8, "center"),
    Column("性别", 4.5, "center"), Column("民族", 7, "center"), Column("出生日期", 11, "date"),
    Column("身份证件号", 19.5, "id"), Column("学籍号", 21, "id"), Column("户籍地址", 20, "wrap"),
    Column("监护人姓名", 8, "center"), Column("联系电话", 12.5, "id"), Column("辍学日期", 11, "date"),
    Column("辍学原因", 24, "wrap"), Column("劝返情况", 16, "wrap"), Column("备注", 14, "wrap"),
)  # fmt: skip


def _dropout_rows(ctx: LedgerContext) -> LedgerRows:
    cols = [S.c[name] for name in ("id", "school_id", "grade", "class_no", "name", "sex", "ethnicity_code",
                                   "birth_date", "id_number", "student_no", "hukou_address", "note", "name_pinyin")]  # fmt: skip
    stmt = select(*cols).where(and_(*ctx.student_terms(), S.c.status == "辍学"))
    order = {sid: n for n, sid in enumerate(ctx.schools_in_order())}
    rows = sorted(
        ctx.session.execute(stmt).all(), key=lambda r: (order.get(r[1], len(order)), r[2] or 0, r[3] or 0, r[12], r[0])
    )
    ids = [r[0] for r in rows]
    guardians = _guardians(ctx.session, G.c.student_id, ids)
    latest: dict[str, tuple[dt.date, str | None]] = {}
    for start in range(0, len(ids), 500):
        stmt = (
            select(SC.c.student_id, SC.c.changed_on, SC.c.reason)
            .where(SC.c.student_id.in_(ids[start : start + 500]), SC.c.kind == "辍学", SC.c.deleted == false())
            .order_by(SC.c.student_id, SC.c.changed_on)
        )
        for sid, day, reason in ctx.session.execute(stmt):
            latest[sid] = (day, reason)  # ordered by date: the last one wins

    def generate() -> Iterator[list[Any]]:
        for sid, school_id, grade, class_no, name, sex, eth, birth, id_number, student_no, hukou, note, _p in rows:
            g1 = guardians.get(sid, {}).get(1, (None, None, None))
            day, reason = latest.get(sid, (None, None))
            yield [
                ctx.school_name(school_id), cc.grade_text(grade), class_no, name, sex, ctx.ethnicity(eth), birth,
                id_number, student_no, hukou, g1[0], g1[2], day, reason, None, note,
            ]  # fmt: skip

    return LedgerRows(generate(), len(rows))


# ------------------------------------------------------------------------------ 家访记录 (visits)

VISIT_COLUMNS: tuple[Column, ...] = (
    Column("学校名称", 16, "wrap"), Column("年级", 7, "center"), Column("班级", 5, "int"), Column("学生姓名", 8, "center"),
    Column("身份证件号", 19.5, "id"), Column("家访日期", 11, "date"), Column("家访类别", 12, "center"),
    Column("家访人员", 14, "wrap"), Column("监护人", 8, "center"), Column("家访情况", 28, "wrap"),
    Column("处理结果", 18, "wrap"), Column("备注", 14, "wrap"),
)  # fmt: skip


def _visit_rows(ctx: LedgerContext) -> LedgerRows:
    # The visits live in the casework; its provider is imported here, when a ledger is built.
    from kongchuo_desktop.services.case_ledgers import visit_provider

    return visit_provider(ctx)  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------ registry

LEDGERS: dict[str, LedgerSpec] = {}


def register_ledger(spec: LedgerSpec) -> None:
    """Add a ledger, or replace the one with the same key (e.g. the case workflow's suspected list)."""
    LEDGERS[spec.key] = spec


for _spec in (
    LedgerSpec("children", "适龄儿童台账", CHILD_COLUMNS, _children_rows, per_year=True,
               description="本乡镇适龄儿童少年登记，含就读情况和在读学籍"),
    LedgerSpec("suspected", "疑似辍学学生台账", SUSPECTED_COLUMNS, _suspected_rows, per_year=True,
               description="查不到在读学籍、又无正当原因的适龄儿童（暂由核查比对生成）"),
    LedgerSpec("dropouts", "辍学学生台账", DROPOUT_COLUMNS, _dropout_rows, per_school=True,
               description="学籍状态为辍学的学生，含辍学日期和原因"),
    LedgerSpec("students", "学生名册", STUDENT_COLUMNS, _student_rows, per_school=True,
               description="学生学籍名册，可用“导入名册”重新导入"),
    LedgerSpec("visits", "家访记录台账", VISIT_COLUMNS, _visit_rows, per_school=True,
               description="家访记录（个案功能上线后提供，目前为空表）"),
):  # fmt: skip
    register_ledger(_spec)

LEDGER_ORDER: tuple[str, ...] = ("children", "suspected", "dropouts", "students", "visits")


def ledger_keys() -> list[str]:
    """Keys of the ledgers, the usual ones first."""
    return [k for k in LEDGER_ORDER if k in LEDGERS] + sorted(k for k in LEDGERS if k not in LEDGER_ORDER)


# ------------------------------------------------------------------------------ export


def _resolve(session: Session, actor: Actor, spec: LedgerSpec, scope: LedgerScope, today: dt.date) -> LedgerContext:
    schools = {r[0]: (r[1], r[2]) for r in session.execute(select(School.id, School.name, School.township_id))}
    townships: dict[str, str] = dict(session.execute(select(Township.id, Township.name)).all())
    township_id, school_id = scope.township_id, scope.school_id
    if township_id is not None and township_id not in townships:
        raise NotFoundError("找不到这个乡镇。")
    if school_id is not None and school_id not in schools:
        raise NotFoundError("找不到这所学校。")
    if school_id is not None and not spec.per_school:
        school_id = None  # a township's ledger: the school filter does not apply
    if actor.school_id is not None:
        if school_id not in (None, actor.school_id):
            raise PermissionDenied("您只能导出本校的台账。")
        school_id = actor.school_id
        home = schools[actor.school_id][1]
        if township_id not in (None, home):
            raise PermissionDenied("您只能导出本校所在乡镇的台账。")
        township_ids: list[str] | None = [home] if home else []
    elif actor.township_id is not None:
        if township_id not in (None, actor.township_id):
            raise PermissionDenied("您只能导出本乡镇的台账。")
        if school_id is not None and schools[school_id][1] != actor.township_id:
            raise PermissionDenied("您只能导出本乡镇学校的台账。")
        township_ids = [actor.township_id]
    elif township_id is not None:
        township_ids = [township_id]
    elif school_id is not None:
        home = schools[school_id][1]
        township_ids = [home] if home else None
    else:
        site = local_site(session)
        township_ids = [site.township_id] if site is not None and site.township_id and not spec.per_school else None
    if school_id is not None and township_ids and schools[school_id][1] not in township_ids:
        raise ValidationError({"school": "所选学校不在所选乡镇"})
    try:
        first = school_age.parse_school_year(scope.school_year or school_age.school_year_of(today))
    except ValueError as exc:
        raise ValidationError({"school_year": str(exc)}) from exc
    year = f"{first}-{first + 1}"
    cutoff, _tolerance = cc.settings_of(session)
    return LedgerContext(
        session, actor, township_ids, school_id, year, scope.active_only, cutoff, cc.default_on_date(year, today),
        schools, townships,
    )  # fmt: skip


def _place(ctx: LedgerContext) -> str:
    """The school or township a ledger covers, for its title ("" when it covers several)."""
    if ctx.school_id is not None:
        return ctx.school_name(ctx.school_id)
    if ctx.township_ids is not None and len(ctx.township_ids) == 1:
        return ctx.township_name(ctx.township_ids[0])
    return ""


def _unit(session: Session, place: str) -> str:
    site = local_site(session)
    return site.name if site is not None else place


def year_text(school_year: str) -> str:
    """The school year as titles write it: 2026-2027 → 2026—2027学年."""
    first = school_age.parse_school_year(school_year)
    return f"{first}—{first + 1}学年"


def export_ledger(
    db: Database,
    actor: Actor,
    key: str,
    out: str | Path,
    scope: LedgerScope | None = None,
    progress: Progress | None = None,
    *,
    today: dt.date | None = None,
) -> LedgerResult:
    """Write the ledger `key` (see LEDGERS) for `scope` to the .xlsx file `out`.

    Raises PermissionDenied without data.export or outside the actor's scope, NotFoundError for
    an unknown ledger, township or school, ValidationError for a bad school year, OSError when
    the file cannot be written. progress(done, total, text) may raise to cancel (no file is left).
    """
    actor.require(perms.DATA_EXPORT)
    spec = LEDGERS.get(key)
    if spec is None:
        raise NotFoundError(f"没有名为“{key}”的台账，可选：{'、'.join(ledger_keys())}")
    today = today or dt.date.today()
    out = Path(out)
    with db.read_session() as session:
        ctx = _resolve(session, actor, spec, scope or LedgerScope(), today)
        if progress is not None:
            progress(0, 0, f"正在读取{spec.title}……")
        data = spec.rows(ctx)
        place = _place(ctx)
        sheet = LedgerSheet(
            name=spec.title,
            title=f"{place}{spec.title}",
            columns=spec.columns,
            rows=data.rows,
            unit=_unit(session, place),
            date=today,
            info=year_text(ctx.school_year) if spec.per_year else "",
            notes=data.notes,
            total=data.total,
        )

        def report(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total, f"正在写入{spec.title}：{done:,} / {total:,} 行")

        counts = write_ledger(out, [sheet], report)
    return LedgerResult(key, sheet.title, out, counts[0], tuple(data.notes))


# ------------------------------------------------------------------------------ cross-check lists

CROSSCHECK_COLUMNS: tuple[Column, ...] = (
    Column("姓名", 8, "center"), Column("性别", 4.5, "center"), Column("出生日期", 11, "date"),
    Column("周岁", 5, "int"), Column("身份证件号", 19.5, "id"), Column("乡镇", 10, "center"),
    Column("户籍地址", 22, "wrap"), Column("就读情况", 9, "center"), Column("学校", 16, "wrap"),
    Column("年级", 7, "center"), Column("班级", 5, "int"), Column("学籍状态", 6, "center"),
    Column("核查情况", 40, "wrap"),
)  # fmt: skip


def finding_values(f: cc.Finding) -> list[Any]:
    """A finding as the cross-check sheets (and the GUI table) show it, in CROSSCHECK_COLUMNS order."""
    return [
        f.name, f.sex, f.birth_date, f.age, f.id_number, f.township, f.place, f.situation, f.school,
        cc.grade_text(f.grade), f.class_no, f.status, f.detail,
    ]  # fmt: skip


def export_crosscheck(
    db: Database,
    actor: Actor,
    result: cc.CrosscheckResult,
    out: str | Path,
    lists: Mapping[str, Sequence[cc.Finding]] | None = None,
    progress: Progress | None = None,
    *,
    today: dt.date | None = None,
) -> list[int]:
    """Write the cross-check lists (one sheet each; `lists` overrides what each holds, e.g. filtered)."""
    actor.require(perms.DATA_EXPORT)
    today = today or dt.date.today()
    chosen = lists if lists is not None else result.lists
    with db.read_session() as session:
        unit = _unit(session, "、".join(result.townships))
    place = "、".join(t for t in result.townships if t)
    sheets = []
    for key in cc.ALL_LISTS:
        findings = list(chosen.get(key, ()))
        label = cc.LIST_LABELS[key]
        notes = [f"说明：{cc.LIST_HINTS[key]}。"]
        if key == "not_school_age":
            notes.append("说明：以上儿童仅供参考，不计入失学。")
        notes.append(
            f"说明：{year_text(result.school_year)}，入学年龄截止日期为{result.cutoff[0]}月{result.cutoff[1]}日，"
            f"年级与年龄允许相差{result.tolerance}个年级，缓学免学期限按{result.on_date.isoformat()}核对。"
        )
        sheets.append(
            LedgerSheet(
                name=label.replace("/", "、"),
                title=f"{place}核查比对：{label}",
                columns=CROSSCHECK_COLUMNS,
                rows=[finding_values(f) for f in findings],
                unit=unit,
                date=today,
                info=year_text(result.school_year),
                notes=tuple(notes),
                total=len(findings),
            )
        )

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, "正在写入核查结果……")

    return write_ledger(Path(out), sheets, report)


__all__ = [
    "CHILD_COLUMNS",
    "CROSSCHECK_COLUMNS",
    "LEDGERS",
    "LedgerContext",
    "LedgerResult",
    "LedgerRows",
    "LedgerScope",
    "LedgerSpec",
    "STUDENT_COLUMNS",
    "export_crosscheck",
    "export_ledger",
    "finding_values",
    "ledger_keys",
    "register_ledger",
]


# The casework fills the 疑似辍学 / 辍学 / 家访 ledgers (imported last: it builds on the registry above).
from kongchuo_desktop.services.case_ledgers import register_case_ledgers  # noqa: E402

register_case_ledgers()
