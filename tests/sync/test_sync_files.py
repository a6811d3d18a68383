"""Packages and receipts: round trip, and every kind of bad file refused with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.services.sync import SyncError, envelope, export_package, import_file, preview_import
from kongchuo_desktop.services.sync.keys import site_keys
from kongchuo_desktop.store.database import Database
from tests.sync.kit import add_student, exchange, receive, reseal, send, student, whole_dump


def test_envelope_round_trip_and_every_flipped_byte_is_refused(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    with s1.transaction() as session:
        keys_s = site_keys(session, s1.extra["site_id"])
    with t1.transaction() as session:
        keys_t = site_keys(session, t1.extra["site_id"])
    header = {"kind": "package", "sender": "a", "sender_name": "甲", "recipient": "b", "number": 7}
    data = envelope.seal(keys_s, keys_t.box_public, header, "正文".encode() * 50)
    env = envelope.parse(data)
    envelope.check_signature(env, keys_s.sign_public)
    assert envelope.open_body(env, keys_t) == "正文".encode() * 50
    assert env.header["number"] == 7
    for i in range(0, len(data), max(1, len(data) // 97)):
        bad = bytearray(data)
        bad[i] ^= 0x40
        with pytest.raises(SyncError):
            env = envelope.parse(bytes(bad))
            envelope.check_signature(env, keys_s.sign_public)
            envelope.open_body(env, keys_t)
    with pytest.raises(SyncError, match="解密"):
        envelope.open_body(envelope.parse(data), keys_s)  # not the recipient's key


def test_three_sites_exchange_and_replay_is_a_no_op(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1, bureau = sites["s1"], sites["t1"], sites["bureau"]
    pupil = add_student(s1, "王丽")
    first = exchange(s1, t1, tmp_path)
    assert first.tables["student"]["new"] == 1
    exchange(t1, bureau, tmp_path)
    assert student(bureau, pupil).name == "王丽"
    package = send(t1, bureau, tmp_path)
    receive(bureau, package, tmp_path)
    before = whole_dump(bureau)
    again, _ = receive(bureau, package, tmp_path)
    assert again.replay and "已经导入过" in again.lines()[0]
    after = whole_dump(bureau)
    assert before == after


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "json"])
def test_damaged_package_is_refused_and_changes_nothing(
    sites: dict[str, Database], tmp_path: Path, damage: str
) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    add_student(s1, "李明")
    package = send(s1, t1, tmp_path)
    data = package.read_bytes()
    if damage == "flip":
        data = data[:200] + bytes([data[200] ^ 1]) + data[201:]
    elif damage == "truncate":
        data = data[: len(data) - 100]
    elif damage == "empty":
        data = b""
    else:
        data = json.dumps({"hello": 1}).encode()
    bad = tmp_path / "bad.kcsync"
    bad.write_bytes(data)
    before = whole_dump(t1)
    with pytest.raises(SyncError):
        import_file(t1, SYSTEM, bad)
    assert whole_dump(t1) == before


def test_wrong_recipient_unpaired_sender_and_unknown_receipt(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1, t2, s3 = sites["s1"], sites["t1"], sites["t2"], sites["s3"]
    add_student(s1, "张伟")
    package = send(s1, t1, tmp_path)
    for db, reason in ((t2, "未配对的站点：金河镇中心学校"), (s3, "未配对的站点")):
        before = whole_dump(db)
        with pytest.raises(SyncError, match=reason):
            import_file(db, SYSTEM, package)
        assert whole_dump(db) == before
    # A package of the bureau for t2 brought to t1 (paired with the bureau, but not the recipient).
    to_t2 = send(sites["bureau"], t2, tmp_path)
    before = whole_dump(t1)
    with pytest.raises(SyncError, match="不是发给本站点"):
        import_file(t1, SYSTEM, to_t2)
    assert whole_dump(t1) == before
    # A receipt that names a package t1 never sent to s1: refused.
    result, receipt = receive(t1, package, tmp_path)
    before = whole_dump(sites["s2"])
    with pytest.raises(SyncError):
        import_file(sites["s2"], SYSTEM, receipt)
    assert whole_dump(sites["s2"]) == before
    # The real receipt acknowledges; importing it twice is harmless.
    assert import_file(s1, SYSTEM, receipt).acknowledged == [1]
    assert import_file(s1, SYSTEM, receipt).replay


def test_receipt_for_unknown_package_is_refused(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    package = send(s1, t1, tmp_path)
    _, receipt = receive(t1, package, tmp_path)
    # s1 "forgets" the package (as if restored from an older backup): the receipt names nothing it sent.
    with s1.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_package_log WHERE direction = 'out'")
    before = whole_dump(s1)
    with pytest.raises(SyncError, match="不是本站点发给"):
        import_file(s1, SYSTEM, receipt)
    assert whole_dump(s1) == before


def test_newer_schema_is_refused(sites: dict[str, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kongchuo_desktop.services.sync import export as export_mod

    monkeypatch.setattr(export_mod, "SCHEMA_VERSION", 99)
    monkeypatch.setattr(export_mod, "__version__", "9.9.0")
    package = send(sites["s1"], sites["t1"], tmp_path)
    before = whole_dump(sites["t1"])
    with pytest.raises(SyncError, match="请先升级软件到版本 9.9.0"):
        import_file(sites["t1"], SYSTEM, package)
    assert whole_dump(sites["t1"]) == before


def test_older_schema_rows_are_upgraded(
    sites: dict[str, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package of schema 0 whose student rows call `note` `remark` and lack `boarding`."""
    from kongchuo_desktop.services.sync import upgrade

    pupil = add_student(sites["s1"], "赵敏")

    def as_schema_0(body: dict) -> None:
        body["manifest"]["schema"] = 0
        part = body["tables"]["student"]
        cols = part["columns"]
        for row in part["rows"]:
            row[cols.index("note")] = "旧版备注"
        keep = [i for i, c in enumerate(cols) if c != "boarding"]
        part["columns"] = ["remark" if c == "note" else c for c in (cols[i] for i in keep)]
        part["rows"] = [[row[i] for i in keep] for row in part["rows"]]

    package = reseal(sites["s1"], sites["t1"], send(sites["s1"], sites["t1"], tmp_path), as_schema_0)

    def rename(table: str, row: dict) -> dict:
        if table == "student" and "remark" in row:
            row["note"] = row.pop("remark")
        return row

    monkeypatch.setitem(upgrade.UPGRADES, 0, rename)
    import_file(sites["t1"], SYSTEM, package)
    got = student(sites["t1"], pupil)
    assert got is not None and got.note == "旧版备注" and got.boarding is False


