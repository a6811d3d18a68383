"""One module per subcommand; each has register(subparsers) -> parser and run(args) -> exit code."""

from kongchuo_desktop.cli.commands import account, backup, check, crosscheck, demo, export, init, letters, restore
from kongchuo_desktop.cli.commands import import_, todo
from kongchuo_desktop.cli.commands import self_test

ALL = [demo, init, account, backup, restore, check, letters, crosscheck, export, import_, todo, self_test]
