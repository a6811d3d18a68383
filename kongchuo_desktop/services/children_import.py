"""Import rules of the township's register of school-age children (适龄儿童登记表), used by
services.roster_import for kind "children": plan(…) compares rows with the register, write(…) applies.

Children are matched by ID number; without one, through the 学籍号 of a registered pupil, else by
name and birth date among children without an ID number. A child is linked (student_id) to the
pupil with the same ID number or 学籍号 when there is one. The township comes from the file's
乡镇 column, else it is the actor's (or this site's) township; townships the register does not
know are added only when allowed, and a township-scoped actor imports only its own children.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.importing import ParsedFile
from kongchuo_desktop.importing.fields import expand_fields
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.import_plan import (
    NEW,
    UNCHANGED,
    UPDATED,
    NewTownship,
    Plan,
    Progress,
    Rejector,
    RowPlan,
    compare_guardians,
    default_township,
    existing_guardians,
    guardian_columns,
    row_builder,
    rows_where_in,
    townships_by_name,
)
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
from kongchuo_desktop.store.audit_batch import sorted_ids
from kongchuo_desktop.store.base import natural_id
from kongchuo_desktop.store.bulk import insert_many
from kongchuo_desktop.store.changes import stamped_updates
from kongchuo_desktop.store.models import Child, Student

CHILD_FIELDS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_number", "hukou_village", "hukou_address",
    "residence_address", "situation", "elsewhere_school", "approving_body", "period_start", "period_end", "note",
)  # fmt: skip
"""Child columns a register row can set."""

_MATCH_COLUMNS = [Child.id, Child.township_id, Child.student_id] + [getattr(Child, f) for f in CHILD_FIELDS]
_INDEX = {c.key: i for i, c in enumerate(_MATCH_COLUMNS)}
_DEFAULTS = {
    c.key: c.default.arg
    for c in Child.__table__.c
    if c.key in CHILD_FIELDS and c.default is not None and c.default.is_scalar
}
_NULLABLE = frozenset(c.key for c in Child.__table__.c if c.nullable)


def _children_by(session: Session, column: Any, values: list[Any], *where: Any) -> dict[Any, list[tuple[Any, ...]]]:
    """Live children whose `column` is one of `values`: value → rows (of _MATCH_COLUMNS)."""
    found: dict[Any, list[tuple[Any, ...]]] = {}
    at = _INDEX[column.key]
    for row in rows_where_in(session, _MATCH_COLUMNS, column, values, Child.deleted.is_(False), *where):
        found.setdefault(row[at], []).append(row)
    return found


def _students_by(session: Session, column: Any, values: list[str]) -> dict[str, str]:
    """Live pupils whose `column` is one of `values`: value → student id (the first found)."""
    found: dict[str, str] = {}
    for sid, value in rows_where_in(session, (Student.id, column), column, values, Student.deleted.is_(False)):
        found.setdefault(value, sid)
    return found


def plan(session: Session, actor: Actor, parsed: ParsedFile, create_places: bool) -> Plan:
    """Compare the file's rows with the register of children (nothing is written)."""
    records = parsed.records
    layout = parsed.layout
    fields_in_every_row = expand_fields(layout.mapping.values()) | frozenset(layout.defaults)
    present = fields_in_every_row | {"birth_date", "sex"}
    compare = [f for f in CHILD_FIELDS if f in present]
    slots = guardian_columns(present)
    result = Plan([RowPlan(record, NEW) for record in records], slots, fields_in_every_row)
    reject = Rejector(layout.headers, layout.columns, parsed.sheet)
    township_column = "township_name" in layout.mapping.values()

    # Townships.
    towns = townships_by_name(session)
    home = default_township(session, actor)
    town_of: dict[str | None, str | None] = {}
    refused: dict[str | None, tuple[str, str]] = {}
    out_of_scope = "不在您的管理范围内（您只能导入本乡镇的适龄儿童）"
    names: set[str] = {name for r in records if (name := r.values.get("township_name"))}
    for name in sorted(names):
        if name in towns:
            tid = towns[name][0]
            if actor.can_see_school(None, tid):
                town_of[name] = tid
            else:
                refused[name] = ("out_of_scope", f"乡镇“{name}”{out_of_scope}")
        elif not actor.whole_site:
            refused[name] = ("out_of_scope", f"乡镇“{name}”{out_of_scope}")
        elif not create_places:
            refused[name] = (
                "unknown_township",
                f"乡镇“{name}”在台账中还没有登记；导入时选择“添加新乡镇”，或先添加该乡镇",
            )
        else:
            new = NewTownship(natural_id("township", name), name)
            result.new_townships.append(new)
            town_of[name] = new.id
    home_id = home.id if home else None
    if actor.can_see_school(None, home_id):
        town_of[None] = home_id
    else:
        refused[None] = ("out_of_scope", f"表中没有乡镇列，而本机所在乡镇{out_of_scope}")

    # Register rows and pupils to match.
    ids = [r.values.get("id_number") for r in records]
    nos = [r.values.get("student_no") for r in records]
    by_id = _children_by(session, Child.id_number, [v for v in ids if v])
    pupil_by_id = _students_by(session, Student.id_number, [v for v in ids if v])
    pupil_by_no = _students_by(session, Student.student_no, [v for v in nos if v])
    by_pupil = _children_by(session, Child.student_id, sorted(set(pupil_by_no.values())))
    no_id_names = [r.values.get("name") for r, i in zip(records, ids, strict=True) if not i]
    by_name: dict[tuple[Any, Any], list[tuple[Any, ...]]] = {}
    for found in _children_by(session, Child.name, no_id_names, Child.id_number.is_(None)).values():
        for child in found:
            by_name.setdefault((child[_INDEX["name"]], child[_INDEX["birth_date"]]), []).append(child)
    matched = sorted({row[0] for rows in (*by_id.values(), *by_pupil.values(), *by_name.values()) for row in rows})
    guardians = existing_guardians(session, "child_id", matched) if slots and matched else {}
    claimed: dict[str, int] = {}

    i_name, i_town, i_student = _INDEX["name"], _INDEX["township_id"], _INDEX["student_id"]
    for row, id_number, student_no in zip(result.rows, ids, nos, strict=True):
        values = row.record.values
        town = values.get("township_name")
        if town in refused:
            reason, message = refused[town]
            reject(row, "township_name", reason, message, result.rejected)
            continue
        town_id = town_of[town]
        row.place = town_id
        pupil = (pupil_by_id.get(id_number) if id_number else None) or (
            pupil_by_no.get(student_no) if student_no else None
        )
        if id_number:
            hits = by_id.get(id_number, [])
        elif pupil is not None and by_pupil.get(pupil):
            hits = by_pupil[pupil]
        else:
            hits = by_name.get((values.get("name"), values.get("birth_date")), [])
        if len(hits) > 1:
            reject(row, "id_number", "conflict",
                   f"台账中有 {len(hits)} 名适龄儿童与本行是同一人（{id_number or values.get('name')}），"
                   "无法确定对应哪一名；请先在台账中处理重复登记", result.rejected)  # fmt: skip
            continue
        if not hits:
            row.action = NEW
            row.columns = {"student_id": pupil} if pupil else None
            continue
        current = hits[0]
        target = current[0]
        if target in claimed:
            reject(row, "id_number", "duplicate",
                   f"与第{claimed[target]}行对应台账中的同一名儿童“{current[i_name]}”，同一人在表中只能出现一次",
                   result.rejected)  # fmt: skip
            continue
        claimed[target] = row.record.excel_row
        if not actor.can_see_school(None, current[i_town]):
            reject(row, "name", "out_of_scope",
                   "该儿童在台账中登记在其他乡镇，不在您的管理范围内，不能通过导入修改", result.rejected)  # fmt: skip
            continue
        row.target_id = target
        changes: dict[str, tuple[Any, Any]] = {}
        for name in compare:
            new_value = values.get(name)
            if new_value is not None and new_value != current[_INDEX[name]]:
                changes[name] = (current[_INDEX[name]], new_value)
        if township_column and town is not None and town_id != current[i_town]:
            changes["township_id"] = (current[i_town], town_id)
        if pupil and pupil != current[i_student]:
            changes["student_id"] = (current[i_student], pupil)
        columns = {name: new for name, (_old, new) in changes.items()}
        if "name" in changes:
            columns["name_pinyin"], columns["name_initials"] = name_keys(values["name"])
        row.guardians = compare_guardians(values, slots, guardians.get(target), changes) if slots else []
        row.changes = changes
        row.columns = columns
        row.action = UPDATED if changes else UNCHANGED
    return result


