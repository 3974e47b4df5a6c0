"""ICチップの内容 — step 3: what the chip holds, as it holds it, and every verification as a badge.

Shown exactly as read (no correction, no guessing): the holder's details, the card's dates and number,
the chip's photo enlarged, the card-face images (the My Number card keeps name and address as images),
and the verification report, one badge per check in the verification layer's own words, each named by
its label (Japanese or English; the stable check code is the tooltip). Checks that found something wrong
(``MISMATCH``, ``INVALID``) are repeated in a red box at the top, because they matter most; a chip that
fails the presence proof (``SUSPECTED_COPY``: genuine data on another chip) heads that box with a
warning of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app.texts import check_name_text, check_text
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.models.items import format_date
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP
from kyc_desk.ui.widgets.badge import badge_colours, badge_text
from kyc_desk.ui.widgets.geometry import fitted_pixmap
from kyc_desk.ui.widgets.images import qimage_from_bytes

if TYPE_CHECKING:
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.returning import CardRecognition
    from kyc_desk.verify.report import VerificationReport

#: Logical pixels; the pixmaps are made at the screen's device pixel ratio, so they stay sharp at any scaling.
PHOTO_HEIGHT: Final = 320
CARD_IMAGE_WIDTH: Final = 640
#: Labels for what a reading adds beyond the four items (``CardReading.extra``); other keys show as they are.
EXTRA_LABELS: Final = {
    "categories": QT_TRANSLATE_NOOP("ChipStepView", "免許の種類"),
    "conditions": QT_TRANSLATE_NOOP("ChipStepView", "免許の条件"),
    "colour": QT_TRANSLATE_NOOP("ChipStepView", "免許証の色"),
    "commission": QT_TRANSLATE_NOOP("ChipStepView", "公安委員会"),
    "reference_number": QT_TRANSLATE_NOOP("ChipStepView", "照会番号"),
    "original_name": QT_TRANSLATE_NOOP("ChipStepView", "交付時の氏名"),
    "original_name_kana": QT_TRANSLATE_NOOP("ChipStepView", "交付時の呼び名"),
    "original_address": QT_TRANSLATE_NOOP("ChipStepView", "交付時の住所"),
    "changed_name": QT_TRANSLATE_NOOP("ChipStepView", "変更後の氏名"),
    "changed_name_kana": QT_TRANSLATE_NOOP("ChipStepView", "変更後の呼び名"),
    "changed_address": QT_TRANSLATE_NOOP("ChipStepView", "変更後の住所"),
    "change_history": QT_TRANSLATE_NOOP("ChipStepView", "記載事項変更の履歴"),
    "recorded_changes": QT_TRANSLATE_NOOP("ChipStepView", "記載事項変更"),
    "undecoded_changes": QT_TRANSLATE_NOOP("ChipStepView", "解読できない変更記録"),
    "spec_version": QT_TRANSLATE_NOOP("ChipStepView", "仕様書バージョン"),
    # 在留カード等 (both generations; the second adds the printed entries the chip holds as text)
    "generation": QT_TRANSLATE_NOOP("ChipStepView", "カードの世代"),
    "nationality_code": QT_TRANSLATE_NOOP("ChipStepView", "国籍・地域（コード）"),
    "status_code": QT_TRANSLATE_NOOP("ChipStepView", "在留資格（コード）"),
    "period_of_stay": QT_TRANSLATE_NOOP("ChipStepView", "在留期間（コード）"),
    "stay_expiry": QT_TRANSLATE_NOOP("ChipStepView", "在留期間の満了日"),
    "permission_type": QT_TRANSLATE_NOOP("ChipStepView", "許可の種類（コード）"),
    "permission_date": QT_TRANSLATE_NOOP("ChipStepView", "許可年月日"),
    "work_restriction": QT_TRANSLATE_NOOP("ChipStepView", "就労制限の有無"),
    "address_entry_date": QT_TRANSLATE_NOOP("ChipStepView", "住居地の記載日"),
    "municipality_code": QT_TRANSLATE_NOOP("ChipStepView", "市町村コード"),
    "comprehensive_permission": QT_TRANSLATE_NOOP("ChipStepView", "資格外活動許可（包括）"),
    "comprehensive_permission_expiry": QT_TRANSLATE_NOOP("ChipStepView", "包括許可の期限"),
    "individual_permission": QT_TRANSLATE_NOOP("ChipStepView", "資格外活動許可（個別）"),
    "renewal_application": QT_TRANSLATE_NOOP("ChipStepView", "在留期間更新等許可申請"),
    "commissioner_note": QT_TRANSLATE_NOOP("ChipStepView", "長官記載欄"),
    "other_text": QT_TRANSLATE_NOOP("ChipStepView", "その他の記載"),
}
#: Card-face images in the order the card prints them (name above address).
IMAGE_ORDER: Final = {"name": 0, "address": 1, "front": 2}


def _extra_order(item: tuple[str, str]) -> tuple[int, str]:
    """Labelled items in the table's order, then the rest by key."""
    order = list(EXTRA_LABELS)
    return (order.index(item[0]), "") if item[0] in EXTRA_LABELS else (len(order), item[0])


