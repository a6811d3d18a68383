"""Computed indicators and dashboards are kept per data version: asked again with nothing written
they are not computed again; a 学籍异动 or a definition change computes them afresh, with the new
figures; scopes, school years and days are kept apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import dashboard as dash
from kongchuo_desktop.services import indicator_settings
from kongchuo_desktop.services import indicators as si
from kongchuo_desktop.services.indicators import compute_indicators, indicator_breakdown
from kongchuo_desktop.services.status_changes import StatusChangeRequest, record_status_change
from tests.indicators.conftest import TODAY, YEAR


@pytest.fixture
def dropout(tmp_path: Path) -> StatusChangeRequest:
    """b1 (金河镇, on roll since 1 September) drops out on 4 May 2026, with a scanned proof."""
    proof = tmp_path / "证明.jpg"
    proof.write_bytes(b"\xff\xd8 scan")
    return StatusChangeRequest("辍学", dt.date(2026, 5, 4), "家长外出务工带走", proof_files=[proof])


def test_a_result_is_kept_until_a_write(idb, actors, world, loads, dropout):
    admin = actors["admin"]
    first = compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY)
    assert compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY) is first
    assert loads == [(world.jinhe, None)]
    assert first[ind.DROPOUT].formula == "辍学率 = 期末仍辍学人数 1 / 学年初在籍 9 = 11.11%"
    record_status_change(idb, admin, world.pupils["b1"], dropout)  # one more dropout
    after = compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY)
    assert len(loads) == 2
    assert after[ind.DROPOUT].formula == "辍学率 = 期末仍辍学人数 2 / 学年初在籍 9 = 22.22%"
    assert compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY) is after
    assert len(loads) == 2


def test_a_definition_change_computes_afresh(idb, actors, world, loads):
    admin = actors["admin"]
    before = compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY)
    indicator_settings.save_definitions(idb, admin, {"dropouts_still_out": False})
    after = compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY)
    assert len(loads) == 2
    assert before[ind.DROPOUT].formula == "辍学率 = 期末仍辍学人数 1 / 学年初在籍 9 = 11.11%"
    assert after[ind.DROPOUT].formula == "辍学率 = 期内辍学人数 2 / 学年初在籍 9 = 22.22%"


def test_scopes_years_and_days_are_kept_apart(idb, actors, world, loads):
    admin = actors["admin"]
    town = compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=TODAY)
    school = compute_indicators(idb, admin, YEAR, school_id=world.schools["A"], today=TODAY)
    earlier = compute_indicators(idb, admin, YEAR - 1, township_id=world.jinhe, today=TODAY)
    sooner = compute_indicators(idb, admin, YEAR, township_id=world.jinhe, today=dt.date(2025, 12, 31))
    assert len(loads) == 4
    assert (town.scope, school.scope) == ("金河镇", "金河镇中心学校")
    assert earlier.period.year == YEAR - 1 and sooner.period.end == dt.date(2025, 12, 31)
    # a3 dropped out in November and is still out at the end of December; a4 came back on 1 December.
    assert sooner[ind.DROPOUT].numerator == 1 and town[ind.DROPOUT].numerator == 1
    assert earlier.indicators != town.indicators and earlier.period.label == "2024-2025学年"
    # The township actor's whole scope is 金河镇: the same figures, computed for that actor too.
    mine = compute_indicators(idb, actors["township"], YEAR, today=TODAY)
    assert mine.indicators == town.indicators


def test_the_dashboard_and_its_table_come_from_one_reading_and_are_kept(idb, actors, world, loads, dropout):
    admin = actors["admin"]
    steps: list[tuple[int, int, str]] = []
    figures, rows = dash.dashboard_and_breakdown(idb, admin, TODAY, YEAR, lambda *step: steps.append(step))
    assert loads == [(None, None)]
    assert [done for done, _total, _text in steps] == [0, 1, 2, 3] and steps[0][2]
    assert rows == indicator_breakdown(idb, admin, YEAR, TODAY)
    assert dash.build_dashboard(idb, admin, TODAY, YEAR) is figures
    steps.clear()
    assert dash.dashboard_and_breakdown(idb, admin, TODAY, YEAR, lambda *step: steps.append(step))[0] is figures
    assert loads == [(None, None)] and steps == []
    # The figures equal what is computed afresh (nothing kept) ...
    si.results_cache(idb).clear()
    fresh, fresh_rows = dash.dashboard_and_breakdown(idb, admin, TODAY, YEAR)
    assert fresh == figures and fresh_rows == rows and len(loads) == 2
    # ... and a write computes them again, with the new figures.
    record_status_change(idb, admin, world.pupils["b1"], dropout)
    changed = dash.build_dashboard(idb, admin, TODAY, YEAR)
    assert len(loads) == 3
    assert changed.tiles[ind.DROPOUT].numerator == figures.tiles[ind.DROPOUT].numerator + 1  # type: ignore[operator]
    may = [i for i, month in enumerate(changed.months) if (month.year, month.month) == (2026, 5)]
    assert sum(s.values[may[0]] for s in changed.dropouts) == sum(s.values[may[0]] for s in figures.dropouts) + 1


def test_the_cache_keeps_one_version_and_a_bounded_number_of_results():
    cache = si.ResultCache()
    cache.put((1, 10), ("a",), "A")
    assert cache.get((1, 10), ("a",)) == "A" and cache.get((2, 11), ("a",)) is None
    cache.put((2, 11), ("b",), "B")
    assert cache.get((1, 10), ("a",)) is None and cache.get((2, 11), ("a",)) is None
    for n in range(si.CACHE_SIZE + 5):
        cache.put((2, 11), ("n", n), n)
    assert cache.get((2, 11), ("n", 0)) is None and cache.get((2, 11), ("n", si.CACHE_SIZE + 4)) == si.CACHE_SIZE + 4
