"""Minutes templates: every kind has the same stable sections, each with items to write."""

from __future__ import annotations

import pytest

from kyc_desk.meetings.minutes import SECTION_KEYS, TEMPLATES, UnknownMatterKind, minutes_template


def test_the_kinds() -> None:
    assert list(TEMPLATES) == ["real_estate_sale", "inheritance", "company_formation", "generic"]
    assert [t.ja for t in TEMPLATES.values()] == ["不動産売買", "相続", "会社設立", "その他"]


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_every_template_has_every_section_with_unique_items(kind: str) -> None:
    template = TEMPLATES[kind]
    assert tuple(s.key for s in template.sections) == SECTION_KEYS
    for section in template.sections:
        assert section.items and section.ja and section.en
        keys = [i.key for i in section.items]
        assert len(keys) == len(set(keys))
        assert all(i.ja and i.en for i in section.items)


def test_kind_specific_items() -> None:
    thing = {t.kind: [i.key for i in t.sections[1].items] for t in TEMPLATES.values()}
    assert "property" in thing["real_estate_sale"]
    assert "heirs" in thing["inheritance"]
    assert "trade_name" in thing["company_formation"]
    staff = [i.key for i in TEMPLATES["generic"].sections[5].items]
    assert staff == ["scrivener", "assistants"]


def test_lookup_by_japanese_name_and_unknown_kind() -> None:
    assert minutes_template("相続") is TEMPLATES["inheritance"]
    assert minutes_template("company_formation").ja == "会社設立"
    with pytest.raises(UnknownMatterKind):
        minutes_template("離婚")
