"""Site cards (who a site is and its public keys, self-signed) and pairing with a peer's card.

Pairing is allowed along the hierarchy only: a school with its own township, a township with the
bureau. Both offices compare the fingerprint by phone before trusting the peer.

Unpairing forgets a peer's keys (its files are refused from then on) but not the exchange: the
package history stays, so pairing the same site id again (a replaced laptop with new keys) goes on
with the next package numbers in both directions; what the peer had acknowledged is forgotten, so
the next package carries everything again (rows it already holds arrive unchanged), in case the
new laptop started from an older backup.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop import __version__
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sync.errors import SyncError, SyncFileError
from kongchuo_desktop.services.sync.keys import fingerprint, site_keys, verify_key
from kongchuo_desktop.services.sync.sites import SCHEMA_VERSION, TYPE_LABELS, Me, description, find_peer, me
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import SyncPackageLog, SyncPeer

CARD_FORMAT = "kongchuo-site-card"


@dataclass(frozen=True)
class SiteCard:
    """A site's card: identity, place in the hierarchy and public keys."""

    site_id: str
    name: str
    site_type: str
    township_id: str | None
    township_name: str | None
    school_id: str | None
    school_name: str | None
    sign_public: bytes
    box_public: bytes
    schema: int
    app_version: str

    @property
    def fingerprint(self) -> str:
        """What the two offices read to each other by phone."""
        return fingerprint(self.sign_public, self.box_public)

    @property
    def type_label(self) -> str:
        """学校 / 乡镇 / 教育局."""
        return TYPE_LABELS.get(self.site_type, self.site_type)


@dataclass(frozen=True)
class PeerInfo:
    """A paired site as pairing reports it."""

    site_id: str
    name: str
    site_type: str
    fingerprint: str
    already_paired: bool


def _card_fields(card: SiteCard) -> dict[str, object]:
    return {
        "format": CARD_FORMAT, "site_id": card.site_id, **description(card),
        "sign_public": base64.b64encode(card.sign_public).decode("ascii"),
        "box_public": base64.b64encode(card.box_public).decode("ascii"), "schema": card.schema,
        "app_version": card.app_version,
    }  # fmt: skip


