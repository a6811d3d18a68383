"""PDF building blocks shared by every printed document: CJK fonts with fallback, official layout.

- `fonts`: registers the bundled fonts with reportlab once per process and splits text into runs
  by which font has each glyph, so every character in the data renders (rare characters in names
  fall back glyph by glyph to a second font).
- `official`: an official Chinese document (公文) after GB/T 9704 — A4 page with its margins,
  page numbers "— 1 —", Chinese-numeral dates, clause numbering, signature blocks, a document
  number with its QR code — and a streaming builder that writes many documents into one PDF (or
  one file each) with progress and cancel, through a temporary file that is renamed at the end.

No Qt here: the GUI, the CLI and the tests all use these the same way.
"""
