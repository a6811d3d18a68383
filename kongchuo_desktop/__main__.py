"""`python -m kongchuo_desktop` runs the `kongchuo` command (and is the frozen app's entry point)."""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--read-workbook-child"]:  # a legacy .xls read in a memory-capped child (importing/isolated.py)
        from kongchuo_desktop.importing.isolated import child_main

        sys.exit(child_main(sys.argv[2:]))
    from kongchuo_desktop.cli.main import entry

    entry()
