"""Whether the rows of a package are the sender's to send: its own scope going up, this site's going down.

A paired peer proves who made a file, not that it may write every row in it. Each row a package
would add or change here (unchanged copies change nothing and are not judged) is checked against
services.sync.policy, with services.sync.scope deciding what belongs to whom:

- Going up (a school to its township, a township to the bureau) a row must belong to the sender:
  as this site holds it now, or at some time while this site held it (sync_scope_move: a pupil
  that moved away since — the sender still relays edits made while the pupil was its own), or
  have been created at the sender (its origin: a school's pupil transferred to a sister school
  before the first package; a pupil a township office registered at a school of another township,
  as the demo does). A row this site has never seen must belong to the sender as it arrives or be
  created there. A row's place cannot be taken over from below: a row of another school sent as
  the sender's own is refused, whatever its clocks say. (A row's origin is written by its sender:
  a forger could claim to have created a new row; it cannot touch rows that exist here.)
- Going down (the bureau to a township, a township to a school) a row must belong to this site as
  it arrives or as it is here (a pupil moved away: sent once more so that this site learns it left),
  or, new here, be a row that moved (its school or township changed after it was created).
- Shared rows (townships, schools, settings, letter templates) travel everywhere. The audit log
  travels up only, and carries the sender's chain or its schools' chains, never this site's own or
  another peer's.
- Rows that hang on others (guardians, status changes, visits, attachments, conflicts …) follow
  their parent: as it arrives in the same package, or as this site holds it. Attachments and
  conflicts name their parent's table in a column (no foreign key orders them after it), so they
  are judged last, in finish(), still before the import commits.

A refusal raises SyncError naming the table, the row (the pupil's name and 学籍号 …) and why; the
importer then changes nothing. The exporter applies the same rule to itself going up (own()): a
site holding rows of other schools or townships (a roster imported whole, the demo) keeps them
back instead of sending a package its peer must refuse, and says how many it kept back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.errors import SyncError
from kongchuo_desktop.services.sync.policy import POLICY, TABLE_LABELS, Rule, children_of
from kongchuo_desktop.services.sync.scope import Scope, decide_by_columns, scope_of
from kongchuo_desktop.services.sync.sites import direction
from kongchuo_desktop.store.models import School, SyncPeer, SyncScopeMove, Township

CHUNK = 500
NAME_COLUMNS = ("name", "title", "file_name", "number", "field", "entity", "template_key")
"""Columns that say in words which row it is (the first one a table has)."""
ID_COLUMNS = {"student_no": "学籍号", "id_number": "身份证件号"}


@dataclass(frozen=True)
class Sender:
    """Who sends: a paired peer's (or this site's own) id, name and type."""

    site_id: str
    name: str
    site_type: str


class Authority:
    """Checks the rows a package from one peer would add or change (see the module doc).

    way: "up" when the sender is below this site, "down" when above; scope: the sender's scope
    (up) or this site's (down); passed: per table, the ids of this package already checked and
    accepted (parents come before their children); known: per (table, id), whether the row as
    this site holds it belongs to the scope (now or by its moves).
    """

    def __init__(self, session: Session, sender: SyncPeer | Sender, way: str, scope: Scope, my_id: str) -> None:
        self.session = session
        self.sender = sender
        self.way = way
        self.scope = scope
        self.my_id = my_id
        self.other_peers = frozenset(
            session.execute(select(SyncPeer.site_id).where(SyncPeer.site_id != sender.site_id)).scalars()
        )
        self.passed: dict[str, set[str]] = {}
        self.known: dict[tuple[str, str], bool] = {}
        self.later: list[tuple[str, list[tuple[dict[str, Any] | None, dict[str, Any]]]]] = []

    @classmethod
    def for_sender(cls, session: Session, sender: SyncPeer, mine: Any) -> Authority:
        """The check for a package from `sender` to this site (`mine`: services.sync.sites.Me)."""
        way = "up" if direction(sender.site_type, mine.site_type) == "up" else "down"
        if way == "up":
            scope = scope_of(session, sender.site_type, sender.school_id, sender.township_id)
        else:
            scope = scope_of(session, mine.site_type, mine.school_id, mine.township_id)
        return cls(session, sender, way, scope, mine.id)

    @classmethod
    def for_own_exports(cls, session: Session, mine: Any) -> Authority:
        """What this site (`mine`: services.sync.sites.Me) may send up: see own()."""
        scope = scope_of(session, mine.site_type, mine.school_id, mine.township_id)
        return cls(session, Sender(mine.id, mine.name, mine.site_type), "up", scope, mine.id)

    def own(self, table: str, rows: list[Any]) -> list[bool]:
        """For a package going up, per row (mappings of this site's rows): whether it is this
        site's to send — the importer above accepts exactly these."""
        if POLICY[table].kind in ("global", "up_only"):
            return [True] * len(rows)
        self._want_parents(table, rows)
        verdicts = [self._in_scope(table, row) or self._moved_away(table, row) for row in rows]
        self._moves(table, [row["id"] for row, ok in zip(rows, verdicts, strict=True) if not ok])
        return [ok or self.known.get((table, row["id"]), False) for row, ok in zip(rows, verdicts, strict=True)]

    def own_tuples(self, table: str, cols: list[str], rows: list[tuple]) -> list[bool]:
        """own() for rows as the exporter reads them (tuples in `cols` order), deciding once per
        place (school, township, origin) or per parent instead of once per row."""
        rule = self._rule(table)
        if rule.kind in ("global", "up_only"):
            return [True] * len(rows)
        at = {c: i for i, c in enumerate(cols)}
        if rule.kind == "via":
            return self._own_via(table, rule, at, rows)
        if rule.kind != "columns":
            return self.own(table, [dict(zip(cols, row, strict=True)) for row in rows])
        place = [at[c] if c and c in at else None for c in (rule.school, rule.township, "origin_site_id")]
        decided: dict[tuple, bool] = {}
        verdicts = []
        for row in rows:
            key = tuple(row[i] if i is not None else None for i in place)
            verdict = decided.get(key)
            if verdict is None:
                probe = {c: v for c, v in zip((rule.school, rule.township, "origin_site_id"), key, strict=True) if c}
                verdict = decided[key] = self._in_scope(table, probe) or self._moved_away(table, probe)
            verdicts.append(verdict)
        ids = [row[at["id"]] for row in rows]
        self._moves(table, [i for i, ok in zip(ids, verdicts, strict=True) if not ok])
        out = [ok or self.known.get((table, i), False) for i, ok in zip(ids, verdicts, strict=True)]
        if children_of(table):  # remembered for the rows that hang on these (sent later)
            self.known.update(zip(((table, i) for i in ids), out, strict=True))
        return out

    def _own_via(self, table: str, rule: Rule, at: dict[str, int], rows: list[tuple]) -> list[bool]:
        parents: list[tuple[str, str] | None] = []
        for row in rows:
            parent = None
            for parent_table, fk in rule.parents:
                if fk in at and row[at[fk]]:
                    parent = (parent_table, str(row[at[fk]]))
                    break
            parents.append(parent)
        wanted: dict[str, set[str]] = {}
        for parent in parents:
            if parent is not None and parent not in self.known:
                wanted.setdefault(parent[0], set()).add(parent[1])
        for parent_table, ids in wanted.items():
            self.local_ok(parent_table, ids)
        return [True if parent is None else self.known.get(parent, False) for parent in parents]

    # -- the checks the importer calls, table by table in foreign-key order --------------------

    def check_new(self, table: str, versions: list[dict[str, Any]]) -> None:
        """Rows this site does not have yet (column → value)."""
        if not versions:
            return
        if self._everywhere(table):
            if table == "school":
                self._schools((row["id"], row.get("township_id")) for row in versions)
            return
        if POLICY[table].kind == "owner":
            self.later.append((table, [(None, v) for v in versions]))
            return
        self._new(table, versions)

    def _new(self, table: str, versions: list[dict[str, Any]]) -> None:
        self._want_parents(table, versions)
        ok = self.passed.setdefault(table, set())
        for row in versions:
            if (
                self._audit_ok(table, row)
                if table == "audit_entry"
                else (self._in_scope(table, row) or self._moved_away(table, row))
            ):
                ok.add(row["id"])
                continue
            raise SyncError(self._refusal(table, row, None))

    def check_changed(self, table: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """Rows this site has that the package changes: (the row here, the row as it arrives)."""
        if not pairs:
            return
        if self._everywhere(table):
            if table == "school":
                self._schools((remote["id"], remote.get("township_id")) for _, remote in pairs)
            return
        if table == "audit_entry":
            for local, remote in pairs:
                if not (self._audit_ok(table, local) and self._audit_ok(table, remote)):
                    raise SyncError(self._refusal(table, remote, local))
            return
        if POLICY[table].kind == "owner":
            self.later.append((table, list(pairs)))
            return
        self._changed(table, pairs)

    def finish(self) -> None:
        """Judge the rows whose parent is named by a column (attachments, then conflicts), once
        every other table of the package has been judged."""
        for table, items in sorted(self.later, key=lambda item: item[0] == "sync_conflict"):
            self._changed(table, [(local, remote) for local, remote in items if local is not None])
            self._new(table, [remote for local, remote in items if local is None])
        self.later.clear()

    def _changed(self, table: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        if not pairs:
            return
        self.local_ok(table, [local["id"] for local, _ in pairs])
        self._want_parents(table, [remote for _, remote in pairs])
        ok = self.passed.setdefault(table, set())
        for local, remote in pairs:
            mine = self.known.get((table, local["id"]), False)
            if mine or (self.way == "down" and self._in_scope(table, remote)):
                ok.add(local["id"])
                continue
            raise SyncError(self._refusal(table, remote, local))

    # -- deciding ----------------------------------------------------------------------------

    def _schools(self, rows: Iterable[tuple[str, str | None]]) -> None:
        """A township's scope takes in the schools of the township arriving in this package (a
        school new here: its classes and pupils come in the same package)."""
        if self.scope.school_id is not None or self.scope.township_id is None:
            return
        mine = {school for school, township in rows if township == self.scope.township_id}
        if not mine <= self.scope.schools:
            self.scope = replace(self.scope, schools=self.scope.schools | mine)

    def _everywhere(self, table: str) -> bool:
        return POLICY[table].kind == "global"

    def _rule(self, table: str) -> Rule:
        return POLICY.get(table, POLICY["setting"])

    def _in_scope(self, table: str, row: dict[str, Any]) -> bool:
        """Whether this version of a row belongs to the scope (its parent: arriving or held here)."""
        decided = decide_by_columns(self.scope, self._rule(table), row)
        if decided is not None:
            return decided
        parent = self._parent(table, row)
        if parent is None:
            return True
        return parent[1] in self.passed.get(parent[0], ()) or self.known.get(parent, False)

    def _moved_away(self, table: str, row: dict[str, Any]) -> bool:
        """A row outside the scope that is still the sender's to send: going up, one the sender
        created (a pupil transferred before it was first sent, one a township office registered at
        a school of another township); going down, one that moved (it left this site)."""
        rule = self._rule(table)
        if rule.kind != "columns":
            return False
        if self.way == "up":
            return bool(row.get("origin_site_id")) and row.get("origin_site_id") == self.sender.site_id
        try:
            clocks = json.loads(row.get("clocks") or "{}")
        except (TypeError, ValueError):  # TypeError: a column an older schema's row lacks
            return False
        return isinstance(clocks, dict) and any(c in clocks for c in (rule.school, rule.township) if c)

    def _audit_ok(self, table: str, row: dict[str, Any]) -> bool:
        """An audit entry going up from the sender's own chain or one of its schools' chains."""
        site = row.get("site_id")
        return self.way == "up" and bool(site) and site != self.my_id and site not in self.other_peers

    def _parent(self, table: str, row: dict[str, Any]) -> tuple[str, str] | None:
        """(parent table, id) deciding a Via / Owner row; None: it has none (shared)."""
        return parent_of(table, row)

    def _want_parents(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """Look up, in batches, the parents of these rows that did not arrive in this package."""
        wanted: dict[str, set[str]] = {}
        for row in rows:
            parent = self._parent(table, row)
            if parent is not None and parent[1] not in self.passed.get(parent[0], ()):
                wanted.setdefault(parent[0], set()).add(parent[1])
        for parent_table, ids in wanted.items():
            if POLICY[parent_table].kind != "global":
                self.local_ok(parent_table, ids)
            else:
                self.known.update({(parent_table, i): True for i in ids})

    def local_ok(self, table: str, ids: Iterable[str]) -> set[str]:
        """Which of these rows, as this site holds them, belong to the scope now or did once (their
        moves); rows this site does not hold: no."""
        todo = sorted({i for i in ids if (table, i) not in self.known})
        t = table_of(table)
        for start in range(0, len(todo), CHUNK):
            part = todo[start : start + CHUNK]
            rows = [dict(r._mapping) for r in self.session.execute(select(t).where(t.c.id.in_(part)))]
            self._want_parents(table, rows)
            for row in rows:
                self.known[(table, row["id"])] = self._in_scope(table, row) or (
                    self.way == "up" and self._moved_away(table, row)
                )
            for i in part:
                self.known.setdefault((table, i), False)
            self._moves(table, [i for i in part if not self.known[(table, i)]])
        return {i for i in ids if self.known.get((table, i))}

    def _moves(self, table: str, ids: list[str]) -> None:
        """Mark the rows that belonged to the scope at some time while this site held them."""
        rule = self._rule(table)
        if not ids or rule.kind != "columns":
            return
        m = SyncScopeMove
        rows = self.session.execute(
            select(m.row_id, m.old_school_id, m.old_township_id, m.new_school_id, m.new_township_id).where(
                m.table_name == table, m.row_id.in_(ids)
            )
        )
        for row_id, old_school, old_town, new_school, new_town in rows:
            wide = rule.township_wide
            if self.scope.has_place(old_school, old_town, township_wide=wide) or self.scope.has_place(
                new_school, new_town, township_wide=wide
            ):
                self.known[(table, row_id)] = True

    # -- saying why --------------------------------------------------------------------------

    def _refusal(self, table: str, row: dict[str, Any], local: dict[str, Any] | None) -> str:
        what = self.describe(table, row if local is None else {**local, **row})
        head = f"同步包中的{TABLE_LABELS.get(table, table)}记录{what}"
        if table == "audit_entry":
            why = (
                "审计日志只向上级传递，且只能是发送方（或其下属学校）自己的记录"
                if self.way == "up"
                else "审计日志只向上级传递，上级发来的同步包不应带有审计日志"
            )
        elif self.way == "up":
            where = self._place(table, local if local is not None else row)
            why = f"{where}，不属于发送方“{self.sender.name}”的范围：{self._limits()}"
        else:
            where = self._place(table, row)
            why = f"{where}，不属于本站点的范围，上级只应发来本站点的记录"
        return f"{head}：{why}。整个同步包已拒绝，没有做任何改动；请与“{self.sender.name}”核实"

    def _limits(self) -> str:
        if self.sender.site_type == "school":
            return "学校只能发送本校的学生、班级、学籍异动、家访、个案等记录"
        return "乡镇只能发送本乡镇及其学校的记录"

    def describe(self, table: str, row: dict[str, Any]) -> str:
        """The row in words (describe_row)."""
        return describe_row(self.session, table, row)

    def _held(self, table: str, row_id: str) -> dict[str, Any] | None:
        return held_row(self.session, table, row_id)

    def _place(self, table: str, row: dict[str, Any]) -> str:
        """Where the row belongs, in words (its school / township, or its parent's)."""
        rule = self._rule(table)
        if rule.kind == "columns":
            school = row.get(rule.school) if rule.school else None
            township = row.get(rule.township) if rule.township else None
            if school:
                found = self.session.get(School, school)
                return f"它属于学校“{found.name if found else school}”"
            if township:
                found_town = self.session.get(Township, township)
                return f"它属于乡镇“{found_town.name if found_town else township}”"
        parent = self._parent(table, row)
        if parent is not None:
            held = self._held(*parent)
            if held is None:
                return f"它所属的{TABLE_LABELS.get(parent[0], parent[0])}记录既不在同步包中也不在本站点"
            return f"它所属的{TABLE_LABELS.get(parent[0], parent[0])}记录{self._place(parent[0], held)[1:]}"
        return "它的归属无法确定"


def held_row(session: Session, table: str, row_id: str) -> dict[str, Any] | None:
    """A row of `table` as this site holds it (None: not here)."""
    t = table_of(table)
    found = session.execute(select(t).where(t.c.id == row_id)).first()
    return dict(found._mapping) if found is not None else None


def parent_of(table: str, row: dict[str, Any]) -> tuple[str, str] | None:
    """(parent table, id) a Via / Owner row hangs on (services.sync.policy); None: it has none."""
    rule = POLICY.get(table)
    if rule is None:
        return None
    if rule.kind == "via":
        for parent, fk in rule.parents:
            if row.get(fk):
                return parent, str(row[fk])
        return None
    if rule.kind == "owner":
        owner_table, owner_id = row.get(rule.type_column or ""), row.get(rule.id_column or "")
        if owner_table and owner_id and owner_table in POLICY:
            return str(owner_table), str(owner_id)
    return None


def describe_row(session: Session, table: str, row: dict[str, Any], *, brief: bool = False) -> str:
    """A row in words: “张三”（学籍号 G…）, with (unless brief) the record it hangs on as this site
    holds it (a guardian: its pupil); its id when nothing else names it."""
    parts = []
    if table == "school_class" and row.get("grade") is not None:
        parts.append(f"“{row['grade']}年级{row.get('class_no')}班”")
    for col in NAME_COLUMNS if not parts else ():
        if row.get(col):
            parts.append(f"“{row[col]}”")
            break
    ids = [f"{label} {row[c]}" for c, label in ID_COLUMNS.items() if row.get(c)]
    if ids:
        parts.append(f"（{'，'.join(ids)}）")
    parent = None if brief else parent_of(table, row)
    if parent is not None:
        held = held_row(session, *parent)
        if held is not None:
            parts.append(f"（属于{TABLE_LABELS.get(parent[0], parent[0])}{describe_row(session, parent[0], held)}）")
    if not parts:
        parts.append(f"（编号 {row.get('id')}）")
    return "".join(parts)
