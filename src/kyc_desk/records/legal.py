"""法令上の日付ルール — which identification methods apply on a date, and how long records are kept.

The one place the desk encodes dates of the law (domain.md §1.2–1.6):

- :class:`Method` — the identification methods of 犯罪収益移転防止法施行規則 6条1項1号 (イ … カ) plus the
  face-to-face check with chip reading, each with its article and the timestamps 規則20条 asks for;
- :func:`check_method_allowed` — ホ (ID image + selfie) is abolished from 2027-04-01 (amendment promulgated
  2025-06-24); from the same day a face-to-face check of an IC card with a photo must read the chip
  (**UNCONFIRMED**: a draft published 2025-12-05). Both are table rows, so a changed date is one edit;
- :func:`retention_until` — the later of 7 years (犯収法 6条2項 確認記録, 7条 取引記録) and 10 years
  from the end of the matter (司法書士会 本人確認等に関する規程: 本人確認記録).

Where a rule rests on a draft, the stricter reading is applied and the refusal says why: a wrong guess
then shows up as a refused save the user can report, never as a silently non-compliant record.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from kyc_desk.jp.time import legal_date
from kyc_desk.records.errors import DocumentsMissing, MethodNotAllowed, MissingMethodTimestamp, UnknownDocumentKind

#: 2027 amendment: ホ abolished, face-to-face IC cards must be read (the latter UNCONFIRMED, draft).
AMENDMENT_2027: Final = dt.date(2027, 4, 1)
#: 確認記録・取引記録: 7 years (犯収法 6条2項, 7条).
STATUTORY_YEARS: Final = 7
#: 本人確認記録 of the 司法書士会 rules: 10 years from the end of the matter.
PROFESSIONAL_YEARS: Final = 10


class Event(enum.Enum):
    """One dated step of a method (規則20条1項 3–14号); the value is the stored name."""

    PRESENTED = "presented"  # 本人確認書類の提示を受けた日時
    CHIP_READ = "chip_read"  # ICチップの情報を読み取った日時
    RECEIVED = "received"  # 書類・写しの送付を受けた日
    IMAGE_RECEIVED = "image_received"  # 画像情報の送信を受けた日
    CHIP_RECEIVED = "chip_received"  # ICチップ情報の送信を受けた日
    MAILED = "mailed"  # 取引関係文書を書留・転送不要で送付した日
    CONFIRMED_WITH_THIRD_PARTY = "confirmed_with_third_party"  # 照会・振込の確認をした日
    DELIVERED = "delivered"  # 本人限定受取郵便の交付日
    SIGNATURE_RECEIVED = "signature_received"  # 電子証明書・署名を受けた日
    MATCHED = "matched"  # 確認済みの顧客等であることを確かめた日時 (規則16条)


class DocumentCategory(enum.Enum):
    """What a document can prove; the value is the stored name (規則7条, 施行令12条)."""

    PHOTO_ID = "photo_id"  # 写真付き本人確認書類
    NON_PHOTO_ID = "non_photo_id"  # 写真のない本人確認書類
    SUPPLEMENTARY = "supplementary"  # 補完書類 (現住居の記載がある領収書等)
    COMPANY = "company"  # 法人の本人確認書類 (登記事項証明書, 印鑑登録証明書)
    AUTHORITY = "authority"  # 代表権・代理権を示す書類 (委任状 …)


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document a scrivener's office accepts, and what it proves."""

    code: str
    name_ja: str
    name_en: str
    category: DocumentCategory
    #: The document carries an IC chip the desk can read.
    chip: bool = False


