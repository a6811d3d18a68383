"""The student table model on its own: counts, lazy pages, SQL sorting, one count per filter change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.gui.student_table_model import StudentTableModel, special_groups_text
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.student_register import StudentFilter, StudentRegister


def all_rows(model: StudentTableModel) -> list:
    return [model.row_at(i) for i in range(model.rowCount())]


def test_rows_count_and_cells(qapp, db, known, settle):
    model = settle(StudentTableModel(db, DEMO_ADMIN))
    with db.read_session() as session:
        assert model.rowCount() == StudentRegister(session, DEMO_ADMIN).count(StudentFilter())
    assert model.columnCount() == 10
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    assert model.headerData(5, Qt.Orientation.Horizontal) == "学校"
    model.set_filter(StudentFilter(text="温柳"))
    assert model.rowCount() == 1
    cells = [model.data(model.index(0, c)) for c in range(10)]
    assert cells[0] == "温柳"
    assert cells[3] == known.student_id_number
    assert cells[5] == known.school_name
    assert cells[6] == "四年级"
    assert cells[7] == "2班"
    assert cells[8] == "在读"
    assert cells[9] == "留守·随迁"
    assert model.data(model.index(0, 0), StudentTableModel.RowIdRole) == known.student_id


def test_pages_are_fetched_lazily(qapp, db, monkeypatch, settle):
    model = StudentTableModel(db, DEMO_ADMIN)
    monkeypatch.setattr(model, "PAGE_SIZE", 10)
    model.refresh()
    assert len(list(model.loaded_rows())) == 10  # the first page, read with the reset
    settle(model)
    model.data(model.index(42, 0))
    assert len(list(model.loaded_rows())) == 20  # and the page holding row 42, nothing between


def test_count_runs_in_the_background_when_the_first_page_is_full(qtbot, db, settle):
    model = StudentTableModel(db, DEMO_ADMIN)
    assert model.counting
    assert model.rowCount() == model.PAGE_SIZE  # the first page, shown at once
    with qtbot.waitSignal(model.countChanged) as counted:
        pass
    assert not model.counting
    with db.read_session() as session:
        exact = StudentRegister(session, DEMO_ADMIN).count(StudentFilter())
    assert counted.args == [exact] and model.rowCount() == exact > model.PAGE_SIZE
    # A filter whose matches fit on the first page needs no count at all.
    with qtbot.assertNotEmitted(model.countPending):
        model.set_filter(StudentFilter(text="wenliu"))
    assert not model.counting and model.rowCount() == 1


def test_a_stale_count_is_ignored(qtbot, db, settle):
    model = StudentTableModel(db, DEMO_ADMIN)
    model.set_filter(StudentFilter(status="在读"))
    model.set_filter(StudentFilter())
    settle(model)
    with db.read_session() as session:
        assert model.rowCount() == StudentRegister(session, DEMO_ADMIN).count(StudentFilter())


def test_at_most_one_count_per_filter_change_and_none_for_sorting(qapp, db, monkeypatch, settle):
    calls = []
    original = StudentRegister.count

    def counting(self, flt):
        calls.append(flt)
        return original(self, flt)

    monkeypatch.setattr(StudentRegister, "count", counting)
    model = settle(StudentTableModel(db, DEMO_ADMIN))
    assert calls == [StudentFilter()]
    model.set_filter(StudentFilter(status="在读"))
    model.set_filter(StudentFilter(status="在读"))  # unchanged: nothing to do
    settle(model)
    assert calls == [StudentFilter(), StudentFilter(status="在读")]
    model.sort(StudentTableModel.BIRTH_DATE, Qt.SortOrder.DescendingOrder)
    model.data(model.index(0, 0))
    assert len(calls) == 2


def test_sort_by_name_follows_pinyin(qapp, db, settle):
    model = settle(StudentTableModel(db, DEMO_ADMIN))
    model.sort(StudentTableModel.NAME, Qt.SortOrder.AscendingOrder)
    keys = [name_keys(r.name)[0] for r in all_rows(model)]
    assert keys == sorted(keys)
    model.sort(StudentTableModel.NAME, Qt.SortOrder.DescendingOrder)
    keys = [name_keys(r.name)[0] for r in all_rows(model)]
    assert keys == sorted(keys, reverse=True)


def test_sort_by_school_groups_schools_by_name(qapp, db, settle):
    model = settle(StudentTableModel(db, DEMO_ADMIN))
    model.sort(StudentTableModel.SCHOOL, Qt.SortOrder.AscendingOrder)
    names = [model.data(model.index(i, StudentTableModel.SCHOOL)) for i in range(model.rowCount())]
    keys = [name_keys(n)[0] for n in names]
    assert keys == sorted(keys)  # schools in pinyin order of their names
    assert len(set(names)) >= 2


def test_unsortable_column_keeps_the_order(qapp, db):
    model = StudentTableModel(db, DEMO_ADMIN)
    model.sort(StudentTableModel.GROUPS, Qt.SortOrder.AscendingOrder)
    assert model.sort_column == StudentTableModel.NAME


def test_find_row_after_refresh(qapp, db, known, settle):
    model = settle(StudentTableModel(db, DEMO_ADMIN))
    row = next(i for i in range(model.rowCount()) if model.row_id(i) == known.student_id)
    settle(model).refresh()
    assert model.find_row(known.student_id, near=row) == row


def test_special_groups_text(qapp, db, settle):
    model = settle(StudentTableModel(db, DEMO_ADMIN, StudentFilter(groups=frozenset({"poverty"}))))
    assert model.rowCount() > 0
    assert all("脱贫户/建档立卡" in special_groups_text(r) for r in all_rows(model))
