"""End to end over real HTTP: the desk creates requests → the submitter uploads ヘ, ホ and ワ → the desk pulls,
verifies and stores them → the endpoint holds nothing of them and never saw plaintext."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyc_desk.sync.desk import ALREADY_IMPORTED, IMPORTED, QUARANTINED
from kyc_desk.sync.face_checks import EngineFaceChecker, NoFaceEngine
from kyc_desk.sync.format import DocumentKind, Method
from kyc_desk.sync.submitter import link_challenge, submit
from kyc_desk.verify.report import Verdict

from .conftest import jpeg_of
from .desk_fixtures import LIVENESS, he_parts, ho_parts, live_frames, make_desk, taro, wa_parts

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "shift_jis", "euc_jp", "iso2022_jp", "cp932")


def scan_for(folder: Path, needles: list[bytes]) -> list[str]:
    """Files under ``folder`` that contain any needle (the endpoint's database, WAL and journals)."""
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.name}: {n!r}" for n in needles if n in data]
    return hits


def persona_needles() -> list[bytes]:
    person = taro()
    out = []
    for text in (person.name, person.name.replace(" ", "\u3000"), person.address or ""):
        for enc in ENCODINGS:
            try:
                out.append(text.encode(enc))
            except UnicodeEncodeError:
                continue
    return out


@pytest.mark.slow
def test_he_ho_wa_submissions_travel_encrypted_and_land_as_pending_records(tmp_path, open_server):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    he = desk.sync.create_request((Method.HE,), person=taro(), reference="matter-0001", liveness=LIVENESS)
    ho = desk.sync.create_request((Method.HO,), person=taro(), liveness=LIVENESS)
    wa = desk.sync.create_request((Method.WA, Method.HE), person=taro())
    selfie_frames = list(live_frames())  # the client performs the challenge the link tells it
    assert link_challenge(he.link).liveness == LIVENESS

    receipts = [
        submit(he.link, Method.HE, DocumentKind.MYNUMBER, he_parts(selfie_frames)),
        submit(ho.link, Method.HO, DocumentKind.DRIVER_LICENCE,
               ho_parts(selfie_frames, jpeg_of("obama.jpg", width=640), jpeg_of("biden.jpg", width=640),
                        jpeg_of("obama.jpg", width=640, rotate=25))),
        submit(wa.link, Method.WA, None, wa_parts(link_challenge(wa.link))),
    ]
    assert [r.method for r in receipts] == [Method.HE, Method.HO, Method.WA]
    assert open_server.store.counts()["submissions"] == 3

    # the endpoint's files hold ciphertext only: no name or address in any encoding
    db_folder = Path(open_server.config.database_url.removeprefix("sqlite:///")).parent
    assert scan_for(db_folder, [b"matter-0001"]) != []  # the scan does see what the endpoint stores
    assert scan_for(db_folder, persona_needles()) == []

    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=EngineFaceChecker())
    assert [i.outcome for i in result.items] == [IMPORTED] * 3
    assert open_server.store.counts()["submissions"] == 0
    assert result.bytes == sum(r.size for r in receipts)

    by_method = {i.method: desk.store.get(i.record_id) for i in result.items if i.record_id}
    he_record, ho_record, wa_record = by_method[Method.HE], by_method[Method.HO], by_method[Method.WA]
    for record in by_method.values():
        assert record.status.value == "pending_review"
        assert record.client.person.name == taro().name
        assert record.report[0].name == "submission.envelope" and record.report[0].verdict is Verdict.VALID

    he_checks = {c.name: c.verdict for c in he_record.report}
    assert he_checks["surface.certificate"] is Verdict.VALID
    assert he_checks["surface.signature"] is Verdict.VALID
    assert he_checks["jpki.auth_certificate"] is Verdict.VALID
    # EF 0003 is never sent (it reveals the individual number): the text is flagged as unsigned
    assert he_checks["text.signature"] is Verdict.NOT_PRESENT
    assert he_checks["submission.text_unsigned"] is Verdict.NOT_VERIFIABLE
    assert he_checks["face.match"] is Verdict.CONSISTENT  # chip photo against the first selfie frame
    assert he_checks["face.liveness"] is Verdict.CONSISTENT  # the frames performed this request's challenge
    assert {f.kind.value: f.verdict.value for f in he_record.face_results} == {"match": "pass", "liveness": "pass"}
    assert {e.label for e in he_record.evidence} >= {"photo", "surface.face", "selfie/000", "selfie/002"}
    assert not any(e.label == "text.signature" for e in he_record.evidence)
    assert {i.item: i.result.value for i in he_record.item_checks}["birth_date"] == "match"

    wa_checks = {c.name: c.verdict for c in wa_record.report}
    assert wa_checks["jpki.sign_certificate"] is Verdict.VALID
    assert wa_checks["jpki.signature"] is Verdict.VALID
    assert wa_checks["jpki.revocation"] is Verdict.NOT_VERIFIABLE
    assert {i.item: i.result.value for i in wa_record.item_checks} == {
        "name": "match", "birth_date": "match", "address": "match"}

    ho_checks = {c.name: c.verdict for c in ho_record.report}
    assert ho_checks["document.authenticity"] is Verdict.NOT_VERIFIABLE
    assert ho_checks["face.match"] is Verdict.CONSISTENT and ho_checks["face.liveness"] is Verdict.CONSISTENT
    assert "face.match" not in {c.name for c in wa_record.report}  # ワ sent no selfie here
    assert {e.label for e in ho_record.evidence} >= {"front", "back", "thickness"}

    assert desk.sync.registry.request_ids() == []  # the request copies went into the records
    # nothing left to pull; the desk reviews offline from the record store
    again = desk.sync.pull(desk.store, anchors=desk.anchors, faces=EngineFaceChecker())
    assert again.items == ()
    assert desk.store.count() == 3
    assert desk.sync.quarantine.entries() == []
    assert QUARANTINED not in {i.outcome for i in result.items} and ALREADY_IMPORTED not in {
        i.outcome for i in result.items}


