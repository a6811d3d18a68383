"""Import a 学籍 roster or a children register: preview what it would do, then write it all or nothing.

Entry points (the GUI wizard and `kongchuo import` both use them):
- `preview_import(db, actor, path, kind, …) -> ImportPreview`: read and check the file, compare
  every row with the register (new / updated / unchanged / rejected), list the schools, classes
  and townships it would add. Writes nothing.
- `apply_import(db, actor, preview, create_schools, progress) -> ImportSummary`: check the file
  has not changed since the preview, back the database up, then in one transaction add the
  places, insert new rows, update changed fields (each change audited with reason "导入 <file>"),
  and record the import (ImportBatch). A file that changes nothing writes nothing — not even an
  ImportBatch — so importing the same file twice is a no-op the second time.

People are matched by ID number, else by 学籍号 (children without either: by name and birth date).
The roster rules (students) live here; the children register's in services.children_import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.gc_pause import gc_paused
from kongchuo_desktop.importing import ImportFileError, ParsedFile, Rejection, TableLayout, write_rejects_xlsx
from kongchuo_desktop.importing.parse import parse_layout
from kongchuo_desktop.importing.reader import open_workbook
from kongchuo_desktop.services import children_import
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.import_plan import (
    IN_CHUNK,
    NEW,
    REJECTED,
    UNCHANGED,
    UNREADABLE_CODES,
    UPDATED,
    ImportRefused,
    InQuery,
    NewSchool,
    Plan,
    Progress,
    Rejector,
    RowPlan,
    compare_guardians,
    default_school_name,
    default_township,
    existing_guardians,
    file_sha256,
    guardian_columns,
    guess_township,
    known_classes,
    plan_classes,
    row_builder,
    rows_where_in,
    schools_by_name,
    sort_rejections,
    townships_by_name,
)
from kongchuo_desktop.services.import_source import locate_in
from kongchuo_desktop.services.import_write import (
    INSERT_CHUNK,
    Steps,
    add_places,
    audit_count,
    column_updates,
    should_rebuild,
    write_audit,
    write_guardians,
)
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.audit_batch import sorted_ids
from kongchuo_desktop.store.base import natural_id, new_id
from kongchuo_desktop.store.bulk import insert_many
from kongchuo_desktop.store.changes import stamped_updates
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AuditEntry, ImportBatch, School, Student

KINDS = {"roster": "学籍名册", "children": "适龄儿童登记表"}

__all__ = [
    "KINDS",
    "UNREADABLE_CODES",
    "ImportPreview",
    "ImportRefused",
    "ImportSummary",
    "ImportOrigin",
    "apply_import",
    "import_origin",
    "locate",
    "preview_import",
    "require_import",
]

STUDENT_FIELDS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_type", "id_number", "student_no", "hukou_address",
    "hukou_nature", "current_address", "grade", "class_no", "enrolled_on", "boarding", "left_behind", "migrant",
    "disability_type", "disability_arrangement", "poverty", "low_income", "orphan", "note",
)  # fmt: skip
"""Student columns a roster row can set (status only for new pupils: changes go through 学籍异动)."""


@dataclass
class ImportPreview:
    """What importing a file would do.

    parsed: the file as read (rows, layout, refusals of the reader); plan: per importable row the
    decision against the register as it was when previewed; sha256: the file's hash then;
    default_school: the school given to rows when the file names none.
    """

    kind: str
    path: Path
    sha256: str
    parsed: ParsedFile
    plan: Plan
    default_school: str | None = None

    @property
    def file_name(self) -> str:
        """The file's name (no folder)."""
        return self.path.name

    @property
    def sheet(self) -> str:
        """The sheet read."""
        return self.parsed.sheet

    @property
    def new(self) -> int:
        """Rows that will add a person."""
        return self.plan.count(NEW)

    @property
    def updated(self) -> int:
        """Rows that will change a person already registered."""
        return self.plan.count(UPDATED)

    @property
    def unchanged(self) -> int:
        """Rows identical to the register."""
        return self.plan.count(UNCHANGED)

    @property
    def rejected(self) -> list[Rejection]:
        """Every reason a row is refused (reader's and planner's), in row order."""
        return sort_rejections(self.parsed.rejected + self.plan.rejected)

    @property
    def rejected_rows(self) -> int:
        """How many rows are refused."""
        return len(set(self.parsed.rejected_cells) | {r.row for r in self.plan.rejected})

    @property
    def rows_needing_new_places(self) -> int:
        """Rows that can only be imported if the new schools / townships are added."""
        new_places = {s.id for s in self.plan.new_schools} | {t.id for t in self.plan.new_townships}
        return sum(1 for row in self.plan.rows if row.action != REJECTED and row.place in new_places)

    @property
    def writes(self) -> bool:
        """True when applying would change the database."""
        return self.plan.writes

    def report_file(self) -> ParsedFile:
        """The parsed file with the planner's refusals merged in (for the reject report)."""
        cells = dict(self.parsed.rejected_cells)
        for row in self.plan.rows:
            if row.action == REJECTED:
                cells[row.record.excel_row] = row.record.raw
        return dataclasses.replace(
            self.parsed,
            rejected=self.rejected,
            rejected_cells=cells,
            records=[row.record for row in self.plan.rows if row.action != REJECTED],
        )

    def write_report(self, out: str | os.PathLike[str]) -> Path:
        """Save the refused rows as .xlsx: original cells, bad cells in red, a reason column."""
        return write_rejects_xlsx(self.report_file(), out)

    def as_dict(self) -> dict[str, Any]:
        """The `kongchuo import --json` object (DESIGN.md §5), for a preview / dry run."""
        return {
            "kind": self.kind,
            "file": self.file_name,
            "sheet": self.sheet,
            "data_rows": self.parsed.data_rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [r.as_dict() for r in self.rejected],
            "rejected_rows": self.rejected_rows,
            "notes": [r.as_dict() for r in self.plan.notes],
            "schools_added": [s.name for s in self.plan.new_schools],
            "classes_added": [c.label for c in self.plan.new_classes],
            "townships_added": [t.name for t in self.plan.new_townships],
        }


