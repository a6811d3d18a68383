"""Field merge (pure): the later version wins either way round, concurrency is told from the vectors."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kongchuo_desktop.domain import hlc
from kongchuo_desktop.services.sync.merge import conflict_id, merge_row

FIELDS = ["name", "note"]


def row(born: int, site: str, clocks: dict, **values: object) -> dict:
    return {"id": "r", "born_hlc": born, "origin_site_id": site, "clocks": json.dumps(clocks) if clocks else None,
            "updated_at": None, "updated_by": None, **values}  # fmt: skip


def test_later_write_wins_and_concurrent_writes_conflict() -> None:
    base = row(10, "A", {}, name="甲", note=None)
    mine = row(10, "A", {"name": [20, "A", "a"]}, name="乙", note=None)
    theirs = row(10, "A", {"name": [30, "B", "b"]}, name="丙", note=None)
    # B had seen only the birth (10) of A: concurrent with A's write at 20.
    merged = merge_row(mine, theirs, FIELDS, sender_vv={"A": 10, "B": 30}, my_vv={"A": 20})
    assert merged.row is not None and merged.row["name"] == "丙"
    (c,) = merged.conflicts
    assert (c.winner, c.loser, c.loser_value, c.winner_user, c.loser_user) == ((30, "B"), (20, "A"), "乙", "b", "a")
    # Had B known A's write, it is a plain update.
    assert merge_row(mine, theirs, FIELDS, {"A": 20, "B": 30}, {"A": 20}).conflicts == []
    # The base row learns the newer value; merging a row with itself changes nothing.
    assert merge_row(base, theirs, FIELDS, {"A": 10, "B": 30}, {"A": 10}).row["name"] == "丙"
    assert merge_row(theirs, theirs, FIELDS, {}, {}).row is None


def test_conflict_id_is_symmetric() -> None:
    assert conflict_id("student", "r", "name", (1, "A"), (2, "B")) == conflict_id(
        "student", "r", "name", (2, "B"), (1, "A")
    )


versions = st.tuples(st.integers(1, 50), st.sampled_from("ABC"))


@given(st.lists(versions, min_size=1, max_size=4), st.lists(versions, min_size=1, max_size=4))
def test_merge_order_does_not_matter(left: list, right: list) -> None:
    def make(writes: list) -> dict:
        clocks, values = {}, {"name": None, "note": None}
        for i, (clock, site) in enumerate(writes):  # one version is one write: its value follows from it
            field = FIELDS[i % 2]
            clocks[field] = [clock + 100 * i, site]
            values[field] = f"{field}{clock + 100 * i}{site}"
        return row(5, "A", clocks, **values)

    a, b = make(left), make(right)
    ab = merge_row(a, b, FIELDS, {}, {}).row or a
    ba = merge_row(b, a, FIELDS, {}, {}).row or b
    assert {k: ab[k] for k in FIELDS} == {k: ba[k] for k in FIELDS}
    assert json.loads(ab["clocks"] or "{}") == json.loads(ba["clocks"] or "{}")


def test_clock_is_monotonic_and_passes_remote() -> None:
    assert hlc.tick(10, now_ms=0) == 11
    assert hlc.receive(10, 500, now_ms=0) == 501
    assert hlc.tick(0, now_ms=5) == 5 << 16
