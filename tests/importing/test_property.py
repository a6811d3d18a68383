"""Property: valid rows shuffled with injected bad rows yield exactly the injected rejections."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo_desktop.domain.id_number import check_char
from kongchuo_desktop.importing import parse_file
from tests.importing.conftest import Files
from tests.importing.importing_kit import ROSTER_HEADER, TODAY, make_id, roster_row, with_bad_check


def _bad_row(kind: str, i: int) -> list:
    row = roster_row(i)
    if kind == "id_checksum":
        row[8], row[9] = with_bad_check(row[8]), ""
    elif kind == "id_date":
        first17 = row[8][:10] + "13" + row[8][12:17]
        row[8], row[9] = first17 + check_char(first17), ""
    elif kind == "id_format":
        row[8], row[9] = row[8][:12], ""
    elif kind == "id_excel":
        row[8], row[9] = "1.50785E+17", ""
    elif kind == "missing_field":
        row[4] = ""
    elif kind == "sex_mismatch":
        row[5] = "女"
    elif kind == "birth_mismatch":
        row[6] = (dt.date.fromisoformat(row[6]) + dt.timedelta(days=1)).strftime("%Y.%m.%d")
    elif kind == "student_no_mismatch":
        row[9] = "G" + make_id(dt.date(2012, 12, 12), i)
    elif kind == "bad_value":
        row[2] = "高九"
    return row


REASON = {"id_excel": "id_format"}
KINDS = [
    "id_checksum",
    "id_date",
    "id_format",
    "id_excel",
    "missing_field",
    "sex_mismatch",
    "birth_mismatch",
    "student_no_mismatch",
    "bad_value",
    "duplicate",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    valid=st.integers(min_value=1, max_value=25),
    bad=st.lists(st.sampled_from(KINDS), max_size=12),
    blanks=st.integers(min_value=0, max_value=3),
    fmt=st.sampled_from(["csv", "xlsx"]),
    seed=st.randoms(use_true_random=False),
)
def test_injected_rows_are_exactly_the_rejections(valid, bad, blanks, fmt, seed):
    entries: list[tuple[str, list]] = [("valid", roster_row(i)) for i in range(1, valid + 1)]
    next_index = 100
    for kind in bad:
        next_index += 1
        if kind == "duplicate":
            original = seed.choice([e for e in entries if e[0] == "valid"])
            copy = roster_row(next_index)
            copy[8], copy[9] = original[1][8], ""
            copy[6] = original[1][6]
            entries.append(("duplicate", copy))
        else:
            entries.append((kind, _bad_row(kind, next_index)))
    entries += [("blank", [""] * len(ROSTER_HEADER)) for _ in range(blanks)]
    seed.shuffle(entries)

    expected: dict[int, str] = {}
    duplicated_ids: dict[str, list[int]] = {}
    for line, (kind, row) in enumerate(entries, start=2):
        if kind in ("valid", "duplicate"):
            duplicated_ids.setdefault(row[8], []).append(line)
        if kind not in ("valid", "blank", "duplicate"):
            expected[line] = REASON.get(kind, kind)
    for lines in duplicated_ids.values():
        if len(lines) > 1:
            for line in lines:
                expected[line] = "duplicate"

    with tempfile.TemporaryDirectory() as folder:
        files = Files(Path(folder))
        rows = [ROSTER_HEADER] + [row for _, row in entries]
        path = files.csv("p.csv", rows, encoding="gbk") if fmt == "csv" else files.xlsx("p.xlsx", rows)
        parsed = parse_file(path, "roster", today=TODAY)

    got = {r.row: r.reason for r in parsed.rejected}
    assert len(parsed.rejected) == len(got), parsed.rejected  # one reason per injected row
    assert got == expected
    people = len(entries) - blanks
    assert parsed.data_rows == people
    assert parsed.valid == people - len(expected)
    assert {r.excel_row for r in parsed.records}.isdisjoint(expected)
