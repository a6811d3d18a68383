"""The audit log: one hash-chained entry per changed field (who, when, before/after, why).

Each site keeps one chain: entries it writes are numbered 1, 2, 3 … and each carries the hash of
the one before. Entries written before the site was set up (site_id NULL) belong to the local
chain too. Entries that arrive from other sites by sync keep their own site's numbering and
hashes, so every site's history can be verified wherever it travels. The last local entry is
also remembered in `local_state` ("audit_tail"), so that deleting entries from the end of the
chain is noticed as well as changing, deleting or inserting entries in the middle.

What this cannot stop: someone who edits the file with full knowledge of this scheme and
recomputes every hash. Copies of the chain held elsewhere (backups, the township's and the
bureau's databases through sync) are what makes such a rewrite detectable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from kongchuo_desktop.store.base import new_id, utcnow
from kongchuo_desktop.store.models import AuditEntry, LocalState, Site

GENESIS = "0" * 64
TAIL_KEY = "audit_tail"

ACTION_LABELS = {"create": "新建", "update": "修改", "delete": "删除", "restore": "恢复"}
ENTITY_LABELS = {
    "student": "学生", "child": "适龄儿童", "school": "学校", "township": "乡镇", "site": "站点",
    "account": "账户", "setting": "设置", "status_change": "学籍异动", "staff": "教职工",
    "guardian": "监护人", "attachment": "证明材料", "database": "数据库", "letter": "责任状",
    "case": "劝返个案", "visit": "家访", "absence": "缺课", "referral": "转介", "case_notice": "限期返校通知书",
    "school_calendar": "校历", "school_class": "班级", "calendar_day": "校历日期", "case_event": "个案记录",
    "letter_template": "责任书模板", "sync": "同步", "sync_conflict": "同步冲突", "import_batch": "导入批次",
    "demo": "演示数据",
}  # fmt: skip

# Columns in hash order (the digest covers every one of them, prev_hash included).
_HASHED = ("id", "seq", "at", "user", "site_id", "action", "entity", "entity_id", "field",
           "old_value", "new_value", "reason", "prev_hash")  # fmt: skip
_COLUMNS = [AuditEntry.__table__.c[name] for name in (*_HASHED, "entry_hash")]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _digest(values: Sequence[Any]) -> str:
    items = list(values)
    items[2] = items[2].isoformat(timespec="microseconds")
    payload = json.dumps(items, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry_digest(entry: AuditEntry) -> str:
    """The hash of an entry's content chained to the previous entry's hash."""
    return _digest([getattr(entry, name) for name in _HASHED])


def _local_site_id(session: Session) -> str | None:
    return session.execute(select(Site.id).where(Site.is_local.is_(True))).scalar_one_or_none()


def _local_chain(site_id: str | None) -> Any:
    """WHERE term for the local chain: this site's entries plus those written before set-up."""
    col = AuditEntry.__table__.c.site_id
    return col.is_(None) if site_id is None else or_(col.is_(None), col == site_id)


def read_anchor(session: Session) -> tuple[int, str] | None:
    """The remembered (seq, hash) of the local chain's last entry, if any."""
    row = session.execute(select(LocalState.value, LocalState.note).where(LocalState.key == TAIL_KEY)).first()
    return (int(row[0]), str(row[1] or "")) if row else None


def _write_anchor(session: Session, seq: int, digest: str) -> None:
    done = session.execute(
        update(LocalState).where(LocalState.key == TAIL_KEY).values(value=seq, note=digest)
    ).rowcount
    if not done:
        session.execute(insert(LocalState).values(key=TAIL_KEY, value=seq, note=digest))


