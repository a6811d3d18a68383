"""What an import will do, row by row: the pieces shared by the roster and children-register imports.

A plan compares the rows a file holds (importing.ParsedRow) with the register: each row becomes
new, updated (with the fields that change), unchanged or rejected (with a reason code); schools,
classes and townships the file names but the register does not know are listed with the ids
they will get. Nothing here writes.

Rules shared by both imports:
- an empty cell never erases what the register holds (yes/no columns are the exception: the
  importer reads an empty cell there as 否, the usual "mark only the yes" convention);
- guardians are compared slot by slot (1 and 2) and recorded as guardian1_name, guardian2_phone …,
  the names the student form uses in the history.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from kongchuo_desktop.importing import ParsedRow, Rejection
from kongchuo_desktop.importing.fields import LABELS
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.base import natural_id
from kongchuo_desktop.store.local import local_site
from kongchuo_desktop.store.models import Guardian, School, SchoolClass, Township

IN_CHUNK = 500
"""IDs per `IN (…)` query: well below every database's limit on bound parameters."""

GUARDIAN_KEYS = ("name", "relation", "phone")

NEW, UPDATED, UNCHANGED, REJECTED = "new", "updated", "unchanged", "rejected"

Progress = Callable[[int, int, str], None]

UNREADABLE_CODES = frozenset({"unreadable", "not_spreadsheet", "corrupt", "encrypted", "bad_encoding", "no_sheet"})
"""ImportFileError codes that mean the file could not be read at all (CLI exit 2), as opposed to a
file that was read and refused (no header, missing columns, too big: exit 1)."""


class ImportRefused(ServiceError):
    """The whole file is refused (unreadable, no header, changed since the preview …); nothing was
    written. code: an importing.ImportFileError code, or file_changed / bad_mapping."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)

    @property
    def unreadable(self) -> bool:
        """True when the file could not be read (rather than read and refused)."""
        return self.code in UNREADABLE_CODES


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    """Consecutive slices of at most `size` values."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


class InQuery:
    """Rows (of `columns`) whose `key` column is one of many values, one indexed query per chunk.

    Every chunk runs the same statement of IN_CHUNK placeholders (the last chunk padded with NULL,
    which matches nothing), built once and run through the session's connection (Core rows, no
    ORM loading): an expanding IN — or a statement built per chunk — costs more than the query.
    """

    def __init__(self, columns: Sequence[Any], key: Any, *where: Any) -> None:
        self.names = [f"k{i}" for i in range(IN_CHUNK)]
        self.stmt = select(*columns).where(key.in_([bindparam(n) for n in self.names]), *where)

    def rows(self, session: Session, values: Iterable[Any]) -> Iterator[Any]:
        """The matching rows (tuples in `columns` order), for the distinct non-None `values`."""
        wanted = sorted({v for v in values if v is not None})
        if not wanted:
            return
        conn = session.connection()
        names = self.names
        for part in chunks(wanted):
            params: dict[str, Any] = dict.fromkeys(names)
            params.update(zip(names, part, strict=False))
            yield from conn.execute(self.stmt, params).all()


def rows_where_in(
    session: Session, columns: Sequence[Any], key: Any, values: Iterable[Any], *where: Any
) -> Iterator[Any]:
    """InQuery(columns, key, *where).rows(session, values), for a query made once."""
    return InQuery(columns, key, *where).rows(session, values)


@dataclass(slots=True)
class GuardianChange:
    """A guardian slot to write: `guardian_id` None = a new guardian with `values`; else the
    changed keys of an existing one as key → (old, new)."""

    slot: int
    guardian_id: str | None
    values: dict[str, Any]
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(slots=True)
class RowPlan:
    """What happens to one importable row.

    action: new | updated | unchanged | rejected; target_id: the matched register row (or the id a
    new row gets when written); place: the school (roster) or township (children) the row belongs
    to; changes: field → (old, new) of the matched row (audit field names); columns: database
    column → new value to write (changes plus derived columns such as the pinyin keys and the
    school's township); guardians: guardian slots to create or change.
    """

    record: ParsedRow
    action: str
    target_id: str | None = None
    place: str | None = None
    changes: dict[str, tuple[Any, Any]] | None = None
    columns: dict[str, Any] | None = None
    guardians: list[GuardianChange] | None = None


@dataclass(frozen=True, slots=True)
class NewSchool:
    """A school the file names that the register does not know: it will be added with this id."""

    id: str
    name: str
    township_id: str | None
    township_name: str | None


@dataclass(frozen=True, slots=True)
class NewClass:
    """A class (grade, class number) of a school that the register has no row for yet."""

    id: str
    school_id: str
    school_name: str
    grade: int
    class_no: int

    @property
    def label(self) -> str:
        """ "金河镇中心学校 3年级2班"."""
        return f"{self.school_name} {self.grade}年级{self.class_no}班"


@dataclass(frozen=True, slots=True)
class NewTownship:
    """A township the file names that the register does not know."""

    id: str
    name: str


