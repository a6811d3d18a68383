"""CJK fonts for reportlab: register the bundled faces once, and fall back glyph by glyph.

reportlab embeds TrueType-outline fonts only, and no single free TrueType CJK font has every
character that turns up in names: AR PL UMing (our Song/Ming body face) has much of CJK Ext-A/B
but lacks a few characters such as 髙, WenQuanYi Micro Hei (our Hei face) has those but no
Ext-A/B. So text is set in a *chain* of fonts: each character goes to the first font in the chain
that has a glyph for it, and runs of characters with the same font become one ``<font>`` span in
a Paragraph (`FontChain.markup`) or one ``drawString`` on a canvas (`FontChain.runs`).

Two chains are defined: `Fonts.song` (body text: UMing, then Micro Hei) and `Fonts.hei` (titles
and first-level headings: Micro Hei, then UMing). Fonts installed with the operating system that
are known to be TrueType (SimSun-ExtB, SimSun, SimHei on Windows; Hanazono and Noto Sans Mongolian
on Linux)
are appended at the end of both chains and only opened when a character is missing from the
bundled ones.

A font file that is missing or damaged is skipped with a warning (`Fonts.warnings`), never an
error; if no CJK font at all can be opened, reportlab's built-in STSong-Light (not embedded, so
only viewers with a Chinese font show it) keeps the document printable.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from kongchuo_desktop.paths import resource

log = logging.getLogger(__name__)

# Characters that never need a glyph of their own (controls, zero-width joiners, variation selectors).
_INVISIBLE = (
    {chr(c) for c in range(0x20)} | {"\u200b", "\u200c", "\u200d", "\ufeff"} | {chr(c) for c in range(0xFE00, 0xFE10)}
)
CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class FontFile:
    """A TrueType font file (or one face of a .ttc collection) that may join a chain.

    label: how messages name it (Chinese); subfont: face index inside a .ttc.
    """

    path: Path
    label: str
    subfont: int = 0

    @property
    def font_name(self) -> str:
        """The name it is registered under with reportlab: stable for the same file and face."""
        digest = hashlib.sha1(f"{self.path.resolve()}#{self.subfont}".encode()).hexdigest()[:8]
        return f"KC-{self.path.stem}-{self.subfont}-{digest}"


def bundled_song() -> FontFile:
    """AR PL UMing CN (Ming/Song style), shipped in resources/fonts."""
    return FontFile(resource("fonts", "uming.ttc"), "文鼎PL细上海宋（AR PL UMing）", 0)


def bundled_hei() -> FontFile:
    """WenQuanYi Micro Hei (Hei style), shipped in resources/fonts."""
    return FontFile(resource("fonts", "wqy-microhei.ttc"), "文泉驿微米黑", 0)


def system_fallbacks() -> list[FontFile]:
    """TrueType fonts of the operating system worth trying for characters the bundled fonts lack."""
    candidates: list[FontFile] = []
    if sys.platform.startswith("win"):
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        candidates += [
            FontFile(fonts / "simsunb.ttf", "宋体-ExtB"),
            FontFile(fonts / "simsun.ttc", "宋体"),
            FontFile(fonts / "simhei.ttf", "黑体"),
            FontFile(fonts / "monbaiti.ttf", "Mongolian Baiti"),
        ]
    else:
        for folder in (Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts")):
            candidates += [
                FontFile(folder / "hanazono" / "HanaMinA.ttf", "花園明朝A"),
                FontFile(folder / "hanazono" / "HanaMinB.ttf", "花園明朝B（CJK 扩展B）"),
                FontFile(folder / "noto" / "NotoSansMongolian-Regular.ttf", "Noto Sans Mongolian"),
            ]
    return [c for c in candidates if c.path.is_file()]


@dataclass
class _Loaded:
    name: str
    chars: frozenset[str] | None  # None: a CID font that claims every character


_lock = threading.RLock()
_loaded: dict[str, _Loaded] = {}


def _load(font: FontFile, warnings: list[str]) -> _Loaded | None:
    """Register one font with reportlab (once per process); None, with a warning, if it can't be."""
    with _lock:
        cached = _loaded.get(font.font_name)
        if cached is not None:
            return cached
        from reportlab.pdfbase.ttfonts import TTFont

        if not font.path.is_file():
            warnings.append(f"找不到字体文件“{font.path.name}”（{font.label}），已改用其他字体。")
            log.warning("font file missing: %s", font.path)
            return None
        try:
            ttf = TTFont(font.font_name, str(font.path), subfontIndex=font.subfont)
        except Exception as exc:  # reportlab raises TTFError, struct.error, IndexError … for bad files
            warnings.append(f"字体文件“{font.path.name}”（{font.label}）已损坏或不能嵌入，已改用其他字体。")
            log.warning("font file unusable: %s: %s", font.path, exc)
            return None
        pdfmetrics.registerFont(ttf)
        chars = frozenset(chr(code) for code in ttf.face.charToGlyph)
        loaded = _Loaded(font.font_name, chars)
        _loaded[font.font_name] = loaded
        return loaded


def _cid_fallback() -> _Loaded:
    with _lock:
        cached = _loaded.get(CID_FALLBACK)
        if cached is None:
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
            cached = _loaded[CID_FALLBACK] = _Loaded(CID_FALLBACK, None)
        return cached


