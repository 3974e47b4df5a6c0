"""Every code a record stores reaches the reader as a label in Japanese and in English, never as its id:
every check name the desk makes, every document type of the registry, every evidence kind, status,
decision, item, item result, role, method and event. Fails when a new code arrives without its row in
kyc_desk.app.labels (or the verification layer's own check labels)."""

from __future__ import annotations

import ast
import datetime as dt
import enum
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kyc_desk.app import labels, texts
from kyc_desk.i18n import Lang
from kyc_desk.records import legal, model
from kyc_desk.records.decision import NOT_ON_DOCUMENT
from kyc_desk.records.legal import Event, Method
from kyc_desk.records.model import (
    ClientKind,
    Decision,
    EvidenceItem,
    EvidenceKind,
    FaceKind,
    FaceResult,
    FaceVerdict,
    ItemCheck,
    ItemResult,
    Status,
    SubjectRole,
)
from kyc_desk.verify.report import Check, Verdict

SRC = Path(__file__).parents[2] / "src" / "kyc_desk"
#: An internal id: a dotted code (surface.certificate) or a snake_case word (name_kana, pending_review).
RAW_ID = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def assert_reads_well(text: str, code: str, lang: Lang) -> None:
    """No id in the text, and Japanese text really is Japanese (not an English-only fallback)."""
    assert text and text != code, (code, lang)
    assert not RAW_ID.search(text), (code, lang, text)
    if lang == "ja":
        assert JAPANESE.search(text), (code, text)


