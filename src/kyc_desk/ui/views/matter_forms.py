"""The two entry forms of the 案件 place: a party to add (a client found or new, with the role) and a
取引記録 to add. They read and check what was typed and hand back records-layer values; the place
(:mod:`kyc_desk.ui.views.matters`) makes the calls. Bad input is said before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kyc_desk.errors import KycDeskError
from kyc_desk.ui.views.caseload_words import ROLES, date_text, role_text

if TYPE_CHECKING:  # the records layer loads on first use, not at the window's start
    from kyc_desk.records.model import Client, Person, TransactionEntry


class InputError(KycDeskError):
    """A field of the matters place holds something the desk cannot read (said before anything is saved)."""

    default_ja = "入力内容を確認してください。"


def parse_birth_date(text: str) -> dt.date | None:
    """A typed birth date (1961-08-04, 1961/8/4); empty means not entered."""
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(
            "Enter the date of birth as 1961-08-04.", ja="生年月日は 1961-08-04 の形で入力してください。"
        ) from None


def parse_amount(text: str) -> int | None:
    """A typed amount in yen (12,000,000 or 12000000); empty means none."""
    text = text.strip().replace(",", "").replace("，", "").replace("円", "")
    if not text:
        return None
    if not text.isdigit():
        raise InputError("Enter the amount in yen, in digits.", ja="金額は数字（円）で入力してください。")
    return int(text)


def _date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PartyForm(QGroupBox):
    """Name, furigana and birth date of a party; 探す offers the stored clients that match; the role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("当事者を加える（登録済みの依頼者を探し、なければ新しく登録）"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("party_name")
        self.kana = QLineEdit()
        self.kana.setObjectName("party_kana")
        self.kana.setPlaceholderText(self.tr("フリガナ（任意）"))
        names = QHBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.kana)
        form.addRow(self.tr("氏名・名称:"), names)
        self.birth = QLineEdit()
        self.birth.setObjectName("party_birth")
        self.birth.setPlaceholderText(self.tr("例: 1961-08-04（空欄は未入力）"))
        self.find_button = QPushButton(self.tr("探す(&F)"))
        self.find_button.setObjectName("party_find")
        birth = QHBoxLayout()
        birth.addWidget(self.birth)
        birth.addWidget(self.find_button)
        form.addRow(self.tr("生年月日:"), birth)
        self.match = QComboBox()
        self.match.setObjectName("party_match")
        form.addRow(self.tr("依頼者:"), self.match)
        self.role = QComboBox()
        self.role.setObjectName("party_role")
        for role in ROLES:
            self.role.addItem(role_text(role), role)
        self.role_note = QLineEdit()
        self.role_note.setObjectName("party_role_note")
        self.role_note.setPlaceholderText(self.tr("補足（「その他」では必須）"))
        self.add_button = QPushButton(self.tr("当事者に加える(&P)"))
        self.add_button.setObjectName("party_add")
        role_row = QHBoxLayout()
        role_row.addWidget(self.role)
        role_row.addWidget(self.role_note, 1)
        role_row.addWidget(self.add_button)
        form.addRow(self.tr("立場:"), role_row)
        self.offer([])

    def person(self) -> Person:
        """The typed person (a new client unless a stored one is chosen)."""
        from kyc_desk.records.model import Person

        name = self.name.text().strip()
        if not name:
            raise InputError("Enter the party's name.", ja="当事者の氏名・名称を入力してください。")
        return Person(name=name, name_kana=self.kana.text().strip() or None,
                      birth_date=parse_birth_date(self.birth.text()))

    def offer(self, found: Sequence[Client]) -> None:
        """The stored clients that match, then 「新しい依頼者として登録する」."""
        self.match.clear()
        for client in found:
            birth = client.person.birth_date
            born = date_text(birth) if birth is not None else self.tr("生年月日 未入力")
            self.match.addItem(
                self.tr("登録済み: %1（%2、番号 %3）").replace("%1", client.person.name).replace("%2", born)
                .replace("%3", str(client.id)), client.id)
        self.match.addItem(self.tr("新しい依頼者として登録する"), None)

    def chosen(self) -> int | None:
        """The stored client chosen, or None for a new one."""
        chosen = self.match.currentData()
        return int(chosen) if chosen is not None else None

    def role_and_note(self) -> tuple[str, str | None]:
        """The role code and its note; 「その他」 needs the note."""
        role, note = str(self.role.currentData()), self.role_note.text().strip() or None
        if role == "other" and note is None:
            raise InputError("For the role “other”, enter a note.", ja="「その他」の立場は補足を入力してください。")
        return role, note

    def reset(self) -> None:
        for field in (self.name, self.kana, self.birth, self.role_note):
            field.clear()
        self.offer([])


