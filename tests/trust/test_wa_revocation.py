"""A remote JPKI (ワ) submission: ``jpki.revocation`` from the trust folder's CRLs, as at the desk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kyc_desk.app.texts import check_text
from kyc_desk.cards.apps.mynumber import Secret
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.sync.client import LinkInfo
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.importer import ImportContext, plan_import
from kyc_desk.sync.registry import DeskRequest
from kyc_desk.sync.submitter import sign_wa
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.trust import load_trust_store
from kyc_desk_testkit.softcard.mynumber import MyNumberSoftCard, build_mynumber_card
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from tests.trust.pki import SIGN_CERT_SERIAL, Reason, make_crl, write_crl

AT = dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC)
CHALLENGE = "c" * 32
REQUEST_ID = "req-0123456789abcdef"


def revocation_of_wa(folder: Path) -> tuple[Verdict, str]:
    card = build_mynumber_card("taro")
    assert isinstance(card, MyNumberSoftCard)
    info = LinkInfo(REQUEST_ID, (Method.WA,), AT + dt.timedelta(days=3), CHALLENGE, "", "", 1 << 20)
    parts = sign_wa(Card(HandlerTransport(card.process)), lambda _r: Secret(card.secrets["sign_pin"]), info)
    submission = build_submission(request_id=REQUEST_ID, method=Method.WA, document=None, parts=parts, created_at=AT)
    request = DeskRequest(REQUEST_ID, "https://example.invalid/r", (Method.WA,), CHALLENGE, AT,
                          AT + dt.timedelta(days=3))  # fmt: skip
    context = ImportContext("sub-1", AT, request, load_trust_store(folder), NoFaceEngine())  # type: ignore[arg-type]
    check = next(c for c in plan_import(submission, context).report if c.name == "jpki.revocation")
    return check.verdict, check_text(check)


@pytest.mark.parametrize(("listed", "verdict"), [(False, Verdict.VALID), (True, Verdict.REVOKED)])
def test_wa_revocation_from_the_trust_folder(tmp_path: Path, listed: bool, verdict: Verdict) -> None:
    folder = tmp_path / "trust"
    write_trust_anchors(folder, softcard_issuers())
    assert revocation_of_wa(folder)[0] is Verdict.NOT_VERIFIABLE  # no CRL: offline, not checked
    revoked = ((SIGN_CERT_SERIAL, Reason.affiliation_changed, AT - dt.timedelta(days=1)),) if listed else ()
    crl = make_crl(revoked=revoked, this_update=AT - dt.timedelta(days=2), next_update=AT + dt.timedelta(days=5))
    write_crl(folder, "jpki-sign.crl", crl)
    assert revocation_of_wa(folder)[0] is verdict