def write(session: Session, result: Plan, reason: str, progress: Progress) -> None:
    """Apply a plan inside the caller's transaction (see services.import_write)."""
    new_rows = [row for row in result.rows if row.action == NEW]
    updated = [row for row in result.rows if row.action == UPDATED]
    steps = Steps(progress, places=len(result.new_townships), inserts=len(new_rows), updates=len(updated),
                  audit=audit_count(new_rows + updated, result.batch_id))  # fmt: skip
    add_places(session, result, reason)
    steps.places_done()
    for row, row_id in zip(new_rows, sorted_ids(len(new_rows)), strict=True):
        row.target_id = row_id

    make_row = row_builder(CHILD_FIELDS, result.fields, _DEFAULTS, _NULLABLE)

    def child_rows() -> Any:
        for row in new_rows:
            out = make_row(row.record.values)
            out["id"] = row.target_id
            out["township_id"] = row.place
            out["student_id"] = row.columns.get("student_id") if row.columns else None
            out["name_pinyin"], out["name_initials"] = name_keys(out["name"])
            yield out

    if new_rows:
        insert_many(session, Child, child_rows(), chunk_size=INSERT_CHUNK, progress=steps.inserting,
                    rebuild_indexes=should_rebuild(session, Child, len(new_rows)))  # fmt: skip
    stamped_updates(session, Child, column_updates(updated), progress=steps.updating)
    steps.text("正在写入监护人……")
    write_guardians(session, "child_id", result)
    write_audit(session, "child", new_rows + updated, _describe, reason, steps.auditing, result.batch_id)


def _describe(row: RowPlan) -> str:
    values = row.record.values
    return f"{values.get('name')}（{values.get('id_number') or values.get('student_no') or '无证件号'}）"