class TransactionForm(QGroupBox):
    """A 取引記録: date, kind, amount, the property moved, a note, and the verification it refers to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("取引記録を追加"))
        form = QFormLayout(self)
        self.date = QDateEdit()
        self.date.setObjectName("tx_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.kind = QLineEdit()
        self.kind.setObjectName("tx_kind")
        self.kind.setPlaceholderText(self.tr("例: 売買による所有権移転登記の申請代理"))
        first = QHBoxLayout()
        first.addWidget(self.date)
        first.addWidget(self.kind, 1)
        form.addRow(self.tr("取引日・種類:"), first)
        self.amount = QLineEdit()
        self.amount.setObjectName("tx_amount")
        self.amount.setPlaceholderText(self.tr("例: 25,000,000"))
        self.moved_from = QLineEdit()
        self.moved_from.setObjectName("tx_from")
        self.moved_from.setPlaceholderText(self.tr("移転元"))
        self.moved_to = QLineEdit()
        self.moved_to.setObjectName("tx_to")
        self.moved_to.setPlaceholderText(self.tr("移転先"))
        second = QHBoxLayout()
        second.addWidget(self.amount)
        second.addWidget(self.moved_from)
        second.addWidget(self.moved_to)
        form.addRow(self.tr("金額・財産:"), second)
        self.note = QLineEdit()
        self.note.setObjectName("tx_note")
        self.verification = QComboBox()
        self.verification.setObjectName("tx_verification")
        self.add_button = QPushButton(self.tr("追加(&A)"))
        self.add_button.setObjectName("tx_add")
        third = QHBoxLayout()
        third.addWidget(self.note, 1)
        third.addWidget(self.verification)
        third.addWidget(self.add_button)
        form.addRow(self.tr("備考・確認記録:"), third)

    def set_verifications(self, ids: Sequence[int]) -> None:
        """The matter's verifications a 取引記録 can refer to (規則24条: the key to its 確認記録)."""
        self.verification.clear()
        for verification_id in ids:
            self.verification.addItem(self.tr("記録番号 %1").replace("%1", str(verification_id)), verification_id)

    def entry(self) -> tuple[TransactionEntry, int]:
        """The 取引記録 as typed and the verification it refers to."""
        from kyc_desk.records.model import TransactionEntry

        verification_id = self.verification.currentData()
        if verification_id is None:
            raise InputError(
                "A transaction record refers to one of this matter's verifications (there are none yet).",
                ja="取引記録は、この案件の本人確認記録を選んで追加します（まだありません）。",
            )
        kind = self.kind.text().strip()
        if not kind:
            raise InputError("Enter the kind of transaction.", ja="取引の種類を入力してください。")
        entry = TransactionEntry(
            transacted_on=_date(self.date.date()), kind=kind, amount_yen=parse_amount(self.amount.text()),
            property_from=self.moved_from.text().strip() or None, property_to=self.moved_to.text().strip() or None,
            note=self.note.text().strip() or None,
        )
        return entry, int(verification_id)

    def reset(self, day: dt.date | None = None) -> None:
        for field in (self.kind, self.amount, self.moved_from, self.moved_to, self.note):
            field.clear()
        if day is not None:
            self.date.setDate(QDate(day.year, day.month, day.day))
