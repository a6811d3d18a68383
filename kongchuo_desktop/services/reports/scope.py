"""Which unit a report covers (one school, one township, or the whole database = the city), checked
against the actor's permission and scope."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied
from kongchuo_desktop.store.models import School, Site, Township

CITY, TOWNSHIP, SCHOOL = "city", "township", "school"


@dataclass(frozen=True)
class Unit:
    """A school or township inside a report (for the per-unit summary)."""

    id: str | None
    name: str


@dataclass(frozen=True)
class ReportScope:
    """kind: city | township | school; id: the township or school id (None for the city);
    name: the unit's name (for the city: the city's name, else the site's); parts: the units the
    summary table breaks the report into (townships of the city, schools of a township; none for
    a school); township_id: the school's township for a school report."""

    kind: str
    id: str | None
    name: str
    parts: tuple[Unit, ...] = ()
    township_id: str | None = None

    @property
    def unit_label(self) -> str:
        """The 填报单位 line."""
        if self.kind == CITY:
            return f"{self.name}教育局"
        if self.kind == TOWNSHIP:
            return f"{self.name}教育办"
        return self.name


def resolve_scope(
    session: Session, actor: Actor, township: str | None = None, school: str | None = None
) -> ReportScope:
    """The report's unit from a township or school (name or id); by default the actor's own scope.

    Refuses (PermissionDenied) an actor without 查看报表 or a unit outside the actor's scope, and
    (NotFoundError) a name that does not exist.
    """
    actor.require(perms.REPORT_READ)
    if township and school:
        raise NotFoundError("请只指定乡镇或学校中的一个。")
    if school is None and township is None:
        if actor.school_id is not None:
            return _school_scope(session, actor, session.get(School, actor.school_id))
        if actor.township_id is not None:
            return _township_scope(session, actor, session.get(Township, actor.township_id))
        return _city_scope(session, actor)
    if school is not None:
        row = (
            session.get(School, school)
            or session.execute(
                select(School).where(School.name == school.strip(), School.deleted == false())
            ).scalar_one_or_none()
        )
        if row is None or row.deleted:
            raise NotFoundError(f"找不到学校“{school}”")
        return _school_scope(session, actor, row)
    assert township is not None
    town = (
        session.get(Township, township)
        or session.execute(
            select(Township).where(Township.name == township.strip(), Township.deleted == false())
        ).scalar_one_or_none()
    )
    if town is None or town.deleted:
        raise NotFoundError(f"找不到乡镇“{township}”")
    return _township_scope(session, actor, town)


def _school_scope(session: Session, actor: Actor, school: School | None) -> ReportScope:
    if school is None:
        raise NotFoundError("找不到您所在的学校。")
    if not actor.can_see_school(school.id, school.township_id):
        raise PermissionDenied(f"您只能查看本单位的报表，不能查看“{school.name}”的报表。")
    return ReportScope("school", school.id, school.name, township_id=school.township_id)


def _township_scope(session: Session, actor: Actor, town: Township | None) -> ReportScope:
    if town is None:
        raise NotFoundError("找不到您所在的乡镇。")
    if actor.school_id is not None or (actor.township_id is not None and actor.township_id != town.id):
        raise PermissionDenied(f"您只能查看本单位的报表，不能查看“{town.name}”的报表。")
    schools = session.execute(
        select(School.id, School.name)
        .where(School.township_id == town.id, School.deleted == false())
        .order_by(School.name)
    ).all()
    return ReportScope("township", town.id, town.name, tuple(Unit(i, n) for i, n in schools))


def _city_scope(session: Session, actor: Actor) -> ReportScope:
    if not actor.whole_site:
        raise PermissionDenied("您只能查看本单位的报表，不能查看全市汇总。")
    towns = session.execute(
        select(Township.id, Township.name, Township.city)
        .where(Township.deleted == false())
        .order_by(Township.code, Township.name)
    ).all()
    cities = {c for _, _, c in towns if c}
    if len(cities) == 1:
        name = cities.pop()
    else:
        site = session.execute(select(Site.name).where(Site.is_local.is_(True))).scalar_one_or_none()
        name = site or "全市"
    return ReportScope("city", None, name, tuple(Unit(i, n) for i, n, _ in towns))
