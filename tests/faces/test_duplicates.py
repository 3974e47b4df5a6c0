"""The local duplicate-face check on real photos, end to end.

Verifications are saved as the window (app.faces) and the remote import (sync.face_checks) save them: the
face match's FaceResult carries both faces' embeddings into the record store. Then: the same person under
two identities is a lead, two different people are not, and another person's face under a known identity
is a lead the other way. ``kyc-desk face search`` lists the closest stored clients.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kyc_desk.app.faces import _face_engine_compare
from kyc_desk.app.texts import duplicate_lead_text
from kyc_desk.cli.main import main
from kyc_desk.faces import load_rgb
from kyc_desk.faces.engine import MATCH_ENGINE
from kyc_desk.records import (
    OTHER_FACE_SAME_IDENTITY,
    SAME_FACE_OTHER_IDENTITY,
    FaceSource,
    KeyFileKeySource,
    Person,
    RecordStore,
)
from kyc_desk.sync.face_checks import EngineFaceChecker
from kyc_desk_testkit.faces.testset import selfie_variant
from kyc_desk_testkit.samples import sample_photo
from tests.records.conftest import full_verification

TAKAHASHI = Person("髙橋 﨑子", birth_date=dt.date(1980, 2, 17))  # full_verification's client
YAMAMOTO = Person("山本 太郎", birth_date=dt.date(1975, 5, 5))
SUZUKI = Person("鈴木 一郎", birth_date=dt.date(1962, 11, 20))


def _jpeg(name: str, condition: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(selfie_variant(load_rgb(sample_photo(name)), condition)).save(out, format="JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A desk home with a key-file store holding four verifications saved with real face matches:

    1. 髙橋 — card obama.jpg, selfie obama2.jpg (the window's path);
    2. 山本 — card obama3.jpg (colour), selfie obama.jpg webcam-like (the remote import's path): the same
       person as 1 under another name and birth date;
    3. 鈴木 — card and webcam-like selfie of biden.jpg: another person;
    4. 髙橋 again — but biden.jpg's face: 1's identity with 3's face.
    """
    from kyc_desk_testkit.softcard.portrait import card_portrait

    folder = tmp_path_factory.mktemp("dup") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KYC_DESK_HOME", str(folder))
        assert main(["records", "init", "--key-file", "--accept-plaintext-key", "--json"]) == 0
        with RecordStore.open(KeyFileKeySource()) as store:
            base = full_verification()
            liveness = base.face_results[1]
            ids = []
            for person, chip, live in (
                (TAKAHASHI, card_portrait(sample_photo("obama.jpg")), sample_photo("obama2.jpg").read_bytes()),
                (YAMAMOTO, card_portrait(sample_photo("obama3.jpg"), colour=True, max_bytes=3000),
                 _jpeg("obama.jpg", "webcam")),
                (SUZUKI, card_portrait(sample_photo("biden.jpg")), _jpeg("biden.jpg", "webcam")),
                (TAKAHASHI, card_portrait(sample_photo("biden.jpg"), colour=True, max_bytes=3000),
                 _jpeg("biden.jpg", "smaller")),
            ):
                if person is YAMAMOTO:
                    _check, match = EngineFaceChecker._match(chip, live)
                    assert match is not None
                else:
                    match = _face_engine_compare(chip, live)
                assert [e.source for e in match.embeddings] == [FaceSource.CHIP_PHOTO, FaceSource.LIVE_CAPTURE]
                new = dataclasses.replace(base, client=person, face_results=(match, liveness))
                ids.append(store.save_verification(new, actor="test").id)
        mp.setattr("sys.stdin", io.StringIO(""))
        yield folder
    assert ids == [1, 2, 3, 4]


def _leads(home: Path, verification_id: int) -> dict[str, dict[int, float]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KYC_DESK_HOME", str(home))
        with RecordStore.open(KeyFileKeySource()) as store:
            leads = store.duplicate_leads(verification_id)
    out: dict[str, dict[int, float]] = {SAME_FACE_OTHER_IDENTITY: {}, OTHER_FACE_SAME_IDENTITY: {}}
    for lead in leads:
        assert lead.engine == MATCH_ENGINE and lead.verification_id == verification_id
        out[lead.code][lead.other_verification_id] = lead.distance
    return out


def test_the_same_person_under_two_identities_is_a_lead(home: Path) -> None:
    leads = _leads(home, 2)
    assert set(leads[SAME_FACE_OTHER_IDENTITY]) == {1}
    assert leads[SAME_FACE_OTHER_IDENTITY][1] <= 0.50
    assert leads[OTHER_FACE_SAME_IDENTITY] == {}
    assert set(_leads(home, 1)[SAME_FACE_OTHER_IDENTITY]) == {2}  # and the other way round


def test_two_different_people_are_not_a_lead(home: Path) -> None:
    leads = _leads(home, 3)
    assert 1 not in leads[SAME_FACE_OTHER_IDENTITY] and 2 not in leads[SAME_FACE_OTHER_IDENTITY]
    assert leads[OTHER_FACE_SAME_IDENTITY] == {}  # nobody else is 鈴木


def test_another_face_under_a_known_identity_is_a_lead(home: Path) -> None:
    leads = _leads(home, 4)
    assert set(leads[OTHER_FACE_SAME_IDENTITY]) == {1}  # 髙橋's earlier record shows obama, this one biden
    assert leads[OTHER_FACE_SAME_IDENTITY][1] >= 0.65
    assert set(leads[SAME_FACE_OTHER_IDENTITY]) == {3}  # biden's face is on record as 鈴木


def test_a_lead_reads_as_a_lead_in_both_languages(home: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KYC_DESK_HOME", str(home))
        with RecordStore.open(KeyFileKeySource()) as store:
            lead = store.duplicate_leads(2)[0]
    ja, en = duplicate_lead_text(lead, "ja"), duplicate_lead_text(lead, "en")
    assert "目視で確認" in ja and "記録 1" in ja and f"{lead.distance:.3f}" in ja and "0.500" in ja
    assert "check by eye" in en and "record 1" in en and MATCH_ENGINE in en


def _search(home: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KYC_DESK_HOME", str(home))
        mp.setenv("KYC_DESK_LANG", "en")
        status = main(["face", "search", *argv])
    return status, capsys.readouterr().out


def test_face_search_lists_the_closest_clients(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _search(home, capsys, str(sample_photo("obama3.jpg")), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["result"] == "searched" and data["engine"] == MATCH_ENGINE and data["same_face_at_most"] == 0.5
    closest = data["closest"]
    assert [c["verification_id"] for c in closest[:2]] in ([1, 2], [2, 1])  # obama's two records first
    assert {c["subject_name"] for c in closest[:2]} == {"髙橋 﨑子", "山本 太郎"}
    assert all(c["within_same_face_threshold"] for c in closest[:2])
    assert not any(c["within_same_face_threshold"] for c in closest[2:])  # biden's records further away
    assert [c["distance"] for c in closest] == sorted(c["distance"] for c in closest)
    assert len(closest) == 4

    status, out = _search(home, capsys, str(sample_photo("biden.jpg")), "--limit", "1")
    assert status == 0
    assert "check by eye" in out and ("record 3" in out or "record 4" in out)
    assert out.count("record ") == 1


def test_face_search_without_a_face_says_so(home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from PIL import Image

    blank = tmp_path / "wall.png"
    Image.new("RGB", (320, 240), (128, 128, 128)).save(blank)
    status, out = _search(home, capsys, str(blank), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["result"] == "no_usable_face" and data["closest"] == []
    assert any(r["code"] == "no_face" for r in data["reasons"])
