"""The same field edited at two sites: one conflict (same id) at both, the same winner, the choice syncs."""

from __future__ import annotations

from pathlib import Path

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import list_conflicts, resolve_conflict
from kongchuo_desktop.store.database import Database
from tests.sync.kit import add_student, dump, edit_student, exchange, student


def test_concurrent_edit_is_one_conflict_with_the_same_winner_everywhere(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s1, t1, bureau = sites["s1"], sites["t1"], sites["bureau"]
    pupil = add_student(s1, "王丽")
    exchange(s1, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    edit_student(s1, pupil, user="school_clerk", current_address="金河镇一街", note="学校写的")
    edit_student(t1, pupil, user="town_clerk", current_address="金河镇二街", grade=3)
    exchange(s1, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    at_school, at_town = list_conflicts(s1, SYSTEM), list_conflicts(t1, SYSTEM)
    assert len(at_school) == 1 and len(at_town) == 1
    a, b = at_school[0], at_town[0]
    assert a.id == b.id and a.field == "current_address"
    assert a.winner_value == b.winner_value and a.loser_value == b.loser_value
    assert {a.winner_value, a.loser_value} == {"金河镇一街", "金河镇二街"}
    assert {a.winner_user, a.loser_user} == {"school_clerk", "town_clerk"}
    # Non-conflicting fields of both edits survive at both sites.
    for db in (s1, t1):
        got = student(db, pupil)
        assert got.current_address == a.winner_value and got.note == "学校写的" and got.grade == 3
    # Take the losing value at the township: a new edit that wins everywhere; the resolution travels.
    resolve_conflict(t1, SYSTEM, a.id, "other")
    exchange(t1, s1, tmp_path)
    exchange(t1, bureau, tmp_path)
    exchange(s1, t1, tmp_path)
    for db in (s1, t1, bureau):
        assert student(db, pupil).current_address == a.loser_value
        assert list_conflicts(db, SYSTEM) == []
        assert [c.resolution for c in list_conflicts(db, SYSTEM, open_only=False)] == ["other"]
    assert dump(s1, within=s1) == dump(t1, within=s1) == dump(bureau, within=s1)


def test_sequential_edits_are_not_conflicts(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    pupil = add_student(s1, "李明")
    exchange(s1, t1, tmp_path)
    edit_student(t1, pupil, current_address="二街")
    exchange(t1, s1, tmp_path)
    edit_student(s1, pupil, current_address="三街")
    exchange(s1, t1, tmp_path)
    assert student(t1, pupil).current_address == "三街"
    assert list_conflicts(t1, SYSTEM) == [] and list_conflicts(s1, SYSTEM) == []
