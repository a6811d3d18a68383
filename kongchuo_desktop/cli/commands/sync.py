"""`kongchuo sync card|pair|unpair|export|import|status|conflicts|resolve`: file-based sync between sites.

sync card --out FILE                          this site's card (public keys, place)
sync pair FILE                                pair with a peer from its card; prints the fingerprint
sync unpair SITE                              forget a paired site's keys (a replaced laptop: pair again)
sync export --to SITE --out FILE [--full]     the next package for a paired site (name or id)
sync import FILE [--dry-run] [--receipt-out FILE]   a package or a receipt (says which)
sync status                                   peers: last sent / received / acknowledged
sync conflicts [--all]                        conflicts found by sync
sync resolve ID --keep winner|other           close a conflict
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import add_identity_arguments, cli_actor, open_for
from kongchuo_desktop.cli.output import OK, USAGE, CommandError, emit


def _common(parser: argparse.ArgumentParser) -> None:
    """--db, --json, --lang and the login options after the sync subcommand too."""
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据库文件（默认：用户数据文件夹）")
    parser.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="错误信息语言")
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="以 JSON 输出摘要")
    add_identity_arguments(parser, top=False)


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("sync", help="站点之间同步（站点卡片、同步包、回执）")
    actions = parser.add_subparsers(dest="sync_action", parser_class=type(parser), required=True)
    p = actions.add_parser("card", help="生成本站点的站点卡片")
    p.add_argument("--out", required=True, type=Path, help="站点卡片文件")
    p = actions.add_parser("pair", help="导入对方的站点卡片并配对")
    p.add_argument("file", type=Path, help="对方的站点卡片")
    p = actions.add_parser("unpair", help="解除与已配对站点的配对（对方换电脑后重新配对）")
    p.add_argument("site", help="已配对站点的名称或编号")
    p = actions.add_parser("export", help="为已配对的站点导出同步包")
    p.add_argument("--to", required=True, help="已配对站点的名称或编号")
    p.add_argument("--out", required=True, type=Path, help="同步包文件")
    p.add_argument("--full", action="store_true", help="完整同步包（给新配对的站点打底）")
    p = actions.add_parser("import", help="导入同步包或回执")
    p.add_argument("file", type=Path, help="同步包或回执文件")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--receipt-out", type=Path, help="导入同步包后把回执写到这个文件")
    actions.add_parser("status", help="已配对站点及收发情况")
    p = actions.add_parser("conflicts", help="列出同步冲突")
    p.add_argument("--all", action="store_true", help="包括已处理的冲突")
    p = actions.add_parser("resolve", help="处理一个同步冲突")
    p.add_argument("conflict_id", help="冲突编号")
    p.add_argument("--keep", required=True, choices=["winner", "other"], help="winner：保留当前值；other：改用另一个值")
    for choice in actions.choices.values():
        _common(choice)
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Run one sync action."""
    from kongchuo_desktop.services.sync import SyncFileError

    db = open_for(args)
    try:
        try:
            return _ACTIONS[args.sync_action](db, args)
        except SyncFileError as exc:
            raise CommandError(USAGE, str(exc)) from exc
    finally:
        db.close()