def _chain_tail(session: Session) -> tuple[int, str]:
    pending = session.info.get("audit_tail")
    if pending is not None:
        return pending  # type: ignore[no-any-return]
    with session.no_autoflush:
        anchor = read_anchor(session)
        if anchor is not None:
            return anchor
        row = session.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash)
            .where(_local_chain(session.info.get("site_id")))
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str | None = None,
) -> list[AuditEntry]:
    """Append audit entries for one create/update/delete; one entry per changed field.

    A create or delete with no field list still gets one entry (field None). The user and site
    come from session.info (set by Database.transaction).
    """
    seq, prev = _chain_tail(session)
    at = utcnow()
    user = session.info.get("user")
    site = session.info.get("site_id")
    items = list((changes or {}).items()) or [(None, (None, None))]
    entries = []
    for name, (old, new) in items:
        seq += 1
        entry = AuditEntry(
            id=new_id(),
            seq=seq,
            at=at,
            user=user,
            site_id=site,
            action=action,
            entity=entity,
            entity_id=entity_id,
            field=name,
            old_value=_text(old),
            new_value=_text(new),
            reason=reason,
            prev_hash=prev,
            entry_hash="",
        )
        entry.entry_hash = entry_digest(entry)
        prev = entry.entry_hash
        session.add(entry)
        entries.append(entry)
    session.info["audit_tail"] = (seq, prev)
    _write_anchor(session, seq, prev)
    return entries


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    """The first place where a chain does not hold.

    kind: modified (an entry's content changed) | unlinked (an entry does not follow the one
    before: something between them was inserted or deleted) | missing (numbers are skipped:
    entries were deleted) | duplicate (an inserted copy) | tail (the end of the chain does not
    match what the app last wrote: entries deleted from or added to the end) | empty;
    seq / entry_id: the entry named (None when the entry itself is gone);
    message: one Chinese sentence naming it.
    """

    kind: str
    site_id: str | None
    seq: int | None
    entry_id: str | None
    message: str


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying every chain: entry count, chains, the first problem (None = intact),
    and for other sites' chains the entries not yet received (site_id → count), which is normal
    while sync packages are still on their way."""

    entries: int
    chains: int
    problem: ChainProblem | None
    awaiting: dict[str | None, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no chain is broken."""
        return self.problem is None