def test_preview_changes_nothing_and_matches_import(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    add_student(s1, "孙悦")
    package = send(s1, t1, tmp_path)
    before = whole_dump(t1)
    preview = preview_import(t1, SYSTEM, package)
    assert whole_dump(t1) == before
    assert preview.dry_run and preview.tables["student"]["new"] == 1
    result = import_file(t1, SYSTEM, package)
    assert result.tables == preview.tables


def test_only_administrators_sync(sites: dict[str, Database], tmp_path: Path) -> None:
    teacher = Actor(user="t", display_name="教师", role="教师")
    principal = Actor(user="p", display_name="校长", role="校长")
    for actor in (teacher, principal):
        with pytest.raises(PermissionDenied):
            export_package(sites["s1"], actor, sites["t1"].extra["site_id"], tmp_path / "x.kcsync")
    assert not (tmp_path / "x.kcsync").exists()


def test_gaps_are_reported_and_covered(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    add_student(s1, "一")
    send(s1, t1, tmp_path)  # package 1: lost on the way
    add_student(s1, "二")
    second = send(s1, t1, tmp_path)  # package 2 carries package 1's rows too (nothing acknowledged)
    result, _ = receive(t1, second, tmp_path)
    assert result.tables["student"]["new"] == 2
    assert result.gaps == ["缺少来自金河镇中心学校的第 1 号同步包（其内容已包含在第 2 号同步包中，无需补发）"]


def test_clashing_names_from_old_databases_are_refused(sites: dict[str, Database], tmp_path: Path) -> None:
    """Two rows of one township name with different ids (databases made before natural ids)."""
    from kongchuo_desktop.store.base import new_id
    from kongchuo_desktop.store.models import Township

    for db in (sites["s1"], sites["t1"]):
        with db.transaction(user="x") as session:
            session.add(Township(id=new_id(), name="旧乡镇"))
    package = send(sites["s1"], sites["t1"], tmp_path)
    before = whole_dump(sites["t1"])
    with pytest.raises(SyncError, match="与本站点已有的数据冲突"):
        import_file(sites["t1"], SYSTEM, package)
    assert whole_dump(sites["t1"]) == before


def test_progress_and_cancel(sites: dict[str, Database], tmp_path: Path) -> None:
    from kongchuo_desktop.services.sync import SyncCancelled

    s1, t1 = sites["s1"], sites["t1"]
    add_student(s1, "钱七")
    before = whole_dump(s1)
    with pytest.raises(SyncCancelled):
        export_package(s1, SYSTEM, t1.extra["site_id"], tmp_path / "c.kcsync", cancel=lambda: True)
    assert not (tmp_path / "c.kcsync").exists() and whole_dump(s1) == before
    seen: list[tuple[int, int, str]] = []
    package = tmp_path / "p.kcsync"
    export_package(s1, SYSTEM, t1.extra["site_id"], package, progress=lambda d, n, t: seen.append((d, n, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    before = whole_dump(t1)
    with pytest.raises(SyncCancelled):
        import_file(t1, SYSTEM, package, cancel=lambda: True)
    assert whole_dump(t1) == before