#: Verdicts repeated in the red box at the top.
ALERT_VERDICTS: Final = frozenset({"mismatch", "invalid", "suspected_copy"})


def _clear(layout: QFormLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class ChipStepView(QWidget):
    """The chip's contents and the verification badges; after a returning client's card proof, what the
    records know of the card (``open_record_requested(id)`` opens the earlier record)."""

    open_record_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip_step")
        outer = QVBoxLayout(self)
        self.alert = QLabel()
        self.alert.setObjectName("chip_alert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(
            "QLabel { background: #ffebee; color: #b71c1c; border: 1px solid #b71c1c; padding: 6px; }"
        )
        self.alert.setVisible(False)
        outer.addWidget(self.alert)
        returning = QHBoxLayout()
        self.returning = QLabel()
        self.returning.setObjectName("returning_client")
        self.returning.setWordWrap(True)
        self.returning.setVisible(False)
        self.open_earlier = QPushButton(self.tr("以前の記録を開く(&O)"))
        self.open_earlier.setObjectName("open_earlier_record")
        self.open_earlier.setVisible(False)
        self.open_earlier.clicked.connect(self._open_earlier)
        self._earlier_id: int | None = None
        returning.addWidget(self.returning, 1)
        returning.addWidget(self.open_earlier)
        outer.addLayout(returning)
        row = QHBoxLayout()
        photo_box = QGroupBox(self.tr("ICチップの顔写真"))
        photo_layout = QVBoxLayout(photo_box)
        self.photo = QLabel(self.tr("顔写真なし"))
        self.photo.setObjectName("chip_photo")
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setMinimumSize(240, PHOTO_HEIGHT)
        photo_layout.addWidget(self.photo)
        row.addWidget(photo_box)

        # the card-face images under the chip's data, beside the photo, so that the verification results
        # start within a 1280×720 window
        details = QVBoxLayout()
        data_box = QGroupBox(self.tr("ICチップに記録された内容"))
        self.data_form = QFormLayout(data_box)
        self.data_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        details.addWidget(data_box, 1)
        self.images_box = QGroupBox(self.tr("券面の画像"))
        self.images_layout = QVBoxLayout(self.images_box)
        details.addWidget(self.images_box)
        row.addLayout(details, 2)
        outer.addLayout(row, 3)

        checks_box = QGroupBox(self.tr("検証結果"))
        checks_layout = QVBoxLayout(checks_box)
        # a table, not a grid of labels: it lays out in one pass however many checks there are
        self.checks = QTableWidget(0, 3)
        self.checks.setObjectName("checks_table")
        self.checks.setHorizontalHeaderLabels([self.tr("結果"), self.tr("検証項目"), self.tr("詳細")])
        self.checks.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.checks.verticalHeader().setVisible(False)
        self.checks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        checks_layout.addWidget(self.checks)
        outer.addWidget(checks_box, 2)

    def show_recognition(self, recognition: CardRecognition | None, failure: str | None = None) -> None:
        """Say what the records know of the card proof (``None``: no proof was asked; ``failure``: the
        records could not be searched)."""
        from kyc_desk.records.returning import verified_day_text

        self._earlier_id = None
        self.open_earlier.setVisible(False)
        if recognition is None and failure is None:
            self.returning.setVisible(False)
            return
        ok_style = "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; padding: 6px; }"
        warn_style = "QLabel { background: #fff4ce; color: #5d4200; border: 1px solid #e0c060; padding: 6px; }"
        style = warn_style
        if failure is not None or recognition is None:
            text = self.tr("以前の本人確認を探せませんでした: %1").replace("%1", failure or "")
        elif recognition.standing == "unproven":
            text = self.tr("カードによる再来の確認は成立しませんでした: %1").replace("%1", recognition.reason)
        elif recognition.standing == "new":
            style = ok_style
            text = self.tr(
                "カードによる確認ができました。このカードで本人確認した記録はまだありません。"
                "保存すると、この記録にカードの証明書を紐付けます。"
            )
        else:
            latest = recognition.latest
            assert latest is not None
            day = recognition.latest_at.date() if recognition.latest_at is not None else latest.verified_on
            if recognition.standing == "recognised":
                style = ok_style
                text = self.tr("このカードは %1に %2 として本人確認済みです（記録番号 %3）。")
            elif recognition.link is None:
                text = self.tr(
                    "カードとの紐付けは切れています: %4。%1に %2 として本人確認した記録（記録番号 %3）は、"
                    "このカードでは確認できません。"
                ).replace("%4", recognition.reason)
            else:
                text = self.tr(
                    "カードとの紐付けは切れています: このカードの利用者証明用電子証明書は、%1に %2 として"
                    "本人確認した記録（記録番号 %3）のものと異なります（更新または再発行）。"
                    "保存すると、新しい証明書をこの記録に紐付けます。"
                )
            text = text.replace("%1", verified_day_text(day)).replace("%2", latest.subject_name)
            text = text.replace("%3", str(latest.id))
            self._earlier_id = latest.id
            self.open_earlier.setVisible(True)
        self.returning.setStyleSheet(style)
        self.returning.setText(text)
        self.returning.setVisible(True)

    def _open_earlier(self) -> None:
        if self._earlier_id is not None:
            self.open_record_requested.emit(self._earlier_id)

    def show_reading(
        self,
        reading: CardReading,
        report: VerificationReport,
        photo: QImage | None = None,
        images: dict[str, QImage] | None = None,
    ) -> None:
        """Show ``reading``; ``photo``/``images`` are its images already decoded off the UI thread."""
        from kyc_desk.ui.models.flow import document_name

        _clear(self.data_form)
        holder = reading.holder
        sex = {"male": self.tr("男"), "female": self.tr("女"), "other": self.tr("該当なし"), "unknown": "—"}[holder.sex]
        if (code := reading.extra.get("sex_code")) is not None:  # a code the desk does not know, as written
            sex = self.tr("不明（カードのコード {code}）").format(code=code)
        rows = [
            (self.tr("書類"), document_name(reading.card_type)),
            (self.tr("氏名"), holder.name),
            (self.tr("フリガナ"), holder.name_kana),
            (self.tr("生年月日"), format_date(holder.birth_date)),
            (self.tr("性別"), sex),
            (self.tr("住所"), holder.address),
            (self.tr("有効期限"), format_date(reading.card.expiry)),
            (self.tr("書類の番号"), reading.card.number),
        ]
        named = [(label, value, label) for label, value in rows]
        named += [
            (self.tr(EXTRA_LABELS[key]) if key in EXTRA_LABELS else key, value, key)
            for key, value in sorted(reading.extra.items(), key=_extra_order)
            if key != "sex_code"  # shown in the sex row
        ]
        for label, value, name in named:
            field = QLabel(value if value else self.tr("（チップに記録なし）"))
            field.setObjectName(f"chip_field_{name}")
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if value:
                field.setStyleSheet("font-size: 12pt;")
            self.data_form.addRow(label, field)

        if photo is None and reading.photo is not None:
            try:
                photo = qimage_from_bytes(reading.photo.data)
            except KycDeskError as exc:
                self.photo.setText(exc.user_text())
        if photo is not None:
            self.photo.setPixmap(fitted_pixmap(photo, self, height=PHOTO_HEIGHT))
        elif reading.photo is None:
            self.photo.setText(self.tr("顔写真なし"))

        _clear(self.images_layout)
        decoded = images if images is not None else {}
        for name in sorted(reading.images, key=lambda n: (IMAGE_ORDER.get(n, 99), n)):
            if name not in decoded:
                try:
                    decoded[name] = qimage_from_bytes(reading.images[name].data)
                except KycDeskError:
                    continue
            image = decoded[name]
            shown = QLabel()
            shown.setObjectName(f"card_image_{name}")
            shown.setPixmap(fitted_pixmap(image, self, width=min(image.width(), CARD_IMAGE_WIDTH)))
            self.images_layout.addWidget(shown)
        self.images_box.setVisible(bool(reading.images))

        self.checks.setRowCount(len(report))
        mismatches = []
        for row_index, check in enumerate(report):
            fg, bg = badge_colours(check.verdict)
            badge = QTableWidgetItem(badge_text(check.verdict))
            badge.setForeground(QColor(fg))
            badge.setBackground(QColor(bg))
            badge.setData(Qt.ItemDataRole.UserRole, check.verdict.value)
            font = badge.font()
            font.setBold(True)
            badge.setFont(font)
            self.checks.setItem(row_index, 0, badge)
            name_item = QTableWidgetItem(check_name_text(check.name))
            name_item.setToolTip(check.name)
            name_item.setData(Qt.ItemDataRole.UserRole, check.name)
            self.checks.setItem(row_index, 1, name_item)
            self.checks.setItem(row_index, 2, QTableWidgetItem(check_text(check)))
            if check.verdict.value in ALERT_VERDICTS:
                mismatches.append(check)
        self.checks.resizeColumnToContents(0)
        self.checks.resizeColumnToContents(1)
        if mismatches:
            lines = [self.tr("注意: 次の検証で問題が見つかりました。")]
            if any(c.verdict.value == "suspected_copy" for c in mismatches):
                lines.insert(0, self.tr(
                    "警告: ICチップの複製の疑いがあります。券面データは本物でも、このチップは発行されたカードの"
                    "鍵で応答しません。本人確認書類として扱わないでください。"
                ))
            lines += [f"・{badge_text(c.verdict)}: {check_name_text(c.name)} {check_text(c)}" for c in mismatches]
            self.alert.setText("\n".join(lines))
            self.alert.setVisible(True)
        else:
            self.alert.setVisible(False)
