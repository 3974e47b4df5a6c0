"""kyc_desk.jp.text: what folds to one key and what deliberately does not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyc_desk.jp.text import KANJI_VARIANTS, fold, fold_document_number, same_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ﾀｶﾊｼ ｻｷｺ", "タカハシサキコ"),  # half-width katakana, space
        ("タカハシ　サキコ", "たかはしさきこ"),  # full-width space, katakana → hiragana
        ("髙橋", "高橋"),
        ("山﨑", "山崎"),
        ("渡邊", "渡辺"),
        ("渡邉", "渡辺"),
        ("濵田", "浜田"),
        ("𠮷田", "吉田"),
        ("\ufa10本", "塚本"),  # compatibility ideograph, folded by NFKC
        ("ＡＢＣ　ｄｅｆ", "abc def"),
        ("ジョン・スミス", "じょんすみす"),  # name separator
        ("ヴィ", "ゔぃ"),
        ("Ｏ'Ｎｅｉｌ", "o'neil"),
    ],
)
def test_folds_to_the_same_key(a: str, b: str) -> None:
    assert fold(a) == fold(b)
    assert same_text(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("山田", "やまだ"),  # kanji vs reading
        ("斎藤", "斉藤"),  # different surnames, not variants of one character
        ("ツ", "ッ"),  # small kana
        ("ハ", "バ"),  # voiced mark
        ("コーヘイ", "コヘイ"),  # long-vowel mark is part of the name
        ("佐々木", "佐佐木"),  # iteration mark
        ("yamada", "やまだ"),  # romaji
    ],
)
def test_does_not_fold(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_variant_table_is_single_characters_to_other_characters() -> None:
    for old, new in KANJI_VARIANTS.items():
        assert len(old) == 1 and len(new) == 1 and old != new
        assert new not in KANJI_VARIANTS  # one step: targets are already common forms


def test_fold_is_idempotent() -> None:
    for text in ("髙橋　﨑子", "ﾀｶﾊｼ ｻｷｺ", "ＡＢＣ", "渡邉・濱"):
        assert fold(fold(text)) == fold(text)


def test_document_number_key() -> None:
    assert fold_document_number("ab 1234-5678.cd") == "AB12345678CD"
    assert fold_document_number("ＡＢ１２３４５６７８ＣＤ") == "AB12345678CD"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_idempotent_for_any_text(text: str) -> None:
    key = fold(text)
    assert fold(key) == key
    assert not any(ch.isspace() for ch in key)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x30A1, max_codepoint=0x30F6)))
def test_katakana_and_hiragana_spellings_fold_together(katakana: str) -> None:
    hiragana = "".join(chr(ord(ch) - 0x60) for ch in katakana)
    assert fold(katakana) == fold(hiragana)
