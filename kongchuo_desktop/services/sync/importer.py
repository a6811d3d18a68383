"""Importing a package or a receipt: checks in order, preview, apply all or nothing, receipt out.

Order of checks (each refusal: a Chinese reason, nothing changed): the file is ours (header) →
the sender is paired → the file is addressed to this site → the signature is the sender's →
already imported (a no-op) → it decrypts → its schema is not newer than ours. Then a package is
merged (services.sync.apply) in one transaction — every row it adds or changes must be the
sender's to send (services.sync.authority) and fit this database (services.sync.clashes) — or a
receipt marks our packages acknowledged.
Package numbers received per sender are tracked, and missing ones reported, saying whether a
later package already carried their content (packages are cumulative).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sync import envelope, validate
from kongchuo_desktop.services.sync.apply import Applied, apply_rows
from kongchuo_desktop.services.sync.authority import Authority
from kongchuo_desktop.services.sync.cards import _audit, write_atomic
from kongchuo_desktop.services.sync.errors import SyncError, SyncFileError
from kongchuo_desktop.services.sync.keys import site_keys
from kongchuo_desktop.services.sync.sites import SCHEMA_VERSION, absorb_vector, me, version_vector
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.changes import advance_hlc
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import SyncPackageLog, SyncPeer

Progress = Callable[[int, int, str], None]
KIND_LABELS = {"package": "同步包", "receipt": "回执"}


@dataclass
class ImportResult:
    """What importing a file did (or, for a preview, would do).

    kind: "package" | "receipt"; replay: the file had been imported before (nothing done);
    tables: per table new / updated / unchanged / conflicts; gaps: missing package numbers from
    this sender, as sentences; acknowledged: for a receipt, the package numbers it confirmed.
    """

    kind: str
    sender_id: str
    sender_name: str
    number: int
    dry_run: bool = False
    replay: bool = False
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)
    receipt_path: Path | None = None
    from_seq: int = 0
    to_seq: int = 0

    def total(self, key: str) -> int:
        """Sum of one count over the tables."""
        return sum(t.get(key, 0) for t in self.tables.values())

    def lines(self) -> list[str]:
        """The summary in Chinese, one fact per line."""
        label = KIND_LABELS[self.kind]
        if self.replay:
            head = f"这个{label}已经导入过（来自“{self.sender_name}”，第 {self.number} 号），没有再做改动"
        elif self.kind == "receipt":
            nos = "、".join(str(n) for n in self.acknowledged)
            head = f"已导入回执：“{self.sender_name}”确认收到第 {nos} 号同步包"
        else:
            verb = "预览（未写入）" if self.dry_run else "已导入"
            head = f"{verb}同步包：来自“{self.sender_name}”，第 {self.number} 号"
        out = [head]
        if self.kind == "package" and not self.replay:
            out.append(f"新增 {self.total('new')} 行，更新 {self.total('updated')} 行，"
                       f"未变 {self.total('unchanged')} 行，冲突 {len(self.conflicts)} 处")  # fmt: skip
        out.extend(self.gaps)
        if self.receipt_path is not None:
            out.append(f"回执已写入：{self.receipt_path}")
        return out

    def as_dict(self) -> dict[str, Any]:
        """For --json."""
        return {
            "kind": self.kind, "sender": self.sender_name, "sender_id": self.sender_id, "number": self.number,
            "dry_run": self.dry_run, "replay": self.replay, "new": self.total("new"),
            "updated": self.total("updated"), "unchanged": self.total("unchanged"), "conflicts": len(self.conflicts),
            "tables": self.tables, "gaps": self.gaps, "acknowledged": self.acknowledged,
            "receipt": str(self.receipt_path) if self.receipt_path else None,
        }  # fmt: skip


ImportPreview = ImportResult
"""A preview (dry_run=True): the checks and merge decisions of an import, nothing written. What the
write would refuse (a name another record holds here, a reference to a record that is nowhere,
a row the sender may not send) the preview refuses too, with the same message
(services.sync.clashes, services.sync.authority)."""


class _Rollback(Exception):
    pass


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SyncFileError(f"无法读取文件“{path}”：{exc.strerror or exc}") from exc


def _checked(session: Session, data: bytes) -> tuple[envelope.Envelope, SyncPeer, Any]:
    """Header → paired sender → recipient → signature. Returns the envelope, the peer and this site."""
    env = envelope.parse(data)
    head = env.header
    if head["kind"] not in KIND_LABELS:
        raise SyncError(envelope.NOT_OURS)
    mine = me(session)
    peer = session.get(SyncPeer, str(head["sender"]))
    if peer is None:
        name = head.get("sender_name") or head["sender"]
        raise SyncError(f"未配对的站点：{name}，请先导入其站点卡片（sync pair）")
    if head["recipient"] != mine.id:
        raise SyncError(f"这个{KIND_LABELS[head['kind']]}是发给其他站点的，不是发给本站点“{mine.name}”的")
    envelope.check_signature(env, peer.sign_public)
    return env, peer, mine


def preview_import(db: Database, actor: Actor, path: Path | str) -> ImportPreview:
    """What importing the file would do (per table new / updated / unchanged / conflicts, gaps):
    the same checks and merge decisions as import_file, read-only (services.sync.apply, write=False)."""
    return _import(db, actor, Path(path), dry_run=True)


def import_file(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    receipt_out: Path | str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a package (all or nothing) or a receipt; write a receipt for a package to `receipt_out`."""
    return _import(db, actor, Path(path), receipt_out=Path(receipt_out) if receipt_out else None,
                   progress=progress, cancel=cancel)  # fmt: skip


