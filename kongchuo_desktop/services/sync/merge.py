"""Merging one incoming version of a row with the local one, field by field (pure functions).

Every field has a version (hlc, site): its entry in the row's `clocks`, or the row's birth
(born_hlc, origin_site_id). The greater version wins at every site (last writer wins per field,
a total order), so all sites converge whatever order packages arrive in. Whether the two writes
were *concurrent* — neither site knew the other's write when it made its own — is decided with
version vectors (per site, the highest clock incorporated): the sender's, carried in the package,
and ours. Concurrent writes of different values are conflicts: the loser's value is kept in a
sync_conflict row whose id both sites compute alike.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

Version = tuple[int, str]


@dataclass
class FieldConflict:
    """A field written concurrently at two sites with different values."""

    field: str
    winner: Version
    loser: Version
    winner_value: Any
    loser_value: Any
    winner_user: str | None
    loser_user: str | None


@dataclass
class Merged:
    """The outcome: the row as it should be (None: unchanged) and conflicts found."""

    row: dict[str, Any] | None
    conflicts: list[FieldConflict] = field(default_factory=list)


META = ("id", "change_seq", "updated_at", "updated_by", "origin_site_id", "born_hlc", "clocks")


def versions(row: dict[str, Any]) -> tuple[Version, dict[str, Version]]:
    """(birth version, field → version for the fields written after birth) of an encoded row."""
    born = (int(row.get("born_hlc") or 0), row.get("origin_site_id") or "")
    raw = row.get("clocks")
    clocks = {k: (int(v[0]), str(v[1])) for k, v in json.loads(raw).items()} if raw else {}
    return born, clocks


def writers(row: dict[str, Any]) -> dict[str, str | None]:
    """Field → the user who wrote its current version (fields written after birth only)."""
    raw = row.get("clocks")
    return {k: (v[2] if len(v) > 2 else None) for k, v in json.loads(raw).items()} if raw else {}


def knew(vector: dict[str, int], version: Version) -> bool:
    """Whether a site with this version vector had incorporated the write `version`."""
    return vector.get(version[1], 0) >= version[0]


def merge_row(
    local: dict[str, Any], remote: dict[str, Any], fields: list[str], sender_vv: dict[str, int], my_vv: dict[str, int]
) -> Merged:
    """Merge `remote` into `local` (both encoded, same id); `fields`: the non-meta columns to merge."""
    l_born, l_clocks = versions(local)
    r_born, r_clocks = versions(remote)
    users = {"local": writers(local), "remote": writers(remote)}
    born = max(l_born, r_born)
    out: dict[str, Any] = {}
    clocks: dict[str, tuple[Version, str | None]] = {}
    conflicts: list[FieldConflict] = []
    for name in fields:
        if name not in remote:
            out[name] = local.get(name)
            lc = l_clocks.get(name, l_born)
            if lc != born:
                clocks[name] = (lc, users["local"].get(name))
            continue
        lc = l_clocks.get(name, l_born)
        rc = r_clocks.get(name, r_born)
        lv, rv = local.get(name), remote.get(name)
        if rc > lc:
            value, version, user = rv, rc, users["remote"].get(name)
        else:
            value, version, user = lv, lc, users["local"].get(name)
        if lc != rc and lv != rv and not knew(sender_vv, lc) and not knew(my_vv, rc):
            lu, ru = users["local"].get(name), users["remote"].get(name)
            if rc > lc:
                conflicts.append(FieldConflict(name, rc, lc, rv, lv, ru, lu))
            else:
                conflicts.append(FieldConflict(name, lc, rc, lv, rv, lu, ru))
        out[name] = value
        if version != born:
            clocks[name] = (version, user)
    l_top = max([l_born, *l_clocks.values()])
    r_top = max([r_born, *r_clocks.values()])
    newer = remote if r_top > l_top else local
    out["id"] = local["id"]
    out["born_hlc"], out["origin_site_id"] = born[0], born[1] or None
    out["clocks"] = encode_clocks(clocks)
    out["updated_at"], out["updated_by"] = newer.get("updated_at"), newer.get("updated_by")
    same = all(out[k] == local.get(k) for k in out if k != "clocks") and versions(out)[1] == l_clocks
    return Merged(None if same else out, conflicts)


def encode_clocks(clocks: dict[str, tuple[Version, str | None]]) -> str | None:
    """The `clocks` JSON of a field → (version, user) map (None when empty), as store.changes writes it."""
    if not clocks:
        return None
    data = {k: ([v[0], v[1], u] if u else [v[0], v[1]]) for k, (v, u) in clocks.items()}
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def conflict_id(table: str, record_id: str, field_name: str, a: Version, b: Version) -> str:
    """The id of the conflict between versions a and b of one field (the same at every site)."""
    lo, hi = sorted([a, b])
    text = f"{table}|{record_id}|{field_name}|{lo[0]}:{lo[1]}|{hi[0]}:{hi[1]}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
