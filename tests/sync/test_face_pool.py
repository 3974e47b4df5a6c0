"""Face checks in worker processes (:class:`ProcessFaceChecker`): the same answers as in the desk's own
process, in the pull's order, in the interface language; a worker that dies stops the pull and loses
nothing."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

from kyc_desk.cards.apps.mynumber.surface import parse_card_face
from kyc_desk.i18n import set_language
from kyc_desk.records.model import FaceResult
from kyc_desk.sync import FaceWorkerStopped, ProcessFaceChecker
from kyc_desk.sync.desk import IMPORTED
from kyc_desk.sync.face_checks import EngineFaceChecker
from kyc_desk.sync.format import DocumentKind, Method
from kyc_desk.sync.submitter import submit
from kyc_desk.verify.report import Check, Verdict

from .desk_fixtures import LIVENESS, he_parts, live_frames, make_desk, replayed_photo_frames, taro


class _DyingChecker:
    """A checker whose worker process dies mid-check (as if killed or out of memory)."""

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]:
        os._exit(3)


def _chip_photo() -> bytes:
    [surface] = [p for p in he_parts([]) if p.name == "chip/mynumber/surface/0002"]
    return parse_card_face(surface.data).photo


@pytest.mark.slow
def test_workers_answer_exactly_as_the_engine_does_in_process() -> None:
    reference = _chip_photo()
    clips = [list(live_frames()), list(live_frames("biden.jpg")), list(replayed_photo_frames())]
    engine = EngineFaceChecker()
    try:
        with ProcessFaceChecker(engine, workers=2) as pool:
            for lang in ("ja", "en"):
                set_language(lang)
                for frames in clips:
                    assert pool.check(reference, frames, LIVENESS, 15.0) == engine.check(
                        reference, frames, LIVENESS, 15.0)
    finally:
        set_language(None)


@pytest.mark.slow
def test_a_pull_with_face_workers_flags_the_same_submissions_in_order(tmp_path, open_server) -> None:
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    clips = {"genuine": live_frames(), "other": live_frames("biden.jpg"), "replay": replayed_photo_frames()}
    requests = {}
    for name, frames in clips.items():
        created = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
        requests[name] = created.request_id
        submit(created.link, Method.HE, DocumentKind.MYNUMBER, he_parts(list(frames)))
    with ProcessFaceChecker(EngineFaceChecker(), workers=2) as faces:
        result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=faces)
    assert [i.outcome for i in result.items] == [IMPORTED] * 3
    assert [i.request_id for i in result.items] == list(requests.values())  # saved in the endpoint's order
    ids = [i.record_id for i in result.items]
    assert ids == sorted(ids)
    verdicts = {i.request_id: {c.name: c.verdict for c in desk.store.get(i.record_id).report} for i in result.items}
    assert verdicts[requests["genuine"]]["face.match"] is Verdict.CONSISTENT
    assert verdicts[requests["genuine"]]["face.liveness"] is Verdict.CONSISTENT
    assert verdicts[requests["other"]]["face.match"] is Verdict.MISMATCH
    assert verdicts[requests["replay"]]["face.liveness"] is Verdict.MISMATCH
    # both faces of each match came back from the worker processes and were saved for the duplicate check
    assert [len(desk.store.face_embeddings(i)) for i in ids] == [2, 2, 2]
    assert desk.store.verify_audit().ok
    assert desk.sync.client.pending() == []


def test_a_dead_worker_stops_the_pull_and_loses_nothing(tmp_path, open_server, selfie_frames) -> None:
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    created = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    submit(created.link, Method.HE, DocumentKind.MYNUMBER, he_parts(selfie_frames))
    with ProcessFaceChecker(_DyingChecker(), workers=1) as faces, pytest.raises(FaceWorkerStopped) as info:
        desk.sync.pull(desk.store, anchors=desk.anchors, faces=faces)
    assert info.value.ja
    assert desk.store.count() == 0
    assert desk.sync.quarantine.entries() == []  # not the submission's fault: never quarantined
    assert [p.request_id for p in desk.sync.client.pending()] == [created.request_id]  # still on the endpoint


class _DyingOnceChecker:
    """Dies on the first check in a process tree; answers after that (a marker file says which)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]:
        if not os.path.exists(self.marker):
            open(self.marker, "w").close()
            os._exit(3)
        return [Check("face.match", Verdict.NOT_VERIFIABLE, "test")], []


def test_after_a_dead_worker_the_next_check_gets_fresh_workers(tmp_path) -> None:
    # The window keeps one checker for its whole session: one dead worker must not break every later pull.
    with ProcessFaceChecker(_DyingOnceChecker(str(tmp_path / "died")), workers=1) as faces:
        with pytest.raises(FaceWorkerStopped):
            faces.check(None, [], "", 15.0)
        checks, _ = faces.check(None, [], "", 15.0)
    assert [c.name for c in checks] == ["face.match"]