@dataclass
class Plan:
    """The outcome of planning: one RowPlan per importable row (file order), the rows refused
    at this stage (scope, conflicts with the register, unknown places), notes that refuse
    nothing, the places to add, and the guardian columns of the file (slot → keys; new rows'
    guardians are made from them when written), the fields every row's values hold, and the id
    the import's ImportBatch gets when the plan is written."""

    rows: list[RowPlan]
    guardian_slots: dict[int, tuple[str, ...]] = field(default_factory=dict)
    fields: frozenset[str] = frozenset()
    batch_id: str | None = None
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)
    new_schools: list[NewSchool] = field(default_factory=list)
    new_classes: list[NewClass] = field(default_factory=list)
    new_townships: list[NewTownship] = field(default_factory=list)

    def count(self, action: str) -> int:
        """How many rows have this action."""
        return sum(1 for row in self.rows if row.action == action)

    @property
    def writes(self) -> bool:
        """True when applying the plan would change the database."""
        return bool(
            self.new_schools
            or self.new_classes
            or self.new_townships
            or any(row.action in (NEW, UPDATED) for row in self.rows)
        )


class Rejector:
    """Turns a refused RowPlan into a Rejection naming the file's column for the field."""

    def __init__(self, headers: list[str], columns: dict[str, int], sheet: str) -> None:
        self.headers = headers
        self.columns = columns
        self.sheet = sheet

    def __call__(self, row: RowPlan, fld: str, reason: str, message: str, out: list[Rejection]) -> None:
        col = self.columns.get(fld)
        if col is None and fld == "id_number":
            col = self.columns.get("student_no")
        header = self.headers[col] if col is not None and col < len(self.headers) else LABELS.get(fld, fld)
        out.append(Rejection(row.record.sheet, row.record.excel_row, header, reason, message, col))
        row.action = REJECTED


# --- places -------------------------------------------------------------------------------------


def default_township(session: Session, actor: Actor) -> Township | None:
    """The township rows belong to when the file does not say: the actor's, else this site's."""
    township_id = actor.township_id
    if township_id is None and actor.school_id is not None:
        township_id = session.execute(select(School.township_id).where(School.id == actor.school_id)).scalar()
    if township_id is None:
        site = local_site(session)
        if site is not None:
            township_id = site.township_id
            if township_id is None and site.school_id is not None:
                township_id = session.execute(select(School.township_id).where(School.id == site.school_id)).scalar()
    return session.get(Township, township_id) if township_id else None


def default_school_name(session: Session, actor: Actor) -> str | None:
    """The school of every roster row when the file names none: the actor's, else this school site's."""
    school_id = actor.school_id
    if school_id is None:
        site = local_site(session)
        if site is not None and site.site_type == "school":
            school_id = site.school_id
    if school_id is None:
        return None
    return session.execute(select(School.name).where(School.id == school_id)).scalar()


def townships_by_name(session: Session) -> dict[str, tuple[str, str]]:
    """Every township: name → (id, name)."""
    return {name: (tid, name) for tid, name in session.execute(select(Township.id, Township.name)).all()}