def made_check_names() -> set[str]:
    """Check names written as literals where checks are made (``Check("surface.signature", …)``), the
    check-name constants, and the unsigned statements of the document registry (each becomes a check)."""
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Check" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "." in arg.value:
                    names.add(arg.value)
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if re.fullmatch(r"submission\.[a-z]+_unsigned", text):
                names.add(text)
    from kyc_desk.sync.format import DOCUMENT_IMAGE_SIDES
    from kyc_desk.verify.driver_licence import CHANGES_CHECK, SIGNATURE_CHECK
    from kyc_desk.verify.mynumber import AUTH_CHALLENGE, CHECK_NAMES
    from kyc_desk.verify.residence import CHECK_NAME

    names |= {*CHECK_NAMES, AUTH_CHALLENGE, CHECK_NAME, SIGNATURE_CHECK, CHANGES_CHECK, "card.returning",
              "jpki.signature"}
    names |= {f"document.{side}" for side in DOCUMENT_IMAGE_SIDES}  # the ホ import's f"document.{side}"
    return names


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_check_the_desk_makes_has_a_name(lang: Lang) -> None:
    names = made_check_names()
    assert len(names) > 20  # the scan does find them
    for name in sorted(names):
        assert_reads_well(texts.check_name_text(name, lang), name, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_reason_renders_without_an_id(lang: Lang) -> None:
    """Every reason the desk stores renders with no id in it — the cross-checks' sources too (一致:
    card_face, text_ap was shown as it is)."""
    sample = {"sources": "card_face, sign_cert, text_ap", "groups": "card_face = text_ap ≠ sign_cert",
              "form": "f", "issuer": "i", "size": 1, "tags": "t", "scheme": "s", "detail": "d", "items": "x",
              "ef": "EF01", "text": "kept", "value": 0.4, "threshold": 0.6, "codes": "9", "sw": "6982",
              "face_reasons": "similar@comparison", "challenge": "blink", "error": "ImageUnreadable",
              "date": "2025-01-15", "name": "山田 太郎", "record": 3, "version": 1, "crl": "c", "problem": "p",
              "current_until": "2025-01-01", "issued": "2025-01-01", "produced": "2025-01-01",
              "revoked_on": "2025-01-01",
              "crl_reason": "keyCompromise", "source": "source:ic_chip", "parts": "revocation.not_checked",
              "anchor": "a"}
    for code in sorted(texts.known_reasons() - {texts.LEGACY_REASON}):
        assert not RAW_ID.search(texts.reason_text(code, sample, lang)), code
    for code in ("cross.agree", "cross.differ"):
        text = texts.reason_text(code, sample, lang)
        assert_reads_well(text, code, lang)
        assert "card_face" not in text and "text_ap" not in text
    groups = {"groups": "card_face = text_ap ≠ sign_cert"}
    assert texts.reason_text("cross.differ", groups, "ja") == "不一致: 券面情報 = 券面事項入力補助AP ≠ 署名用電子証明書"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(
    ("values", "render"),
    [
        (Status, texts.status_text),
        (Decision, texts.decision_text),
        (ItemResult, texts.item_result_text),
        (SubjectRole, texts.role_text),
        (ClientKind, texts.client_kind_text),
        (Event, texts.event_text),
    ],
    ids=["status", "decision", "item_result", "role", "client_kind", "event"],
)
def test_every_stored_value_has_a_label(values: type[enum.Enum], render: Callable[..., str], lang: Lang) -> None:
    for member in values:
        assert_reads_well(render(member.value, lang), member.value, lang)


def _face(kind: str) -> Callable[[str, Lang], str]:
    def render(verdict: str, lang: Lang) -> str:
        return texts.face_verdict_text(FaceResult(FaceKind(kind), "engine", FaceVerdict(verdict)), lang)

    return render


#: The one renderer of each enum a record stores. A new enum in records/model.py or records/legal.py fails
#: test_every_enum_of_the_records_has_a_renderer until it has a row here (and its labels).
RENDERERS: dict[type[enum.Enum], Callable[[str, Lang], str]] = {
    model.ClientKind: texts.client_kind_text,
    model.SubjectRole: texts.role_text,
    model.Status: texts.status_text,
    model.Decision: texts.decision_text,
    model.EvidenceKind: lambda code, lang: texts.label_text(labels.EVIDENCE_KINDS, code, lang),
    model.ItemResult: texts.item_result_text,
    model.FaceKind: texts.face_kind_text,
    model.FaceVerdict: _face("match"),
    model.FaceMetric: texts.face_metric_text,
    model.FaceSource: texts.face_source_text,
    model.DocumentPurpose: texts.document_purpose_text,
    model.MailOutcome: texts.mail_outcome_text,
    model.MatchBasis: texts.match_basis_text,
    model.RiskReason: texts.risk_reason_text,
    model.IdentityResult: texts.identity_result_text,
    model.Engagement: texts.engagement_text,
    model.PartyRole: lambda code, lang: texts.party_role_text(code, lang=lang),
    model.MeetingStatus: texts.meeting_status_text,
    model.MeetingMode: texts.meeting_mode_text,
    model.Confirmed: lambda code, lang: texts.confirmed_text([code], lang),
    legal.Event: texts.event_text,
    legal.DocumentCategory: texts.document_category_text,
    legal.Method: lambda code, lang: texts.method_text(legal.Method(code), lang),
}


def _record_enums() -> list[type[enum.Enum]]:
    """Every Enum class defined (not imported) in the records' model and legal modules."""
    return [
        value
        for module in (model, legal)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == module.__name__
    ]


def test_every_enum_of_the_records_has_a_renderer() -> None:
    found = _record_enums()
    assert len(found) >= 20  # the scan does find them
    missing = [e.__name__ for e in found if e not in RENDERERS]
    assert not missing, f"no label renderer for {missing}: add labels (app/labels.py) and a row to RENDERERS"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("values", _record_enums(), ids=lambda e: e.__name__)
def test_every_value_of_every_record_enum_reads_as_words(values: type[enum.Enum], lang: Lang) -> None:
    render = RENDERERS.get(values)
    if render is None:
        pytest.fail(f"{values.__name__} has no renderer")
    for member in values:
        text = render(member.value, lang)
        # an English label may be the code's own word ("distance"); a missing row fails the Japanese run
        assert text and (text != member.value or lang == "en"), (member, lang)
        assert not RAW_ID.search(text), (member, lang, text)
        if lang == "ja" and values not in (legal.Method,):  # a method's letter is checked below
            assert JAPANESE.search(text), (member, text)
    if values is model.FaceVerdict:  # the liveness wording too
        for member in values:
            assert_reads_well(_face("liveness")(member.value, lang), member.value, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_document_kind_reads_by_its_own_name(lang: Lang) -> None:
    """The kinds a record may name (legal.DOCUMENT_KINDS) are shown by their own names; the IC cards keep the
    registry's names (DOCUMENTS), and no document at all says so."""
    for code, kind in legal.DOCUMENT_KINDS.items():
        text = texts.document_text(code, lang)
        assert_reads_well(text, code, lang)
        if code not in labels.DOCUMENTS:
            assert text.lower() == (kind.name_ja if lang == "ja" else kind.name_en).lower()
    assert texts.document_text("passport", "ja") == "旅券（パスポート）"
    assert texts.document_text("passport", "en") == "Passport"
    assert_reads_well(texts.document_text("", lang), "", lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gaps_read_as_words(lang: Lang) -> None:
    """Every gap key a decision asks a reason for is shown in words, never as its key."""
    from kyc_desk.ui.models.items import ITEMS

    keys = ["face.match", "face.liveness", "mail.returned", "document.0.expired", "document.1.expired",
            *(f"item.{item}" for item in ITEMS), *(f"report.{name}" for name in sorted(made_check_names()))]
    for key in keys:
        assert_reads_well(texts.gap_text(key, ("passport", "health_insurance"), lang), key, lang)
    assert texts.gap_text("document.1.expired", ("passport", "health_insurance"), "ja") == (
        "2点目の書類（健康保険の資格確認書・被保険者証）の有効期限切れ")
    assert texts.gap_text("item.address", (), "ja") == "住所の照合（不一致・未確認）"
    assert texts.gap_text("face.match", (), "ja") == "顔の照合"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_meeting_words(lang: Lang) -> None:
    from kyc_desk.meetings.minutes import TEMPLATES

    for kind, template in TEMPLATES.items():
        assert texts.matter_kind_text(kind, lang) == (template.ja if lang == "ja" else template.en)
        assert texts.matter_kind_text(template.ja, lang) == texts.matter_kind_text(kind, lang)
        for section in template.sections:
            name = texts.minutes_section_text(kind, section.key, lang)
            assert name == (section.ja if lang == "ja" else section.en) and not RAW_ID.search(name)
    assert texts.matter_kind_text("農地転用", lang) == "農地転用"  # a kind of the office's own, as typed
    for platform in ("zoom", "teams", "meet", "webex", "other"):
        name = texts.platform_text(platform, lang)
        assert name != platform and not RAW_ID.search(name)
    for role in ("scrivener", "assistant"):
        assert_reads_well(texts.operator_role_text(role, lang), role, lang)
    assert texts.confirmed_text(["intent", "person"], "ja") == "人・意思"
    assert texts.party_role_text("other", "仲介業者", "ja") == "その他（仲介業者）"
    by_eye = FaceResult(FaceKind.MATCH, "by_eye", FaceVerdict.PASS)
    assert_reads_well(texts.face_text(by_eye, lang), "by_eye", lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_method_and_item_and_sex_has_a_label(lang: Lang) -> None:
    for method in Method:
        text = texts.method_text(method, lang)
        assert method.rule.letter in text
        if lang == "en":
            assert method.value in labels.METHODS_EN, method
        else:
            assert_reads_well(text, method.value, lang)
    from kyc_desk.cards.reading import SEXES
    from kyc_desk.ui.models.items import ITEMS

    for item in ITEMS:
        assert_reads_well(texts.item_text(item, lang), item, lang)
    for sex in SEXES:
        assert_reads_well(texts.sex_text(sex, lang), sex, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_registered_document_has_a_name(lang: Lang) -> None:
    from kyc_desk.documents import documents

    keys = {document.key for document in documents()} | {"jpki_sign_certificate"}
    for key in sorted(keys):
        assert_reads_well(texts.document_text(key, lang), key, lang)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_evidence_is_described_not_listed_by_id(lang: Lang) -> None:
    for kind in EvidenceKind:
        text = texts.evidence_text(EvidenceItem(kind, "image/jp2", b"", label="front"), 1914, lang)
        assert_reads_well(text, kind.value, lang)
        assert "image/jp2" not in text and "bytes" not in text and "1.9 KB" in text
    assert (texts.evidence_text(EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jp2", b"", label="photo"), 1914, "ja")
            == "ICチップの顔写真（JPEG 2000画像、1.9 KB）")


def test_dates_are_shown_in_the_era_and_missing_ones_say_so() -> None:
    assert texts.date_text(dt.date(2026, 12, 6), "ja") == "令和8年12月6日（2026年）"
    assert texts.date_text(dt.date(2026, 12, 6), "en") == "6 Dec 2026 (Reiwa 8)"
    assert texts.date_text(None, "ja") == "未入力" and texts.date_text(None, "en") == "Not entered"
    # the moment the issue saw as 2026-12-05T20:45:53.317765+00:00 is the next morning in Japan
    moment = dt.datetime(2026, 12, 5, 20, 45, 53, 317765, tzinfo=dt.UTC)
    assert texts.moment_text(moment, "ja") == "令和8年12月6日（2026年） 05:45"
    assert texts.moment_text(moment, "en") == "6 Dec 2026 (Reiwa 8) 05:45 JST"
    with pytest.raises(ValueError):
        texts.moment_text(dt.datetime(2026, 12, 6, 5, 45), "ja")  # naive: its zone is unknown


def test_a_recent_moment_is_short_and_the_year_returns_at_new_year_in_japan() -> None:
    moment = dt.datetime(2026, 12, 5, 20, 45, tzinfo=dt.UTC)  # 6 Dec 05:45 in Japan
    now = dt.datetime(2026, 12, 20, 3, 0, tzinfo=dt.UTC)
    assert texts.recent_moment_text(moment, now, "ja") == "12月6日 05:45"
    assert texts.recent_moment_text(moment, now, "en") == "6 Dec 05:45"
    new_year_in_japan = dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC)  # 1 Jan 2027 00:00 JST
    assert texts.recent_moment_text(moment, new_year_in_japan, "ja") == "令和8年12月6日（2026年） 05:45"
    with pytest.raises(ValueError):
        texts.recent_moment_text(dt.datetime(2026, 12, 6, 5, 45), now, "ja")


def test_a_chip_without_furigana_is_not_a_mismatch() -> None:
    check = ItemCheck("name_kana", ItemResult.NOT_CHECKED, "source:ic_chip", note_reason=NOT_ON_DOCUMENT)
    assert texts.item_check_result_text(check, "ja") == "照合対象外"
    assert "不一致" not in texts.item_check_result_text(check, "ja")
    assert_reads_well(texts.item_note_text(check, "ja"), NOT_ON_DOCUMENT, "ja")


def _he_mynumber_report() -> list[Check]:
    """What a ヘ submission of a My Number card reports: no EF 0003, no signature certificate."""
    v = Verdict
    return [
        Check("surface.certificate", v.VALID, "cvc.trusted_issuer"),
        Check("surface.signature", v.VALID, "signature.certified_key"),
        Check("surface.presence", v.VALID, "presence.proven"),
        Check("text.certificate", v.VALID, "cvc.trusted_issuer"),
        Check("text.signature", v.NOT_PRESENT, "text.not_read"),
        Check("jpki.auth_certificate", v.VALID, "jpki.chain_valid"),
        Check("jpki.sign_certificate", v.NOT_PRESENT, "jpki.sign_certificate_not_read"),
        Check("jpki.revocation", v.NOT_PRESENT, "revocation.certificate_unverified"),
        Check("jpki.challenge", v.NOT_PRESENT, "jpki.no_challenge"),
        Check("cross.name", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("cross.birth_date", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("cross.sex", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("cross.address", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("submission.text_unsigned", v.NOT_VERIFIABLE, "submission.text_unsigned"),
    ]


def test_checks_a_method_cannot_make_are_left_out_not_missing() -> None:
    report = _he_mynumber_report()
    shown = [c.name for c in texts.shown_checks(report, "he", "mynumber")]
    assert "jpki.challenge" not in shown and "text.signature" not in shown and "cross.name" not in shown
    assert "surface.presence" in shown and "cross.birth_date" not in shown and len(shown) == 6
    summary = texts.report_summary(report, "he", "mynumber", "ja")
    assert summary[0] == ("確認できたこと: 券面事項確認APの証明書、券面情報の署名、"
                          "ICチップの実在確認（カード鍵の署名）、券面事項入力補助APの証明書、利用者証明用電子証明書")
    assert summary[1:] == ["要確認: ICチップの署名対象外の文字情報（検証不可）"]
    assert not any("データなし" in line or "件中" in line for line in summary)
    # the same check with data is shown whatever the method: nothing that happened is hidden
    copied = [Check("jpki.challenge", Verdict.INVALID, "error.SignatureInvalid"), *report]
    assert "jpki.challenge" in [c.name for c in texts.shown_checks(copied, "he", "mynumber")]
    # at the desk the same missing data is a check not done, and says so
    desk = texts.report_summary(report, "face_to_face_chip", "mynumber", "ja")
    assert desk[-1].startswith("データがなく行っていない確認: 基本4情報の署名")
    for lang in ("ja", "en"):
        for line in texts.report_summary(report, "face_to_face_chip", "mynumber", lang):  # type: ignore[arg-type]
            assert not RAW_ID.search(line), line