#: Every document kind a record may name (the stored ``kind`` of a document). The four IC cards use the
#: keys of the document registry (:mod:`kyc_desk.documents`), so a chip read and a typed entry agree.
#: ``other_*`` take whatever else the office accepts under a category; the record's note names it.
DOCUMENT_KINDS: Final[dict[str, DocumentKind]] = {
    k.code: k
    for k in (
        DocumentKind("mynumber", "個人番号カード", "My Number card", DocumentCategory.PHOTO_ID, chip=True),
        DocumentKind("driver_licence", "運転免許証", "driver's licence", DocumentCategory.PHOTO_ID, chip=True),
        DocumentKind("residence_card", "在留カード", "residence card", DocumentCategory.PHOTO_ID, chip=True),
        DocumentKind(
            "special_permanent_resident", "特別永住者証明書", "special permanent resident certificate",
            DocumentCategory.PHOTO_ID, chip=True,
        ),
        DocumentKind("driving_history", "運転経歴証明書", "driving history certificate", DocumentCategory.PHOTO_ID),
        DocumentKind("passport", "旅券（パスポート）", "passport", DocumentCategory.PHOTO_ID),
        DocumentKind(
            "disability_certificate", "身体障害者手帳等（写真付き）", "disability certificate (with photo)",
            DocumentCategory.PHOTO_ID,
        ),
        DocumentKind("other_photo_id", "その他の写真付き本人確認書類", "other photo ID", DocumentCategory.PHOTO_ID),
        DocumentKind(
            "health_insurance", "健康保険の資格確認書・被保険者証", "health insurance certificate",
            DocumentCategory.NON_PHOTO_ID,
        ),
        DocumentKind("pension_book", "年金手帳・基礎年金番号通知書", "pension book", DocumentCategory.NON_PHOTO_ID),
        DocumentKind("resident_record", "住民票の写し", "certificate of residence", DocumentCategory.NON_PHOTO_ID),
        DocumentKind(
            "seal_certificate", "印鑑登録証明書", "seal registration certificate", DocumentCategory.NON_PHOTO_ID
        ),
        DocumentKind(
            "family_register", "戸籍謄本・抄本（附票付き）", "family register (with residence annex)",
            DocumentCategory.NON_PHOTO_ID,
        ),
        DocumentKind(
            "other_non_photo_id", "その他の写真のない本人確認書類", "other ID without photo",
            DocumentCategory.NON_PHOTO_ID,
        ),
        DocumentKind("utility_receipt", "公共料金の領収証書", "utility bill receipt", DocumentCategory.SUPPLEMENTARY),
        DocumentKind(
            "tax_receipt", "国税・地方税の領収証書・納税証明書", "tax receipt or certificate",
            DocumentCategory.SUPPLEMENTARY,
        ),
        DocumentKind(
            "other_supplementary", "その他の補完書類", "other supplementary document", DocumentCategory.SUPPLEMENTARY
        ),
        DocumentKind(
            "registry_certificate", "登記事項証明書", "certificate of registered matters", DocumentCategory.COMPANY
        ),
        DocumentKind(
            "company_seal_certificate", "法人の印鑑証明書", "company seal certificate", DocumentCategory.COMPANY
        ),
        DocumentKind("other_company", "その他の法人の本人確認書類", "other company document", DocumentCategory.COMPANY),
        DocumentKind("power_of_attorney", "委任状", "power of attorney", DocumentCategory.AUTHORITY),
        DocumentKind(
            "guardianship_certificate", "後見登記等の登記事項証明書", "guardianship registration certificate",
            DocumentCategory.AUTHORITY,
        ),
        DocumentKind(
            "family_relation", "戸籍謄本（親権者・法定代理人）", "family register (parental authority)",
            DocumentCategory.AUTHORITY,
        ),
        DocumentKind(
            "employment_certificate", "社員証・在籍証明書（法人の代表者等）", "staff card or employment certificate",
            DocumentCategory.AUTHORITY,
        ),
        DocumentKind(
            "other_authority", "その他の権限を示す書類", "other authority document", DocumentCategory.AUTHORITY
        ),
    )
}

#: A document need: at least this many documents of each category.
DocumentNeed = tuple[tuple[DocumentCategory, int], ...]

_PHOTO: Final[DocumentNeed] = ((DocumentCategory.PHOTO_ID, 1),)
_ANY_ID: Final[tuple[DocumentNeed, ...]] = (_PHOTO, ((DocumentCategory.NON_PHOTO_ID, 1),))
_TWO: Final[tuple[DocumentNeed, ...]] = (
    ((DocumentCategory.NON_PHOTO_ID, 2),),
    ((DocumentCategory.NON_PHOTO_ID, 1), (DocumentCategory.SUPPLEMENTARY, 1)),
)