def _canonical(fields: dict[str, object]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def make_site_card(db: Database, actor: Actor, out: Path | str) -> SiteCard:
    """Write this site's card to `out` (made on first use: the site's keys); returns the card."""
    actor.require(perms.SYNC_MANAGE)
    out = Path(out)
    with db.transaction(user=actor.user) as session:
        site = me(session)
        keys = site_keys(session, site.id)
        card = SiteCard(site.id, **description(site), sign_public=keys.sign_public, box_public=keys.box_public,
                        schema=SCHEMA_VERSION, app_version=__version__)  # fmt: skip
        fields = _card_fields(card)
        signature = keys.sign.sign(_canonical(fields))
        text = json.dumps({"card": fields, "signature": base64.b64encode(signature).decode("ascii")},
                          ensure_ascii=False, indent=1)  # fmt: skip
        write_atomic(out, text.encode("utf-8"))
    return card


def read_site_card(path: Path | str) -> SiteCard:
    """Read a card and check its self-signature; SyncError when it is not a valid card."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SyncFileError(f"无法读取站点卡片“{path}”：{exc.strerror or exc}") from exc
    bad = f"“{path.name}”不是有效的站点卡片（内容无法识别或已损坏）"
    try:
        doc = json.loads(data.decode("utf-8"))
        fields = doc["card"]
        if fields.get("format") != CARD_FORMAT:
            raise SyncError(bad)
        card = SiteCard(
            str(fields["site_id"]), str(fields["name"]), str(fields["site_type"]), fields.get("township_id"),
            fields.get("township_name"), fields.get("school_id"), fields.get("school_name"),
            base64.b64decode(fields["sign_public"]), base64.b64decode(fields["box_public"]), int(fields["schema"]),
            str(fields.get("app_version") or ""),
        )  # fmt: skip
        signature = base64.b64decode(doc["signature"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise SyncError(bad) from None
    if card.site_type not in TYPE_LABELS:
        raise SyncError(bad)
    try:
        verify_key(card.sign_public).verify(signature, _canonical(_card_fields(card)))
    except (InvalidSignature, ValueError):
        raise SyncError(f"站点卡片“{path.name}”的签名不正确：卡片被改动过，请向对方重新索取") from None
    return card


def hierarchy_problem(mine: Me, card: SiteCard) -> str | None:
    """Why this site may not pair with the card's site (None when it may)."""
    pair = {mine.site_type, card.site_type}
    if card.site_id == mine.id:
        return "这是本站点自己的卡片，不能与自己配对"
    if pair == {"school", "township"}:
        school, town = (mine, card) if mine.site_type == "school" else (card, mine)
        town_id = town.township_id
        if school.township_id != town_id:
            return (f"学校“{school.school_name or school.name}”属于乡镇“{school.township_name or '（未填写）'}”，"
                    f"不能与乡镇“{town.township_name or town.name}”配对")  # fmt: skip
        return None
    if pair == {"township", "bureau"}:
        return None
    return (f"{TYPE_LABELS[mine.site_type]}站点不能与{TYPE_LABELS[card.site_type]}站点配对："
            "只能在学校与其所属乡镇、乡镇与教育局之间配对")  # fmt: skip


def pair_site(db: Database, actor: Actor, card_path: Path | str) -> PeerInfo:
    """Store a peer from its card (checked: signature, hierarchy); returns it with its fingerprint."""
    actor.require(perms.SYNC_MANAGE)
    card = read_site_card(card_path)
    with db.transaction(user=actor.user) as session:
        mine = me(session)
        if problem := hierarchy_problem(mine, card):
            raise SyncError(problem)
        site_keys(session, mine.id)
        peer = session.get(SyncPeer, card.site_id)
        already = peer is not None
        if peer is not None and (peer.sign_public != card.sign_public or peer.box_public != card.box_public):
            raise SyncError(f"站点“{card.name}”已经配对过，但这张卡片的密钥不同；如对方换了电脑或重装了软件，"
                            f"请先电话核实，再解除与它的配对（sync unpair），然后重新配对")  # fmt: skip
        if peer is None:
            sent, received = _numbers_used(session, card.site_id)
            peer = SyncPeer(site_id=card.site_id, sign_public=card.sign_public, box_public=card.box_public,
                            last_sent_no=sent, acked_seq=0, acked_no=0, last_received_no=received)  # fmt: skip
            session.add(peer)
        for key, value in description(card).items():
            setattr(peer, key, value)
        peer.fingerprint = card.fingerprint
        peer.paired_at = peer.paired_at or utcnow()
        session.flush()
        _audit(session, "pair", card.site_id, card.name, f"指纹 {card.fingerprint}")
    return PeerInfo(card.site_id, card.name, card.site_type, card.fingerprint, already)


def _numbers_used(session: Session, site_id: str) -> tuple[int, int]:
    """The last package numbers sent to and received from a site paired before (0, 0: never)."""
    top = dict(
        session.execute(
            select(SyncPackageLog.direction, func.max(SyncPackageLog.number))
            .where(SyncPackageLog.peer_id == site_id, SyncPackageLog.kind == "package")
            .group_by(SyncPackageLog.direction)
        ).all()
    )
    return int(top.get("out") or 0), int(top.get("in") or 0)


def unpair_site(db: Database, actor: Actor, ref: str) -> PeerInfo:
    """Forget a paired site's keys (by its name or id): its packages and receipts are refused until
    it is paired again from a card, which may carry new keys. Returns the site as it was."""
    actor.require(perms.SYNC_MANAGE)
    with db.transaction(user=actor.user) as session:
        peer = find_peer(session, ref)
        info = PeerInfo(peer.site_id, peer.name, peer.site_type, peer.fingerprint, True)
        session.delete(peer)
        session.flush()
        _audit(session, "unpair", info.site_id, info.name, f"原指纹 {info.fingerprint}")
    return info


def _audit(session: Session, what: str, peer_id: str, peer_name: str, detail: str) -> None:
    """One audit entry (entity "sync", the peer's id) saying what sync did with whom."""
    labels = {
        "pair": "配对站点",
        "unpair": "解除配对",
        "export": "导出同步包",
        "import": "导入同步包",
        "receipt": "导入回执",
        "resolve": "处理同步冲突",
    }
    action = "delete" if what == "unpair" else "create"
    audit.record(session, action, "sync", peer_id, None, f"{labels[what]}：{peer_name}（{detail}）")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, then rename over `path`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SyncFileError(f"无法写入文件“{path}”：{exc.strerror or exc}") from exc