@pytest.mark.slow
def test_another_face_and_a_replayed_photo_are_flagged_not_dropped(tmp_path, open_server):
    from .desk_fixtures import replayed_photo_frames

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    other = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    replay = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    submit(other.link, Method.HE, DocumentKind.MYNUMBER, he_parts(list(live_frames("biden.jpg"))))
    submit(replay.link, Method.HE, DocumentKind.MYNUMBER, he_parts(list(replayed_photo_frames())))
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=EngineFaceChecker())
    assert [i.outcome for i in result.items] == [IMPORTED, IMPORTED]
    reports = {i.request_id: {c.name: c.verdict for c in desk.store.get(i.record_id).report} for i in result.items}
    assert reports[other.request_id]["face.match"] is Verdict.MISMATCH
    assert reports[other.request_id]["surface.signature"] is Verdict.VALID  # the chip itself is genuine
    assert reports[replay.request_id]["face.liveness"] is Verdict.MISMATCH
    flagged = {i.request_id: i.flagged for i in result.items}
    assert "face.match" in flagged[other.request_id] and "face.liveness" in flagged[replay.request_id]


def test_without_a_face_engine_the_report_says_so(tmp_path, open_server, selfie_frames):
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    he = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    submit(he.link, Method.HE, DocumentKind.MYNUMBER, he_parts(selfie_frames))
    [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items
    checks = {c.name: c.verdict for c in desk.store.get(item.record_id).report}
    assert checks["face.match"] is Verdict.NOT_VERIFIABLE and checks["face.liveness"] is Verdict.NOT_VERIFIABLE


@pytest.mark.postgres
@pytest.mark.slow
def test_postgresql_endpoint_holds_no_plaintext(tmp_path, postgres_server, selfie_frames):
    import psycopg

    from kyc_desk.sync.server import Limits, ServerConfig

    from .conftest import serve

    with serve(ServerConfig(database_url=postgres_server.url, limits=Limits.off())) as live:
        desk = make_desk(tmp_path, live.url, live.desk_token)
        he = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS, reference="scan-canary-0001")
        submit(he.link, Method.HE, DocumentKind.MYNUMBER, he_parts(selfie_frames))
        with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute("CHECKPOINT")  # flush everything to the data files before scanning them
        assert live.store.counts()["submissions"] == 1
        assert scan_for(postgres_server.data_dir, [b"scan-canary-0001"]) != []  # the scan does see stored text
        assert scan_for(postgres_server.data_dir, persona_needles()) == []
        [item] = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine()).items
        assert item.outcome == IMPORTED and live.store.counts()["submissions"] == 0
