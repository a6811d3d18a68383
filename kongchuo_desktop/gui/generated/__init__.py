"""Python modules generated from ui/*.ui by `python -m kongchuo_desktop.gui.compile_ui` — do not edit."""
