"""対面の確認方法 — the branches of the window's face-to-face flow, and the documents each one takes.

The window offers one choice per way a scrivener's office identifies a person at the desk (domain.md
§1.2, §1.6): reading the IC chip, a photo ID checked by sight, two documents, documents plus 転送不要郵便,
and reliance on the client's earlier verification. Each choice names the legal method it is recorded as
(:class:`~kyc_desk.records.legal.Method`) and the document categories its forms take; the documents
themselves are the records layer's one table (:data:`~kyc_desk.records.legal.DOCUMENT_KINDS`), and
whether a method or a document is offered on a day is the records layer's date rules
(:func:`~kyc_desk.records.legal.allowed_methods`, :func:`~kyc_desk.records.legal.check_method_allowed`) —
this module adds no date and no document of its own. From 2027-04-01 an IC card shown face to face must
be read (draft, UNCONFIRMED), so a photo ID by sight then offers only the photo IDs without a chip; a
branch whose every document is refused is not offered.

Qt-free, so the window and any later command share it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the records layer loads SQLAlchemy: imported when first used, never at window start
    from kyc_desk.records.legal import DocumentKind, Method


class DeskMethod(enum.Enum):
    """One branch of the face-to-face flow; the value is stable (tests, settings)."""

    CHIP = "chip"  # ICチップの読取
    PHOTO_ID = "photo_id"  # 写真付き本人確認書類の目視確認
    TWO_DOCUMENTS = "two_documents"  # 写真のない書類2点（または1点と補完書類）
    DOCUMENTS_MAIL = "documents_mail"  # 写真のない書類の提示＋転送不要郵便
    RELIANCE = "reliance"  # 以前の本人確認記録に依拠


@dataclass(frozen=True)
class DeskMethodRule:
    """What one branch is recorded as (the stored value of its :class:`~kyc_desk.records.legal.Method`) and
    what its forms take: per document slot, the categories (stored values of
    :class:`~kyc_desk.records.legal.DocumentCategory`) of the documents offered there. The chip branch reads
    its card and types none; a reliance types none."""

    method_value: str
    slots: tuple[tuple[str, ...], ...] = ()
    mails: bool = False

    @property
    def method(self) -> Method:
        from kyc_desk.records.legal import Method

        return Method(self.method_value)


_PHOTO: Final = ("photo_id",)
_NO_PHOTO: Final = ("non_photo_id",)

DESK_METHODS: Final[dict[DeskMethod, DeskMethodRule]] = {
    DeskMethod.CHIP: DeskMethodRule("face_to_face_chip"),
    DeskMethod.PHOTO_ID: DeskMethodRule("i", (_PHOTO,)),
    DeskMethod.TWO_DOCUMENTS: DeskMethodRule("ha", (_NO_PHOTO, ("non_photo_id", "supplementary"))),
    DeskMethod.DOCUMENTS_MAIL: DeskMethodRule("ro", (_NO_PHOTO,), mails=True),
    DeskMethod.RELIANCE: DeskMethodRule("reliance"),
}

#: Categories whose documents carry an expiry the desk asks for (required for a photo ID).
EXPIRING: Final = frozenset({"photo_id", "non_photo_id"})
#: A company's own documents, and those that show a representative's or agent's authority.
COMPANY_CATEGORIES: Final = ("company",)
AUTHORITY_CATEGORIES: Final = ("authority", "company")


def kinds_of(*categories: str) -> tuple[DocumentKind, ...]:
    """The document kinds of ``categories`` (stored values), in the records table's order."""
    from kyc_desk.records.legal import DOCUMENT_KINDS

    return tuple(k for k in DOCUMENT_KINDS.values() if k.category.value in categories)


def documents_for(method: DeskMethod, on: dt.date, slot: int = 0) -> tuple[DocumentKind, ...]:
    """The documents slot ``slot`` of ``method``'s form takes on ``on``."""
    from kyc_desk.records.errors import MethodNotAllowed
    from kyc_desk.records.legal import check_method_allowed

    rule = DESK_METHODS[method]
    if slot >= len(rule.slots):
        return ()
    offered = []
    for kind in kinds_of(*rule.slots[slot]):
        try:
            check_method_allowed(rule.method, on, document_has_chip=kind.chip)
        except MethodNotAllowed:
            continue
        offered.append(kind)
    return tuple(offered)


def offered_methods(on: dt.date) -> tuple[DeskMethod, ...]:
    """The branches the window offers on ``on``: their method is allowed that day and each of their
    document slots has at least one document allowed."""
    from kyc_desk.records.legal import allowed_methods

    allowed = {m.value for m in allowed_methods(on)}
    return tuple(
        method
        for method, rule in DESK_METHODS.items()
        if rule.method_value in allowed and all(documents_for(method, on, slot) for slot in range(len(rule.slots)))
    )
