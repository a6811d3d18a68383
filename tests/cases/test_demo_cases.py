"""Demo casework: every stage present, and every case's stored state is what its event log replays to."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.case_settings import calendar_book, load_rules
from kongchuo_desktop.services.cases import case_state
from kongchuo_desktop.services.demo import create_demo
from kongchuo_desktop.services.demo_cases import SCENARIOS, add_demo_cases
from kongchuo_desktop.services.todo import build_todo
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import Case, CaseEvent

TODAY = dt.date(2025, 11, 14)


def test_demo_cases_cover_every_stage_and_replay(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    create_demo(path, students=300, seed=5, today=TODAY, cases=False)
    db = open_database(path)
    try:
        summary = add_demo_cases(db, seed=5, today=TODAY)
        assert set(summary.scenarios) == set(SCENARIOS)
        assert summary.cases > len(SCENARIOS) and summary.visits and summary.notices and summary.referrals
        todo = build_todo(db, DEMO_ADMIN, TODAY)
        counts = {g.key: g.count for g in todo.groups}
        assert counts["visits_overdue"] and counts["reports"] and counts["notices"] and counts["stale"]
        assert counts["to_close"]
        with db.read_session() as session:
            rules = load_rules(session)
            for case in session.execute(select(Case)).scalars():
                rows = session.execute(
                    select(CaseEvent.data).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
                ).scalars()
                events = [esc.Event.from_dict(json.loads(d)) for d in rows]
                replayed = esc.replay(events, calendar_book(session, case.school_id), rules)
                assert replayed == case_state(case), case.number
                assert esc.check_state(replayed) == []
                assert (case.next_due_on is not None) == case.is_open
    finally:
        db.close()
