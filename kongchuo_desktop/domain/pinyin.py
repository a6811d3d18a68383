"""Pinyin search keys for person names (full pinyin and initials), surname-aware and cached."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache

# Surnames whose reading differs from pypinyin's default for the character.
# Compound surnames come first in matching; only those whose default reading is wrong
# (or whose first character would otherwise be read as a single surname) are listed.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "乐正": ("yue", "zheng"),
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "区": ("ou",),
    "查": ("zha",),
    "乐": ("yue",),
    "盖": ("ge",),
    "翟": ("zhai",),
    "缪": ("miao",),
    "秘": ("bi",),
    "繁": ("po",),
    "召": ("shao",),
    "种": ("chong",),
    "员": ("yun",),
    "折": ("she",),
    "句": ("gou",),
    "隗": ("wei",),
    "薄": ("bo",),
    "能": ("nai",),
    "阚": ("kan",),
    "蕃": ("pi",),
    "重": ("chong",),
    "卜": ("bu",),
    "都": ("du",),
    "藏": ("zang",),
    "长": ("chang",),
    "佴": ("nai",),
    "占": ("zhan",),
    "祭": ("zhai",),
    "车": ("che",),
    "柏": ("bai",),
    "宿": ("su",),
    "沈": ("shen",),
    "尉": ("wei",),
    "于": ("yu",),
    "谷": ("gu",),
}

# Separators dropped from names: 间隔号 variants, spaces, dashes, dots.
_DROP = frozenset("\u00b7\u2022\u2027\u2219\u30fb\uff65\u318d\u0387.．。-－_ \t\u3000'’")


@lru_cache(maxsize=1)
def _known() -> Mapping[int, str]:
    """pypinyin's character table, imported on first use (loading it takes ~0.3 s)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


def _ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits of `text` (accents stripped, full-width folded)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


@cache
def _char(ch: str) -> tuple[str, bool, bool]:
    """(reading, is_han, ambiguous) for one character; reading "" means dropped."""
    if ord(ch) in _known():
        from pypinyin import Style, pinyin

        readings = [_ascii_fold(r) for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]]
        readings = [r for r in readings if r]
        if not readings:
            return "", True, False
        return readings[0], True, len(set(readings)) > 1
    if unicodedata.category(ch) == "Lo":
        return "", True, False  # an ideograph pypinyin does not know: no reading
    return _ascii_fold(ch), False, False


@lru_cache(maxsize=1)
def _phrases() -> Mapping[str, object]:
    """pypinyin's phrase table, imported on first use."""
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


def _has_phrase(run: str) -> bool:
    phrases = _phrases()
    n = len(run)
    return any(run[i:j] in phrases for i in range(n - 1) for j in range(i + 2, n + 1))


@lru_cache(maxsize=1 << 16)
def _han_run(run: str) -> tuple[str, ...]:
    """Readings, one per character, of a run of known Chinese characters (phrase-aware)."""
    readings = tuple(_char(ch)[0] for ch in run)
    if len(run) > 1 and any(_char(ch)[2] for ch in run) and _has_phrase(run):
        # A heteronym inside a known phrase: let pypinyin pick (朝阳 → zhao yang).
        # Without a phrase pypinyin would return the same default readings as above.
        from pypinyin import Style, lazy_pinyin

        phrase = lazy_pinyin(run, style=Style.NORMAL, errors="ignore")
        if len(phrase) == len(run):
            readings = tuple(_ascii_fold(r) or r0 for r, r0 in zip(phrase, readings, strict=True))
    return readings


def _is_separated(name: str) -> bool:
    return any(ch in _DROP and ch not in " \t\u3000" for ch in name)


@lru_cache(maxsize=1 << 18)
def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lowercase ASCII without spaces: "王丽" → ("wangli", "wl").

    The first character (or a listed compound surname) is read as a surname (单 → shan,
    曾 → zeng, 解 → xie) unless the name has a 间隔号; heteronyms in the rest follow
    pypinyin's phrase dictionary, else its default reading. Letters and digits are
    kept (lowercased), '·' and other separators dropped, unknown characters skipped.
    """
    known = _known()
    text = name.strip()
    if text and all(ord(ch) in known for ch in text):
        # Fast path: an all-Chinese name, surname read on its own so the given name's
        # phrases are not merged with it (王朝阳 is wang + zhaoyang, not wangchao + yang).
        start = 2 if text[:2] in SURNAME_READINGS else 1
        surname = SURNAME_READINGS.get(text[:start]) or (_char(text[0])[0],)
        parts = [r for r in (*surname, *_han_run(text[start:])) if r]
        return "".join(parts), "".join([r[0] for r in parts])
    return _mixed_keys(text, known)


def _mixed_keys(text: str, known: Mapping[int, str]) -> tuple[str, str]:
    """name_keys for names with separators, letters, digits or unknown characters."""
    full: list[str] = []
    initials: list[str] = []
    start = 0
    if text and ord(text[0]) in known and not _is_separated(text):
        start = 2 if text[:2] in SURNAME_READINGS else 1
        for reading in SURNAME_READINGS.get(text[:start]) or (_char(text[0])[0],):
            if reading:
                full.append(reading)
                initials.append(reading[0])
    run_start = -1
    for index in range(start, len(text) + 1):
        ch = text[index] if index < len(text) else ""
        if ch and ord(ch) in known:
            if run_start < 0:
                run_start = index
            continue
        if run_start >= 0:
            for reading in _han_run(text[run_start:index]):
                if reading:
                    full.append(reading)
                    initials.append(reading[0])
            run_start = -1
        if not ch or ch in _DROP:
            continue
        folded = _char(ch)[0]
        if folded:
            full.append(folded)
            initials.append(folded)
    return "".join(full), "".join(initials)
