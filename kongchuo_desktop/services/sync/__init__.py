"""Sync between offline sites by files: site cards, signed and encrypted packages, receipts, conflicts.

The API the GUI, the CLI and the benchmark use (each function checks the actor's permission and
writes the audit log):

- make_site_card(db, actor, out) -> SiteCard; read_site_card(path) -> SiteCard
- pair_site(db, actor, card_path) -> PeerInfo (with .fingerprint)
- unpair_site(db, actor, site) -> PeerInfo: forget a peer's keys (name or id); pairing the same site
  again (new keys) continues the package numbers and resends everything it had acknowledged
- list_peers(db, actor) -> list[PeerStatus]
- export_package(db, actor, peer, out, *, full=False, progress=None, cancel=None) -> ExportResult
  (the file exists exactly when the package is recorded as sent; the last progress report comes
  after that, so a cancel there is too late to undo anything); going up it carries only what this
  site may send (ExportResult.kept_back counts the rest, which stays here)
- preview_import(db, actor, path) -> ImportPreview (an ImportResult with dry_run=True): the same
  checks and merge decisions as import_file, read-only — the counts and conflicts the import makes
  (unless the database changes in between), in about half its time
- import_file(db, actor, path, *, receipt_out=None, progress=None, cancel=None) -> ImportResult
- write_receipt(db, result, out) -> Path: the signed receipt (回执) of an imported package, for
  its sender; import_file writes it when given receipt_out, the GUI after asking where
- package_history(db, actor) -> list[PackageRecord]
- list_conflicts(db, actor, *, open_only=True) -> list[ConflictInfo]
- resolve_conflict(db, actor, conflict_id, choice) -> ConflictInfo ("winner" | "other")

progress is callable(done, total, text); cancel is callable() -> bool (True: stop, SyncCancelled,
nothing changed). Refusals raise SyncError (SyncFileError for unreadable files) with a Chinese
reason.

Organisation identity: townships, schools, classes, settings and letter-template versions get
ids made from their natural keys (store.base.natural_id), so the same school created by
`kongchuo init` at the school and at its township is one row, merged field by field. Databases
made before that keep their random ids; a package whose township or school clashes by name
with a local row of another id is refused (the unique name), never duplicated.

A package may only carry what its sender may send (services.sync.authority): going up, the
sender's own rows (a school's, a township's schools'); going down, this site's. Anything else
refuses the whole package, naming the row.

Modules: keys (site keys, fingerprint), envelope (file format), cards (cards, pairing, unpairing),
policy (routing rules), scope (scope filter), authority (what a sender may send), export, merge
(field merge, conflicts), apply (writing rows), importer (checks, packages, receipts), status
(peers, history, conflicts), refs (names of the records id fields point at), upgrade (older
schemas).
"""

from kongchuo_desktop.services.sync.cards import (
    PeerInfo,
    SiteCard,
    make_site_card,
    pair_site,
    read_site_card,
    unpair_site,
)
from kongchuo_desktop.services.sync.errors import SyncCancelled, SyncError, SyncFileError
from kongchuo_desktop.services.sync.export import ExportResult, export_package
from kongchuo_desktop.services.sync.importer import (
    ImportPreview,
    ImportResult,
    import_file,
    preview_import,
    write_receipt,
)
from kongchuo_desktop.services.sync.status import (
    ConflictInfo,
    PackageRecord,
    PeerStatus,
    list_conflicts,
    list_peers,
    package_history,
    resolve_conflict,
)

__all__ = [
    "ConflictInfo",
    "ExportResult",
    "ImportPreview",
    "ImportResult",
    "PackageRecord",
    "PeerInfo",
    "PeerStatus",
    "SiteCard",
    "SyncCancelled",
    "SyncError",
    "SyncFileError",
    "export_package",
    "import_file",
    "list_conflicts",
    "list_peers",
    "make_site_card",
    "package_history",
    "pair_site",
    "preview_import",
    "read_site_card",
    "resolve_conflict",
    "unpair_site",
    "write_receipt",
]
