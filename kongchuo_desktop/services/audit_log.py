"""The audit log as people read it: filtered and paged in SQL, exported to .xlsx, and verified."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.field_labels import field_label
from kongchuo_desktop.store.audit import ACTION_LABELS, ENTITY_LABELS, ChainReport, check_chain
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AuditEntry, School, Site, Township

T = AuditEntry.__table__
EXPORT_LIMIT = 1_000_000


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page shows: a local-date range (inclusive), user, entity kind, action,
    and text found in the record id, field, values or reason (None/"" = any)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    user: str | None = None
    entity: str | None = None
    action: str | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit page (times in local time)."""

    seq: int
    at: dt.datetime
    user: str | None
    site: str | None
    action: str
    entity: str
    entity_id: str
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    names: dict[str, str] = dc_field(default_factory=dict, repr=False, compare=False)

    @property
    def action_label(self) -> str:
        """新建 / 修改 / 删除 / 恢复."""
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def entity_label(self) -> str:
        """学生 / 账户 / …"""
        return ENTITY_LABELS.get(self.entity, self.entity)

    @property
    def field_label(self) -> str:
        """The field in Chinese where known (services.field_labels)."""
        return field_label(self.field, self.entity)

    @property
    def old_text(self) -> str:
        """The old value as a person reads it (names for ids, local times)."""
        return _readable(self.field, self.old_value, self.names)

    @property
    def new_text(self) -> str:
        """The new value as a person reads it."""
        return _readable(self.field, self.new_value, self.names)


_ID_FIELDS = {"school_id", "township_id", "hukou_township_id"}


def _readable(name: str | None, value: str | None, names: dict[str, str]) -> str:
    if value is None:
        return ""
    if name in _ID_FIELDS:
        return names.get(value, value)
    if name == "locked_until":
        try:
            return _local(dt.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return value


def _utc(local: dt.datetime) -> dt.datetime:
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def _local(utc: dt.datetime) -> dt.datetime:
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _where(flt: AuditFilter) -> list[ColumnElement[bool]]:
    terms: list[ColumnElement[bool]] = []
    if flt.date_from:
        terms.append(T.c.at >= _utc(dt.datetime.combine(flt.date_from, dt.time())))
    if flt.date_to:
        terms.append(T.c.at < _utc(dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time())))
    if flt.user:
        terms.append(T.c.user == flt.user)
    if flt.entity:
        terms.append(T.c.entity == flt.entity)
    if flt.action:
        terms.append(T.c.action == flt.action)
    text = flt.text.strip()
    if text:
        # Literal text, not a pattern: % and _ typed by the user are escaped.
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        terms.append(
            or_(*(col.like(pattern, escape="\\") for col in (T.c.entity_id, T.c.field, T.c.old_value, T.c.new_value,
                                                             T.c.reason)))
        )  # fmt: skip
    return terms


def _rows(db: Database, flt: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
    site = Site.__table__
    stmt = (
        select(T.c.seq, T.c.at, T.c.user, site.c.name, T.c.action, T.c.entity, T.c.entity_id, T.c.field,
               T.c.old_value, T.c.new_value, T.c.reason)
        .select_from(T.outerjoin(site, site.c.id == T.c.site_id))
        .where(and_(true(), *_where(flt)))
        .order_by(T.c.at.desc(), T.c.seq.desc())
        .offset(offset)
        .limit(limit)
    )  # fmt: skip
    with db.read_session() as session:
        rows = session.execute(stmt).all()
        names: dict[str, str] = {}
        if any(r[7] in _ID_FIELDS for r in rows):
            for model in (School, Township):
                names.update({str(i): str(n) for i, n in session.execute(select(model.id, model.name)).all()})
        return [AuditRow(r[0], _local(r[1]), *r[2:], names=names) for r in rows]


def count_entries(db: Database, actor: Actor, flt: AuditFilter) -> int:
    """How many entries match (audit readers only)."""
    actor.require(perms.AUDIT_READ)
    with db.read_session() as session:
        return int(session.execute(select(func.count()).select_from(T).where(and_(true(), *_where(flt)))).scalar_one())


def page_entries(db: Database, actor: Actor, flt: AuditFilter, offset: int = 0, limit: int = 200) -> list[AuditRow]:
    """Entries [offset, offset+limit), newest first."""
    actor.require(perms.AUDIT_READ)
    return _rows(db, flt, offset, limit)


def audit_users(db: Database, actor: Actor) -> list[str]:
    """Every user name that appears in the log (for the filter list)."""
    actor.require(perms.AUDIT_READ)
    with db.read_session() as session:
        return [u for u in session.execute(select(T.c.user).distinct().order_by(T.c.user)).scalars() if u]


def verify(db: Database, actor: Actor | None = None) -> ChainReport:
    """Check every audit chain. Needs no login (it shows no personal data, and `kongchuo check`
    must work when accounts cannot be trusted); when an actor is given it must be an audit reader."""
    if actor is not None:
        actor.require(perms.AUDIT_READ)
    with db.read_session() as session:
        return check_chain(session)


HEADERS = ["序号", "时间", "用户", "站点", "操作", "对象", "记录编号", "字段", "原值", "新值", "原因"]


def export_xlsx(db: Database, actor: Actor, flt: AuditFilter, target: str | Path) -> int:
    """Write the matching entries to an .xlsx (temp name, then rename); returns the row count."""
    actor.require(perms.AUDIT_EXPORT)
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ValidationError({"target": "导出文件名应以 .xlsx 结尾"})
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJK", (8, 20, 14, 16, 8, 10, 34, 14, 24, 24, 30), strict=True):
        ws.column_dimensions[col].width = width
    from openpyxl.cell import WriteOnlyCell

    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    count = 0
    offset = 0
    while count < EXPORT_LIMIT:
        rows = _rows(db, flt, offset, 5000)
        if not rows:
            break
        for r in rows:
            values = [r.seq, r.at.strftime("%Y-%m-%d %H:%M:%S"), r.user, r.site, r.action_label, r.entity_label,
                      r.entity_id, r.field_label or r.field, r.old_text or None, r.new_text or None, r.reason]  # fmt: skip
            ws.append([_cell(ws, v) for v in values])
        count += len(rows)
        offset += len(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(
            {"target": f"无法写入“{target}”：{exc.strerror or exc}（文件是否正在 Excel 中打开？）"}
        ) from exc
    return count


def _cell(ws: object, value: object) -> object:
    # Text is written as text, verbatim: a value starting with "=" must not become a formula.
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value
