"""Sync bookkeeping: this site's keys, paired peers, packages sent and received, scope moves, conflicts.

Everything here is local to the installation except `sync_conflict`, which travels so that a
conflict detected at two sites is one record and its resolution reaches every site.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin, utcnow

SCOPE_COLUMNS: dict[str, tuple[str, ...]] = {
    "student": ("school_id", "township_id"),
    "child": ("township_id",),
    "staff": ("school_id", "township_id"),
    "school_class": ("school_id",),
    "dropout_case": ("school_id", "township_id"),
    "absence": ("school_id",),
    "letter": ("school_id", "township_id"),
    "school_calendar": ("school_id",),
}
"""Columns that decide which sites a row belongs to (services.sync.policy); when one changes, the
move is noted in sync_scope_move so the row (and what hangs on it) reaches its new site and
leaves its old one."""


class SiteKey(Base):
    """This site's private keys (Ed25519 to sign, X25519 to decrypt); never exported."""

    __tablename__ = "sync_site_key"
    site_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sign_private: Mapped[bytes] = mapped_column(LargeBinary)
    box_private: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncPeer(Base):
    """A paired site: its card (public keys, place in the hierarchy) and what was exchanged with it.

    last_sent_no: number of the last package made for it; acked_seq: our change_seq up to which
    it has confirmed receipt (by a receipt); acked_no: the newest package number it confirmed;
    last_received_no: the highest package number received from it.
    """

    __tablename__ = "sync_peer"
    site_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    site_type: Mapped[str] = mapped_column(String(16))
    township_id: Mapped[str | None] = mapped_column(String(32), default=None)
    township_name: Mapped[str | None] = mapped_column(String(60), default=None)
    school_id: Mapped[str | None] = mapped_column(String(32), default=None)
    school_name: Mapped[str | None] = mapped_column(String(100), default=None)
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    box_public: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    paired_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_sent_no: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    acked_no: Mapped[int] = mapped_column(Integer, default=0)
    acked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    last_received_no: Mapped[int] = mapped_column(Integer, default=0)
    last_received_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)


class SyncPackageLog(Base):
    """One package or receipt sent or received (the history, and the replay / gap bookkeeping).

    direction: "out" | "in"; kind: "package" | "receipt"; number: the package number per
    sender → recipient; sha256: of the whole file; from_seq / to_seq: the sender's change_seq
    range; covers_from: the first package number whose content this package also carries;
    report: JSON of the counts (per table new / updated / unchanged / conflicts).
    """

    __tablename__ = "sync_package_log"
    __table_args__ = (
        Index("ix_sync_package_log_peer", "peer_id", "direction", "kind", "number"),
        Index("ix_sync_package_log_sha256", "sha256", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(4))
    kind: Mapped[str] = mapped_column(String(8))
    peer_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    from_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    to_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    covers_from: Mapped[int] = mapped_column(Integer, default=1)
    full: Mapped[bool] = mapped_column(default=False)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    by_user: Mapped[str | None] = mapped_column(String(64), default=None)
    file_name: Mapped[str | None] = mapped_column(String(255), default=None)
    report: Mapped[str | None] = mapped_column(Text, default=None)


class SyncScopeMove(Base):
    """A row whose scope columns changed (a pupil transferred to another school …), at change_seq."""

    __tablename__ = "sync_scope_move"
    __table_args__ = (Index("ix_sync_scope_move_seq", "change_seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(32))
    old_school_id: Mapped[str | None] = mapped_column(String(32), default=None)
    old_township_id: Mapped[str | None] = mapped_column(String(32), default=None)
    new_school_id: Mapped[str | None] = mapped_column(String(32), default=None)
    new_township_id: Mapped[str | None] = mapped_column(String(32), default=None)
    change_seq: Mapped[int] = mapped_column(BigInteger)


class SyncConflict(SyncMixin, Base):
    """The same field of the same record changed at two sites before they synced.

    The id is a hash of (table, record, field, both clocks), so the conflict found at two sites
    is one record. winner_*: the version applied everywhere (the greater (hlc, site));
    loser_*: the version kept for review. Values are JSON text. status: "open" | "resolved";
    resolution: "winner" (kept) | "other" (the losing value was taken back as a new edit).
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_status", "status", "table_name"),)
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(64))
    winner_value: Mapped[str | None] = mapped_column(Text, default=None)
    winner_hlc: Mapped[int] = mapped_column(BigInteger)
    winner_site: Mapped[str] = mapped_column(String(32))
    winner_user: Mapped[str | None] = mapped_column(String(64), default=None)
    winner_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    loser_value: Mapped[str | None] = mapped_column(Text, default=None)
    loser_hlc: Mapped[int] = mapped_column(BigInteger)
    loser_site: Mapped[str] = mapped_column(String(32))
    loser_user: Mapped[str | None] = mapped_column(String(64), default=None)
    loser_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    status: Mapped[str] = mapped_column(String(8), default="open")
    resolution: Mapped[str | None] = mapped_column(String(8), default=None)
