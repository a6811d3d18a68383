"""The 同步 page driven as two offices would: pair by cards, export, preview and import, receipt back,
a tampered file refused, a conflict listed and resolved — all through the real sync services."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QWidget

from kongchuo_desktop.gui import tasks
from kongchuo_desktop.gui.sync_dialogs import ExportDialog, FingerprintDialog, PreviewDialog, ReportDialog
from kongchuo_desktop.gui.sync_page import SyncPage
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services import students, sync
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Student
from tests.sync_gui.conftest import ADMIN, FakeDialogs, add_pupil

SHOTS = os.environ.get("KONGCHUO_SHOTS")  # a folder: the tests also save their screenshots there


def shot(widget: QWidget, name: str, tmp_path: Path) -> None:
    """Grab the widget to PNG (in tmp_path, and in $KONGCHUO_SHOTS when set) and check it is an image."""
    if isinstance(widget, SyncPage):
        widget.resize(1200, 640)
    else:  # a dialog the fake did not show: shown here, at the size its layout asks for
        widget.show()
        QApplication.processEvents()
        widget.adjustSize()
    for folder in filter(None, [tmp_path, Path(SHOTS) if SHOTS else None]):
        path = Path(folder) / f"{name}.png"
        assert widget.grab().save(str(path))
        assert path.read_bytes().startswith(b"\x89PNG")
    if not isinstance(widget, SyncPage):
        widget.hide()


def make_page(qtbot, db: Database, tmp_path: Path, actor: Actor = ADMIN) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(db, actor, dialogs=FakeDialogs(tmp_path))
    qtbot.addWidget(page)
    page.resize(1200, 640)
    page.show()
    return page


def dialogs_of(page: SyncPage) -> FakeDialogs:
    assert isinstance(page.dialogs, FakeDialogs)
    return page.dialogs


def pair(school: SyncPage, town: SyncPage) -> None:
    """Each page exports its card and imports the other's, confirming the fingerprint."""
    for mine, theirs in ((school, town), (town, school)):
        card = mine.export_card()
        assert card is not None and card.is_file()
        dialogs_of(theirs).opens.append(card)
        assert theirs.import_card() is not None


