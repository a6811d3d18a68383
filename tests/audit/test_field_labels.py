"""Every field the audit log can record has a Chinese label, per entity where a name means different things
(a template's 名称, a pupil's 姓名), on the audit page and in a pupil's history alike."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import letter_templates, students
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.audit_log import AuditFilter
from kongchuo_desktop.services.field_labels import ENTITY_FIELD_LABELS, field_label
from kongchuo_desktop.services.history import student_history
from kongchuo_desktop.services.sync.policy import POLICY, travelling
from kongchuo_desktop.services.sync.status import AUDIT_ENTITY
from kongchuo_desktop.store.audit import ENTITY_LABELS
from kongchuo_desktop.store.base import Base
from kongchuo_desktop.store.changes import META_COLUMNS
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import ImportBatch, Site, UserAccount
from tests.helpers import opened_copy

ROOT = Path(__file__).resolve().parents[2] / "kongchuo_desktop"
CJK = re.compile(r"[\u3400-\u9fff]")

# Tables that never travel but whose rows the services audit (entity name → model).
LOCAL_AUDITED = {"site": Site, "account": UserAccount, "import_batch": ImportBatch}
# Entities that are no table row: the database (a restore), the demo data, a sync exchange with a peer.
NO_TABLE = {"database", "demo", "sync"}
# Fields the services record that are no column of the entity's table (built in variables, so the
# syntax scan below cannot see them).
COMPUTED_FIELDS = {
    "account": ["password"],
    "letter": ["scan"],
    "import_batch": ["counts", "created_student_ids", "created_child_ids"],
    "database": ["backup", "backup_taken_at"],
    "student": [
        f"guardian{n}{sub}"
        for n in (1, 2)
        for sub in ("", "_name", "_relation", "_phone", "_workplace", "_away_working")
    ],
    "setting": [f.name for cls in (esc.EscalationRules, ind.Definitions) for f in dataclasses.fields(cls)],
}
COMPUTED_FIELDS["child"] = COMPUTED_FIELDS["student"]


def _audited_tables() -> dict[str, type]:
    """Entity name → model of every table a row of which the audit may name: every travelling table
    (a sync conflict resolved with the other value is audited under its entity) and the local ones."""
    models = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
    out = {AUDIT_ENTITY.get(t, t): models[t] for t in POLICY if travelling(t) and t != "audit_entry"}
    return out | LOCAL_AUDITED


def _recorded_in_source() -> tuple[set[str], set[tuple[str, str]]]:
    """(entity names, (entity, field) pairs) the code passes to audit.record / write_audit as literals."""
    entities: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            is_record = (
                name == "record" and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "audit"
            )
            index = 2 if is_record else 1 if name == "write_audit" else None
            if index is None or len(node.args) <= index:
                continue
            entity = node.args[index]
            if not (isinstance(entity, ast.Constant) and isinstance(entity.value, str)):
                continue
            entities.add(entity.value)
            changes = node.args[index + 2] if is_record and len(node.args) > index + 2 else None
            if isinstance(changes, ast.Dict):
                pairs |= {(entity.value, k.value) for k in changes.keys if isinstance(k, ast.Constant)}
    return entities, pairs


def test_every_column_of_every_audited_table_has_a_label() -> None:
    tables = _audited_tables()
    assert {"student", "case", "visit", "letter_template", "sync_conflict", "account"} <= set(tables)
    missing = [
        f"{entity}.{column.name}"
        for entity, model in tables.items()
        for column in model.__table__.columns
        if column.name not in META_COLUMNS and not CJK.search(field_label(column.name, entity))
    ]
    assert not missing, f"columns the audit log would show by their code name (label them in field_labels): {missing}"
    assert not [e for e in tables if e not in ENTITY_LABELS], "an audited table has no entity label"


def test_every_entity_and_field_the_code_records_has_a_label() -> None:
    entities, pairs = _recorded_in_source()
    assert {"student", "demo", "letter_template", "setting", "database", "sync"} <= entities  # the scan works
    assert ("setting", "idle_lock_minutes") in pairs and ("letter_template", "version") in pairs
    assert not entities - set(ENTITY_LABELS), "entities without a label in store.audit.ENTITY_LABELS"
    unknown = entities - set(_audited_tables()) - NO_TABLE
    assert not unknown, f"entities audited from a table the test does not check (add it to LOCAL_AUDITED): {unknown}"
    computed = {(entity, f) for entity, names in COMPUTED_FIELDS.items() for f in names}
    missing = sorted(f"{e}.{f}" for e, f in pairs | computed if not CJK.search(field_label(f, e)))
    assert not missing, f"recorded fields without a Chinese label: {missing}"


def test_a_name_is_a_persons_or_a_things() -> None:
    assert field_label("name", "student") == field_label("name") == "姓名"
    assert field_label("name", "guardian") == field_label("name", "staff") == "姓名"
    for entity in ("letter_template", "school", "township", "site", "calendar_day"):
        assert field_label("name", entity) == "名称"
    assert field_label("status", "case") == "个案状态" and field_label("status", "student") == "学籍状态"
    assert field_label("guardian2_phone", "child") == "监护人2电话" and field_label("guardian1") == "监护人1"
    assert field_label("no_such_field", "case") == "no_such_field" and field_label(None) == ""
    assert set(ENTITY_FIELD_LABELS) <= set(ENTITY_LABELS)


@pytest.fixture
def demo_db(demo_databases, tmp_path: Path):  # type: ignore[no-untyped-def]
    with opened_copy(demo_databases(students=300, seed=7), tmp_path, "demo.sqlite") as db:
        yield db


def test_audit_page_on_the_demo_shows_every_field_in_chinese(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.audit_page import AuditTableModel

    student_id = _any_student(demo_db)
    students.update_student(demo_db, DEMO_ADMIN, student_id, {"name": "王小明"}, reason="户口本更正")
    template = letter_templates.list_templates(demo_db)[0]
    letter_templates.save_template(
        demo_db, DEMO_ADMIN, name=template.name + "（修订）", kind=template.kind, body=template.body, key=template.key
    )
    model = AuditTableModel(demo_db, DEMO_ADMIN)
    model.set_filter(AuditFilter())
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() > 200
    shown = [(r, model.data(model.index(i, 4)), model.data(model.index(i, 5))) for i, r in enumerate(model.rows)]
    raw = sorted({f"{r.entity}.{r.field} → {text}" for r, _e, text in shown if text and not CJK.search(text)})
    assert not raw, f"fields shown by their code name: {raw}"
    assert not [e for _r, e, _t in shown if not CJK.search(e)], "an object shown by its code name"
    assert {e for r, e, _t in shown if r.entity == "demo"} == {"演示数据"}
    by_field = {(r.entity, r.field): text for r, _e, text in shown}
    assert by_field[("letter_template", "name")] == "名称"
    assert by_field[("letter_template", "version")] == "版本"
    assert by_field[("student", "name")] == "姓名"
    assert by_field[("visit", "visited_at")] == "家访时间" and by_field[("case_notice", "deadline")] == "返校期限"
    history = [e.summary for e in student_history(demo_db, DEMO_ADMIN, student_id) if e.kind == "修改"]
    assert any(s.startswith("姓名：") and s.endswith("王小明（户口本更正）") for s in history)


def _any_student(db: Database) -> str:
    from sqlalchemy import select

    from kongchuo_desktop.store.models import Student

    with db.read_session() as session:
        return session.execute(select(Student.id).where(Student.deleted.is_(False)).limit(1)).scalar_one()
