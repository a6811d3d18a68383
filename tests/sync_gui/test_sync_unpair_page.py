"""The 同步 page's 解除配对 button (asks first; administrators only) and conflicts on id fields shown by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kongchuo_desktop.gui.sync_models import ConflictsModel
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services import sync
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database
from tests.sync_gui.conftest import ADMIN
from tests.sync_gui.test_sync_page import dialogs_of, make_page, pair, select_row, shot


def test_unpair_asks_then_forgets_the_peer(qtbot, sites: dict[str, Database], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    pair(school, town)
    town.refresh()
    assert town.peers.rowCount() == 1 and not town.unpair_button.isEnabled()
    select_row(town.peers_view, 0)
    assert town.unpair_button.isEnabled()
    shot(town, "sync-peers-unpair", tmp_path)

    dialogs_of(town).confirm = lambda *_a: False  # type: ignore[method-assign]
    assert town.unpair() is None and town.peers.rowCount() == 1
    del dialogs_of(town).confirm  # back to the fake's: records the question, says yes
    town.unpair_button.click()
    assert "解除与“金河镇中心学校”的配对吗" in dialogs_of(town).confirmations[-1]
    assert town.peers.rowCount() == 0 and not town.unpair_button.isEnabled()
    assert town.last_message == "已解除与“金河镇中心学校”的配对。"
    assert [p.name for p in sync.list_peers(sites["town"], ADMIN)] == []

    # Paired again from the school's card: the exchange goes on.
    card = school.export_card()
    dialogs_of(town).opens.append(card)
    assert town.import_card() is not None and town.peers.rowCount() == 1

    cadre = Actor(user="乡镇干部", display_name="乡镇干部", role=perms.TOWNSHIP)
    watcher = make_page(qtbot, sites["town"], tmp_path, cadre)
    select_row(watcher.peers_view, 0)
    assert not watcher.unpair_button.isEnabled() and "权限" in watcher.unpair_button.toolTip()


def test_a_conflict_on_an_id_field_shows_the_records_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    at = dt.datetime(2026, 10, 1, 8)
    item = sync.ConflictInfo("c1", "student", "p1", "school_id", "id-a", "s", "u", at, "id-b", "t", "v", at, "open",
                             None, "金河镇中心学校", "金河镇第二小学")  # fmt: skip
    plain = sync.ConflictInfo("c2", "student", "p1", "note", "甲", "s", "u", at, None, "t", "v", at, "open", None)
    model = ConflictsModel()
    model.set_conflicts([item, plain], {("student", "p1"): "王丽"}, {})
    cells = model.cells(item)
    assert cells[1] == "王丽" and cells[ConflictsModel.WINNER_COLUMN] == "金河镇中心学校"
    assert cells[ConflictsModel.OTHER_COLUMN] == "金河镇第二小学"
    assert model.cells(plain)[ConflictsModel.WINNER_COLUMN] == "甲"
    assert model.cells(plain)[ConflictsModel.OTHER_COLUMN] == "（空）"