@dataclass(frozen=True)
class MethodRule:
    """The legal facts of one method: its letter, article, setting, required events and dates."""

    letter: str
    article: str
    name_ja: str
    face_to_face: bool
    required: tuple[Event, ...]
    valid_until: dt.date | None = None
    note: str = ""
    #: The method reads an IC chip, so the document must carry one.
    needs_chip: bool = False
    #: The documents the method needs, as alternatives: one of these category counts must be met by the
    #: identity documents of the record (:func:`check_documents`). Empty: no document (a certificate,
    #: restricted delivery, or an earlier verification carries the identity).
    documents: tuple[DocumentNeed, ...] = ()
    #: The method relies on an earlier verification of the same person instead of documents.
    reliance: bool = False


class Method(enum.Enum):
    """本人確認の方法 (犯収法施行規則 6条1項1号); the value is the stored code."""

    FACE_TO_FACE_CHIP = "face_to_face_chip"
    I = "i"  # noqa: E741 - the legal letter イ
    RO = "ro"
    HA = "ha"
    NI = "ni"
    HO = "ho"
    HE = "he"
    TO = "to"
    CHI = "chi"
    RI = "ri"
    NU = "nu"
    RU = "ru"
    WO = "wo"
    WA = "wa"
    KA = "ka"
    #: 取引時確認済みの顧客等: relies on an earlier verification of the same person (法4条3項).
    RELIANCE = "reliance"

    @property
    def rule(self) -> MethodRule:
        """The legal facts of this method."""
        return METHOD_RULES[self]


_ART: Final = "犯収法施行規則6条1項1号"

#: The table behind :class:`Method` (domain.md §1.2, §1.3). Required events follow 規則20条 as
#: summarised in domain.md §1.4 (the exact item numbering is UNCONFIRMED against e-Gov).
METHOD_RULES: Final[dict[Method, MethodRule]] = {
    Method.FACE_TO_FACE_CHIP: MethodRule(
        "イ",
        f"{_ART}イ (ICチップ読取)",
        "対面・ICチップ読取",
        True,
        (Event.PRESENTED, Event.CHIP_READ),
        note="the 2027 face-to-face rule for IC cards with a photo (draft, UNCONFIRMED)",
        needs_chip=True,
        documents=(_PHOTO,),
    ),
    Method.I: MethodRule(
        "イ", f"{_ART}イ", "対面・写真付き本人確認書類の提示", True, (Event.PRESENTED,), documents=(_PHOTO,)
    ),
    Method.RO: MethodRule(
        "ロ", f"{_ART}ロ", "対面・写真なし書類の提示＋転送不要郵便", True, (Event.PRESENTED, Event.MAILED),
        note="from 2027-04-01 the draft limits ロ to some documents (which ones UNCONFIRMED; not enforced)",
        documents=(((DocumentCategory.NON_PHOTO_ID, 1),),),
    ),
    Method.HA: MethodRule(
        "ハ", f"{_ART}ハ", "対面・写真なし書類2点等の提示", True, (Event.PRESENTED,), documents=_TWO
    ),
    Method.NI: MethodRule(
        "ニ", f"{_ART}ニ", "対面・写真なし書類の提示＋書類の送付", True, (Event.PRESENTED, Event.RECEIVED),
        documents=_TWO,
    ),
    Method.HO: MethodRule(
        "ホ",
        f"{_ART}ホ",
        "非対面・本人確認書類画像＋容貌画像",
        False,
        (Event.IMAGE_RECEIVED,),
        valid_until=AMENDMENT_2027 - dt.timedelta(days=1),
        note="abolished from 2027-04-01 (amendment promulgated 2025-06-24)",
        documents=(_PHOTO,),
    ),
    Method.HE: MethodRule(
        "ヘ",
        f"{_ART}ヘ",
        "非対面・ICチップ情報＋容貌画像",
        False,
        (Event.IMAGE_RECEIVED, Event.CHIP_RECEIVED),
        needs_chip=True,
        documents=(_PHOTO,),
    ),
    Method.TO: MethodRule(
        "ト", f"{_ART}ト", "非対面・画像等＋照会または振込", False, (Event.RECEIVED, Event.CONFIRMED_WITH_THIRD_PARTY),
        documents=_ANY_ID,
    ),
    Method.CHI: MethodRule(
        "チ", f"{_ART}チ", "送付・原本等＋転送不要郵便", False, (Event.RECEIVED, Event.MAILED), documents=_ANY_ID
    ),
    Method.RI: MethodRule(
        "リ", f"{_ART}リ", "送付・画像等＋転送不要郵便", False, (Event.RECEIVED, Event.MAILED),
        valid_until=AMENDMENT_2027 - dt.timedelta(days=1),
        note="sending images or copies is abolished from 2027-04-01 (promulgated 2025-06-24; exact scope "
        "UNCONFIRMED against the promulgated text, applied strictly)",
        documents=_ANY_ID,
    ),
    Method.NU: MethodRule(
        "ヌ", f"{_ART}ヌ", "送付・写し等＋転送不要郵便", False, (Event.RECEIVED, Event.MAILED),
        valid_until=AMENDMENT_2027 - dt.timedelta(days=1),
        note="sending images or copies is abolished from 2027-04-01 (promulgated 2025-06-24; exact scope "
        "UNCONFIRMED against the promulgated text, applied strictly)",
        documents=_ANY_ID,
    ),
    Method.RU: MethodRule("ル", f"{_ART}ル", "本人限定受取郵便", False, (Event.DELIVERED,)),
    Method.WO: MethodRule(
        "ヲ", f"{_ART}ヲ", "電子署名法の認定認証事業者の電子証明書", False, (Event.SIGNATURE_RECEIVED,)
    ),
    Method.WA: MethodRule("ワ", f"{_ART}ワ", "公的個人認証（署名用電子証明書）", False, (Event.SIGNATURE_RECEIVED,)),
    Method.KA: MethodRule("カ", f"{_ART}カ", "認定署名検証者の電子証明書", False, (Event.SIGNATURE_RECEIVED,)),
    Method.RELIANCE: MethodRule(
        "確認済",
        "犯収法4条3項, 施行令13条2項, 施行規則16条",
        "取引時確認済みの顧客等（以前の確認記録による）",
        True,
        (Event.MATCHED,),
        note="the earlier record is named and how the person was matched to it (規則16条); never for a "
        "high-risk transaction (法4条2項)",
        reliance=True,
    ),
}


