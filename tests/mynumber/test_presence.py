"""The presence proof: the card layer hands over challenge and answer; verification alone decides."""

from __future__ import annotations

import dataclasses

from kyc_desk.app.texts import check_text
from kyc_desk.cards import Card, ScriptedTransport
from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber.surface import PRESENCE_KEY, SurfaceApp
from kyc_desk.verify import TrustStore, Verdict, verify_mynumber
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions
from tests.mynumber.conftest import AT, read_in_memory


def test_the_card_layer_sends_one_command_and_records_a_refusal_without_raising() -> None:
    t = ScriptedTransport([bytes.fromhex("6A86")])
    proof = SurfaceApp(Card(t)).prove_presence(b"x" * 32)
    assert t.sent == [bytes.fromhex("802A000033") + L.digest_info_sha256(b"x" * 32) + b"\x00"]
    assert proof.key == PRESENCE_KEY and proof.refused and proof.status == 0x6A86 and proof.signature == b""


def presence(anchors: TrustStore, **changes: object) -> tuple[Verdict, str]:
    reading = read_in_memory()
    proof = next(p for p in reading.proofs if p.key == PRESENCE_KEY)
    others = tuple(p for p in reading.proofs if p.key != PRESENCE_KEY)
    reading = dataclasses.replace(reading, proofs=(dataclasses.replace(proof, **changes), *others))
    check = verify_mynumber(reading, anchors=anchors, at=AT).get("surface.presence")
    assert check is not None
    return check.verdict, check_text(check)


def test_a_refusal_is_not_verifiable_with_its_status_word_never_valid(anchors: TrustStore) -> None:
    verdict, detail = presence(anchors, signature=b"", status=0x6982)
    assert verdict is Verdict.NOT_VERIFIABLE and "6982" in detail


def test_an_answer_over_other_bytes_than_the_challenge_is_refused(anchors: TrustStore) -> None:
    """The card must have been given the DigestInfo of this challenge: an old answer for other bytes,
    presented with a new challenge, proves nothing."""
    verdict, _ = presence(anchors, challenge=b"another challenge")
    assert verdict is Verdict.SUSPECTED_COPY


def test_no_proof_is_presence_not_proven(anchors: TrustStore) -> None:
    reading = read_in_memory()
    reading = dataclasses.replace(reading, proofs=tuple(p for p in reading.proofs if p.key != PRESENCE_KEY))
    check = verify_mynumber(reading, anchors=anchors, at=AT).get("surface.presence")
    assert check is not None and check.verdict is Verdict.NOT_PRESENT


def test_a_good_answer_is_only_as_good_as_the_card_face_signature(anchors: TrustStore) -> None:
    """An altered card face makes DF24 untrustworthy: the answer matching it is not VALID."""
    altered = verify_mynumber(read_in_memory(options=MyNumberCardOptions(tamper=frozenset({"surface_face"}))),
                              anchors=anchors, at=AT)
    assert altered.get("surface.presence").verdict is Verdict.INVALID  # type: ignore[union-attr]
    rogue = verify_mynumber(read_in_memory(options=MyNumberCardOptions(rogue_issuers=True)), anchors=anchors, at=AT)
    assert rogue.get("surface.presence").verdict is Verdict.UNTRUSTED  # type: ignore[union-attr]
    clone = verify_mynumber(read_in_memory(options=MyNumberCardOptions(clone=True)), anchors=anchors, at=AT)
    assert clone.get("surface.presence").verdict is Verdict.SUSPECTED_COPY  # type: ignore[union-attr]
    assert clone.get("surface.signature").verdict is Verdict.VALID  # type: ignore[union-attr]
