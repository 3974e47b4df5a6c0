"""Japanese text folding (表記ゆれの吸収) for search keys and item comparisons.

Two spellings of one name must compare equal when they differ only in how they were typed or printed:
half-width katakana from an old form, a full-width space typed between family and given name, katakana
furigana against hiragana, or an old kanji form (旧字体/異体字) on a card against the common form typed by
the clerk. :func:`fold` maps all of those to one key; :func:`same_text` compares two strings by their keys.

What it folds, in this order:

1. Unicode NFKC: full-width ASCII → ASCII, half-width katakana → full-width, compatibility ideographs
   (e.g. U+FA10 塚) → their unified form, circled and other compatibility characters.
2. ASCII letters → lower case.
3. Katakana → hiragana (ァ–ヶ → ぁ–ゖ, so ヴ → ゔ; ヷ–ヺ have no hiragana and stay).
4. Old or variant kanji in :data:`KANJI_VARIANTS` → the common form (髙 → 高, 﨑 → 崎, 邊/邉 → 辺 …).
5. Spaces of every kind and the separators written between parts of a name (・, ･, ·, ``.``, ``,``)
   are dropped.

What it does NOT fold, on purpose:

- kanji ↔ kana: 山田 and やまだ stay different (reading a kanji name needs a dictionary and is ambiguous);
  search the kana column for readings;
- distinct surnames that are not variants of one character: 斎藤 vs 斉藤, 渡辺 vs 渡部, 沢 vs 澤 *is*
  folded (a true variant) but 斎 vs 斉 is not;
- small and large kana (ッ vs ツ, ャ vs ヤ) and voiced marks (ハ vs バ): they change the name;
- the long-vowel mark ー: it is part of the name (コーヘイ ≠ コヘイ);
- the iteration mark 々 (佐々木 vs 佐佐木 stay different);
- romaji ↔ kana.

The variant table is small and deliberately conservative: each entry is a character that is a
recognised 異体字 of its target, never a merely similar-looking one.
"""

from __future__ import annotations

import unicodedata
from typing import Final

#: 旧字体・異体字 → 通用字体. Keys are single characters; values the common form.
KANJI_VARIANTS: Final[dict[str, str]] = {
    "髙": "高",  # はしご高
    "﨑": "崎",  # たつさき (U+FA11, which NFKC leaves alone)
    "嵜": "崎",
    "碕": "崎",
    "邊": "辺",
    "邉": "辺",
    "濵": "浜",
    "濱": "浜",
    "澤": "沢",
    "廣": "広",
    "櫻": "桜",
    "國": "国",
    "德": "徳",
    "惠": "恵",
    "龍": "竜",
    "瀨": "瀬",
    "齋": "斎",
    "齊": "斉",
    "冨": "富",
    "槗": "橋",
    "𠮷": "吉",  # つちよし (U+20BB7)
    "峯": "峰",
    "嶋": "島",
    "嶌": "島",
    "籠": "篭",
    "眞": "真",
    "實": "実",
    "榮": "栄",
    "藏": "蔵",
    "穗": "穂",
    "曻": "昇",
    "杦": "杉",
    "淺": "浅",
    "兒": "児",
    "壽": "寿",
    "萬": "万",
    "鐵": "鉄",
    "條": "条",
    "晉": "晋",
    "傳": "伝",
    "學": "学",
    "舘": "館",
}

#: Characters dropped from the key: spaces and the separators used between parts of a name.
_DROPPED: Final = frozenset(" \t\r\n\u3000\u00a0・･·.,")

_KATAKANA_FIRST: Final = 0x30A1  # ァ
_KATAKANA_LAST: Final = 0x30F6  # ヶ
_KANA_OFFSET: Final = 0x60  # ァ (U+30A1) - ぁ (U+3041)


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if _KATAKANA_FIRST <= code <= _KATAKANA_LAST:
        return chr(code - _KANA_OFFSET)
    return KANJI_VARIANTS.get(ch, ch)


def fold(text: str) -> str:
    """The search/comparison key of ``text`` (see the module docstring for what is folded)."""
    normal = unicodedata.normalize("NFKC", text).lower()
    kept = "".join(_fold_char(ch) for ch in normal if ch not in _DROPPED and not ch.isspace())
    # dropping a separator can bring a base letter and a combining mark together: compose them again
    return unicodedata.normalize("NFKC", kept)


def same_text(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only in what :func:`fold` folds."""
    return fold(a) == fold(b)


def fold_document_number(text: str) -> str:
    """The key of a document or card number: NFKC, upper case, without spaces, hyphens and dots.

    Card numbers are printed and typed with varying separators (``AB 1234-5678 CD``); the key keeps
    only letters and digits so that any spelling finds the record.
    """
    normal = unicodedata.normalize("NFKC", text).upper()
    return "".join(ch for ch in normal if ch.isalnum())