def _local_time(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def describe_entry(seq: int, at: dt.datetime, user: str | None, action: str, entity: str, fld: str | None) -> str:
    """An entry named the way a person can find it on the audit page."""
    # The field is left out: its code name means nothing to a reader, and sequence number, time,
    # user and record kind find the entry on the audit page (序号 column).
    what = f"{ACTION_LABELS.get(action, action)}{ENTITY_LABELS.get(entity, entity)}"
    return f"第 {seq} 条审计记录（{_local_time(at)}，用户“{user or '—'}”，{what}）"


def _named(row: Any) -> str:
    return describe_entry(row.seq, row.at, row.user, row.action, row.entity, row.field)


def _walk(rows: Iterable[Any], site_id: str | None, strict: bool) -> tuple[int, ChainProblem | None, int, Any]:
    """Check one chain in seq order. strict: the local chain (from 1, no gaps allowed).

    Returns (entries seen, first problem, entries missing (non-strict), last row).
    """
    expected, prev, prev_row, count, missing = 1, GENESIS, None, 0, 0
    for row in rows:
        count += 1
        content_ok = _digest([row[i] for i in range(len(_HASHED))]) == row.entry_hash
        if prev_row is not None and row.seq == prev_row.seq:
            return count, ChainProblem("duplicate", site_id, row.seq, row.id,
                                       f"{_named(row)}重复出现：有人插入了不属于审计日志的记录。"), missing, row
        gap = row.seq - expected
        if gap > 0:
            if strict:
                where = f"{_named(prev_row)}之后" if prev_row is not None else "开头"
                span = f"第 {expected} 条" if gap == 1 else f"第 {expected} 至 {row.seq - 1} 条"
                return count, ChainProblem("missing", site_id, row.seq, row.id,
                                           f"审计日志{where}缺少{span}：记录被删除。"), missing, row
            missing += gap
            prev = None  # the predecessor has not arrived: its link cannot be checked
        linked = prev is None or row.prev_hash == prev
        if not content_ok:
            text = "的内容被改动过" if linked else "不属于审计日志（被插入或改动）"
            return count, ChainProblem("modified", site_id, row.seq, row.id, f"{_named(row)}{text}。"), missing, row
        if not linked:
            before = f"与前一条（第 {prev_row.seq} 条）" if prev_row is not None else "与链的开头"
            return count, ChainProblem("unlinked", site_id, row.seq, row.id,
                                       f"{_named(row)}{before}接不上：其间有记录被插入、删除或改动。"), missing, row
        prev, prev_row, expected = row.entry_hash, row, row.seq + 1
    return count, None, missing, prev_row


def check_chain(session: Session) -> ChainReport:
    """Verify the local chain (strictly, and against its remembered end) and every other site's
    chain (entry by entry, links where both ends are present)."""
    local = _local_site_id(session)
    table = AuditEntry.__table__
    rows = session.execute(select(*_COLUMNS).where(_local_chain(local)).order_by(table.c.seq, table.c.id))
    count, problem, _missing, last = _walk(rows, local, strict=True)
    total, chains = count, 1 if count else 0
    if problem is None:
        anchor = read_anchor(session)
        problem = _tail_problem(local, anchor, last, session)
    awaiting: dict[str | None, int] = {}
    foreign = table.c.site_id.is_not(None) if local is None else and_(table.c.site_id.is_not(None), table.c.site_id != local)
    others = session.execute(select(table.c.site_id).where(foreign).distinct()).scalars().all()
    for site in sorted(others):
        rows = session.execute(select(*_COLUMNS).where(table.c.site_id == site).order_by(table.c.seq, table.c.id))
        count, found, missing, _last = _walk(rows, site, strict=False)
        total += count
        chains += 1
        if missing:
            awaiting[site] = missing
        if problem is None and found is not None:
            problem = found
    return ChainReport(total, chains, problem, awaiting)


def _tail_problem(local: str | None, anchor: tuple[int, str] | None, last: Any, session: Session) -> ChainProblem | None:
    if last is None:
        if anchor is not None:
            return ChainProblem("tail", local, None, None,
                                f"审计日志应有 {anchor[0]} 条记录，现在一条也没有：记录被全部删除。")
        if local is not None:
            return ChainProblem("empty", local, None, None, "本站点的审计日志是空的：记录被全部删除。")
        return None
    if anchor is None:
        return ChainProblem("tail", local, last.seq, last.id,
                            f"审计日志末尾的校验标记不见了（最后一条是{_named(last)}）：日志可能被删改。")
    seq, digest = anchor
    if seq > last.seq:
        span = f"第 {last.seq + 1} 条" if seq == last.seq + 1 else f"第 {last.seq + 1} 至 {seq} 条"
        return ChainProblem("tail", local, last.seq, last.id,
                            f"审计日志在{_named(last)}之后缺少{span}：末尾的记录被删除。")
    if seq < last.seq:
        first_extra = session.execute(
            select(*_COLUMNS).where(_local_chain(local), AuditEntry.seq == seq + 1).limit(1)
        ).first()
        named = _named(first_extra) if first_extra is not None else f"第 {seq + 1} 条审计记录"
        return ChainProblem("tail", local, seq + 1, first_extra.id if first_extra else None,
                            f"{named}不是本软件写入的：有人在日志末尾插入了记录。")
    if digest != last.entry_hash:
        return ChainProblem("modified", local, last.seq, last.id, f"{_named(last)}被替换过。")
    return None


def verify_chain(session: Session) -> AuditEntry | None:
    """The first entry whose hash or link is wrong, or None when every chain holds.

    Kept for callers that want an entry; `check_chain` says more (including entries deleted
    from the end, for which there is no entry to return: then the last remaining one is given).
    """
    report = check_chain(session)
    if report.ok:
        return None
    problem = report.problem
    assert problem is not None
    if problem.entry_id is not None:
        entry = session.get(AuditEntry, problem.entry_id)
        if entry is not None:
            return entry
    return AuditEntry(id="", seq=problem.seq or 0, at=utcnow(), action="", entity="", entity_id="",
                      prev_hash="", entry_hash="")
