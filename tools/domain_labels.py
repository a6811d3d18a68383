"""Generate kongchuo_desktop/gui/domain_label_strings.py: every enumerated value the domain, store and services
layers hand to the GUI (statuses, kinds, roles, labels of codes), marked with QT_TRANSLATE_NOOP("DomainLabels", …)
so that lupdate (tools/i18n_update.py) extracts them and gui.domain_labels.label() finds their translation.

    python tools/domain_labels.py           # rewrite the generated module
    python tools/domain_labels.py --check   # exit 1 when it is out of date (tests/i18n fails in the same case)

Services and the domain stay Qt-free and keep their Chinese values; this list is read from them, never typed
by hand, so a value added to a code list or label map shows up here on the next run.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET = ROOT / "kongchuo_desktop" / "gui" / "domain_label_strings.py"
CONTEXT = "DomainLabels"
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _texts(value: Any) -> list[str]:
    """The display strings of a code list or label map: a dict's values, a tuple's items, the label of
    (key, label) pairs, a dataclass-like object's `title`/`description`."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else list(value)
        if items and all(isinstance(i, tuple) and len(i) == 2 for i in items):
            return [t for _key, text in items for t in _texts(text)]
        return [t for i in items for t in _texts(i)]
    return []


def _ledger_texts(ledgers: dict[str, Any]) -> list[str]:
    return [text for spec in ledgers.values() for text in (spec.title, spec.description)]


def _guardian_fields(field_label: Callable[[str], str]) -> list[str]:
    # services.field_labels composes "监护人1姓名" … from a field name: list the names it knows.
    subs = ("", "_name", "_relation", "_phone", "_workplace", "_away_working")
    return [field_label(f"guardian{n}{sub}") for n in (1, 2) for sub in subs]


def _column_tuples(module: Any) -> list[str]:
    # services.dashboard builds each list's column headers as a local `columns = (…)`: read them
    # from the module's syntax tree (a dict inside the tuple gives its values).
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "columns" for t in node.targets):
            for const in ast.walk(node.value):
                if isinstance(const, ast.Constant) and isinstance(const.value, str):
                    out.append(const.value)
    return out


@dataclass(frozen=True)
class Source:
    """One code list or label map: module, attribute ("": the module itself), and how to read its texts
    (default `_texts`)."""

    module: str
    attribute: str
    read: Callable[[Any], list[str]] = _texts

    @property
    def name(self) -> str:
        module = self.module.removeprefix("kongchuo_desktop.")
        return f"{module}.{self.attribute}" if self.attribute else f"{module} (its `columns` tuples)"

    def texts(self) -> list[str]:
        module = importlib.import_module(self.module)
        return self.read(getattr(module, self.attribute) if self.attribute else module)


