"""Writing an import plan: places first, then bulk inserts and grouped updates, guardians, the audit.

Everything runs inside the caller's transaction (Database.transaction); any error, including a
cancel raised from a progress report, rolls all of it back. No ORM object is made per row: new
rows go through store.bulk.insert_many, changed rows through one executemany per set of changed
columns, and their audit entries through store.audit_batch.record_many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.import_plan import NEW, UPDATED, Plan, RowPlan, new_guardian_rows
from kongchuo_desktop.store.audit_batch import AuditItem, record_many, sorted_ids
from kongchuo_desktop.store.bulk import REBUILD_MIN, insert_many
from kongchuo_desktop.store.changes import stamped_updates
from kongchuo_desktop.store.models import Guardian, School, SchoolClass, Township

INSERT_CHUNK = 5_000
"""Rows per executemany for the generators fed to insert_many (keeps each batch a few MB)."""


def add_places(session: Session, plan: Plan, reason: str) -> None:
    """Add the townships, schools and classes the plan lists, each audited field by field."""
    items: list[AuditItem] = []
    for town in plan.new_townships:
        session.add(Township(id=town.id, name=town.name))
        items.append(("create", "township", town.id, "name", None, town.name))
    for school in plan.new_schools:
        kind = (
            "初中"
            if "中学" in school.name
            else ("九年一贯制" if "九年" in school.name or "学校" in school.name else "小学")
        )
        session.add(School(id=school.id, name=school.name, township_id=school.township_id, kind=kind))
        items.append(("create", "school", school.id, "name", None, school.name))
        items.append(("create", "school", school.id, "kind", None, kind))
        if school.township_id:
            items.append(("create", "school", school.id, "township_id", None, school.township_id))
    for klass in plan.new_classes:
        session.add(SchoolClass(id=klass.id, school_id=klass.school_id, grade=klass.grade, class_no=klass.class_no))
        for name, value in (("school_id", klass.school_id), ("grade", klass.grade), ("class_no", klass.class_no)):
            items.append(("create", "school_class", klass.id, name, None, value))
    if items:
        session.flush()
        record_many(session, items, reason, count=len(items))


def should_rebuild(session: Session, model: Any, adding: int) -> bool:
    """Whether insert_many should rebuild the table's indexes (a large insert into a small table)."""
    if adding < REBUILD_MIN:
        return False
    existing = session.execute(select(func.count()).select_from(model.__table__)).scalar_one()
    return adding * 2 >= existing


