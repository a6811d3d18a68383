"""Reads the GUI modules' syntax trees for the translation tests: Chinese text outside tr()/translate(),
translation calls that lupdate cannot file under the context Qt looks them up in at run time, and %n counts
passed no count."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "kongchuo_desktop" / "gui"
# CJK ideographs (and extension A); punctuation alone is not text to translate.
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MARKERS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
FIX = 'use self.tr("…") in the class, or QCoreApplication.translate("Context", "…")'
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}


@dataclass(frozen=True)
class Finding:
    """One place in a GUI module: file name, line and what is wrong (or the literal found)."""

    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"kongchuo_desktop/gui/{self.file}:{self.line}: {self.text}"


def gui_modules() -> list[Path]:
    """The hand-written GUI modules (uic output is translated through ui/*.ui)."""
    return [p for p in sorted(GUI.rglob("*.py")) if "generated" not in p.relative_to(GUI).parts]


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and _is_literal(first.value):
                found.add(id(first.value))
    return found


def _parents(tree: ast.Module) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def untranslated_literals(path: Path) -> list[Finding]:
    """Chinese string literals that are neither inside a tr()/translate()/QT_TRANSLATE_NOOP call,
    nor a docstring, nor the message of a logging call."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs, parents = _docstrings(tree), _parents(tree)
    out = []
    for node in ast.walk(tree):
        if not (_is_literal(node) and IDEOGRAPH.search(node.value)) or id(node) in docs:  # type: ignore[attr-defined]
            continue
        up: ast.AST | None = node
        exempt = False
        while up is not None and not exempt:
            up = parents.get(id(up))
            if isinstance(up, ast.Call):
                name = _name(up.func)
                exempt = name in MARKERS or (
                    name in LOGGING and isinstance(up.func, ast.Attribute) and _name(up.func.value) in ("log", "logger")
                )
        if not exempt:
            out.append(Finding(path.name, node.lineno, node.value))  # type: ignore[attr-defined]
    return out


PLURAL = re.compile(r"%L?n")


def plural_calls_without_count(path: Path) -> list[Finding]:
    """tr()/translate() calls whose text has a %n count but no count passed positionally: Qt only puts
    n in for %n and picks the plural form when it gets n, and lupdate only sees a positional n
    (self.tr(text, "", n), QCoreApplication.translate(context, text, None, n))."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) not in ("tr", "translate"):
            continue
        position = 0 if _name(node.func) == "tr" else 1
        if len(node.args) <= position or not _is_literal(node.args[position]):
            continue
        if PLURAL.search(node.args[position].value) and len(node.args) < position + 3:  # type: ignore[attr-defined]
            out.append(Finding(path.name, node.lineno, f"%n without a positional count: {ast.unparse(node)[:100]}"))
    return out


def misfiled_calls(path: Path) -> list[Finding]:
    """Translation calls lupdate would file under another context than the one used at run time:
    a bare tr()/_tr() wrapper (lupdate: context ""), `other.tr()` (lupdate: context "other"), and
    a translate()/QT_TRANSLATE_NOOP() whose context is not a literal while its text is."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, name = node.func, _name(node.func)
        if name in ("tr", "_tr") and isinstance(func, ast.Name):
            out.append(Finding(path.name, node.lineno, f"bare {name}(): {FIX}"))
        elif name == "tr" and isinstance(func, ast.Attribute) and _name(func.value) not in ("self", "cls"):
            out.append(Finding(path.name, node.lineno, f"{ast.unparse(func)}(): {FIX}"))
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            context, text = node.args[0], node.args[1]
            if _is_literal(text) and not _is_literal(context):
                out.append(
                    Finding(
                        path.name,
                        node.lineno,
                        f"context must be a string literal for lupdate: {ast.unparse(node)[:100]}",
                    )
                )
    return out