D, S, ST = "kongchuo_desktop.domain", "kongchuo_desktop.services", "kongchuo_desktop.store"
SOURCES: tuple[Source, ...] = (
    *(Source(f"{D}.status", a) for a in ("STUDENT_STATUSES", "STATUS_CHANGE_KINDS", "TRANSFER_SCOPES", "PROOF_HINTS")),
    *(
        Source(f"{D}.codes", a)
        for a in (
            "SEXES",
            "GRADE_NAMES",
            "SPECIAL_GROUPS",
            "CHILD_SITUATIONS",
            "ID_TYPES",
            "HUKOU_NATURES",
            "LEFT_BEHIND",
            "DISABILITY_TYPES",
            "DISABILITY_ARRANGEMENTS",
            "GUARDIAN_RELATIONS",
            "STAFF_ROLES",
            "SCHOOL_KINDS",
            "SITE_TYPE_LABELS",
        )
    ),  # fmt: skip
    *(
        Source(f"{D}.escalation", a)
        for a in (
            "CASE_STATUSES",
            "VISIT_ROUNDS",
            "ROUND_WHO",
            "VISIT_KINDS",
            "REASONS",
            "ATTITUDES",
            "MET_WITH",
            "VISIT_OUTCOMES",
            "ALL_OUTCOMES",
            "AGENCIES",
            "AGENCY_HINTS",
            "EVENT_LABELS",
            "DUE_LABELS",
        )
    ),  # fmt: skip
    Source(f"{D}.school_age", "AGE_FLAG_LABELS"),
    Source(f"{D}.school_calendar", "DAY_KINDS"),
    Source(f"{D}.student_no", "KIND_LABELS"),
    Source(f"{S}.permissions", "ROLES"),
    Source(f"{S}.permissions", "PERMISSION_LABELS"),
    Source(f"{S}.permissions", "ROLE_DESCRIPTIONS"),
    Source(f"{S}.sites", "SITE_TYPE_LABELS"),
    Source(f"{S}.sync.sites", "TYPE_LABELS"),
    Source(f"{S}.sync.importer", "KIND_LABELS"),
    Source(f"{S}.sync.policy", "TABLE_LABELS"),
    Source(f"{S}.backups", "KIND_LABELS"),
    Source(f"{ST}.backups", "COUNT_LABELS"),
    Source(f"{ST}.audit", "ACTION_LABELS"),
    Source(f"{ST}.audit", "ENTITY_LABELS"),
    Source(f"{S}.field_labels", "FIELD_LABELS"),
    Source(f"{S}.field_labels", "field_label", _guardian_fields),
    Source(f"{S}.field_labels", "COMMON_FIELD_LABELS"),
    Source(f"{S}.field_labels", "ENTITY_FIELD_LABELS"),
    Source(f"{S}.crosscheck", "LIST_LABELS"),
    Source(f"{S}.crosscheck", "LIST_HINTS"),
    Source(f"{S}.crosscheck", "grade_text", lambda grade_text: [grade_text(n) for n in range(1, 10)]),
    Source(f"{S}.dashboard", "GROUP_LABELS"),
    Source(f"{S}.dashboard", "", _column_tuples),
    Source(f"{S}.todo", "GROUP_TITLES"),
    Source(f"{S}.todo", "GROUP_HINTS"),
    Source(f"{S}.reports.monthly", "KIND_LABELS"),
    Source(f"{S}.letters", "STATUSES"),
    Source(f"{S}.letters", "ASSESSMENTS"),
    Source(f"{S}.letter_templates", "KINDS"),
    Source(f"{S}.letter_templates", "KIND_PARTY"),
    Source(f"{S}.ledgers", "LEDGERS", _ledger_texts),
    Source("kongchuo_desktop.importing.fields", "LABELS"),
    Source(f"{S}.roster_import", "KINDS"),
)
"""Where the labels come from, in the order they are listed in the generated module."""

# Label maps found in those layers that the GUI never shows, with the reason (tests/i18n checks that
# every module-level *_LABELS name is either a source above or listed here).
NOT_SHOWN: dict[str, str] = {}


def collect(sources: Iterable[Source] = SOURCES) -> list[tuple[str, list[str]]]:
    """(source name, its new texts) in order; a text already listed by an earlier source is left out,
    and so is one without a Chinese character (nothing to translate)."""
    seen: set[str] = set()
    out = []
    for source in sources:
        texts = []
        for text in source.texts():
            if text and IDEOGRAPH.search(text) and text not in seen:
                seen.add(text)
                texts.append(text)
        out.append((source.name, texts))
    return out


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render(groups: list[tuple[str, list[str]]]) -> str:
    """The generated module's text."""
    lines = [
        '"""Generated by tools/domain_labels.py — do not edit: the enumerated domain values the GUI shows, marked',
        'for lupdate under the "DomainLabels" context (gui/domain_labels.py translates them)."""',
        "",
        "from __future__ import annotations",
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "LABELS: tuple[str, ...] = (",
    ]
    for name, texts in groups:
        if not texts:
            continue
        lines.append(f"    # {name}")
        lines += [f'    QT_TRANSLATE_NOOP("{CONTEXT}", {_literal(t)}),' for t in texts]
    lines.append(")")
    return "\n".join(lines) + "\n"


def write(text: str, target: Path) -> None:
    """Write `text` to `target` through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate kongchuo_desktop/gui/domain_label_strings.py.")
    parser.add_argument("--check", action="store_true", help="only check that the module is up to date")
    args = parser.parse_args(argv)
    text = render(collect())
    current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
    if args.check:
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run `python tools/domain_labels.py`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        write(text, TARGET)
    count = sum(len(texts) for _name, texts in collect())
    print(f"{TARGET.relative_to(ROOT)}: {count} labels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