def _card(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import make_site_card

    card = make_site_card(db, cli_actor(db), args.out)
    emit({"site_id": card.site_id, "name": card.name, "site_type": card.site_type, "fingerprint": card.fingerprint,
          "file": str(args.out)}, args.json,
         [f"站点卡片已写入：{args.out}", f"站点：{card.name}（{card.type_label}）", f"指纹：{card.fingerprint}"])  # fmt: skip
    return OK


def _pair(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import pair_site

    peer = pair_site(db, cli_actor(db), args.file)
    verb = "已更新配对" if peer.already_paired else "已配对"
    emit({"site_id": peer.site_id, "name": peer.name, "site_type": peer.site_type, "fingerprint": peer.fingerprint,
          "already_paired": peer.already_paired}, args.json,
         [f"{verb}：{peer.name}", f"指纹：{peer.fingerprint}（请与对方电话核对，一致才可信）"])  # fmt: skip
    return OK


def _unpair(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import unpair_site

    peer = unpair_site(db, cli_actor(db), args.site)
    emit({"site_id": peer.site_id, "name": peer.name, "site_type": peer.site_type, "fingerprint": peer.fingerprint},
         args.json, [f"已解除配对：{peer.name}（原指纹 {peer.fingerprint}）",
                     "重新导入对方的站点卡片（sync pair）即可继续同步；下一个同步包会重新带上全部记录"])  # fmt: skip
    return OK


def _export(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import export_package

    result = export_package(db, cli_actor(db), args.to, args.out, full=args.full)
    tables = "，".join(f"{k} {v}" for k, v in result.counts.items()) or "没有需要发送的变更"
    lines = [f"同步包已写入：{result.path}", f"发给：{result.peer_name}，第 {result.number} 号"
             f"{'（完整）' if result.full else ''}，共 {result.rows} 行", tables]  # fmt: skip
    if result.kept_back:
        kept = "，".join(f"{k} {v}" for k, v in result.kept_back.items())
        lines.append(f"不属于本站点范围、没有发送的记录（仍保留在本站点）：{kept}")
    emit(result.as_dict(), args.json, lines)
    return OK


def _import(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import import_file, preview_import

    actor = cli_actor(db)
    if args.dry_run:
        result = preview_import(db, actor, args.file)
    else:
        result = import_file(db, actor, args.file, receipt_out=args.receipt_out)
    emit(result.as_dict(), args.json, result.lines())
    return OK


def _status(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import list_peers

    peers = list_peers(db, cli_actor(db))
    lines = [
        f"{p.name}（{p.type_label}）：已发 {p.last_sent_no} 号，已收 {p.last_received_no} 号，对方已确认 {p.acked_no} 号，"
        f"待发变更约 {p.pending} 行"
        for p in peers
    ] or ["还没有配对的站点"]
    emit({"peers": [{"site_id": p.site_id, "name": p.name, "site_type": p.site_type, "last_sent_no": p.last_sent_no,
                     "last_received_no": p.last_received_no, "acked_no": p.acked_no, "pending": p.pending}
                    for p in peers]}, args.json, lines)  # fmt: skip
    return OK


def _conflicts(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import list_conflicts
    from kongchuo_desktop.services.sync.status import conflict_field_label
    from kongchuo_desktop.services.sync_labels import table_label

    items = list_conflicts(db, cli_actor(db), open_only=not args.all)
    lines = [
        f"{c.id}  {table_label(c.table_name)}的“{conflict_field_label(c.table_name, c.field)}”"
        f"（{c.table_name}.{c.field}，记录 {c.record_id}）：当前值 {_shown(c.winner_value, c.winner_text)}，"
        f"另一个值 {_shown(c.loser_value, c.loser_text)}，{'待处理' if c.status == 'open' else '已处理'}"
        for c in items
    ] or ["没有同步冲突"]
    emit({"conflicts": [c.__dict__ for c in items]}, args.json, lines)
    return OK


def _shown(value: Any, text: str | None) -> str:
    """A conflicting value: the name of the record an id field points at, with the id; else the value."""
    return f"{text}（{value}）" if text else repr(value)


def _resolve(db: Any, args: argparse.Namespace) -> int:
    from kongchuo_desktop.services.sync import resolve_conflict

    info = resolve_conflict(db, cli_actor(db), args.conflict_id, args.keep)
    emit({"id": info.id, "status": info.status, "resolution": info.resolution}, args.json,
         [f"已处理冲突 {info.id}：{'保留当前值' if args.keep == 'winner' else '改用另一个值'}"])  # fmt: skip
    return OK


_ACTIONS = {"card": _card, "pair": _pair, "unpair": _unpair, "export": _export, "import": _import, "status": _status,
            "conflicts": _conflicts, "resolve": _resolve}  # fmt: skip
