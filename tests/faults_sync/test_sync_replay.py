"""Replays and order: old packages after newer ones, receipts replayed or naming nothing sent, and a
peer re-paired with new keys whose old-key packages must be refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import SyncError, import_file, make_site_card, pair_site
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import SyncPeer
from tests.faults_sync import kit
from tests.sync.kit import add_student, dump, edit_student, receive, send, student, whole_dump


def _peer(db: Database, site_id: str) -> SyncPeer:
    with db.read_session() as session:
        peer = session.get(SyncPeer, site_id)
        assert peer is not None
        return peer


def _data(db: Database) -> dict[str, dict[str, tuple]]:
    """Every travelling row but the audit log (each import is audited where it happens)."""
    return {name: rows for name, rows in dump(db).items() if name != "audit_entry"}


def test_old_packages_after_newer_ones_change_nothing(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    pupil = add_student(s1, "周一")
    first = send(s1, t1, tmp_path)  # 周一, no note
    edit_student(s1, pupil, name="周二", note="第二次")
    second = send(s1, t1, tmp_path)
    edit_student(s1, pupil, name="周三")
    add_student(s1, "吴四")
    third = send(s1, t1, tmp_path)
    receive(t1, third, tmp_path)
    newest = _data(t1)
    assert student(t1, pupil).name == "周三"
    # The older packages arrive late (never imported before): they are applied, and change nothing.
    for late in (first, second):
        result, _ = receive(t1, late, tmp_path)
        assert not result.replay and result.total("new") == 0 and result.total("updated") == 0, result.tables
        assert not result.conflicts
        assert _data(t1) == newest
    # And every one of them again: recognised as already imported, not even a log line more.
    before = whole_dump(t1)
    for again in (first, second, third):
        result, _ = receive(t1, again, tmp_path)
        assert result.replay
    assert whole_dump(t1) == before
    assert student(t1, pupil).name == "周三" and student(t1, pupil).note == "第二次"


def test_receipts_replayed_out_of_order_or_for_nothing_sent_are_harmless(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    t1_id = t1.extra["site_id"]
    add_student(s1, "郑一")
    _, receipt1 = receive(t1, send(s1, t1, tmp_path), tmp_path)
    add_student(s1, "郑二")
    _, receipt2 = receive(t1, send(s1, t1, tmp_path), tmp_path)
    assert import_file(s1, SYSTEM, receipt2).acknowledged == [2]
    acked = _peer(s1, t1_id)
    # The older receipt after the newer one: the acknowledgement does not go back.
    assert import_file(s1, SYSTEM, receipt1).acknowledged == [1]
    now = _peer(s1, t1_id)
    assert (now.acked_no, now.acked_seq) == (acked.acked_no, acked.acked_seq) == (2, acked.acked_seq)
    # Replayed receipts: recognised, nothing written.
    before = whole_dump(s1)
    for again in (receipt1, receipt2, receipt2):
        assert import_file(s1, SYSTEM, again).replay
    assert whole_dump(s1) == before
    # A correctly signed receipt for packages s1 never sent (numbers 3 and 99, or package 1 with
    # another file's hash): refused, nothing written.
    down = kit.sender(t1, s1)
    for item in ({"number": 3, "sha256": "0" * 64}, {"number": 99, "sha256": "1" * 64},
                 {"number": 1, "sha256": hashlib.sha256(b"another file").hexdigest()}):  # fmt: skip
        body = {"receipt": {"sender": down.sender_id, "recipient": down.recipient_id, "packages": [item]}}
        path = tmp_path / f"fake-{item['number']}.kcsync"
        path.write_bytes(down.seal_json(body, down.header("receipt", number=item["number"])))
        with pytest.raises(SyncError, match="不是本站点发给"):
            import_file(s1, SYSTEM, path)
    assert whole_dump(s1) == before
    # The next package still carries only what is unacknowledged.
    add_student(s1, "郑三")
    result, _ = receive(t1, send(s1, t1, tmp_path), tmp_path)
    assert result.tables["student"] == {"new": 1, "updated": 0, "unchanged": 0, "conflicts": 0}


def _new_keys(db: Database) -> None:
    """The site's keys are made again (as after losing the key table): the next card has new ones."""
    with sqlite3.connect(db.path) as conn:
        conn.execute("DELETE FROM sync_site_key")


def test_a_peer_re_paired_with_new_keys_is_refused_with_its_old_keys(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    s1_id = s1.extra["site_id"]
    add_student(s1, "冯一")
    old_package = send(s1, t1, tmp_path)  # signed with s1's first keys, never imported
    _, old_receipt = receive(sites["t1"], send(s1, t1, tmp_path), tmp_path)  # t1 got package 2
    _new_keys(s1)
    make_site_card(s1, SYSTEM, tmp_path / "s1-new.card")
    # A card with other keys for a peer already paired: refused, the old keys stay.
    kept = _peer(t1, s1_id).sign_public
    with pytest.raises(SyncError, match="密钥不同"):
        pair_site(t1, SYSTEM, tmp_path / "s1-new.card")
    assert _peer(t1, s1_id).sign_public == kept
    # The offices re-pair after checking the fingerprint by phone (there is no unpair command
    # yet: the old pairing is removed from the table, as such a command would), then the new card.
    with sqlite3.connect(t1.path) as conn:
        conn.execute("DELETE FROM sync_peer WHERE site_id = ?", (s1_id,))
    pair_site(t1, SYSTEM, tmp_path / "s1-new.card")
    assert _peer(t1, s1_id).sign_public != kept
    before = whole_dump(t1)
    with pytest.raises(SyncError, match="签名验证失败"):
        import_file(t1, SYSTEM, old_package)
    assert whole_dump(t1) == before
    # A package made with the new keys is accepted.
    add_student(s1, "冯二")
    new_package = send(s1, t1, tmp_path)
    result, _ = receive(t1, new_package, tmp_path)
    assert result.tables["student"]["new"] == 1
    # t1's receipt from before was encrypted for s1's old key: s1 cannot open it any more, and
    # says so; nothing is lost, since packages carry everything not acknowledged.
    before = whole_dump(s1)
    with pytest.raises(SyncError, match="无法解密"):
        import_file(s1, SYSTEM, old_receipt)
    assert whole_dump(s1) == before
