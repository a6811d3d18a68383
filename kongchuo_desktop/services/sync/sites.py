"""This site and its peers: who each is (its description), who is above whom, peer look-up, version vectors, schema version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.sync.errors import SyncError
from kongchuo_desktop.store.changes import current_hlc
from kongchuo_desktop.store.local import local_site
from kongchuo_desktop.store.local_values import put_local
from kongchuo_desktop.store.models import LocalState, School, Site, SyncPeer, Township

SCHEMA_VERSION = 1
"""Version of the rows' shape inside packages; raise it with an entry in upgrade.UPGRADES."""

LEVEL = {"school": 0, "township": 1, "bureau": 2}
TYPE_LABELS = {"school": "学校", "township": "乡镇", "bureau": "教育局"}
VV_PREFIX = "vv:"
DESCRIPTION = ("name", "site_type", "township_id", "township_name", "school_id", "school_name")
"""What describes a site besides its id: its name, type and place in the hierarchy (a site's row,
its card and its peer row at other sites all carry these)."""


@dataclass(frozen=True)
class Me:
    """This site as sync sees it."""

    id: str
    name: str
    site_type: str
    township_id: str | None
    township_name: str | None
    school_id: str | None
    school_name: str | None


def me(session: Session) -> Me:
    """This site's description (the one place it is read), or SyncError before the database was
    set up as a site."""
    site: Site | None = local_site(session)
    if site is None:
        raise SyncError("这个数据库还没有设置站点（kongchuo init），不能同步")
    town = session.get(Township, site.township_id) if site.township_id else None
    school = session.get(School, site.school_id) if site.school_id else None
    return Me(site.id, site.name, site.site_type, site.township_id, town.name if town else None,
              site.school_id, school.name if school else None)  # fmt: skip


def description(site: Any) -> dict[str, Any]:
    """The DESCRIPTION fields of this site (Me), a card or a peer row, to copy from one to another."""
    return {key: getattr(site, key) for key in DESCRIPTION}


def direction(mine: str, theirs: str) -> str:
    """ "up" when the peer is above this site, "down" when below."""
    return "up" if LEVEL[theirs] > LEVEL[mine] else "down"


def find_peer(session: Session, ref: str) -> SyncPeer:
    """The paired site named by id or name, or SyncError."""
    ref = (ref or "").strip()
    rows = session.execute(select(SyncPeer).where(or_(SyncPeer.site_id == ref, SyncPeer.name == ref))).scalars().all()
    if not rows:
        raise SyncError(f"没有已配对的站点“{ref}”；请先用 sync pair 导入对方的站点卡片")
    if len(rows) > 1:
        raise SyncError(f"有多个名为“{ref}”的已配对站点，请改用站点编号")
    return rows[0]


def version_vector(session: Session, site_id: str) -> dict[str, int]:
    """Per origin site, the highest clock this site has incorporated (its own: its clock)."""
    rows = session.execute(select(LocalState.key, LocalState.value).where(LocalState.key.like(f"{VV_PREFIX}%")))
    vv = {key[len(VV_PREFIX) :]: int(value) for key, value in rows}
    vv[site_id] = max(vv.get(site_id, 0), current_hlc(session))
    return vv


def absorb_vector(session: Session, mine: dict[str, int], theirs: dict[str, int], my_id: str) -> None:
    """Raise this site's version vector to include what the sender knew."""
    for site, clock in theirs.items():
        if site != my_id and int(clock) > mine.get(site, 0):
            put_local(session, VV_PREFIX + site, int(clock))