@dataclass
class ImportSummary:
    """What an import wrote. written: False when there was nothing to write (then batch_id is
    None and the database is untouched); backup_path: the copy made before writing."""

    kind: str
    file_name: str
    sheet: str
    sha256: str
    new: int
    updated: int
    unchanged: int
    rejected: list[Rejection]
    rejected_rows: int
    notes: list[Rejection] = field(default_factory=list)
    schools_added: list[str] = field(default_factory=list)
    classes_added: list[str] = field(default_factory=list)
    townships_added: list[str] = field(default_factory=list)
    batch_id: str | None = None
    backup_path: Path | None = None
    written: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The `kongchuo import --json` object (DESIGN.md §5)."""
        return {
            "kind": self.kind,
            "file": self.file_name,
            "sheet": self.sheet,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [r.as_dict() for r in self.rejected],
            "rejected_rows": self.rejected_rows,
            "notes": [r.as_dict() for r in self.notes],
            "schools_added": self.schools_added,
            "classes_added": self.classes_added,
            "townships_added": self.townships_added,
            "batch_id": self.batch_id,
            "backup": str(self.backup_path) if self.backup_path else None,
            "written": self.written,
        }


# --- public API ---------------------------------------------------------------------------------


def require_import(actor: Actor, kind: str) -> None:
    """Raise PermissionDenied unless the actor may import this kind of file."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind: {kind!r}")
    actor.require(perms.DATA_IMPORT)
    actor.require(perms.STUDENT_CREATE if kind == "roster" else perms.CHILD_WRITE)


