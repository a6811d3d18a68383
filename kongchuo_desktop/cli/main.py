"""Entry point: parse the command line, run a command or start the GUI, map errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kongchuo_desktop import __version__
from kongchuo_desktop.cli import commands
from kongchuo_desktop.cli.context import add_identity_arguments
from kongchuo_desktop.cli.output import INTERNAL, OK, REJECTED, USAGE, CommandError, say_error
from kongchuo_desktop.services.errors import ServiceError

log = logging.getLogger("kongchuo")


class ChineseParser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line (Chinese unless --lang en) and exits 2."""

    lang = "zh"

    def error(self, message: str) -> NoReturn:
        say_error(
            f"命令用法不对：{message}。运行 kongchuo --help 查看用法。",
            ChineseParser.lang,
            f"wrong usage: {message}. Run kongchuo --help.",
        )
        raise SystemExit(USAGE)


def _requested_lang(argv: Sequence[str]) -> str:
    """--lang as given, read before parsing so that usage errors already speak it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def _common(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", type=Path, default=default, help="数据库文件（默认：用户数据文件夹）")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh" if top else argparse.SUPPRESS, help="错误信息语言；启动图形界面时也是界面语言")
    parser.add_argument("--json", action="store_true", default=False if top else argparse.SUPPRESS, help="以 JSON 输出摘要")
    add_identity_arguments(parser, top)


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = ChineseParser(prog="kongchuo", description="控辍保学台账")
    parser.add_argument("--version", action="version", version=f"kongchuo {__version__}")
    parser.add_argument("--demo", action="store_true", help="在演示数据库上启动图形界面（首次使用时创建）")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", parser_class=ChineseParser)
    for module in commands.ALL:
        command_parser = module.register(sub)
        _common(command_parser, top=False)
        command_parser.set_defaults(run=module.run)
    return parser


def setup_logging() -> None:
    """Tracebacks and details go to a log file in the data folder, never to the terminal."""
    try:
        from logging.handlers import RotatingFileHandler

        from kongchuo_desktop.paths import log_dir

        # 1 MB a file, 5 old files kept: a laptop left running for years never fills its disk.
        handler: logging.Handler = RotatingFileHandler(
            log_dir() / "kongchuo.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    ChineseParser.lang = _requested_lang(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    setup_logging()
    if getattr(args, "command", None) is None:
        from kongchuo_desktop.gui.app import run_gui

        # --lang given for the GUI overrides the language chosen in 设置; without it, 设置 decides.
        explicit = any(arg == "--lang" or arg.startswith("--lang=") for arg in argv)
        return run_gui(db_path=args.db, demo=args.demo, language=args.lang if explicit else None)
    try:
        from kongchuo_desktop.services.case_ledgers import register_case_ledgers

        register_case_ledgers()  # the casework's rows for the 疑似辍学, 辍学 and 家访 ledgers
        return int(args.run(args))
    except CommandError as exc:
        say_error(str(exc), args.lang, exc.english)
        return exc.code
    except ServiceError as exc:  # refused by a service (permission, validation): nothing changed
        say_error(str(exc), args.lang)
        return REJECTED
    except KeyboardInterrupt:
        say_error("已取消", args.lang, "cancelled")
        return REJECTED
    except Exception:
        log.exception("internal error in %s", args.command)
        say_error("内部错误，详细信息已写入日志文件。", args.lang, "internal error; details were written to the log")
        return INTERNAL


def entry() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["OK", "REJECTED", "USAGE", "INTERNAL", "main", "entry"]
