"""Sync fault-test kit: the demo township paired with an empty bureau (template files made once),
packages sealed around bad content with the sender's real keys, and the states a killed or
refused import is compared by (per-table counts, canonical dumps, the applied-package record)."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.faults.kit import ROOT, ForkServer, temp_leftovers
from tests.helpers import checkpoint

TOWN_SITE = "金河镇教育办"
BUREAU_SITE = "根河市教育局"
STUDENTS = 3000
DEMO_SEED = 11
TODAY = dt.date(2026, 11, 2)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
TEMP_NAME = re.compile(r"^\..+\.\d+\.tmp$")
"""services.sync.cards.write_atomic's temporary names: hidden, ending .PID.tmp, never a result."""


@dataclass(frozen=True)
class Templates:
    """Files made once per session (copied before every use, never opened in place).

    town: the demo township 金河镇 (STUDENTS pupils, cases, visits, attachments) paired with
    bureau, an empty bureau; full: the town's full package for the bureau (number 1).
    partly: the bureau after importing `full`; town_acked: the town after importing the bureau's
    receipt and then editing every pupil, deleting guardians and adding pupils; delta: its next
    package (number 2: updates, tombstones and new rows) for the partly filled bureau.
    """

    folder: Path
    town: Path
    bureau: Path
    full: Path
    partly: Path
    town_acked: Path
    delta: Path
    town_id: str
    bureau_id: str


def build_templates(folder: Path) -> Templates:
    """Make the template databases and packages (about 12 s)."""
    from sqlalchemy import select

    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.demo import create_demo
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.services.sync import export_package, import_file, make_site_card, pair_site
    from kongchuo_desktop.store.changes import stamped_update
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import Guardian, Student

    town_path, bureau_path = folder / "town.sqlite", folder / "bureau.sqlite"
    create_demo(town_path, students=STUDENTS, seed=DEMO_SEED, today=TODAY)
    town, bureau = open_database(town_path), open_database(bureau_path, create=True)
    try:
        init_site(bureau, BUREAU_SITE, "bureau")
        make_site_card(town, SYSTEM, folder / "town.card")
        make_site_card(bureau, SYSTEM, folder / "bureau.card")
        pair_site(town, SYSTEM, folder / "bureau.card")
        pair_site(bureau, SYSTEM, folder / "town.card")
        town_id, bureau_id = town.extra["site_id"], bureau.extra["site_id"]
        export_package(town, SYSTEM, bureau_id, folder / "full.kcsync", full=True)
        for db in (town, bureau):
            checkpoint(db)
    finally:
        town.close()
        bureau.close()
    # The partly filled bureau, and the town's next package for it.
    partly, town_acked = folder / "partly.sqlite", folder / "town-acked.sqlite"
    shutil.copyfile(bureau_path, partly)
    shutil.copyfile(town_path, town_acked)
    peer, town = open_database(partly), open_database(town_acked)
    try:
        import_file(peer, SYSTEM, folder / "full.kcsync", receipt_out=folder / "full.receipt")
        import_file(town, SYSTEM, folder / "full.receipt")
        with town.transaction(user="faults") as session:
            stamped_update(session, Student, Student.deleted.is_(False), {"note": "第二次同步前修改"})
            gone = session.execute(select(Guardian.id).order_by(Guardian.id).limit(300)).scalars().all()
            stamped_update(session, Guardian, Guardian.id.in_(gone), {"deleted": True})
        from tests.sync.kit import add_student

        for n in range(50):
            add_student(town, f"新生{n:02d}", user="faults")
        export_package(town, SYSTEM, bureau_id, folder / "delta.kcsync")
        for db in (peer, town):
            checkpoint(db)
    finally:
        peer.close()
        town.close()
    return Templates(folder, town_path, bureau_path, folder / "full.kcsync", partly, town_acked,
                     folder / "delta.kcsync", town_id, bureau_id)  # fmt: skip