def schools_by_name(session: Session, names: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """Known schools among `names`: name → (id, township_id)."""
    found: dict[str, tuple[str, str | None]] = {}
    for sid, name, township_id in rows_where_in(
        session, (School.id, School.name, School.township_id), School.name, names
    ):
        found[name] = (sid, township_id)
    return found


_TOWNSHIP_PREFIX = re.compile(r"^[\u4e00-\u9fa5]{1,10}?(?:镇|乡|街道|苏木)")


def guess_township(school_name: str, townships: dict[str, tuple[str, str]]) -> tuple[str | None, str] | None:
    """The township a school's name names: (id, name) of a known one ("金河镇中心学校" → 金河镇,
    longest name first), (None, name) when it begins with a township the register does not know
    ("满归镇中心学校" on a 金河镇 site), None when it names none ("根河市第一小学")."""
    best: tuple[str, str] | None = None
    for name, item in townships.items():
        if name and name in school_name and (best is None or len(name) > len(best[1])):
            best = item
    if best is not None:
        return best
    found = _TOWNSHIP_PREFIX.match(school_name)
    return (None, found.group(0)) if found else None


def known_classes(session: Session, school_ids: Iterable[str]) -> set[tuple[str, int, int]]:
    """(school id, grade, class number) of the classes the register has for these schools."""
    columns = (SchoolClass.school_id, SchoolClass.grade, SchoolClass.class_no)
    return set(rows_where_in(session, columns, SchoolClass.school_id, school_ids, SchoolClass.deleted.is_(False)))


def plan_classes(
    rows: Iterable[RowPlan], school_names: dict[str, str], known: set[tuple[str, int, int]]
) -> list[NewClass]:
    """Classes named by importable rows (school id, grade, class) that the register lacks."""
    wanted: dict[tuple[str, int, int], None] = {}
    for row in rows:
        if row.action == REJECTED:
            continue
        school_id = row.place
        values = row.record.values
        grade, class_no = values.get("grade"), values.get("class_no")
        if school_id and grade and class_no:
            key = (school_id, grade, class_no)
            if key not in known:
                wanted.setdefault(key)
    return [
        NewClass(natural_id("school_class", sid, grade, class_no), sid, school_names.get(sid, ""), grade, class_no)
        for sid, grade, class_no in sorted(wanted, key=lambda k: (school_names.get(k[0], ""), k[1], k[2]))
    ]


# --- guardians ----------------------------------------------------------------------------------


def guardian_columns(fields: Iterable[str]) -> dict[int, tuple[str, ...]]:
    """Per slot, the guardian keys the file has columns (or implied values) for."""
    present = set(fields)
    out: dict[int, tuple[str, ...]] = {}
    for slot in (1, 2):
        keys = tuple(k for k in GUARDIAN_KEYS if f"guardian{slot}_{k}" in present)
        if keys:
            out[slot] = keys
    return out


def existing_guardians(session: Session, owner: str, owner_ids: Sequence[str]) -> dict[str, dict[int, dict[str, Any]]]:
    """Live guardians of these students (owner "student_id") or children ("child_id"):
    owner id → slot → {"id", "name", "relation", "phone"}."""
    out: dict[str, dict[int, dict[str, Any]]] = {}
    for gid, oid, slot, name, relation, phone in _guardian_query(owner).rows(session, owner_ids):
        out.setdefault(oid, {}).setdefault(slot, {"id": gid, "name": name, "relation": relation, "phone": phone})
    return out


@cache
def _guardian_query(owner: str) -> InQuery:
    column = getattr(Guardian, owner)
    columns = (Guardian.id, column, Guardian.slot, Guardian.name, Guardian.relation, Guardian.phone)
    return InQuery(columns, column, Guardian.deleted.is_(False))


def compare_guardians(
    values: dict[str, Any],
    slots: dict[int, tuple[str, ...]],
    current: dict[int, dict[str, Any]] | None,
    changes: dict[str, tuple[Any, Any]],
) -> list[GuardianChange]:
    """The guardian writes a row asks for; adds their audit entries to `changes`.

    An empty cell keeps what is there; a slot without a guardian gets one only when the file
    gives a name.
    """
    out: list[GuardianChange] = []
    for slot, keys in slots.items():
        given = {}
        for key in keys:
            value = values.get(f"guardian{slot}_{key}")
            if value is not None and value != "":
                given[key] = value
        if not given:
            continue
        have = current.get(slot) if current else None
        if have is None:
            if "name" not in given:
                continue
            changes[f"guardian{slot}"] = (None, given["name"])
            for key, value in given.items():
                if key != "name":
                    changes[f"guardian{slot}_{key}"] = (None, value)
            out.append(GuardianChange(slot, None, given))
            continue
        diff = {key: (have[key], value) for key, value in given.items() if have[key] != value}
        if diff:
            for key, pair in diff.items():
                changes[f"guardian{slot}_{key}"] = pair
            out.append(GuardianChange(slot, have["id"], {k: v for k, (_, v) in diff.items()}, diff))
    return out


def new_guardian_rows(values: dict[str, Any], slots: dict[int, tuple[str, ...]]) -> Iterator[dict[str, Any]]:
    """Guardian columns (slot, name, relation, phone) of a new row: the slots whose name is given."""
    for slot, keys in slots.items():
        name = values.get(f"guardian{slot}_name")
        if not name:
            continue
        out = {"slot": slot}
        for key in keys:
            value = values.get(f"guardian{slot}_{key}")
            if value is not None and value != "":
                out[key] = value
        yield out


DERIVED_FIELDS = frozenset({"birth_date", "sex"})
"""Fields the importer fills from the ID number for some rows even when the file has no column."""


def row_builder(
    columns: Sequence[str], always: frozenset[str], defaults: dict[str, Any], nullable: frozenset[str]
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function making the insert dict of a new row from its parsed values.

    `always`: fields present in every row's values (taken with one itemgetter call). Columns the
    file does not have are left out, so the table's defaults apply without per-row work — except
    DERIVED_FIELDS (filled from the ID number for some rows) and nullable columns whose default is
    a value (民族 "01"): an absent column must not claim 汉族, so those are written as NULL.
    An empty value of a NOT NULL column takes the column's default.
    """
    sure = tuple(c for c in columns if c in always)
    derived = tuple(c for c in columns if c not in always and c in DERIVED_FIELDS)
    nulls = {
        c: None for c in columns if c not in always and c not in DERIVED_FIELDS and c in nullable and c in defaults
    }
    fix = tuple(c for c in sure if c in defaults and c not in nullable)
    take = itemgetter(*sure) if len(sure) > 1 else None

    def build(values: dict[str, Any]) -> dict[str, Any]:
        out = dict(zip(sure, take(values), strict=True)) if take is not None else {c: values.get(c) for c in sure}
        for name in derived:
            value = values.get(name)
            out[name] = defaults.get(name) if value is None else value
        if nulls:
            out.update(nulls)
        for name in fix:
            if out[name] is None:
                out[name] = defaults[name]
        return out

    return build


def sort_rejections(items: list[Rejection]) -> list[Rejection]:
    """Rejections in row order, then column order (as the file reads)."""
    return sorted(items, key=lambda r: (r.row, r.column_index if r.column_index is not None else 10**9))