def select_row(view, row: int) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, 0)
    view.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def test_pair_export_import_and_receipt(qtbot, sites: dict[str, Database], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)

    # The school's card: its fingerprint is shown big; the township sees the same one before pairing.
    card = school.export_card()
    assert card is not None and card.name == "站点卡片-金河镇中心学校.kccard"
    own: FingerprintDialog = dialogs_of(school).shown[-1]  # type: ignore[assignment]
    fingerprint = sync.read_site_card(card).fingerprint
    assert own.fingerprint.text() == fingerprint
    dialogs_of(town).opens.append(card)
    refused = {FingerprintDialog: lambda d: False}  # the fingerprints did not match on the phone: no pairing
    dialogs_of(town).fill = refused
    assert town.import_card() is None and town.peers.rowCount() == 0
    dialogs_of(town).fill = {}
    dialogs_of(town).opens.append(card)
    peer = town.import_card()
    check: FingerprintDialog = dialogs_of(town).shown[-1]  # type: ignore[assignment]
    assert check.fingerprint.text() == fingerprint == peer.fingerprint
    assert check.fingerprint.font().pointSizeF() >= town.font().pointSizeF() + 10
    assert town.peers.rowCount() == 1 and town.peers.cells(town.peers.rows[0])[0] == "金河镇中心学校"
    town_card = town.export_card()
    dialogs_of(school).opens.append(town_card)
    assert school.import_card() is not None
    shot(check, "sync-fingerprint", tmp_path)

    # A pupil registered at the school travels to the township.
    pupil = add_pupil(sites["school"], "王小明", 1)
    school.refresh()
    assert school.peers.rows[0].pending > 0
    select_row(school.peers_view, 0)
    sent = school.export_package()
    assert sent is not None and sent.number == 1 and sent.counts["student"] == 1
    assert dialogs_of(school).suggested[-1].name == "同步包-金河镇中心学校-至-金河镇教育办-第1号.kcsync"
    assert sent.path == tmp_path / "同步包-金河镇中心学校-至-金河镇教育办-第1号.kcsync" and sent.path.is_file()
    assert "第 1 号" in school.last_message and str(sent.path) in school.last_message
    assert school.peers.cells(school.peers.rows[0])[3].startswith("第 1 号")

    seen: list[PreviewDialog] = []

    def look(dialog: PreviewDialog) -> bool:
        seen.append(dialog)
        shot(dialog, f"sync-preview-{dialog.preview.kind}{'-replay' if dialog.preview.replay else ''}", tmp_path)
        return True

    dialogs_of(town).fill = {PreviewDialog: look}
    dialogs_of(town).opens.append(sent.path)
    got = town.import_file()
    assert got is not None and got.kind == "package" and not got.replay
    preview = seen[0]
    assert preview.preview.tables["student"]["new"] == 1 and preview.preview.dry_run
    table = preview.table
    assert table is not None
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)] for r in range(table.rowCount())}
    assert rows["学生"] == ["1", "0", "0", "0"]
    receipt = tmp_path / "回执-金河镇教育办-至-金河镇中心学校-第1号.kcsync"
    assert preview.receipt_path == receipt and got.receipt_path == receipt and receipt.is_file()
    assert str(receipt) in town.last_message and "带回“金河镇中心学校”" in town.last_message
    with sites["town"].read_session() as session:
        row = session.get(Student, pupil)
        assert row is not None and row.name == "王小明"
    assert town.history.rowCount() == 1 and town.peers.cells(town.peers.rows[0])[4].startswith("第 1 号")

    # The same package again: nothing changes, a receipt can be written again.
    seen.clear()
    dialogs_of(town).opens.append(sent.path)
    again = town.import_file()
    assert again is not None and again.replay
    assert any("已经导入过" in note for note in seen[0].note_texts())
    assert seen[0].apply_button.text() == "重新写出回执"

    # The receipt back at the school: the township's acknowledgement shows in the peer table.
    dialogs_of(school).fill = {PreviewDialog: look}
    dialogs_of(school).opens.append(receipt)
    ack = school.import_file()
    assert ack is not None and ack.kind == "receipt" and ack.acknowledged == [1]
    assert "回执" in seen[-1].summary.text()
    peer_row = school.peers.rows[0]
    assert peer_row.acked_no == 1 and peer_row.acked_seq == sent.to_seq
    assert school.peers.cells(peer_row)[5].startswith("第 1 号")
    shot(school, "sync-page", tmp_path)

    # The history, with each import's report.
    kinds = [(r.direction, r.kind) for r in school.history.rows]
    assert kinds == [("in", "receipt"), ("out", "package")]
    select_row(school.history_view, 1)
    report = school.show_report()
    assert isinstance(report, ReportDialog) and report.table is not None
    town_report = town.show_report(0)
    assert town_report is not None and town_report.table is not None
    cells = {
        town_report.table.item(r, 0).text(): town_report.table.item(r, 1).text()
        for r in range(town_report.table.rowCount())
    }
    assert cells["学生"] == "1"