def fresh_copy(template: Path, folder: Path, name: str = "site.sqlite") -> Path:
    """A new folder holding a copy of `template` under `name`."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    path = folder / name
    shutil.copyfile(template, path)
    return path


def travelling_tables() -> list[str]:
    from kongchuo_desktop.services.sync.export import sync_tables

    return sync_tables()


def table_counts(path: Path) -> dict[str, int]:
    """Rows per travelling table, plus the package log."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [*travelling_tables(), "sync_package_log", "attachment_blob"]
        return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}
    finally:
        conn.close()


def applied(path: Path, sha256: str) -> bool:
    """Whether the package with this file hash is recorded as imported."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT count(*) FROM sync_package_log WHERE direction = 'in' AND sha256 = ?", (sha256,))
        return bool(row.fetchone()[0])
    finally:
        conn.close()


def canonical(path: Path, own_site: str) -> dict[str, Any]:
    """What an import must leave the same whether or not it was interrupted and redone: every
    travelling row (without the local change_seq; audit entries of other sites only, since the
    importing site audits each attempt itself), the packages received, the peers' counters and
    the version vector."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: dict[str, Any] = {}
        for name in travelling_tables():
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] != "change_seq"]
            where = " WHERE site_id IS NOT ? " if name == "audit_entry" else ""
            args = (own_site,) if where else ()
            sql = f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{name}"{where} ORDER BY id'
            out[name] = conn.execute(sql, args).fetchall()
        out["sync_package_log"] = conn.execute(
            "SELECT direction, kind, peer_id, number, sha256, from_seq, to_seq, covers_from, full, rows "
            "FROM sync_package_log ORDER BY direction, kind, peer_id, number, sha256"
        ).fetchall()
        out["sync_peer"] = conn.execute(
            "SELECT site_id, last_sent_no, acked_seq, acked_no, last_received_no FROM sync_peer ORDER BY site_id"
        ).fetchall()
        out["vv"] = conn.execute("SELECT key, value FROM local_state WHERE key LIKE 'vv:%' ORDER BY key").fetchall()
        out["blobs"] = conn.execute("SELECT sha256, length(data) FROM attachment_blob ORDER BY sha256").fetchall()
        return out
    finally:
        conn.close()


def leftovers(folder: Path, finals: set[str]) -> list[str]:
    """Files in `folder` that are neither results, the database's side files, run logs nor our
    temporary names (…/.NAME.PID.tmp)."""
    return [name for name in temp_leftovers(folder, finals) if not TEMP_NAME.match(name)]


def is_chinese_message(text: str) -> bool:
    """A non-empty message with Chinese in it."""
    return bool(text.strip()) and bool(CHINESE.search(text))


class SyncForkServer(ForkServer):
    """tests/faults' fork server, with the sync modules imported before forking (so the measured
    time of a run is the sync work, not the imports)."""

    MODULE = "tests.faults_sync.forkserver"


def cli_env(folder: Path) -> dict[str, str]:
    """The environment of a `kongchuo` child: a private data folder, the repository importable."""
    return {**os.environ, "KONGCHUO_DATA_DIR": str(folder / "data"), "PYTHONPATH": str(ROOT)}


# --- packages sealed around bad content --------------------------------------------------------------