def column_updates(rows: Iterable[RowPlan]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(row id, columns to set) of the updated rows whose own columns change (a change of a
    guardian alone leaves the person's row as it is)."""
    for row in rows:
        if row.action == UPDATED and row.columns and row.target_id:
            yield row.target_id, row.columns


def write_guardians(
    session: Session,
    owner: str,
    plan: Plan,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Create and update the guardians of the plan's rows; owner is "student_id" or "child_id".

    New rows get the guardians their cells name (plan.guardian_slots); updated rows the changes
    the plan found. Returns how many guardian rows were written.
    """
    slots = plan.guardian_slots
    new_rows = [row for row in plan.rows if row.action == NEW]
    changed = [
        (change.guardian_id, change.values)
        for row in plan.rows
        if row.action == UPDATED and row.guardians
        for change in row.guardians
        if change.guardian_id is not None
    ]
    added = [
        {owner: row.target_id, "slot": change.slot, **change.values}
        for row in plan.rows
        if row.action == UPDATED and row.guardians
        for change in row.guardians
        if change.guardian_id is None
    ]
    count = 0
    most = len(new_rows) * len(slots) + len(added)
    ids = iter(sorted_ids(most))

    def created() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in new_rows:
            for item in new_guardian_rows(row.record.values, slots):
                item[owner] = row.target_id
                item["id"] = next(ids)
                count += 1
                yield item
        for item in added:
            item["id"] = next(ids)
            count += 1
            yield item

    if slots and (new_rows or added):
        rebuild = should_rebuild(session, Guardian, most)
        insert_many(session, Guardian, created(), chunk_size=INSERT_CHUNK, progress=progress, rebuild_indexes=rebuild)
    stamped_updates(session, Guardian, changed)
    return count + len(changed)


PER_ROW_AUDIT_LIMIT = 20_000
"""Up to this many new rows, an import writes one audit entry per created row; above it (a bulk
first load), the created ids are listed in entries of the import itself (IDS_PER_ENTRY each)."""
IDS_PER_ENTRY = 1_000


def audit_items(
    entity: str, rows: list[RowPlan], describe: Callable[[RowPlan], str], batch_id: str | None = None
) -> Iterator[AuditItem]:
    """The audit entries of the rows: for new rows one "create" entry each (field None, the new
    value naming the person) — or, past PER_ROW_AUDIT_LIMIT new rows and with the import's
    batch_id, "create" entries of the import listing the created ids (field "created_<entity>_ids",
    ids joined by ","); for updated rows one "update" entry per changed field.

    Either way every created row is named in the verified chain with who, when and which file;
    the list form keeps a 100,000-row first load within its time budget (one entry per 1,000 rows
    instead of per row, about a second less). `import_origin` finds a row's import in both forms.
    """
    new_ids = [row.target_id or "" for row in rows if row.action == NEW]
    listed = batch_id is not None and len(new_ids) > PER_ROW_AUDIT_LIMIT
    if listed:
        for start in range(0, len(new_ids), IDS_PER_ENTRY):
            ids = ",".join(new_ids[start : start + IDS_PER_ENTRY])
            yield ("create", "import_batch", batch_id or "", f"created_{entity}_ids", None, ids)
    for row in rows:
        if row.action == NEW:
            if not listed:
                yield ("create", entity, row.target_id or "", None, None, describe(row))
        elif row.action == UPDATED and row.changes:
            for name, (old, new) in row.changes.items():
                yield ("update", entity, row.target_id or "", name, old, new)


def audit_count(rows: list[RowPlan], batch_id: str | None = None) -> int:
    """How many entries audit_items makes for these rows."""
    new = sum(1 for row in rows if row.action == NEW)
    updates = sum(len(row.changes or ()) for row in rows if row.action == UPDATED)
    if batch_id is not None and new > PER_ROW_AUDIT_LIMIT:
        return -(-new // IDS_PER_ENTRY) + updates
    return new + updates


def write_audit(
    session: Session,
    entity: str,
    rows: Iterable[RowPlan],
    describe: Callable[[RowPlan], str],
    reason: str,
    progress: Callable[[int], None] | None = None,
    batch_id: str | None = None,
) -> int:
    """Append the audit entries of the plan's rows (see audit_items); returns how many."""
    rows = list(rows)
    items = audit_items(entity, rows, describe, batch_id)
    return record_many(session, items, reason, count=audit_count(rows, batch_id), progress=progress)


class Steps:
    """Turns per-stage progress into one progress(done, total, text) over the whole write."""

    def __init__(
        self, progress: Callable[[int, int, str], None], *, places: int, inserts: int, updates: int, audit: int
    ) -> None:
        self.progress = progress
        self.places = places
        self.inserts = inserts
        self.updates = updates
        self.audit_count = audit
        self.total = max(1, places + inserts + updates + audit)

    def places_done(self) -> None:
        self.progress(self.places, self.total, "正在写入……")

    def inserting(self, done: int) -> None:
        self.progress(self.places + done, self.total, f"正在写入新增的 {self.inserts} 人……")

    def updating(self, done: int) -> None:
        self.progress(self.places + self.inserts + done, self.total, f"正在更新 {self.updates} 人……")

    def text(self, text: str) -> None:
        self.progress(self.places + self.inserts + self.updates, self.total, text)

    def auditing(self, done: int) -> None:
        base = self.places + self.inserts + self.updates
        self.progress(base + min(done, self.audit_count), self.total, "正在记录修改历史……")
