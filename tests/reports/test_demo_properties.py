"""Properties over a demo database and a year of months: schools add up to their township and
townships to the city; one month's closing count is the next month's opening count (per grade,
and in September moved up one grade — 升级); every month adds up; the demo's past school years
are there to report on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.demo import create_demo
from kongchuo_desktop.services.reports.monthly import monthly_report
from kongchuo_desktop.services.reports.period import Period
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import StatusChange

TODAY = dt.date(2026, 11, 16)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    create_demo(path, students=1500, seed=3, today=TODAY)
    db = open_database(path)
    yield db
    db.close()


def test_closing_is_next_opening_over_a_year(demo_db) -> None:
    period = Period(2025, 10)
    previous = None
    moved = 0
    for _ in range(13):
        report = monthly_report(demo_db, DEMO_ADMIN, period, kind="changes", today=TODAY)
        assert report.adds_up, report.problem_line()
        rows = {r.label: r.values for r in report.changes.grade_rows}
        if previous is not None:
            assert rows["合计"]["opening"] == previous["合计"]["closing"]
            grades = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"]
            for i, grade in enumerate(grades):
                if period.month == 9:  # 升级: last August's grade g is this September's grade g+1
                    before = previous[grades[i - 1]]["closing"] if i else 0
                else:
                    before = previous[grade]["closing"]
                assert rows[grade]["opening"] == before, (period.key, grade)
        moved += rows["合计"]["add_total"] + rows["合计"]["remove_total"]
        previous = rows
        period = period.next()
    assert moved > 50  # the demo's history really moves pupils in these months


def test_units_add_up(demo_db) -> None:
    for month in ("2026-03", "2026-10"):
        city = monthly_report(demo_db, DEMO_ADMIN, month, today=TODAY)
        by_town = {r.label: r.values for r in city.changes.unit_rows}
        assert sum(v["closing"] for k, v in by_town.items() if k != "合计") == city.changes.total.values["closing"]
        dropouts_total = city.dropouts.total
        town_dropouts = {k: 0 for k in dropouts_total}
        for row in city.changes.unit_rows[:-1]:
            town = monthly_report(demo_db, DEMO_ADMIN, month, township=row.label, today=TODAY)
            assert town.changes.total.values == row.values
            schools = {r.label: r.values for r in town.changes.unit_rows}
            for key in ("opening", "add_total", "remove_total", "closing", "absent"):
                assert sum(v[key] for k, v in schools.items() if k != "合计") == row.values[key]
            for key, value in town.dropouts.total.items():
                town_dropouts[key] += value
        assert town_dropouts == dropouts_total


def test_the_demo_has_past_school_years(demo_db) -> None:
    """Three past school years for the city (eight for 金河镇): a graduating cohort every July,
    entrants every September, and the other 学籍异动 of those years."""
    for month in ("2024-07", "2025-07", "2026-07"):
        city = monthly_report(demo_db, DEMO_ADMIN, month, kind="changes", today=TODAY).changes.total.values
        assert city["graduate"] > 150, month
    for month in ("2019-07", "2022-07"):
        town = monthly_report(demo_db, DEMO_ADMIN, month, township="金河镇", kind="changes", today=TODAY)
        assert town.changes.total.values["graduate"] > 20, month
        assert town.adds_up
    september = monthly_report(demo_db, DEMO_ADMIN, "2018-09", township="金河镇", kind="changes", today=TODAY)
    assert september.changes.total.values["new"] > 20
    with demo_db.read_session() as session:
        kinds = dict(
            session.execute(
                select(StatusChange.kind, func.count())
                .where(StatusChange.changed_on < dt.date(2025, 9, 1))
                .group_by(StatusChange.kind)
            ).all()
        )
    for kind in ("转入", "转出", "休学", "复学", "辍学", "毕业", "死亡"):
        assert kinds.get(kind, 0) > 0, kind