def locate(
    db: Database | None,
    path: str | os.PathLike[str],
    kind: str,
    sheet: str | None = None,
    mapping_override: Mapping[str, str | None] | None = None,
) -> TableLayout:
    """The table to import from the file (ImportRefused when there is none); without an override
    the mapping confirmed earlier for the same header layout is used, when there is one."""
    try:
        book = open_workbook(path)
    except ImportFileError as exc:
        raise ImportRefused(exc.code, exc.message) from exc
    try:
        return locate_in(book, db, kind, sheet, mapping_override)[0]
    finally:
        book.close()


def preview_import(
    db: Database,
    actor: Actor,
    path: str | os.PathLike[str],
    kind: str = "roster",
    sheet: str | None = None,
    mapping_override: Mapping[str, str | None] | None = None,
    *,
    layout: TableLayout | None = None,
    today: dt.date | None = None,
    duplicates: str = "keep_first",
    create_places: bool = True,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read, check and compare a file with the register; writes nothing.

    layout: a table already located (the wizard's sheet and mapping steps), else found in `sheet`
    with `mapping_override` (or a remembered mapping). duplicates: "keep_first" imports the first
    row of a person who appears twice and refuses the others; "both" refuses all of them.
    create_places: plan with adding the schools, classes and townships the register lacks (as
    apply_import's create_schools). progress(done, total, text) may raise to cancel. Raises
    ImportRefused for a file that cannot be used at all, PermissionDenied when the actor may not
    import.
    """
    require_import(actor, kind)
    path = Path(path)
    report = progress or _quiet
    report(0, 0, "正在读取文件……")
    sha = _hash_or_none(path)
    with db.read_session() as session:
        school = default_school_name(session, actor) if kind == "roster" else None
    if layout is None:
        layout = locate(db, path, kind, sheet, mapping_override)
    report(0, 0, "正在检查每一行……")
    try:
        parsed = parse_layout(
            layout,
            kind,  # type: ignore[arg-type]
            today,
            duplicates=duplicates,  # type: ignore[arg-type]
            default_school=school,
            progress=(lambda done, total: report(done, total, "正在检查每一行……")) if progress else None,
            path=path,
        )
    except ImportFileError as exc:
        raise ImportRefused(exc.code, exc.message) from exc
    if sha is None:
        raise ImportRefused("unreadable", f"无法读取文件“{path.name}”，请关闭占用它的程序后重试")
    report(0, 0, "正在与台账比对……")
    with db.read_session() as session, gc_paused():
        plan = _planner(kind).plan(session, actor, parsed, create_places)
    return ImportPreview(kind, path, sha, parsed, plan, school)


def apply_import(
    db: Database,
    actor: Actor,
    preview: ImportPreview,
    create_schools: bool = True,
    progress: Progress | None = None,
    *,
    backup: bool = True,
) -> ImportSummary:
    """Write the previewed file to the register, all or nothing.

    create_schools: add the schools, classes and townships the file names that the register does
    not know (False: refuse the rows that need a new school or township; classes are then not
    added either). The rows are compared with the register again inside the transaction, so an
    edit made since the preview is neither lost nor overwritten unseen. progress(done, total,
    text) may raise (e.g. tasks.Cancelled) to cancel: the transaction then rolls back and the
    database is as it was. Raises ImportRefused("file_changed") when the file is not the one
    previewed.
    """
    require_import(actor, preview.kind)
    report = progress or _quiet
    report(0, 0, "正在核对文件……")
    current = _hash_or_none(preview.path)
    if current != preview.sha256:
        raise ImportRefused(
            "file_changed",
            f"文件“{preview.file_name}”在预览之后被修改、移动或删除了；为免导入错误的数据，请重新选择文件并预览后再导入",
        )
    planner = _planner(preview.kind)
    backup_path: Path | None = None
    if backup and preview.writes:
        from kongchuo_desktop.services.backups import backup_before_import

        report(0, 0, "正在备份数据库……")
        backup_path = backup_before_import(db).path
    reason = f"导入 {preview.file_name}"
    report(0, 0, "正在与台账比对……")
    with db.transaction(user=actor.user) as session, gc_paused():
        plan = planner.plan(session, actor, preview.parsed, create_schools)
        preview.plan = plan  # the fresher comparison replaces the one shown (and its memory)
        parse_rows = set(preview.parsed.rejected_cells)
        rejected_rows = len(parse_rows | {r.row for r in plan.rejected})
        batch_id = None
        if plan.writes:
            plan.batch_id = new_id()
            planner.write(session, plan, reason, report)
            batch = ImportBatch(
                id=plan.batch_id,
                kind=preview.kind,
                file_name=preview.file_name[:255],
                sheet=preview.sheet[:100],
                sha256=preview.sha256,
                user=actor.user,
                new=plan.count(NEW),
                updated=plan.count(UPDATED),
                unchanged=plan.count(UNCHANGED),
                rejected=rejected_rows,
                schools_added="、".join(s.name for s in plan.new_schools) or None,
                classes_added="、".join(c.label for c in plan.new_classes) or None,
                townships_added="、".join(t.name for t in plan.new_townships) or None,
            )
            session.add(batch)
            session.flush()
            audit.record(
                session,
                "create",
                "import_batch",
                batch.id,
                {
                    "file_name": (None, batch.file_name),
                    "sha256": (None, batch.sha256),
                    "counts": (
                        None,
                        f"新增{batch.new} 更新{batch.updated} 无变化{batch.unchanged} 未导入{batch.rejected}",
                    ),
                },
                reason,
            )
            batch_id = batch.id
            report(1, 1, "正在保存……")
    return ImportSummary(
        kind=preview.kind,
        file_name=preview.file_name,
        sheet=preview.sheet,
        sha256=preview.sha256,
        new=plan.count(NEW),
        updated=plan.count(UPDATED),
        unchanged=plan.count(UNCHANGED),
        rejected=sort_rejections(preview.parsed.rejected + plan.rejected),
        rejected_rows=rejected_rows,
        notes=plan.notes,
        schools_added=[s.name for s in plan.new_schools],
        classes_added=[c.label for c in plan.new_classes],
        townships_added=[t.name for t in plan.new_townships],
        batch_id=batch_id,
        backup_path=backup_path,
        written=batch_id is not None,
    )


@dataclass(frozen=True)
class ImportOrigin:
    """The import that created a record: file, when (UTC), by whom, the ImportBatch id."""

    file_name: str
    at: dt.datetime
    user: str | None
    batch_id: str | None


def import_origin(db: Database, entity: str, entity_id: str) -> ImportOrigin | None:
    """The import that created this student ("student") or child ("child"), or None.

    Found in the audit log in either of its forms (services.import_write.audit_items): the row's
    own "create" entry with reason "导入 <file>", or the import's entry listing the ids it created.
    """
    with db.read_session() as session:
        entry = session.execute(
            select(AuditEntry.at, AuditEntry.user, AuditEntry.reason)
            .where(
                AuditEntry.entity == entity,
                AuditEntry.entity_id == entity_id,
                AuditEntry.action == "create",
                AuditEntry.reason.like("导入 %"),
            )
            .limit(1)
        ).first()
        if entry is not None:
            return ImportOrigin(entry.reason.removeprefix("导入 "), entry.at, entry.user, None)
        listed = session.execute(
            select(AuditEntry.at, AuditEntry.user, AuditEntry.reason, AuditEntry.entity_id, AuditEntry.new_value)
            .where(
                AuditEntry.entity == "import_batch",
                AuditEntry.field == f"created_{entity}_ids",
                AuditEntry.new_value.like(f"%{entity_id}%"),
            )
            .limit(10)
        ).all()
    for at, user, reason, batch_id, ids in listed:
        if entity_id in (ids or "").split(","):
            return ImportOrigin((reason or "").removeprefix("导入 "), at, user, batch_id)
    return None


def _quiet(_done: int, _total: int, _text: str) -> None:
    return None


def _hash_or_none(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def _planner(kind: str) -> Any:
    """The module-like object with plan(session, actor, parsed, create_places) -> Plan and
    write(session, plan, reason, progress) for this kind of file."""
    if kind == "children":
        return children_import
    return _RosterPlanner


# --- the roster (students) ----------------------------------------------------------------------

_STUDENT_TABLE = Student.__table__
_MATCH_COLUMNS = [Student.id, Student.school_id, Student.township_id, Student.status] + [
    getattr(Student, f) for f in STUDENT_FIELDS
]
_INDEX = {c.key: i for i, c in enumerate(_MATCH_COLUMNS)}
_DEFAULTS = {
    c.key: c.default.arg
    for c in _STUDENT_TABLE.c
    if c.key in STUDENT_FIELDS and c.default is not None and c.default.is_scalar
}
_NULLABLE = frozenset(c.key for c in _STUDENT_TABLE.c if c.nullable)


def _fetch(session: Session, column: Any, values: list[str]) -> dict[str, list[Any]]:
    """Live students whose `column` is one of `values`: value → rows (of _MATCH_COLUMNS)."""
    found: dict[str, list[Any]] = {}
    if not values:
        return found
    at = _INDEX[column.key]
    for row in _student_query(column.key).rows(session, values):
        found.setdefault(row[at], []).append(row)
    return found


@cache
def _student_query(key: str) -> InQuery:
    column = getattr(Student, key)
    return InQuery(_MATCH_COLUMNS, column, Student.deleted.is_(False))


def _settled(hits: list[Any] | None, student_no: str) -> bool:
    """Whether the pupils found by ID number already hold this 学籍号 (no other pupil to look for)."""
    at = _INDEX["student_no"]
    return bool(hits) and all(hit[at] == student_no for hit in hits or ())


class _RosterPlanner:
    """Plans and writes a 学籍 roster (students)."""

    @staticmethod
    def plan(session: Session, actor: Actor, parsed: ParsedFile, create_places: bool) -> Plan:
        records = parsed.records
        layout = parsed.layout
        present = set(layout.mapping.values()) | set(layout.defaults) | {"birth_date"}
        compare = [f for f in STUDENT_FIELDS if f in present]
        compare_at = [(f, _INDEX[f]) for f in compare]
        slots = guardian_columns(present)
        plan = Plan([RowPlan(record, NEW) for record in records], slots, _fields_in_every_row(layout))
        reject = Rejector(layout.headers, layout.columns, parsed.sheet)
        scope = "本校" if actor.school_id is not None else "本乡镇"

        # Schools: known ones, new ones (when allowed and in scope).
        names: set[str] = {name for r in records if (name := r.values.get("school_name"))}
        known = schools_by_name(session, names)
        towns = townships_by_name(session)
        home = default_township(session, actor)
        school_of: dict[str, tuple[str, str | None]] = {}
        refused: dict[str, tuple[str, str]] = {}
        for name in sorted(names):
            if name in known:
                sid, tid = known[name]
                if actor.can_see_school(sid, tid):
                    school_of[name] = (sid, tid)
                else:
                    refused[name] = ("out_of_scope", f"学校“{name}”不在您的管理范围内（您只能导入{scope}的学生）")
                continue
            guessed = guess_township(name, towns)
            tid, tname = guessed if guessed else ((home.id, home.name) if home else (None, None))
            # A new school of another township is in a township actor's scope only if it is theirs.
            if actor.school_id is not None or (actor.township_id is not None and tid != actor.township_id):
                refused[name] = ("out_of_scope", f"学校“{name}”不在您的管理范围内（您只能导入{scope}的学生）")
            elif not create_places:
                refused[name] = (
                    "unknown_school",
                    f"学校“{name}”在台账中还没有登记；导入时选择“添加新学校”，或先添加该学校后再导入",
                )
            else:
                new = NewSchool(natural_id("school", name), name, tid, tname)
                plan.new_schools.append(new)
                school_of[name] = (new.id, tid)

        # Register rows with the same ID number or 学籍号, compared a chunk of rows at a time so
        # that only one chunk's register rows are held (a re-import of 100,000 pupils matches all).
        any_students = session.execute(select(Student.id).where(Student.deleted.is_(False)).limit(1)).first()
        i_status, i_school, i_name = _INDEX["status"], _INDEX["school_id"], _INDEX["name"]
        school_names: dict[str, str] = {}
        claimed: dict[str, int] = {}
        for start in range(0, len(plan.rows), IN_CHUNK):
            part = plan.rows[start : start + IN_CHUNK]
            ids = [row.record.values.get("id_number") for row in part]
            nos = [row.record.values.get("student_no") for row in part]
            by_id = _fetch(session, Student.id_number, [v for v in ids if v]) if any_students else {}

            # By 学籍号 only where the ID number does not settle it: no pupil with that ID, or one
            # whose 学籍号 differs (another pupil may hold the file's 学籍号).
            wanted = [no for n, no in zip(ids, nos, strict=True) if no and not _settled(by_id.get(n or ""), no)]
            by_no = _fetch(session, Student.student_no, wanted) if any_students else {}
            matched = {hit[0] for hits in (*by_id.values(), *by_no.values()) for hit in hits}
            guardians = existing_guardians(session, "student_id", sorted(matched)) if slots and matched else {}
            for row, id_number, student_no in zip(part, ids, nos, strict=True):
                values = row.record.values
                school: str = values.get("school_name") or ""
                if school in refused:
                    reason, message = refused[school]
                    reject(row, "school_name", reason, message, plan.rejected)
                    continue
                if school not in school_of:  # a required cell: the reader refuses rows without it
                    reject(row, "school_name", "missing_field", "“学校名称”为空，这是必填项", plan.rejected)
                    continue
                sid, tid = school_of[school]
                row.place = sid
                current = None
                hits = by_id.get(id_number) if id_number else None
                if hits:
                    if len(hits) > 1:
                        reject(row, "id_number", "conflict",
                               f"台账中有 {len(hits)} 名学生使用身份证件号 {id_number}，无法确定对应哪一名；请先在台账中处理重复登记",
                               plan.rejected)  # fmt: skip
                        continue
                    current = hits[0]
                if student_no:
                    others = [h for h in by_no.get(student_no, ()) if current is None or h[0] != current[0]]
                    if others:
                        other = others[0]
                        other_id = other[_INDEX["id_number"]]
                        if (
                            current is None
                            and (not other_id or not id_number or other_id == id_number)
                            and len(others) == 1
                        ):
                            current = other  # matched by 学籍号 (the register has no ID number for it)
                        else:
                            reject(row, "student_no", "conflict",
                                   f"学籍号 {student_no} 在台账中属于另一名学生“{other[i_name]}”"
                                   f"（身份证件号 {other_id or '未填'}），与本行的身份证件号不一致",
                                   plan.rejected)  # fmt: skip
                            continue
                if current is None:
                    row.action = NEW
                    continue
                target = current[0]
                if target in claimed:
                    reject(row, "id_number", "duplicate",
                           f"与第{claimed[target]}行对应台账中的同一名学生“{current[i_name]}”，同一人在表中只能出现一次",
                           plan.rejected)  # fmt: skip
                    continue
                claimed[target] = row.record.excel_row
                if not actor.can_see_school(current[i_school], current[_INDEX["township_id"]]):
                    where = _school_name(session, current[i_school], school_names)
                    reject(row, "school_name", "out_of_scope",
                           f"该学生在台账中属于“{where}”，不在您的管理范围内，不能通过导入修改（转学请办理学籍异动）",
                           plan.rejected)  # fmt: skip
                    continue
                row.target_id = target
                changes: dict[str, tuple[Any, Any]] = {}
                for name, at in compare_at:
                    new_value = values.get(name)
                    if new_value is not None and new_value != current[at]:
                        changes[name] = (current[at], new_value)
                if sid != current[i_school]:
                    changes["school_id"] = (current[i_school], sid)
                columns = {name: new for name, (_old, new) in changes.items()}
                if "school_id" in changes and tid != current[_INDEX["township_id"]]:
                    columns["township_id"] = tid
                if "name" in changes:
                    columns["name_pinyin"], columns["name_initials"] = name_keys(values["name"])
                status = values.get("status")
                if status and status != current[i_status]:
                    plan.notes.append(
                        Rejection(
                            row.record.sheet,
                            row.record.excel_row,
                            layout.header_of(layout.columns.get("status")),
                            "status_not_changed",
                            f"学籍状态“{status}”与台账中的“{current[i_status]}”不同：导入不改变学籍状态，请办理学籍异动",
                            layout.columns.get("status"),
                        )  # fmt: skip
                    )
                row.guardians = compare_guardians(values, slots, guardians.get(target), changes) if slots else []
                row.changes = changes
                row.columns = columns
                row.action = UPDATED if changes else UNCHANGED

        if plan.new_schools or school_of:
            all_names = {sid: name for name, (sid, _t) in school_of.items()}
            known_ids = [sid for name, (sid, _t) in school_of.items() if name in known]
            if create_places:
                plan.new_classes = plan_classes(plan.rows, all_names, known_classes(session, known_ids))
        return plan

    @staticmethod
    def write(session: Session, plan: Plan, reason: str, progress: Progress) -> None:
        new_rows = [row for row in plan.rows if row.action == NEW]
        updated = [row for row in plan.rows if row.action == UPDATED]
        steps = Steps(progress, places=len(plan.new_schools) + len(plan.new_classes), inserts=len(new_rows),
                       updates=len(updated), audit=audit_count(new_rows + updated, plan.batch_id))  # fmt: skip
        add_places(session, plan, reason)
        steps.places_done()
        township_of = {s.id: s.township_id for s in plan.new_schools}
        place_ids = sorted({row.place for row in new_rows if row.place and row.place not in township_of})
        township_of.update(rows_where_in(session, (School.id, School.township_id), School.id, place_ids))
        # New ids in ascending order: the rows append to the primary-key b-tree instead of landing
        # all over it (insert_many does the same for lists; this feeds it a generator).
        for row, row_id in zip(new_rows, sorted_ids(len(new_rows)), strict=True):
            row.target_id = row_id
        make_row = row_builder(STUDENT_FIELDS, plan.fields, _DEFAULTS, _NULLABLE)

        def student_rows() -> Any:
            for row in new_rows:
                values = row.record.values
                out = make_row(values)
                place = row.place
                out["id"] = row.target_id
                out["school_id"] = place
                out["township_id"] = township_of.get(place) if place else None
                out["status"] = values.get("status") or "在读"
                out["name_pinyin"], out["name_initials"] = name_keys(out["name"])
                yield out

        if new_rows:
            insert_many(session, Student, student_rows(), chunk_size=INSERT_CHUNK, progress=steps.inserting,
                        rebuild_indexes=should_rebuild(session, Student, len(new_rows)))  # fmt: skip
        stamped_updates(session, Student, column_updates(updated), progress=steps.updating)
        steps.text("正在写入监护人……")
        write_guardians(session, "student_id", plan)
        write_audit(session, "student", new_rows + updated, _describe, reason, steps.auditing, plan.batch_id)


def _fields_in_every_row(layout: TableLayout) -> frozenset[str]:
    """Fields every parsed row has a value for (None when its cell is empty): the mapped columns
    and the file-wide values. Others (a birth date taken from the ID number) only some rows have."""
    return frozenset(layout.mapping.values()) | frozenset(layout.defaults)


def _describe(row: RowPlan) -> str:
    values = row.record.values
    return f"{values.get('name')}（{values.get('id_number') or values.get('student_no') or '无证件号'}）"


def _school_name(session: Session, school_id: str | None, cache: dict[str, str]) -> str:
    if not school_id:
        return "（未填学校）"
    if school_id not in cache:
        cache[school_id] = session.execute(select(School.name).where(School.id == school_id)).scalar() or school_id
    return cache[school_id]
