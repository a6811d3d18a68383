"""`python -m kongchuo_desktop` runs the `kongchuo` command."""

from kongchuo_desktop.cli.main import entry

if __name__ == "__main__":
    entry()
