"""Set up this installation's site and look up townships and schools by name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.base import new_id
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.local import local_site, put_setting
from kongchuo_desktop.store.models import School, Site, Township

SITE_TYPE_LABELS = {"school": "学校", "township": "乡镇", "bureau": "教育局"}
DEFAULT_SETTINGS = {"age_cutoff": "08-31", "age_tolerance": 1}


@dataclass(frozen=True)
class SiteInfo:
    """This installation: id, name, type and what it covers."""

    id: str
    name: str
    site_type: str
    township_id: str | None
    school_id: str | None

    @property
    def type_label(self) -> str:
        """学校 / 乡镇 / 教育局."""
        return SITE_TYPE_LABELS.get(self.site_type, self.site_type)


def township_by_name(session: Session, name: str, *, create: bool = False) -> Township | None:
    """The township of that name (optionally created)."""
    row = session.execute(select(Township).where(Township.name == name)).scalar_one_or_none()
    if row is None and create:
        row = Township(name=name)
        session.add(row)
        session.flush()
        audit.record(session, "create", "township", row.id, {"name": (None, name)})
    return row


def school_by_name(
    session: Session, name: str, *, township: Township | None = None, create: bool = False
) -> School | None:
    """The school of that name (optionally created in `township`)."""
    row = session.execute(select(School).where(School.name == name)).scalar_one_or_none()
    if row is None and create:
        kind = "初中" if "中学" in name else ("九年一贯制" if "九年" in name or "学校" in name else "小学")
        row = School(name=name, township_id=township.id if township else None, kind=kind)
        session.add(row)
        session.flush()
        audit.record(session, "create", "school", row.id, {"name": (None, name)})
    return row


def init_site(
    db: Database,
    name: str,
    site_type: str,
    township: str | None = None,
    school: str | None = None,
    user: str = "system",
) -> SiteInfo:
    """Describe this installation (the first-run wizard and ``kongchuo init``)."""
    problems = {}
    if not name.strip():
        problems["name"] = "请填写站点名称"
    if site_type not in SITE_TYPE_LABELS:
        problems["site_type"] = "站点类型应为 school（学校）、township（乡镇）或 bureau（教育局）"
    if site_type == "school" and not school:
        problems["school"] = "学校站点需要填写学校名称"
    if site_type in ("school", "township") and not township:
        problems["township"] = "学校和乡镇站点需要填写所属乡镇"
    if problems:
        raise ValidationError(problems)
    site_id = new_id()
    # The site's id is known before anything is written, so every row and audit entry made while
    # setting up already carries it (the audit chain of this site starts here).
    with db.transaction(user=user, site_id=site_id) as session:
        if local_site(session) is not None:
            raise ValidationError({"site": "这个数据库已经初始化过站点，不能再次初始化"})
        town = township_by_name(session, township, create=True) if township else None
        sch = school_by_name(session, school, township=town, create=True) if school else None
        site = Site(
            id=site_id,
            name=name.strip(),
            site_type=site_type,
            township_id=town.id if town else None,
            school_id=sch.id if sch else None,
            is_local=True,
        )
        session.add(site)
        session.flush()
        for key, value in DEFAULT_SETTINGS.items():
            put_setting(session, key, value)
        audit.record(session, "create", "site", site.id, {"name": (None, site.name), "site_type": (None, site_type)})
    db.extra["site_id"] = site.id
    return SiteInfo(site.id, site.name, site.site_type, site.township_id, site.school_id)


def site_info(db: Database) -> SiteInfo | None:
    """This installation's site, or None before init."""
    with db.read_session() as session:
        site = local_site(session)
        if site is None:
            return None
        return SiteInfo(site.id, site.name, site.site_type, site.township_id, site.school_id)
