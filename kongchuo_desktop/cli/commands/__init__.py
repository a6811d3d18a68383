"""One module per subcommand; each has register(subparsers) -> parser and run(args) -> exit code."""

from kongchuo_desktop.cli.commands import demo, init

ALL = [demo, init]