def seal_packed(keys: Any, recipient_box_public: bytes, header: dict[str, Any], packed: bytes) -> bytes:
    """services.sync.envelope.seal without its compression step: `packed` is encrypted as the
    (supposedly zlib-compressed) body, so a corrupt compressed body can be signed correctly."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from kongchuo_desktop.services.sync import envelope
    from kongchuo_desktop.services.sync.keys import box_key

    ephemeral = X25519PrivateKey.generate()
    nonce = os.urandom(12)
    epk = base64.b64encode(ephemeral.public_key().public_bytes_raw()).decode("ascii")
    full = {**header, "format": envelope.FORMAT, "epk": epk, "nonce": base64.b64encode(nonce).decode("ascii")}
    head = json.dumps(full, ensure_ascii=False, sort_keys=True).encode("utf-8")
    aad = envelope.MAGIC + struct.pack(">I", len(head)) + head
    key = envelope._derive(ephemeral.exchange(box_key(recipient_box_public)))
    signed = aad + AESGCM(key).encrypt(nonce, packed, aad)
    return signed + keys.sign.sign(signed)


@dataclass(repr=False)
class Sender:
    """A paired sender's keys and a recipient's, to seal any content as the sender would."""

    sender_id: str
    sender_name: str
    recipient_id: str
    keys: Any
    recipient_keys: Any

    def header(self, kind: str = "package", number: int = 1, **extra: Any) -> dict[str, Any]:
        head = {"kind": kind, "sender": self.sender_id, "sender_name": self.sender_name,
                "recipient": self.recipient_id, "number": number}  # fmt: skip
        head.update(extra)
        return head

    def seal(self, body: bytes, header: dict[str, Any] | None = None) -> bytes:
        """A correctly signed and encrypted file around `body` (JSON text or anything)."""
        from kongchuo_desktop.services.sync import envelope

        return envelope.seal(self.keys, self.recipient_keys.box_public, header or self.header(), body)

    def seal_json(self, doc: Any, header: dict[str, Any] | None = None) -> bytes:
        return self.seal(json.dumps(doc, ensure_ascii=False).encode("utf-8"), header)

    def seal_packed(self, packed: bytes, header: dict[str, Any] | None = None) -> bytes:
        return seal_packed(self.keys, self.recipient_keys.box_public, header or self.header(), packed)

    def open(self, data: bytes) -> dict[str, Any]:
        """The body of a file this sender made for the recipient (as the recipient decrypts it)."""
        from kongchuo_desktop.services.sync import envelope

        env = envelope.parse(data)
        return json.loads(envelope.open_body(env, self.recipient_keys))  # type: ignore[no-any-return]


def sender(src: Any, dst: Any) -> Sender:
    """The keys of two paired open databases (the sender's and the recipient's own)."""
    from kongchuo_desktop.services.sync.keys import site_keys
    from kongchuo_desktop.services.sync.sites import me

    with src.transaction() as session:
        mine = me(session)
        keys = site_keys(session, mine.id)
    with dst.transaction() as session:
        theirs = me(session)
        rkeys = site_keys(session, theirs.id)
    return Sender(mine.id, mine.name, theirs.id, keys, rkeys)


@contextlib.contextmanager
def watching(path: Path) -> Any:
    """A second connection to the database: `changed()` says whether anyone committed since
    (PRAGMA data_version moves on every commit by another connection)."""
    conn = sqlite3.connect(str(path))
    start = conn.execute("PRAGMA data_version").fetchone()[0]

    class Watch:
        def changed(self) -> bool:
            return bool(conn.execute("PRAGMA data_version").fetchone()[0] != start)

    try:
        yield Watch()
    finally:
        conn.close()


def stored_keys(path: Path) -> Any:
    """The site's own keys (services.sync.keys.SiteKeys) read from its database file."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from kongchuo_desktop.services.sync.keys import SiteKeys

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sign, box = conn.execute("SELECT sign_private, box_private FROM sync_site_key").fetchone()
    finally:
        conn.close()
    return SiteKeys(Ed25519PrivateKey.from_private_bytes(sign), X25519PrivateKey.from_private_bytes(box))


def read_whole(data: bytes, sender: Any, recipient: Any) -> dict[str, Any]:
    """The body of a package or receipt that must be complete: parsed, signed by `sender`'s keys,
    decrypted with `recipient`'s, JSON (AssertionError/SyncError otherwise)."""
    from kongchuo_desktop.services.sync import envelope

    env = envelope.parse(data)
    envelope.check_signature(env, sender.sign_public)
    body = json.loads(envelope.open_body(env, recipient))
    assert isinstance(body, dict)
    return body  # type: ignore[no-any-return]