def _import(
    db: Database,
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    receipt_out: Path | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    actor.require(perms.SYNC_MANAGE)
    data = _read(path)
    sha = hashlib.sha256(data).hexdigest()
    result: ImportResult | None = None
    try:
        with db.transaction(user=actor.user) as session:
            env, peer, mine = _checked(session, data)
            head = env.header
            seen = session.execute(select(SyncPackageLog).where(SyncPackageLog.sha256 == sha)).scalar_one_or_none()
            if seen is not None:
                result = ImportResult(head["kind"], peer.site_id, peer.name, int(head["number"]), dry_run, replay=True,
                                      from_seq=seen.from_seq, to_seq=seen.to_seq)  # fmt: skip
                if head["kind"] == "package":
                    result.gaps = gaps(session, peer)
            else:
                keys = site_keys(session, mine.id)
                plain = envelope.open_body(env, keys)
                try:
                    body = json.loads(plain.decode("utf-8"))
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise SyncError("同步文件内容无法解析，文件可能已损坏") from None
                del plain  # the parsed body is all that is needed now (a full package: 100 MB of text)
                if head["kind"] == "receipt":
                    validate.check_receipt(body)
                else:
                    validate.check_package(body)
                if head["kind"] == "receipt":
                    result = _receipt(session, body, peer, mine, sha, path, actor, dry_run)
                else:
                    result = _package(
                        session, body, peer, mine, sha, path, actor, dry_run, progress, cancel, int(head["number"])
                    )
            if dry_run:
                raise _Rollback()
    except _Rollback:
        pass
    except IntegrityError as exc:
        # A row that breaks a rule of this database (a name taken by another record here, a
        # reference to a record this site does not hold): everything is rolled back.
        detail = str(exc.orig).split("\n", 1)[0] if exc.orig is not None else ""
        raise SyncError(f"同步包“{path.name}”中的数据与本站点已有的数据冲突，未做任何改动（{detail}）") from None
    assert result is not None
    if receipt_out is not None and result.kind == "package" and not dry_run:
        result.receipt_path = write_receipt(db, result, receipt_out)
    return result


def _package(
    session: Session, body: dict[str, Any], peer: SyncPeer, mine: Any, sha: str, path: Path, actor: Actor,
    dry_run: bool, progress: Progress | None, cancel: Callable[[], bool] | None, head_number: int,
) -> ImportResult:  # fmt: skip
    manifest = body.get("manifest") or {}
    if manifest.get("recipient") != mine.id or manifest.get("sender") != peer.site_id:
        raise SyncError("同步包的清单与文件头不一致，文件可能被篡改")
    schema = int(manifest.get("schema") or 0)
    if schema > SCHEMA_VERSION:
        raise SyncError(f"这个同步包由较新版本的软件生成，请先升级软件到版本 {manifest.get('app_version') or '最新'}")
    number = int(manifest["number"])
    if number != int(head_number):
        raise SyncError("同步包的清单与文件头不一致，文件可能被篡改")
    sender_vv = {str(k): int(v) for k, v in (manifest.get("vv") or {}).items()}
    my_vv = version_vector(session, mine.id)
    judge = Authority.for_sender(session, peer, mine)
    applied: Applied = apply_rows(
        session, body, schema, SCHEMA_VERSION, sender_vv, my_vv, progress, cancel, write=not dry_run, authority=judge
    )
    absorb_vector(session, my_vv, sender_vv, mine.id)
    if sender_vv:
        advance_hlc(session, max(sender_vv.values()))
    tables = {name: c.as_dict() for name, c in applied.tables.items()}
    session.add(SyncPackageLog(direction="in", kind="package", peer_id=peer.site_id, number=number, sha256=sha,
                               from_seq=int(manifest.get("from_seq") or 0), to_seq=int(manifest.get("to_seq") or 0),
                               covers_from=int(manifest.get("covers_from") or 1), full=bool(manifest.get("full")),
                               rows=sum(len(t.get("rows") or []) for t in (body.get("tables") or {}).values()),
                               by_user=actor.user, file_name=path.name,
                               report=json.dumps({"tables": tables, "conflicts": len(applied.conflicts)},
                                                 ensure_ascii=False)))  # fmt: skip
    if number > (peer.last_received_no or 0):
        peer.last_received_no = number
    peer.last_received_at = utcnow()
    session.flush()
    result = ImportResult("package", peer.site_id, peer.name, number, dry_run, tables=tables,
                          conflicts=applied.conflicts, from_seq=int(manifest.get("from_seq") or 0),
                          to_seq=int(manifest.get("to_seq") or 0))  # fmt: skip
    result.gaps = gaps(session, peer)
    if not dry_run:
        _audit(session, "import", peer.site_id, peer.name,
               f"第 {number} 号，新增 {result.total('new')}，更新 {result.total('updated')}，冲突 {len(applied.conflicts)}")  # fmt: skip
    return result


def gaps(session: Session, peer: SyncPeer) -> list[str]:
    """Sentences naming the package numbers from `peer` that never arrived."""
    logs = session.execute(
        select(SyncPackageLog.number, SyncPackageLog.covers_from).where(
            SyncPackageLog.peer_id == peer.site_id, SyncPackageLog.direction == "in", SyncPackageLog.kind == "package"
        )
    ).all()
    if not logs:
        return []
    got = sorted({n for n, _ in logs})
    out = []
    start = 1
    for number in got:  # each run of missing numbers between two received ones: one sentence
        if number > start:
            end = number - 1
            span = f"第 {start} 号" if start == end else f"第 {start}–{end} 号"
            later = sorted(n for n, cover in logs if n > end and cover <= start)
            if later:
                out.append(f"缺少来自{peer.name}的{span}同步包（其内容已包含在第 {later[0]} 号同步包中，无需补发）")
            else:
                out.append(f"缺少来自{peer.name}的{span}同步包，请对方重新导出")
        start = number + 1
    return out


def _receipt(
    session: Session, body: dict[str, Any], peer: SyncPeer, mine: Any, sha: str, path: Path, actor: Actor, dry_run: bool
) -> ImportResult:
    """Mark the packages a receipt names as acknowledged by the peer."""
    data = body.get("receipt") or {}
    if data.get("recipient") != mine.id or data.get("sender") != peer.site_id:
        raise SyncError("回执的内容与文件头不一致，文件可能被篡改")
    confirmed = []
    top_seq, top_no = int(peer.acked_seq or 0), int(peer.acked_no or 0)
    for item in data.get("packages") or []:
        sent = session.execute(
            select(SyncPackageLog).where(
                SyncPackageLog.peer_id == peer.site_id, SyncPackageLog.direction == "out",
                SyncPackageLog.kind == "package", SyncPackageLog.number == int(item["number"]),
            )
        ).scalar_one_or_none()  # fmt: skip
        if sent is None or sent.sha256 != item.get("sha256"):
            raise SyncError(f"回执确认的第 {item.get('number')} 号同步包不是本站点发给“{peer.name}”的，已拒绝这份回执")
        confirmed.append(sent.number)
        top_seq = max(top_seq, int(sent.to_seq))
        top_no = max(top_no, int(sent.number))
    if not confirmed:
        raise SyncError("这份回执没有确认任何同步包")
    peer.acked_seq, peer.acked_no, peer.acked_at = top_seq, top_no, utcnow()
    session.add(SyncPackageLog(direction="in", kind="receipt", peer_id=peer.site_id, number=max(confirmed), sha256=sha,
                               to_seq=top_seq, by_user=actor.user, file_name=path.name,
                               report=json.dumps({"acknowledged": confirmed})))  # fmt: skip
    session.flush()
    if not dry_run:
        _audit(session, "receipt", peer.site_id, peer.name, f"确认第 {'、'.join(map(str, confirmed))} 号")
    return ImportResult("receipt", peer.site_id, peer.name, max(confirmed), dry_run, acknowledged=confirmed)


def write_receipt(db: Database, result: ImportResult, out: Path) -> Path:
    """Write the signed receipt (回执) for an imported package, addressed to its sender."""
    with db.transaction() as session:
        mine = me(session)
        peer = session.get(SyncPeer, result.sender_id)
        assert peer is not None
        sent = session.execute(
            select(SyncPackageLog.sha256).where(
                SyncPackageLog.peer_id == peer.site_id, SyncPackageLog.direction == "in",
                SyncPackageLog.kind == "package", SyncPackageLog.number == result.number,
            ).order_by(SyncPackageLog.id.desc())  # the newest: a re-paired site may reuse a number
        ).scalars().first()  # fmt: skip
        keys = site_keys(session, mine.id)
        receipt = {"sender": mine.id, "recipient": peer.site_id, "received_at": utcnow().isoformat(),
                   "packages": [{"number": result.number, "sha256": sent,
                                 "from_seq": result.from_seq, "to_seq": result.to_seq}]}  # fmt: skip
        head = {"kind": "receipt", "sender": mine.id, "sender_name": mine.name, "recipient": peer.site_id,
                "number": result.number}  # fmt: skip
        data = envelope.seal(keys, peer.box_public, head, json.dumps({"receipt": receipt}).encode("utf-8"))
        write_atomic(out, data)
    return out
