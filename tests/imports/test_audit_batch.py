"""store.audit_batch.record_many: the same chain as audit.record, interleaved in one transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kongchuo_desktop.store import audit
from kongchuo_desktop.store.audit_batch import record_many, sorted_ids
from kongchuo_desktop.store.models import AuditEntry, LocalState


def test_bulk_entries_chain_with_single_ones(db):
    with db.transaction(user="王芳") as session:
        audit.record(session, "create", "school", "s1", {"name": (None, "金河镇第三小学")}, "导入 a.xlsx")
        items = [("create", "student", f"id{i}", None, None, f'学生{i}（"引号"\\ 和换行\n）') for i in range(7)]
        assert record_many(session, items, "导入 a.xlsx", count=7) == 7
        record_many(session, [("update", "student", "id1", "grade", 3, 4), ("update", "student", "id1", "boarding", False, True)],
                    "导入 b.xlsx")  # fmt: skip
        record_many(session, [("update", "student", "id2", "birth_date", None, dt.date(2015, 3, 1))], None, count=1)
        audit.record(session, "create", "import_batch", "b1", {"sha256": (None, "ab" * 32)}, "导入 b.xlsx")
    with db.read_session() as session:
        report = audit.check_chain(session)
        assert report.ok and report.entries >= 12
        rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
        for entry in rows:
            assert audit.entry_digest(entry) == entry.entry_hash
        mine = [e for e in rows if e.entity == "student"]
        assert [e.user for e in mine] == ["王芳"] * 10
        assert [(e.field, e.old_value, e.new_value) for e in mine[7:]] == [
            ("grade", "3", "4"), ("boarding", "否", "是"), ("birth_date", None, "2015-03-01"),
        ]  # fmt: skip
        assert len({e.change_seq for e in rows}) == len(rows)  # every entry stamped with its own number
        tail = session.execute(select(LocalState.value).where(LocalState.key == audit.TAIL_KEY)).scalar_one()
        assert tail == rows[-1].seq


def test_sorted_ids_are_uuid4_hex_in_order():
    import uuid

    ids = sorted_ids(1000)
    assert ids == sorted(ids) and len(set(ids)) == 1000
    assert all(len(i) == 32 and uuid.UUID(i).version == 4 for i in ids)