def allowed_methods(on: dt.date) -> tuple[Method, ...]:
    """The methods that may be used on ``on`` (before the per-document rule of :func:`check_method_allowed`)."""
    return tuple(m for m in Method if m.rule.valid_until is None or on <= m.rule.valid_until)


def check_method_allowed(method: Method, on: dt.date, *, document_has_chip: bool | None = None) -> None:
    """Raise :class:`MethodNotAllowed` if ``method`` may not be used on ``on``.

    ``document_has_chip`` says whether the identity document carries an IC chip (My Number card, driver's
    licence, residence card). From 2027-04-01 a face-to-face check of such a card by sight alone (イ
    without reading the chip) is refused; the rule is a draft (UNCONFIRMED), applied strictly.
    """
    rule = method.rule
    if rule.needs_chip and document_has_chip is False:
        raise MethodNotAllowed(
            f"method {rule.letter} ({method.value}) reads an IC chip, but the document has none",
            ja=f"確認方法「{rule.letter}」（ICチップ読取）には ICチップ付きの本人確認書類が必要です。",
        )
    if rule.valid_until is not None and on > rule.valid_until:
        raise MethodNotAllowed(
            f"method {rule.letter} ({method.value}) may not be used after {rule.valid_until.isoformat()}",
            ja=f"確認方法「{rule.letter}」は{rule.valid_until.isoformat()}までしか使えません（2027年改正）。",
        )
    if method is Method.I and document_has_chip and on >= AMENDMENT_2027:
        raise MethodNotAllowed(
            "from 2027-04-01 an IC card shown face to face must have its chip read (draft rule)",
            ja="2027年4月1日以降、ICチップ付きの本人確認書類は対面でもICチップの読取りが必要です（改正案）。",
        )