def escape(text: str) -> str:
    """Text made safe for reportlab Paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class FontChain:
    """Fonts tried in order for each character.

    primary: the reportlab name of the first font (the one a style names); fonts: the loaded fonts;
    lazy: system fonts opened only when a character is missing from all loaded ones;
    missing: characters no font had (they are drawn in the primary font, usually as a blank box);
    seen_missing: those of them met since a builder last cleared it (for per-document warnings).
    """

    fonts: list[_Loaded]
    lazy: list[FontFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)
    seen_missing: set[str] = field(default_factory=set)
    _cache: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def primary(self) -> str:
        """The font name of the chain's first font."""
        return self.fonts[0].name

    @property
    def embedded(self) -> bool:
        """False when only the non-embedded CID fallback is available."""
        return self.fonts[0].chars is not None

    def font_for(self, ch: str) -> str:
        """The first font in the chain that has a glyph for `ch` (the primary when none has)."""
        found = self._cache.get(ch)
        if found is not None:
            return found
        with _lock:
            name = self._search(ch)
            self._cache[ch] = name
            return name

    def _search(self, ch: str) -> str:
        if ch in _INVISIBLE:
            return self.primary
        for font in self.fonts:
            if font.chars is None or ch in font.chars:
                return font.name
        while self.lazy:
            extra = _load(self.lazy.pop(0), self.warnings)
            if extra is not None:
                self.fonts.append(extra)
                if extra.chars is None or ch in extra.chars:
                    return extra.name
        self.missing.add(ch)
        return self.primary

    def uncovered(self, text: str) -> set[str]:
        """Characters of `text` the primary font lacks (a fast check: usually empty)."""
        first = self.fonts[0].chars
        if first is None:
            return set()
        return set(text) - first

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` split into (font name, text) runs, each run set in one font."""
        if not text:
            return []
        odd = self.uncovered(text)
        if not odd:
            return [(self.primary, text)]
        runs: list[tuple[str, str]] = []
        current = ""
        start = 0
        for i, ch in enumerate(text):
            name = self.font_for(ch) if ch in odd else self.primary
            if name != current:
                if i > start:
                    runs.append((current, text[start:i]))
                current, start = name, i
        runs.append((current, text[start:]))
        if self.missing:
            self.seen_missing |= odd & self.missing
        return runs

    def markup(self, text: str) -> str:
        """`text` as Paragraph markup: escaped, with ``<font name=…>`` spans for fallback runs."""
        if not self.uncovered(text):
            return escape(text)
        parts = []
        for name, run in self.runs(text):
            if name == self.primary:
                parts.append(escape(run))
            else:
                parts.append(f'<font name="{name}">{escape(run)}</font>')
        return "".join(parts)

    def width(self, text: str, size: float) -> float:
        """The width of `text` set at `size` points, fallback runs included."""
        return sum(pdfmetrics.stringWidth(run, name, size) for name, run in self.runs(text))


@dataclass
class Fonts:
    """The chains a document uses, and what went wrong loading them.

    song: body text (宋体/明体 first); hei: titles and headings (黑体 first);
    warnings: Chinese sentences about fonts that were missing or damaged.
    """

    song: FontChain
    hei: FontChain
    warnings: list[str]

    @property
    def embedded(self) -> bool:
        """True when the documents' CJK fonts are embedded TrueType fonts."""
        return self.song.embedded and self.hei.embedded

    def cell_font(self) -> tuple[str, tuple[int, int], tuple[int, int], str]:
        """A TableStyle command giving every cell the body face: reportlab draws plain-text cells,
        empty ones included, in its built-in Helvetica otherwise, which is not embedded."""
        return ("FONTNAME", (0, 0), (-1, -1), self.song.primary)

    def missing_chars(self) -> set[str]:
        """Characters met so far that no font could draw."""
        return self.song.missing | self.hei.missing

    def all_warnings(self) -> list[str]:
        """Loading warnings plus one naming the characters no font had, if any."""
        out = list(dict.fromkeys(self.warnings + self.song.warnings + self.hei.warnings))
        missing = "".join(sorted(self.missing_chars()))
        if missing:
            out.append(f"以下字符在所有字体中都没有字形，打印出来可能是空白方框：{missing}")
        return out


def _chain(files: Sequence[FontFile], lazy: Iterable[FontFile], warnings: list[str]) -> FontChain:
    loaded = [f for f in (_load(file, warnings) for file in files) if f is not None]
    if not loaded:
        warnings.append(
            "没有可用的中文字体文件，已改用不嵌入的宋体（STSong-Light）；在没有中文字体的电脑上可能无法正常显示。"
        )
        loaded = [_cid_fallback()]
    return FontChain(loaded, list(lazy))


def load_fonts(
    song: Sequence[FontFile] | None = None,
    hei: Sequence[FontFile] | None = None,
    extra: Sequence[FontFile] | None = None,
) -> Fonts:
    """Build the two chains (bundled fonts by default); never raises for a bad font file."""
    warnings: list[str] = []
    song_files = list(song) if song is not None else [bundled_song(), bundled_hei()]
    hei_files = list(hei) if hei is not None else [bundled_hei(), bundled_song()]
    extra_files = list(extra) if extra is not None else system_fallbacks()
    song_chain = _chain(song_files, extra_files, warnings)
    hei_chain = _chain(hei_files, extra_files, warnings)
    return Fonts(song_chain, hei_chain, warnings)


_default: Fonts | None = None


def default_fonts() -> Fonts:
    """The bundled chains, loaded once per process (the first call takes about half a second)."""
    global _default
    with _lock:
        if _default is None:
            _default = load_fonts()
        return _default