def test_tampered_and_unpaired_files_are_refused_with_the_reason(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    card = school.export_card()
    dialogs_of(town).opens.append(card)
    town.import_card()
    # The township is paired with the school, not the other way round: the school refuses its files.
    town_package = tmp_path / "from-town.kcsync"
    sync.export_package(sites["town"], ADMIN, "金河镇中心学校", town_package)
    dialogs_of(school).opens.append(town_package)
    assert school.import_file() is None
    title, text = dialogs_of(school).warnings[-1]
    assert title == "同步文件被拒绝" and "未配对的站点：金河镇教育办" in text

    dialogs_of(school).opens.append(town.export_card())
    school.import_card()
    add_pupil(sites["school"], "李小红", 2)
    sent = sync.export_package(sites["school"], ADMIN, "金河镇教育办", tmp_path / "p.kcsync")
    data = bytearray(sent.path.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "tampered.kcsync"
    bad.write_bytes(bytes(data))
    dialogs_of(town).opens.append(bad)
    assert town.import_file() is None
    title, text = dialogs_of(town).warnings[-1]
    assert title == "同步文件被拒绝" and text
    assert not any(isinstance(d, PreviewDialog) for d in dialogs_of(town).shown)  # refused before any preview
    assert town.history.rowCount() == 0
    with sites["town"].read_session() as session:
        assert session.query(Student).count() == 0


def test_a_conflict_is_listed_and_taking_the_other_value_works(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    pair(school, town)
    pupil = add_pupil(sites["school"], "赵小兰", 3)
    first = sync.export_package(sites["school"], ADMIN, "金河镇教育办", tmp_path / "1.kcsync")
    sync.import_file(sites["town"], ADMIN, first.path)
    # Both offices correct the same pupil's address before they sync again.
    principal = Actor(user="校长", display_name="校长", role=perms.PRINCIPAL)
    cadre = Actor(user="乡镇干部", display_name="乡镇干部", role=perms.TOWNSHIP)
    students.update_student(sites["school"], principal, pupil, {"current_address": "金河镇北街 3 号"})
    students.update_student(sites["town"], cadre, pupil, {"current_address": "金河镇南街 8 号"})
    up = sync.export_package(sites["school"], ADMIN, "金河镇教育办", tmp_path / "2.kcsync")
    dialogs_of(town).opens.append(up.path)
    result = town.import_file()
    assert result is not None and len(result.conflicts) == 1
    assert "冲突" in town.last_message

    town.tabs.setCurrentIndex(2)
    assert town.tabs.tabText(2) == "冲突（1）"
    assert town.conflicts.rowCount() == 1
    item = town.conflicts.rows[0]
    cells = town.conflicts.cells(item)
    assert cells[:3] == ("学生", "赵小兰", "现住址")
    assert {cells[3], cells[5]} == {"金河镇北街 3 号", "金河镇南街 8 号"}
    assert "校长" in cells[4] + cells[6] and "乡镇干部" in cells[4] + cells[6]
    assert "金河镇中心学校" in cells[4] + cells[6] and "金河镇教育办" in cells[4] + cells[6]
    shot(town, "sync-conflicts", tmp_path)
    assert not town.other_button.isEnabled()
    select_row(town.conflicts_view, 0)
    assert town.other_button.isEnabled() and town.keep_button.isEnabled()
    done = town.resolve("other")
    assert done is not None and done.status == "resolved" and done.resolution == "other"
    assert item.loser_value in dialogs_of(town).confirmations[-1]
    with sites["town"].read_session() as session:
        assert session.get(Student, pupil).current_address == item.loser_value
    assert town.conflicts.rowCount() == 0 and town.tabs.tabText(2) == "冲突"  # resolved: hidden by default
    town.show_resolved.setChecked(True)
    assert town.conflicts.rowCount() == 1 and town.conflicts.cells(town.conflicts.rows[0])[7] == "已处理：改用另一个值"


def test_cancelling_an_export_writes_and_records_nothing(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    pair(school, town)

    def cancelled(work, title, label, parent):  # type: ignore[no-untyped-def]
        def report(done: int, total: int, text: str) -> None:
            raise tasks.Cancelled()

        return work(report)

    school.runner = cancelled
    assert school.export_package() is None
    assert "已取消" in school.last_message
    assert not list(tmp_path.glob("同步包-*")) and school.history.rowCount() == 0
    assert school.peers.rows[0].last_sent_no == 0


def test_without_sync_manage_the_page_only_shows(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cadre = Actor(user="乡镇干部", display_name="乡镇干部", role=perms.TOWNSHIP)
    assert cadre.can(perms.SYNC_RUN) and not cadre.can(perms.SYNC_MANAGE)
    page = make_page(qtbot, sites["town"], tmp_path, cadre)
    for button in (page.card_out_button, page.card_in_button, page.export_button, page.import_button):
        assert not button.isEnabled() and button.toolTip()
    with pytest.raises(PermissionDenied):  # the service refuses too
        sync.make_site_card(sites["town"], cadre, tmp_path / "x.kccard")


def test_main_window_has_the_sync_page_for_whoever_may_sync(qtbot, sites) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.services.sites import site_info

    site = site_info(sites["town"])
    assert site is not None
    teacher = Actor(user="t", display_name="教师", role=perms.TEACHER)
    for actor, has in ((ADMIN, True), (teacher, False)):
        window = MainWindow(sites["town"], site, actor)
        qtbot.addWidget(window)
        assert (window.page_index(SyncPage) is not None) is has
        if has:
            assert isinstance(window.open_page(SyncPage), SyncPage)
        window.tear_down()


def test_export_dialog_offers_incremental_by_default(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    pair(school, town)
    chosen: list[ExportDialog] = []

    def full(dialog: ExportDialog) -> bool:
        chosen.append(dialog)
        assert not dialog.full() and "约" in dialog.incremental.text()
        dialog.full_button.setChecked(True)
        return True

    dialogs_of(school).fill = {ExportDialog: full}
    result = school.export_package()
    assert result is not None and result.full and "完整同步包" in school.last_message
    assert chosen[0].peer() is not None and chosen[0].peer().name == "金河镇教育办"


def test_a_receipt_that_cannot_be_written_is_said_and_can_be_written_again(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    pair(school, town)
    add_pupil(sites["school"], "孙小雨", 4)
    sent = sync.export_package(sites["school"], ADMIN, "金河镇教育办", tmp_path / "p.kcsync")

    def nowhere(dialog: PreviewDialog) -> bool:
        dialog.receipt_path = tmp_path / "no such folder" / "r.kcsync"  # e.g. the USB stick was pulled out
        return True

    dialogs_of(town).fill = {PreviewDialog: nowhere}
    dialogs_of(town).opens.append(sent.path)
    got = town.import_file()
    assert got is not None and got.receipt_path is None
    assert "同步包已导入，但回执没有写成" in town.last_message and "再导入一次" in town.last_message
    assert town.history.rowCount() == 1  # the package is in

    dialogs_of(town).fill = {}
    dialogs_of(town).opens.append(sent.path)
    again = town.import_file()
    assert again is not None and again.replay and again.receipt_path is not None and again.receipt_path.is_file()
    dialogs_of(school).opens.append(again.receipt_path)
    ack = school.import_file()
    assert ack is not None and ack.acknowledged == [1] and school.peers.rows[0].acked_no == 1


def test_keeping_the_winner_closes_the_conflict_without_changing_data(qtbot, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school = make_page(qtbot, sites["school"], tmp_path)
    town = make_page(qtbot, sites["town"], tmp_path)
    pair(school, town)
    pupil = add_pupil(sites["school"], "周小禾", 5)
    sync.import_file(
        sites["town"], ADMIN, sync.export_package(sites["school"], ADMIN, "金河镇教育办", tmp_path / "1.kcsync").path
    )
    students.update_student(sites["town"], ADMIN, pupil, {"note": "乡镇记下"})
    students.update_student(sites["school"], ADMIN, pupil, {"note": "学校记下"})
    sync.import_file(
        sites["school"], ADMIN, sync.export_package(sites["town"], ADMIN, "金河镇中心学校", tmp_path / "2.kcsync").path
    )
    school.refresh()
    assert school.conflicts.rowCount() == 1
    winner = school.conflicts.rows[0].winner_value
    with sites["school"].read_session() as session:
        assert session.get(Student, pupil).note == winner
    select_row(school.conflicts_view, 0)
    done = school.resolve("winner")
    assert done is not None and done.resolution == "winner" and not dialogs_of(school).confirmations
    with sites["school"].read_session() as session:
        assert session.get(Student, pupil).note == winner
    assert school.conflicts.rowCount() == 0