#: The events as the law words them (規則20条1項), for messages; the enum's values are stored names.
EVENT_JA: dict[Event, str] = {
    Event.PRESENTED: "本人確認書類の提示を受けた日時",
    Event.CHIP_READ: "ICチップの情報を読み取った日時",
    Event.RECEIVED: "書類・写しの送付を受けた日",
    Event.IMAGE_RECEIVED: "画像情報の送信を受けた日",
    Event.CHIP_RECEIVED: "ICチップ情報の送信を受けた日",
    Event.MAILED: "取引関係文書を送付した日",
    Event.CONFIRMED_WITH_THIRD_PARTY: "照会・振込の確認をした日",
    Event.DELIVERED: "本人限定受取郵便の交付日",
    Event.SIGNATURE_RECEIVED: "電子証明書・署名を受けた日",
    Event.MATCHED: "確認済みの顧客等であることを確かめた日時",
}


def check_required_events(method: Method, events: dict[Event, dt.datetime]) -> None:
    """Raise :class:`MissingMethodTimestamp` unless every event the method requires has a time."""
    missing = [e for e in method.rule.required if e not in events]
    if missing:
        raise MissingMethodTimestamp(
            f"method {method.rule.letter} needs the time of: {', '.join(e.value for e in missing)}",
            ja=f"確認方法「{method.rule.letter}」に必要な日時がありません: {'、'.join(EVENT_JA[e] for e in missing)}",
        )


def method_date(method: Method, events: dict[Event, dt.datetime]) -> dt.date:
    """The date the method was carried out: the Japanese calendar day of the earliest of its required events."""
    check_required_events(method, events)
    return legal_date(min(events[e] for e in method.rule.required))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February moves to 1 March (the later day, so nothing ends early)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def retention_until(
    *, verified_on: dt.date, transaction_dates: tuple[dt.date, ...] = (), matter_ended_on: dt.date | None
) -> dt.date | None:
    """The last day a verification record must be kept, or ``None`` while its matter is still open.

    The later of: 7 years from the verification and from each linked 取引記録 (犯収法 6条2項, 7条), and
    10 years from the end of the matter (司法書士会 規程). An open matter has no end yet, so the record is
    kept indefinitely until the matter's end date is entered.
    """
    if matter_ended_on is None:
        return None
    statutory = max((verified_on, *transaction_dates))
    return max(add_years(statutory, STATUTORY_YEARS), add_years(matter_ended_on, PROFESSIONAL_YEARS))


def past_retention(until: dt.date | None, today: dt.date) -> bool:
    """True when a record kept until ``until`` may be deleted on ``today`` (the day after the last day)."""
    return until is not None and today > until


def document_kind(code: str) -> DocumentKind:
    """The document kind stored as ``code``; :class:`UnknownDocumentKind` for a code the table lacks."""
    try:
        return DOCUMENT_KINDS[code]
    except KeyError:
        raise UnknownDocumentKind(f"unknown document kind {code!r}") from None


def check_documents(method: Method, kinds: Sequence[str]) -> None:
    """Raise :class:`DocumentsMissing` unless the identity documents ``kinds`` meet one of the method's needs.

    A method that reads a chip also needs one of the documents to carry a chip.
    """
    rule = method.rule
    known = [document_kind(k) for k in kinds]
    if not rule.documents:
        return
    counts: dict[DocumentCategory, int] = {}
    for kind in known:
        counts[kind.category] = counts.get(kind.category, 0) + 1
    met = any(all(counts.get(cat, 0) >= n for cat, n in need) for need in rule.documents)
    if met and rule.needs_chip and not any(k.chip for k in known):
        met = False
    if not met:
        wanted_ja = " / ".join(
            "＋".join(f"{_CATEGORY_JA[cat]}{n}点" for cat, n in need) for need in rule.documents
        )
        raise DocumentsMissing(
            f"method {rule.letter} ({method.value}) needs other documents",
            ja=f"確認方法「{rule.letter}」に必要な本人確認書類がそろっていません（必要: {wanted_ja}）。",
        )


_CATEGORY_JA: Final = {
    DocumentCategory.PHOTO_ID: "写真付き本人確認書類",
    DocumentCategory.NON_PHOTO_ID: "写真のない本人確認書類",
    DocumentCategory.SUPPLEMENTARY: "補完書類",
    DocumentCategory.COMPANY: "法人の本人確認書類",
    DocumentCategory.AUTHORITY: "権限を示す書類",
}
