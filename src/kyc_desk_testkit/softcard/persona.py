"""Personas: the made-up card holders software cards are built for.

One persona can be put on every kind of card (My Number card, driver's licence, residence card), so
that tests and the demo can check that the desk reads the same person the same way everywhere. Names,
addresses, birth dates and numbers are made up; the photos are not: they are real sample photos of a real
public figure from face_recognition 1.3.0's source distribution (:mod:`kyc_desk_testkit.samples`, used
as that MIT-licensed package ships them). Say so wherever a persona is shown to people (the demo banner,
the user guide): a persona is not "a fictional person" with those photos.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

Sex = Literal["male", "female", "other", "unknown"]


@dataclass(frozen=True)
class Persona:
    """A card holder with a made-up name and details (and a real sample photo).

    ``name`` as on the card face (kanji for Japanese nationals, Latin capitals for most foreign
    residents), ``name_kana`` its reading, ``photo`` a path to a real face photo.
    """

    name: str
    name_kana: str
    birth_date: dt.date
    sex: Sex
    address: str
    photo: Path
    nationality: str = "日本"
    #: Free-form extras a particular card needs (e.g. ``{"licence_number": "…"}``).
    extras: dict[str, str] = field(default_factory=dict)

    def but(self, **changes: object) -> Persona:
        """A copy with some fields changed (for tampered or mismatching test cards)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def demo_personas() -> dict[str, Persona]:
    """The personas the demo and the tests use, keyed by a short id."""
    from kyc_desk_testkit.samples import sample_photo

    return {
        "taro": Persona(
            name="山田 太郎",
            name_kana="ヤマダ タロウ",
            birth_date=dt.date(1961, 8, 4),
            sex="male",
            address="東京都千代田区霞が関一丁目1番1号",
            photo=sample_photo("obama.jpg"),
        ),
        "jiro": Persona(
            name="鈴木 次郎",
            name_kana="スズキ ジロウ",
            birth_date=dt.date(1942, 11, 20),
            sex="male",
            address="大阪府大阪市北区中之島一丁目3番20号",
            photo=sample_photo("biden.jpg"),
        ),
        "alex": Persona(
            name="SMITH ALEX JOHN",
            name_kana="スミス アレックス ジョン",
            birth_date=dt.date(1985, 3, 15),
            sex="male",
            address="神奈川県横浜市中区日本大通1番地",
            photo=sample_photo("obama2.jpg"),
            nationality="アメリカ合衆国",
        ),
    }
