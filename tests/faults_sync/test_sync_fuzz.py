"""Fuzzing sync files: over 1,000 mutated packages and receipts per run, each refused with a Chinese
reason (SyncError only) and the database unchanged.

Two layers. The bytes of real files are flipped, inserted, deleted, truncated, extended and
swapped between files (the signature must catch every one). Then, to reach the parsers behind the
signature, bad content is sealed correctly with the sender's own keys (services.sync.envelope.seal,
or tests' seal_packed for a corrupt compressed body): broken JSON, wrong types or missing fields in
the header, manifest, tables, columns and rows, unknown tables and columns, cells of the wrong type,
broken clocks, references to rows the recipient does not have, huge numbers, bad attachment blobs,
and receipts naming nothing sent. A sample goes through `kongchuo sync import` (exit 1 or 2).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import SyncError, import_file
from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.store.database import Database, open_database
from tests.faults_sync import kit
from tests.sync.kit import add_student, edit_student, whole_dump

SIG = 64


@dataclass(repr=False)
class Material:
    """Two paired sites (s1 sends, t1 receives) and the real files the mutations start from.

    package/package2: s1's packages 1 and 2 for t1 (not imported there); receipt: t1's receipt
    for package 1, for s1 (not imported there); body: package 1's decrypted body.
    """

    folder: Path
    s1: Database
    t1: Database
    package: bytes
    package2: bytes
    receipt: bytes
    body: dict[str, Any]
    up: kit.Sender
    down: kit.Sender
    n: int = 0

    def __repr__(self) -> str:
        return f"Material({self.folder})"

    def file(self, data: bytes) -> Path:
        self.n += 1
        path = self.folder / "cases" / f"case{self.n}.kcsync"
        path.write_bytes(data)
        return path


@pytest.fixture(scope="module")
def material(site_files: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Material]:
    folder = tmp_path_factory.mktemp("sync-fuzz")
    sites = folder / "sites"
    sites.mkdir()
    for key in ("s1", "t1"):
        shutil.copyfile(site_files / f"{key}.sqlite", sites / f"{key}.sqlite")
    (folder / "cases").mkdir()
    s1, t1 = open_database(sites / "s1.sqlite"), open_database(sites / "t1.sqlite")
    pupils = [add_student(s1, name) for name in ("王小丽", "阿依古丽", "张𠮷")]
    edit_student(s1, pupils[0], note="转入")
    one, two = folder / "one.kcsync", folder / "two.kcsync"
    from kongchuo_desktop.services.sync import export_package

    export_package(s1, SYSTEM, t1.extra["site_id"], one)
    add_student(s1, "李四")
    export_package(s1, SYSTEM, t1.extra["site_id"], two)
    # The receipt comes from a copy of t1 that imported package 1 (t1 itself stays untouched).
    shutil.copyfile(sites / "t1.sqlite", folder / "t1b.sqlite")
    t1b = open_database(folder / "t1b.sqlite")
    import_file(t1b, SYSTEM, one, receipt_out=folder / "receipt.kcsync")
    t1b.close()
    up, down = kit.sender(s1, t1), kit.sender(t1, s1)
    data = one.read_bytes()
    m = Material(folder, s1, t1, data, two.read_bytes(), (folder / "receipt.kcsync").read_bytes(), up.open(data),
                 up, down)  # fmt: skip
    before = {"s1": whole_dump(s1), "t1": whole_dump(t1)}
    yield m
    # However many cases ran, neither site changed at all.
    assert whole_dump(s1) == before["s1"]
    assert whole_dump(t1) == before["t1"]
    s1.close()
    t1.close()


def _refused(m: Material, db: Database, data: bytes) -> str:
    """Import `data` at `db`: it must be refused with a Chinese reason and nothing committed."""
    path = m.file(data)
    with kit.watching(db.path) as watch:
        try:
            result = import_file(db, SYSTEM, path)
        except SyncError as exc:
            message = str(exc)
        else:
            raise AssertionError(f"accepted: {result.lines()}")
        assert not watch.changed(), f"refused ({message}) but the database was written"
    assert kit.is_chinese_message(message), repr(message)
    path.unlink()
    return message


# --- the bytes of real files ---------------------------------------------------------------------------


def _regions(data: bytes) -> dict[str, tuple[int, int]]:
    from kongchuo_desktop.services.sync import envelope

    start = len(envelope.MAGIC) + 4
    size = int.from_bytes(data[len(envelope.MAGIC) : start], "big")
    return {"magic": (0, start), "header": (start, start + size), "body": (start + size, len(data) - SIG),
            "signature": (len(data) - SIG, len(data))}  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """One damage to a file: flip / insert / delete bytes in a region, truncate, append, overwrite."""
    regions = _regions(data)
    op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "append", "overwrite"]))
    lo, hi = regions[draw(st.sampled_from(sorted(regions)))]
    at = draw(st.integers(lo, hi - 1))
    if op == "flip":
        out = bytearray(data)
        for offset in {0, *draw(st.lists(st.integers(1, 31), max_size=3))}:
            if at + offset < len(out):
                out[at + offset] ^= draw(st.integers(1, 255))
        return bytes(out)
    if op == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
    if op == "delete":
        return data[:at] + data[at + draw(st.integers(1, 200)) :]
    if op == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if op == "append":
        return data + draw(st.binary(min_size=1, max_size=100))
    new = draw(st.binary(min_size=1, max_size=64))
    if data[at : at + len(new)] == new[: len(data) - at]:
        new = bytes(b ^ 0xFF for b in new)
    return data[:at] + new + data[at + len(new) :]


def fuzz(n: int) -> Any:
    """Hypothesis settings for `n` examples: no deadline, reproducible, no example database."""
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))  # fmt: skip


@fuzz(300)
@given(data=st.data())
def test_damaged_package_bytes_are_refused(material: Material, data: st.DataObject) -> None:
    _refused(material, material.t1, data.draw(mutated(material.package)))


@fuzz(150)
@given(data=st.data())
def test_damaged_receipt_bytes_are_refused(material: Material, data: st.DataObject) -> None:
    _refused(material, material.s1, data.draw(mutated(material.receipt)))


def test_sections_swapped_between_files_are_refused(material: Material) -> None:
    one, two, receipt = material.package, material.package2, material.receipt
    r1, r2, rr = _regions(one), _regions(two), _regions(receipt)

    def part(data: bytes, regions: dict[str, tuple[int, int]], name: str) -> bytes:
        lo, hi = regions[name]
        return data[lo:hi]

    frame = one[: r1["header"][0]]
    swaps = {
        "signature of package 2": one[:-SIG] + two[-SIG:],
        "body of package 2": one[: r1["body"][0]] + part(two, r2, "body") + one[-SIG:],
        "header of package 2": frame + part(two, r2, "header") + one[r1["body"][0] :],
        "header and signature of package 2": frame + part(two, r2, "header") + part(one, r1, "body") + two[-SIG:],
        "body of the receipt": one[: r1["body"][0]] + part(receipt, rr, "body") + one[-SIG:],
        "receipt's signature": one[:-SIG] + receipt[-SIG:],
        "two packages in one file": one + two,
        "body twice": one[: r1["body"][1]] + part(one, r1, "body") + one[-SIG:],
    }
    for name, data in swaps.items():
        assert data != one, name
        _refused(material, material.t1, data)
    _refused(material, material.s1, receipt[: rr["body"][0]] + part(one, r1, "body") + receipt[-SIG:])


# --- bad content inside correctly signed and encrypted files --------------------------------------------

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), st.text(max_size=12),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
)  # fmt: skip
HUGE = st.integers(2**63, 2**80)


def _int_ok(v: Any) -> bool:
    return type(v) is int and 0 <= v < 2**63


def _junk_int() -> st.SearchStrategy[Any]:
    """Anything but an integer a database column can hold (also numbers beyond 64 bits)."""
    return st.one_of(JUNK.filter(lambda v: not _int_ok(v)), HUGE)


def _date_ok(v: Any, kind: type) -> bool:
    if not isinstance(v, str):
        return False
    try:
        kind.fromisoformat(v)  # type: ignore[attr-defined]
    except ValueError:
        return False
    return True


def _junk_for(column: Any) -> st.SearchStrategy[Any]:
    """A JSON value of the wrong type for this column (None only where the column refuses NULL)."""
    from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer

    kind = column.type
    nulls = st.nothing() if column.nullable else st.none()
    if column.name == "clocks":
        return st.one_of(JUNK.filter(lambda v: v is not None and not isinstance(v, str)), st.sampled_from([
            "{", "[]", "1", '"x"', '{"name": 5}', '{"name": [1]}', '{"name": ["x", "s"]}', '{"name": [1, 2]}',
            '{"name": [1, "s", 3]}', '{"name": {"a": 1}}', "null", '{"name": [1, "s", "u", 4]}',
        ]))  # fmt: skip
    if isinstance(kind, Boolean):
        return st.one_of(nulls, JUNK.filter(lambda v: v is not None and not isinstance(v, bool)))
    if isinstance(kind, Integer | BigInteger):
        beyond = st.one_of(HUGE, HUGE.map(lambda v: -v - 1))
        if column.name == "born_hlc":  # a clock: never negative
            beyond = st.one_of(beyond, st.integers(-(2**40), -1))
        return st.one_of(nulls, beyond, JUNK.filter(lambda v: v is not None and type(v) is not int))
    if isinstance(kind, DateTime):
        return st.one_of(nulls, JUNK.filter(lambda v: v is not None and not _date_ok(v, dt.datetime)))
    if isinstance(kind, Date):
        return st.one_of(nulls, JUNK.filter(lambda v: v is not None and not _date_ok(v, dt.date)))
    return st.one_of(nulls, JUNK.filter(lambda v: v is not None and not isinstance(v, str)))


MANIFEST_INTS = ("number", "schema", "from_seq", "to_seq", "covers_from")


@st.composite
def bad_manifest(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(body)
    man = out["manifest"]
    field = draw(st.sampled_from([*MANIFEST_INTS, "vv", "sender", "recipient", "manifest"]))
    if field == "manifest":
        out["manifest"] = draw(JUNK.filter(lambda v: not isinstance(v, dict)) | st.just({}))
    elif draw(st.booleans()) and field in ("number", "sender", "recipient", "vv"):
        del man[field]
    elif field in MANIFEST_INTS:
        man[field] = draw(_junk_int() if field != "number" else st.one_of(_junk_int(), st.integers(-5, 0)))
    elif field == "vv":
        man["vv"] = draw(st.one_of(
            JUNK.filter(lambda v: v is not None and not isinstance(v, dict)),
            st.dictionaries(st.text(max_size=4), _junk_int(), min_size=1, max_size=2),
        ))  # fmt: skip
    else:
        man[field] = draw(JUNK.filter(lambda v: v != man[field]))
    return out


@st.composite
def bad_tables(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    """Wrong shapes: tables, one table, its columns and rows; unknown tables and columns."""
    out = copy.deepcopy(body)
    tables = out["tables"]
    name = draw(st.sampled_from(sorted(tables)))
    part = tables[name]
    what = draw(st.sampled_from(["tables", "part", "columns", "no id", "unknown column", "duplicate column",
                                 "rows", "row", "row length", "unknown table"]))  # fmt: skip
    if what == "tables":
        out["tables"] = draw(JUNK.filter(lambda v: v is not None and not isinstance(v, dict)))
    elif what == "part":
        tables[name] = draw(JUNK.filter(lambda v: not isinstance(v, dict)))
    elif what == "columns":
        part["columns"] = draw(st.one_of(
            JUNK.filter(lambda v: not isinstance(v, list)),
            st.lists(JUNK.filter(lambda v: not isinstance(v, str)), min_size=1, max_size=3).map(lambda x: ["id", *x]),
        ))  # fmt: skip
    elif what == "no id":
        i = part["columns"].index("id")
        part["columns"] = part["columns"][:i] + part["columns"][i + 1 :]
        part["rows"] = [row[:i] + row[i + 1 :] for row in part["rows"]]
    elif what == "unknown column":
        col = draw(st.text(min_size=1, max_size=10).filter(lambda c: c not in {c.name for c in table_of(name).c}))
        part["columns"].append(col)
        part["rows"] = [[*row, draw(JUNK)] for row in part["rows"]]
    elif what == "duplicate column":
        col = draw(st.sampled_from([c for c in part["columns"] if c != "id"]))
        part["columns"].append(col)
        part["rows"] = [[*row, row[part["columns"].index(col)]] for row in part["rows"]]
    elif what == "rows":
        part["rows"] = draw(JUNK.filter(lambda v: v is not None and not isinstance(v, list)) | st.just([[]]))
    elif what == "row":
        i = draw(st.integers(0, len(part["rows"]) - 1))
        part["rows"][i] = draw(JUNK.filter(lambda v: not isinstance(v, list)))
    elif what == "row length":
        i = draw(st.integers(0, len(part["rows"]) - 1))
        row = part["rows"][i]
        part["rows"][i] = row[: draw(st.integers(0, len(row) - 1))] if draw(st.booleans()) else [*row, draw(JUNK)]
    else:
        unknown = draw(st.text(min_size=1, max_size=12).filter(lambda t: t not in tables))
        tables[unknown] = draw(st.just(copy.deepcopy(part)) | JUNK)
    return out


@st.composite
def bad_cell(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    """One cell of the wrong type for its column (ids, clocks and clocks' parts included)."""
    out = copy.deepcopy(body)
    tables = out["tables"]
    name = draw(st.sampled_from(sorted(tables)))
    part = tables[name]
    t = table_of(name)
    col = draw(st.sampled_from(part["columns"]))
    i = draw(st.integers(0, len(part["rows"]) - 1))
    j = part["columns"].index(col)
    if col == "id":
        value = draw(JUNK.filter(lambda v: not isinstance(v, str)) | st.just(""))
    else:
        value = draw(_junk_for(t.c[col]))
    part["rows"][i][j] = value
    return out


@st.composite
def dangling(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    """A new pupil pointing at a school, township or teacher the recipient does not have."""
    out = copy.deepcopy(body)
    part = out["tables"]["student"]
    col = draw(st.sampled_from(["school_id", "township_id", "hukou_township_id", "guardian_teacher_id"]))
    i = draw(st.integers(0, len(part["rows"]) - 1))
    part["rows"][i][part["columns"].index(col)] = draw(st.text("0123456789abcdef", min_size=32, max_size=32))
    return out


@st.composite
def bad_blobs(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(body)
    data = draw(st.binary(min_size=1, max_size=50))
    sha = hashlib.sha256(data).hexdigest()
    good = __import__("base64").b64encode(data).decode()
    out["blobs"] = draw(st.sampled_from([
        [1], "x", 5, {sha: 5}, {sha: None}, {sha: "!!!"}, {sha: good[:-1] + "*"}, {"not-a-sha": good},
        {hashlib.sha256(data + b"x").hexdigest(): good}, {sha: [good]},
    ]))  # fmt: skip
    return out


@st.composite
def raw_body(draw: st.DrawFn, body: dict[str, Any]) -> bytes:
    """Bytes that are not a package body: not UTF-8, not JSON, JSON of the wrong shape."""
    text = json.dumps(body, ensure_ascii=False).encode()
    return draw(st.one_of(
        st.binary(max_size=200),
        st.just(text[: len(text) // 2]),
        st.just(b"\xff\xfe" + text),
        JUNK.filter(lambda v: not isinstance(v, dict)).map(lambda v: json.dumps(v).encode()),
        st.just(json.dumps({"tables": body["tables"]}).encode()),
        st.just(b'{"manifest": ' * 5000),  # deeply nested, never closed
        st.just(b"[" * 100_000 + b"]" * 100_000),  # deeper than the JSON parser's recursion limit
    ))  # fmt: skip


@st.composite
def bad_packed(draw: st.DrawFn, body: dict[str, Any]) -> bytes:
    """A corrupt compressed body (encrypted and signed correctly around it)."""
    packed = zlib.compress(json.dumps(body).encode(), 6)
    how = draw(st.sampled_from(["random", "truncated", "flipped", "plain", "bomb"]))
    if how == "random":
        return draw(st.binary(min_size=0, max_size=300))
    if how == "truncated":
        return packed[: draw(st.integers(0, len(packed) - 1))]
    if how == "flipped":
        at = draw(st.integers(0, len(packed) - 1))
        return packed[:at] + bytes([packed[at] ^ draw(st.integers(1, 255))]) + packed[at + 1 :]
    if how == "plain":
        return json.dumps(body).encode()
    return zlib.compress(b" " * 2_000_000 + b"x", 9)  # 2 MB of blanks: not JSON once inflated


@fuzz(500)
@given(data=st.data())
def test_bad_content_in_a_correctly_signed_package_is_refused(material: Material, data: st.DataObject) -> None:
    body, up = material.body, material.up
    kind = data.draw(st.sampled_from(["manifest", "tables", "cell", "cell", "cell", "dangling", "blobs", "raw",
                                      "packed"]), label="kind")  # fmt: skip
    if kind == "raw":
        file = up.seal(data.draw(raw_body(body)))
    elif kind == "packed":
        file = up.seal_packed(data.draw(bad_packed(body)))
    else:
        strategy = {"manifest": bad_manifest, "tables": bad_tables, "cell": bad_cell, "dangling": dangling,
                    "blobs": bad_blobs}[kind]  # fmt: skip
        file = up.seal_json(data.draw(strategy(body)))
    _refused(material, material.t1, file)


@fuzz(80)
@given(data=st.data())
def test_bad_header_in_a_correctly_signed_file_is_refused(material: Material, data: st.DataObject) -> None:
    """The header is signed too, so only the sender could make these; still no crash."""
    up = material.up
    head = up.header()
    field = data.draw(st.sampled_from(["kind", "number", "sender", "recipient", "missing"]))
    if field == "missing":
        gone = data.draw(st.sampled_from(["kind", "number", "sender", "recipient"]))
        head = {k: v for k, v in head.items() if k != gone}
    else:
        head[field] = data.draw(JUNK.filter(lambda v: v != head[field] and not isinstance(v, str)))
    body = material.body if data.draw(st.booleans()) else {"receipt": {}}
    _refused(material, material.t1, up.seal_json(body, head))


@st.composite
def bad_receipt(draw: st.DrawFn, sent: dict[str, Any]) -> Any:
    """A receipt body that confirms nothing this site sent, or is malformed."""
    good = {"sender": sent["sender"], "recipient": sent["recipient"], "received_at": "2026-11-01T00:00:00",
            "packages": [{"number": 1, "sha256": sent["sha256"], "from_seq": 1, "to_seq": 5}]}  # fmt: skip
    what = draw(st.sampled_from(["body", "receipt", "packages", "item", "number", "sha", "unsent", "sender",
                                 "recipient", "empty"]))  # fmt: skip
    if what == "body":
        return draw(JUNK.filter(lambda v: not isinstance(v, dict)))
    out = copy.deepcopy(good)
    item = out["packages"][0]
    if what == "receipt":
        return {"receipt": draw(JUNK.filter(lambda v: not isinstance(v, dict)))}
    if what == "packages":
        out["packages"] = draw(JUNK.filter(lambda v: not isinstance(v, list)))
    elif what == "item":
        out["packages"] = [draw(JUNK.filter(lambda v: not isinstance(v, dict)))]
    elif what == "number":
        item["number"] = draw(_junk_int())
    elif what == "sha":
        item["sha256"] = draw(JUNK.filter(lambda v: v != sent["sha256"]))
    elif what == "unsent":
        item["number"] = draw(st.integers(2, 2**62))
    elif what in ("sender", "recipient"):
        out[what] = draw(JUNK.filter(lambda v: v != good[what]))
    else:
        out["packages"] = []
    return {"receipt": out}


@fuzz(120)
@given(data=st.data())
def test_bad_receipts_are_refused(material: Material, data: st.DataObject) -> None:
    down = material.down
    sent = {"sender": down.sender_id, "recipient": down.recipient_id,
            "sha256": hashlib.sha256(material.package).hexdigest()}  # fmt: skip
    body = data.draw(bad_receipt(sent))
    _refused(material, material.s1, down.seal_json(body, down.header("receipt")))


def test_the_real_files_still_import_after_the_fuzzing(material: Material, tmp_path: Path) -> None:
    """The mutations started from good files: on copies of the sites they import normally."""
    for db, name in ((material.t1, "t1.sqlite"), (material.s1, "s1.sqlite")):
        with sqlite3.connect(db.path) as src, sqlite3.connect(tmp_path / name) as dst:
            src.backup(dst)  # with what is still in the write-ahead log
    t1, s1 = open_database(tmp_path / "t1.sqlite"), open_database(tmp_path / "s1.sqlite")
    try:
        assert import_file(t1, SYSTEM, material.file(material.package)).tables["student"]["new"] == 3
        assert import_file(s1, SYSTEM, material.file(material.receipt)).acknowledged == [1]
    finally:
        t1.close()
        s1.close()
    print(f"\nsync fuzz: {material.n} files")


def test_a_sample_through_the_command_line(material: Material, sync_server: kit.SyncForkServer, tmp_path: Path) -> None:
    """`kongchuo sync import` on 20 bad files: exit 1 (refused) or 2 (unreadable), one Chinese
    error line, the database file unchanged."""
    from tests.imports.support import db_fingerprint

    one, up, down, body = material.package, material.up, material.down, material.body
    size = len(one)
    cell = copy.deepcopy(body)
    cell["tables"]["student"]["rows"][0][cell["tables"]["student"]["columns"].index("birth_date")] = "2015-13-45"
    fk = copy.deepcopy(body)
    fk["tables"]["student"]["rows"][1][fk["tables"]["student"]["columns"].index("school_id")] = "f" * 32
    cases: dict[str, bytes] = {f"flip at {at}": one[:at] + bytes([one[at] ^ 0x20]) + one[at + 1 :]
                               for at in range(3, size, size // 9)}  # fmt: skip
    cases |= {
        "truncated": one[: size // 2],
        "appended": one + b"\0",
        "empty": b"",
        "a bad date": up.seal_json(cell),
        "an unknown school": up.seal_json(fk),
        "no manifest": up.seal_json({"tables": body["tables"]}),
        "not JSON": up.seal(b"{]"),
        "corrupt compression": up.seal_packed(b"\x78\x9c" + bytes(50)),
        "a receipt confirming nothing": down.seal_json({"receipt": {"packages": []}}, down.header("receipt")),
    }
    db = tmp_path / "t1.sqlite"
    with sqlite3.connect(material.t1.path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    before = db_fingerprint(db)
    (tmp_path / "folder.kcsync").mkdir()
    paths = {name: tmp_path / f"case{i}.kcsync" for i, name in enumerate(cases)}
    for name, path in paths.items():
        path.write_bytes(cases[name])
    paths |= {"a folder": tmp_path / "folder.kcsync", "a missing file": tmp_path / "missing.kcsync"}
    assert len(paths) >= 20
    codes = {}
    for name, path in paths.items():
        run = sync_server.run(["sync", "import", str(path), "--db", str(db)])
        codes[name] = run.code
        assert run.code in (1, 2), (name, run.code, run.stdout, run.stderr)
        assert run.stderr.startswith("错误：") and kit.is_chinese_message(run.stderr), (name, run.stderr)
        assert "Traceback" not in run.stderr + run.stdout, name
    assert codes["a folder"] == codes["a missing file"] == 2
    assert sum(code == 1 for code in codes.values()) >= 18
    assert db_fingerprint(db) == before


def test_over_a_thousand_files_were_tried(material: Material, request: pytest.FixtureRequest) -> None:
    """The count the issue asks for (when the whole module ran: this test comes last)."""
    fuzzers = {"test_damaged_package_bytes_are_refused", "test_damaged_receipt_bytes_are_refused",
               "test_bad_content_in_a_correctly_signed_package_is_refused",
               "test_bad_header_in_a_correctly_signed_file_is_refused", "test_bad_receipts_are_refused"}  # fmt: skip
    selected = {item.name for item in request.session.items if item.path == request.path}
    if not fuzzers <= selected:
        pytest.skip("only part of the fuzz tests ran")
    assert material.n >= 1000, material.n
