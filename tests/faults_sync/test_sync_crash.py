"""Crash tests for sync: `kongchuo sync import` and `sync export` SIGKILLed at seeded random moments.

After every kill: integrity_check and foreign_key_check pass and the app opens the database; the
peer holds the whole package or none of it (row counts per table, and the applied-package
record with them); `kongchuo check` passes; importing the same package again succeeds and leaves
exactly the data of an uninterrupted import; no package or receipt is half written under its
final name (only write_atomic's hidden .NAME.PID.tmp files may remain). Seeds and scale as in
tests/faults (KONGCHUO_CRASH_SEED, KONGCHUO_CRASH_SCALE).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.faults import kit as crash
from tests.faults_sync import kit
from tests.imports.support import db_fingerprint

pytestmark = pytest.mark.slow


def _check_command(server: kit.SyncForkServer, db: Path) -> None:
    run = server.run(["check", "--db", str(db)])
    assert run.code == 0, run.stdout + run.stderr


def _killed_imports(
    templates: kit.Templates, server: kit.SyncForkServer, tmp_path: Path, peer: Path, package: Path, n: int, seed: int
) -> dict[str, int]:
    """Kill `n` imports of `package` into copies of `peer`; check each; returns how many ended
    with none / the whole of the package applied."""
    sha = hashlib.sha256(package.read_bytes()).hexdigest()
    bureau_keys, town_keys = kit.stored_keys(templates.bureau), kit.stored_keys(templates.town)
    before = db_fingerprint(peer)
    before_counts = kit.table_counts(peer)

    def argv(db: Path) -> list[str]:
        return ["sync", "import", str(package), "--db", str(db), "--receipt-out", str(db.parent / "receipt.kcsync")]

    reference_db = kit.fresh_copy(peer, tmp_path / "reference")
    reference = server.run(argv(reference_db))
    assert reference.code == 0, reference.stderr
    whole = kit.table_counts(reference_db)
    assert whole != before_counts
    expected = kit.canonical(reference_db, templates.bureau_id)
    outcome = {"none": 0, "whole": 0}

    def prepare(i: int) -> list[str]:
        return argv(kit.fresh_copy(peer, tmp_path / f"kill{i}"))

    def check(i: int, run: crash.Run) -> None:
        db = tmp_path / f"kill{i}" / "site.sqlite"
        receipt = db.parent / "receipt.kcsync"
        crash.assert_sound(db)
        if kit.applied(db, sha):
            assert kit.table_counts(db) == whole, "the package is recorded as imported, but only part of it is there"
            outcome["whole"] += 1
        else:
            assert db_fingerprint(db) == before, "no import recorded, yet the database changed"
            assert not receipt.exists(), "a receipt for a package that was not imported"
            outcome["none"] += 1
        if receipt.exists():  # written after the commit: complete, or not there at all
            kit.read_whole(receipt.read_bytes(), bureau_keys, town_keys)
        assert kit.leftovers(db.parent, {"site.sqlite", "receipt.kcsync"}) == []
        _check_command(server, db)
        again = server.run(argv(db))
        assert again.code == 0, again.stdout + again.stderr
        assert kit.canonical(db, templates.bureau_id) == expected, "the redone import differs from an uninterrupted one"
        body = kit.read_whole(receipt.read_bytes(), bureau_keys, town_keys)
        assert [p["sha256"] for p in body["receipt"]["packages"]] == [sha]

    runs = crash.kill_runs(server, n, reference.seconds, prepare, check, seed)
    assert sum(r.killed for r in runs) >= n * 0.5, [(r.delay, r.seconds) for r in runs]
    killed = sum(r.killed for r in runs)
    print(f"\n{package.name}: import {reference.seconds:.2f} s, outcomes {outcome}, killed {killed}/{n}")
    assert outcome["none"] > 0, outcome  # some kills landed before the commit
    return outcome


def test_killed_sync_import_into_an_empty_peer(templates: kit.Templates, sync_server, tmp_path: Path) -> None:
    outcome = _killed_imports(templates, sync_server, tmp_path, templates.bureau, templates.full,
                              crash.points(10), crash.SEED + 61)  # fmt: skip
    assert sum(outcome.values()) == crash.points(10)


def test_killed_sync_import_into_a_partly_filled_peer(templates: kit.Templates, sync_server, tmp_path: Path) -> None:
    """The second package (every pupil updated, guardians deleted, new pupils) into the bureau
    that holds the first: the UPDATE path, not only the INSERT one."""
    _killed_imports(templates, sync_server, tmp_path, templates.partly, templates.delta, crash.points(4),
                    crash.SEED + 62)  # fmt: skip


def test_killed_sync_export_leaves_no_half_written_package(
    templates: kit.Templates, sync_server, tmp_path: Path
) -> None:
    town_keys, bureau_keys = kit.stored_keys(templates.town), kit.stored_keys(templates.bureau)
    sent_before = kit.table_counts(templates.town)["sync_package_log"]

    def argv(db: Path) -> list[str]:
        return ["sync", "export", "--to", kit.BUREAU_SITE, "--out", str(db.parent / "out.kcsync"), "--full",
                "--db", str(db)]  # fmt: skip

    reference_db = kit.fresh_copy(templates.town, tmp_path / "reference")
    reference = sync_server.run(argv(reference_db))
    assert reference.code == 0, reference.stderr
    made = kit.read_whole((reference_db.parent / "out.kcsync").read_bytes(), town_keys, bureau_keys)
    rows = made["manifest"]["counts"]
    outcome = {"none": 0, "file": 0}

    def prepare(i: int) -> list[str]:
        return argv(kit.fresh_copy(templates.town, tmp_path / f"kill{i}"))

    def check(i: int, run: crash.Run) -> None:
        db = tmp_path / f"kill{i}" / "site.sqlite"
        out = db.parent / "out.kcsync"
        crash.assert_sound(db)
        logged = kit.table_counts(db)["sync_package_log"] - sent_before
        assert logged in (0, 1)
        if out.exists():
            body = kit.read_whole(out.read_bytes(), town_keys, bureau_keys)
            assert body["manifest"]["counts"] == rows and body["manifest"]["number"] == 2
            outcome["file"] += 1
        else:
            assert logged == 0, "the package is logged as sent, but there is no file"
            outcome["none"] += 1
        assert kit.leftovers(db.parent, {"site.sqlite", "out.kcsync"}) == []
        _check_command(sync_server, db)
        again = sync_server.run(argv(db))  # the office simply exports again
        assert again.code == 0, again.stdout + again.stderr
        kit.read_whole(out.read_bytes(), town_keys, bureau_keys)

    n = crash.points(5)
    runs = crash.kill_runs(sync_server, n, reference.seconds, prepare, check, crash.SEED + 63)
    assert sum(r.killed for r in runs) >= n * 0.5, [(r.delay, r.seconds) for r in runs]
    print(f"\nexport {reference.seconds:.2f} s, outcomes {outcome}, killed {sum(r.killed for r in runs)}/{n}")
    assert outcome["none"] > 0, outcome

    # The package exported after a kill imports normally at the bureau.
    bureau = kit.fresh_copy(templates.bureau, tmp_path / "import")
    done = sync_server.run(["sync", "import", str(tmp_path / f"kill{n - 1}" / "out.kcsync"), "--db", str(bureau)])
    assert done.code == 0, done.stdout + done.stderr
    assert kit.table_counts(bureau)["student"] == kit.table_counts(templates.town)["student"]
