"""Update the translations: lupdate the GUI sources into resources/translations/kongchuo_<lang>.ts, merge
translations given as JSON, then lrelease each .ts into the .qm the app loads.

    python tools/i18n_update.py                          # update the .ts and .qm; list what is untranslated
    python tools/i18n_update.py --export-missing new.json   # …and write the untranslated strings to fill in
    python tools/i18n_update.py --apply new.json         # merge {"Context": {"中文": "English"}} into the .ts

A string with a count, self.tr("%n 天", "", n), is a plural ("numerus") message: its translation is a
list of forms, one per plural form of the language (English: ["%n day", "%n days"]), in the JSON and
in the .ts (<numerusform>); Qt picks the form by n and puts n in for %n.

The .ts files are the one place translations live (Qt Linguist, `pyside6-linguist`, edits them too);
lupdate keeps every translation whose Chinese source is unchanged and drops strings that are gone.
Exit code 1 while a string is left untranslated (tests/i18n fails in the same case).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "zh_CN"
# Languages we ship besides the source language (kongchuo_desktop/gui/i18n.py LANGUAGES).
TARGET_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Message:
    """One string of a .ts file: its context (class or translate() context), the Chinese source,
    the translation ("" when none; a plural message's last, most general form) and lupdate's state
    ("unfinished", "vanished", "obsolete" or ""); a plural message (numerus) has its forms too."""

    context: str
    source: str
    translation: str
    state: str
    forms: tuple[str, ...] = ()
    numerus: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        """What the translation consists of: the plural forms, or the one text."""
        return self.forms if self.numerus else (self.translation,)

    @property
    def done(self) -> bool:
        return bool(self.texts) and all(self.texts) and not self.state


def ts_file(language: str, folder: Path = TS_DIR) -> Path:
    return folder / f"kongchuo_{language}.ts"


def qm_file(language: str, folder: Path = TS_DIR) -> Path:
    return folder / f"kongchuo_{language}.qm"


def sources(root: Path = ROOT) -> list[Path]:
    """What lupdate reads: the GUI modules (not the uic output, whose strings come from ui/*.ui)
    and the Designer files."""
    gui = root / "kongchuo_desktop" / "gui"
    python = [p for p in sorted(gui.rglob("*.py")) if "generated" not in p.relative_to(gui).parts]
    return python + sorted((root / "ui").glob("*.ui"))


def _qt_tool(tool: str, args: list[str]) -> None:
    # Through this interpreter's PySide6 (as gui/compile_ui.py runs uic), whatever the PATH says.
    code = f"import sys; from PySide6.scripts.pyside_tool import {tool}; sys.argv[0] = 'pyside6-{tool}'; sys.exit({tool}())"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pyside6-{tool} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def lupdate(ts: Path, language: str, root: Path = ROOT) -> None:
    """Create or update `ts` from the sources; strings no longer in the code are dropped."""
    files = [str(p) for p in sources(root)]
    _qt_tool(
        "lupdate",
        [*files, "-ts", str(ts), "-source-language", SOURCE_LANGUAGE, "-target-language", language,
         "-no-obsolete", "-locations", "none", "-silent"],
    )  # fmt: skip


def lrelease(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm`."""
    _qt_tool("lrelease", [str(ts), "-qm", str(qm), "-silent"])


def read_messages(ts: Path) -> list[Message]:
    """Every message of a .ts file, in file order."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            forms = tuple(f.text or "" for f in translation.iter("numerusform")) if translation is not None else ()
            text = (translation.text or "") if translation is not None else ""
            out.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    (forms[-1] if forms else "") if numerus else text,
                    (translation.get("type") or "") if translation is not None else "unfinished",
                    forms if numerus else (),
                    numerus,
                )
            )
    return out


def missing(ts: Path) -> list[Message]:
    """The messages without a finished translation."""
    return [m for m in read_messages(ts) if not m.done]


def _set_forms(translation: ET.Element, forms: list[str], where: str) -> bool:
    """Put a plural message's forms into its <numerusform>s (as many as lupdate made for the
    language); a wrong number of forms or an empty one is reported and nothing is set."""
    slots = list(translation.iter("numerusform"))
    if len(forms) != len(slots) or not all(isinstance(f, str) and f for f in forms):
        print(f"{where}: needs {len(slots)} non-empty forms (a JSON list), got {forms!r}; skipped", file=sys.stderr)
        return False
    for slot, form in zip(slots, forms, strict=True):
        slot.text = form
    return True


def apply(ts: Path, translations: dict[str, dict[str, str | list[str]]]) -> int:
    """Write {context: {source: translation}} into `ts` (finished); returns how many were set.
    A plural message (numerus, a %n count) takes a list with one form per plural form of the
    language (English: ["%n day", "%n days"]); any other message a string. Entries for strings
    the .ts does not hold, or of the wrong shape, are reported and skipped."""
    tree = ET.parse(ts)
    known: set[tuple[str, str]] = set()
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        wanted = translations.get(name, {})
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            known.add((name, source))
            text = wanted.get(source)
            if not text or (isinstance(text, list) and not any(text)):
                continue
            where = f"[{name}] {source}"
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if message.get("numerus") == "yes":
                if not isinstance(text, list):
                    print(f"{where}: a plural message needs a list of forms, got {text!r}; skipped", file=sys.stderr)
                    continue
                if not _set_forms(translation, text, where):
                    continue
            elif isinstance(text, list):
                print(f"{where}: not a plural message, needs a string, got {text!r}; skipped", file=sys.stderr)
                continue
            else:
                translation.text = text
            translation.attrib.pop("type", None)
            count += 1
    for name, entries in translations.items():
        for source in entries:
            if (name, source) not in known:
                print(f"not in {ts.name} (changed or removed in the code?): [{name}] {source}", file=sys.stderr)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


def write_missing(messages: list[Message], path: Path) -> None:
    """Write `messages` as the JSON --apply reads: {context: {source: what is there so far}}, a
    plural message's value being the list of its forms (["", ""] for a new English one)."""
    grouped: dict[str, dict[str, str | list[str]]] = {}
    for m in messages:
        grouped.setdefault(m.context, {})[m.source] = list(m.forms) if m.numerus else m.translation
    path.write_text(json.dumps(grouped, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def stale(ts: Path, language: str, root: Path = ROOT) -> list[tuple[str, str]]:
    """(context, source) of strings in the code that `ts` lacks, found by updating a copy."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts.name
        copy.write_bytes(ts.read_bytes())
        lupdate(copy, language, root)
        have = {(m.context, m.source) for m in read_messages(ts)}
        return [(m.context, m.source) for m in read_messages(copy) if (m.context, m.source) not in have]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Update resources/translations (lupdate, merge, lrelease).")
    parser.add_argument(
        "--apply", type=Path, metavar="FILE.json", help='merge {"Context": {"中文": "translation" or [plural forms]}}'
    )
    parser.add_argument("--export-missing", type=Path, metavar="FILE.json", help="write the untranslated strings")
    parser.add_argument("--language", choices=TARGET_LANGUAGES, action="append", help="only this language")
    args = parser.parse_args(argv)
    TS_DIR.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in args.language or TARGET_LANGUAGES:
        ts = ts_file(language)
        lupdate(ts, language)
        if args.apply:
            count = apply(ts, json.loads(args.apply.read_text(encoding="utf-8")))
            lupdate(ts, language)  # back to lupdate's own layout
            print(f"{ts.name}: {count} translations merged from {args.apply}")
        todo = missing(ts)
        lrelease(ts, qm_file(language))
        total = len(read_messages(ts))
        print(f"{ts.relative_to(ROOT)}: {total - len(todo)}/{total} translated → {qm_file(language).relative_to(ROOT)}")
        if todo:
            status = 1
            for m in todo:
                print(f"  untranslated [{m.context}] {m.source}")
            if args.export_missing:
                write_missing(todo, args.export_missing)
                print(f"  written to {args.export_missing}: fill in, then run with --apply {args.export_missing}")
    return status


if __name__ == "__main__":
    sys.exit(main())
