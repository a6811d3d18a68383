"""The PySide6 desktop interface: main window, register pages, forms and dialogs."""

from kongchuo_desktop.gui.pyside_fixes import protect_singletons

# Before any other Qt call: some PySide6 builds leak references to None / True on every call
# (see pyside_fixes), which aborts Python < 3.12 within minutes of use.
protect_singletons()
