"""Sync test kit: seven sites (a bureau, two townships, four schools), copies, canonical dumps, exchanges."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sites import init_site
from kongchuo_desktop.services.sync import ImportResult, export_package, import_file, make_site_card, pair_site
from kongchuo_desktop.services.sync.export import sync_tables
from kongchuo_desktop.services.sync.policy import POLICY
from kongchuo_desktop.services.sync.scope import ScopeFilter, scope_of
from kongchuo_desktop.store.changes import install_change_tracking
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.models import School, Site, Student

SITES: dict[str, tuple[str, str, str | None, str | None]] = {
    "bureau": ("根河市教育局", "bureau", None, None),
    "t1": ("金河镇教育办", "township", "金河镇", None),
    "t2": ("满归镇教育办", "township", "满归镇", None),
    "s1": ("金河镇中心学校", "school", "金河镇", "金河镇中心学校"),
    "s2": ("金河镇第二小学", "school", "金河镇", "金河镇第二小学"),
    "s3": ("满归镇中心学校", "school", "满归镇", "满归镇中心学校"),
    "s4": ("满归镇第二小学", "school", "满归镇", "满归镇第二小学"),
}
PARENT = {"t1": "bureau", "t2": "bureau", "s1": "t1", "s2": "t1", "s3": "t2", "s4": "t2"}


def build_templates(folder: Path, *, synced: bool = False) -> Path:
    """Seven initialised site databases in `folder`, each paired with its parent; `synced`: they
    have also exchanged packages and receipts up and down once (every site holds the shared rows)."""
    dbs = {}
    for key, (name, kind, town, school) in SITES.items():
        db = open_database(folder / f"{key}.sqlite", create=True)
        init_site(db, name, kind, township=town, school=school)
        make_site_card(db, SYSTEM, folder / f"{key}.card")
        dbs[key] = db
    for child, parent in PARENT.items():
        pair_site(dbs[child], SYSTEM, folder / f"{parent}.card")
        pair_site(dbs[parent], SYSTEM, folder / f"{child}.card")
    if synced:
        ups = [("s1", "t1"), ("s2", "t1"), ("s3", "t2"), ("s4", "t2"), ("t1", "bureau"), ("t2", "bureau")]
        for a, b in ups + [(b, a) for a, b in reversed(ups)]:
            exchange(dbs[a], dbs[b], folder)
    for db in dbs.values():
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return folder


_loaded: dict[Path, sqlite3.Connection] = {}


def memory_copy(path: Path) -> Database:
    """An in-memory copy of a site database (cheap: for the simulation's many schedules)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    src = _loaded.get(path)
    if src is None:
        src = _loaded[path] = sqlite3.connect(":memory:", check_same_thread=False)
        with sqlite3.connect(path) as disk:
            disk.backup(src)
    src.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.execute("PRAGMA foreign_keys = ON")

    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    install_change_tracking(sessions)
    db = Database(path, engine, sessions)
    with db.sessions() as session:
        db.extra["site_id"] = session.execute(select(Site.id).where(Site.is_local.is_(True))).scalar_one()
    return db


def dump(db: Database, within: Database | None = None) -> dict[str, dict[str, tuple]]:
    """Every travelling row (stored values, no change_seq) of `db`, restricted to the scope of site
    `within` (None: all rows) — the canonical form two converged sites must agree on."""
    scope_site = None
    if within is not None:
        with within.read_session() as s:
            scope_site = s.execute(select(Site).where(Site.is_local.is_(True))).scalar_one()
    out: dict[str, dict[str, tuple]] = {}
    with db.read_session() as session:
        filt = None
        if scope_site is not None and scope_site.site_type != "bureau":
            filt = ScopeFilter(
                session, scope_of(session, scope_site.site_type, scope_site.school_id, scope_site.township_id)
            )
        conn = session.connection()
        for name in sync_tables():
            if scope_site is not None and POLICY[name].kind == "up_only":
                continue
            cur = conn.exec_driver_sql(f'SELECT * FROM "{name}"')
            keys = list(cur.keys())
            rows = [dict(zip(keys, r, strict=True)) for r in cur]
            if filt is not None:
                rows = filt.filter(name, rows)
            cols = sorted(k for k in keys if k != "change_seq")  # values in column-name order
            out[name] = {r["id"]: tuple(r[k] for k in cols) for r in rows}
    return out


def whole_dump(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table (local ones too), to prove a refused file changed nothing."""
    with db.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {n: sorted(map(tuple, conn.exec_driver_sql(f'SELECT * FROM "{n}"').all()), key=repr) for n in names}


_n = itertools.count()


def send(src: Database, dst: Database, folder: Path, *, full: bool = False) -> Path:
    """Export the next package from src for dst; returns the file."""
    path = folder / f"pkg-{next(_n)}.kcsync"
    export_package(src, SYSTEM, dst.extra["site_id"], path, full=full)
    return path


def receive(dst: Database, package: Path, folder: Path) -> tuple[ImportResult, Path]:
    """Import a package at dst, writing a receipt; returns the result and the receipt."""
    receipt = folder / f"rcpt-{next(_n)}.kcsync"
    return import_file(dst, SYSTEM, package, receipt_out=receipt), receipt


def exchange(src: Database, dst: Database, folder: Path) -> ImportResult:
    """One full round: package src → dst, receipt dst → src."""
    result, receipt = receive(dst, send(src, dst, folder), folder)
    import_file(src, SYSTEM, receipt)
    return result


def reseal(src: Database, dst: Database, package: Path, edit: Any) -> Path:
    """Rewrite a package src made for dst as src could have made it: `edit(body)` changes the
    decrypted body in place; the result is signed and encrypted again with the sites' real keys."""
    import json

    from kongchuo_desktop.services.sync import envelope
    from kongchuo_desktop.services.sync.keys import site_keys

    env = envelope.parse(package.read_bytes())
    with dst.transaction() as session:
        body = json.loads(envelope.open_body(env, site_keys(session, dst.extra["site_id"])))
        box_public = site_keys(session, dst.extra["site_id"]).box_public
    edit(body)
    head = {k: env.header[k] for k in ("kind", "sender", "sender_name", "recipient", "number")}
    with src.transaction() as session:
        data = envelope.seal(site_keys(session, src.extra["site_id"]), box_public, head, json.dumps(body).encode())
    package.write_bytes(data)
    return package


def add_student(db: Database, name: str, *, school: str | None = None, user: str = "tester") -> str:
    """A new pupil at the site's school (or the named one); returns its id."""
    with db.transaction(user=user) as session:
        stmt = select(School) if school is None else select(School).where(School.name == school)
        sch = session.execute(stmt).scalars().first()
        assert sch is not None
        row = Student(
            name=name, sex="女", school_id=sch.id, township_id=sch.township_id, birth_date=dt.date(2015, 3, 1)
        )
        session.add(row)
        session.flush()
        return row.id


def edit_student(db: Database, student_id: str, user: str = "tester", **values: object) -> None:
    """Change fields of a pupil through the ORM (stamped like every service write)."""
    with db.transaction(user=user) as session:
        row = session.get(Student, student_id)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)


def student(db: Database, student_id: str) -> Student | None:
    """The pupil as stored at a site."""
    with db.read_session() as session:
        return session.get(Student, student_id)


def last_change(db: Database) -> int:
    """The highest change_seq of any travelling row except audit entries (one query)."""
    names = [n for n in sync_tables() if n != "audit_entry"]
    probe = " UNION ALL ".join(f'SELECT max(change_seq) FROM "{n}"' for n in names)
    with db.engine.connect() as conn:
        return max((v or 0) for (v,) in conn.exec_driver_sql(probe))
