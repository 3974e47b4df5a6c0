"""Screenshots of the 案件 place and the 面談カード (run under Xvfb, never part of the test run).

    Xvfb :58 -screen 0 1920x1080x24 &
    DISPLAY=:58 .venv/bin/python -m tests.ui.matters_screenshots [--out DIR] [--size 1280x720] [--lang en]

The window is built as the app builds it, on a fresh encrypted store in a private home: a sale with its
two parties (created through the place), a face-to-face verification of the seller, a 取引記録, a meeting
filled from a pasted Zoom invitation, then held with its minutes and 人・物・意思, and the matter closed.
Writes docs/screenshots/matters-*.png and meeting-*.png (or into ``--out``). ``--size`` sets the window's
inside (1264x664 is what a 1280×720 screen leaves).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"

INVITATION = """山田 様

オンライン面談のご案内です。

日時：令和8年12月8日（火）午後２時〜３時
Zoomミーティングに参加する
https://us02web.zoom.us/j/81234567890?pwd=abcDEF123
ミーティングID: 812 3456 7890
パスコード: 4kYc9q
"""


def _wait(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QTest.qWait(20)


def main() -> int:
    import argparse

    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default docs/screenshots)")
    parser.add_argument("--size", default="1264x664", help="the window's inside, WxH")
    parser.add_argument("--lang", default="ja", choices=("ja", "en"))
    args = parser.parse_args()
    OUT = args.out.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (e.g. run Xvfb :58 and DISPLAY=:58)", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    home = Path(tempfile.mkdtemp(prefix="kyc-matters-shots-"))
    os.environ["KYC_DESK_HOME"] = str(home)
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtTest import QTest

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.app.caseload import add_operator
    from kyc_desk.i18n import set_language
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.records.model import Confirmed, MeetingStatus, PartyRole
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.matters import MattersView
    from tests.records.conftest import full_verification

    suffix = "" if args.lang == "ja" else "-en"
    app = application()
    install_language(app, args.lang)
    set_language(args.lang)
    add_operator("司法書士 山田")
    add_operator("補助者 佐藤", "assistant")
    store, _recovery = RecordStore.create(mode="passphrase", folder=home / "store", passphrase="shot",
                                          scrypt=ScryptParams(n=2**10))
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "司法書士 山田", None)
    window = build_window(Settings(language=args.lang), services=services)
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.show()
    view = window.places["matters"]
    assert isinstance(view, MattersView)
    window.tabs.setCurrentWidget(view)
    QTest.qWait(300)

    def add_party(name: str, kana: str, birth: str, role: PartyRole, count: int) -> None:
        view.party_form.name.setText(name)
        view.party_form.kana.setText(kana)
        view.party_form.birth.setText(birth)
        view.party_form.role.setCurrentIndex(view.party_form.role.findData(role.value))
        view.party_form.add_button.click()
        _wait(lambda: view.party_table.rowCount() == count)

    view.new_button.click()
    view.title.setText("所有権移転登記（売買）霞が関一丁目の土地")
    view.kind.setCurrentIndex(view.kind.findData("real_estate_sale"))
    view.reference.setText("2026-123")
    view.note.setText("決済 12月10日 午前10時 ○○銀行霞が関支店")
    view.tabs.setCurrentIndex(1)
    add_party("売主 一郎", "ウリヌシ イチロウ", "1950-03-03", PartyRole.SELLER, 1)
    add_party("買主 花子", "カイヌシ ハナコ", "", PartyRole.BUYER, 2)
    view.party_form.name.setText("売主 一郎")
    view.party_form.find_button.click()
    _wait(lambda: view.party_form.match.count() > 1)
    QTest.qWait(200)
    window.grab().save(str(OUT / f"matters-parties{suffix}.png"))
    view.party_form.name.clear()
    view.save_button.click()
    _wait(lambda: view.current is not None)
    matter = view.current
    assert matter is not None
    seller = matter.parties[0].client.id
    record = store.save_verification(full_verification(client=seller, matter=matter.id, checked_by="司法書士 山田",
                                                       recorded_by="補助者 佐藤"), actor="司法書士 山田")
    view.open_matter(matter.id)
    _wait(lambda: view.verification_table.rowCount() == 1)
    view.tabs.setCurrentIndex(3)
    view.tx_form.kind.setText("売買による所有権移転登記の申請代理")
    view.tx_form.amount.setText("25,000,000")
    view.tx_form.moved_from.setText("売主 一郎")
    view.tx_form.moved_to.setText("買主 花子")
    view.tx_form.note.setText("決済時に登記識別情報を確認")
    before = view.transaction_table.rowCount()
    view.tx_form.add_button.click()
    _wait(lambda: view.transaction_table.rowCount() == before + 1)
    QTest.qWait(200)
    window.grab().save(str(OUT / f"matters-transactions{suffix}.png"))

    view.tabs.setCurrentIndex(4)
    view.new_meeting_button.click()
    dialog = view.meeting_dialog
    assert dialog is not None
    dialog.resize(min(1200, width), min(640, height))
    dialog.paste.setPlainText(INVITATION)
    dialog.parse_button.click()
    _wait(dialog.apply_button.isEnabled)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / f"meeting-paste{suffix}.png"))
    dialog.apply_button.click()
    for row in range(dialog.attendees.count()):
        dialog.attendees.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.staff.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.office.setText("霞が関司法書士事務所")
    dialog.save_button.click()
    _wait(lambda: dialog.meeting is not None)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / f"meeting-card{suffix}.png"))
    dialog.state.setCurrentIndex(dialog.state.findData(MeetingStatus.HELD))
    dialog.pages.setCurrentIndex(1)
    for box in dialog.confirmed.values():
        box.setChecked(True)
    person = f"マイナンバーカードのICチップで確認（記録番号 {record.id}）。受け答えは明瞭。"
    dialog.sections["person"].setPlainText(person)
    dialog.sections["thing"].setPlainText("東京都千代田区霞が関一丁目1番1の土地。売買代金2,500万円。決済12月10日。")
    dialog.sections["intent"].setPlainText("売る意思をご本人の言葉で確認した。第三者の同席なし。")
    dialog.sections["explained"].setPlainText("登記の流れ、費用、決済当日の持ち物を説明した。")
    dialog.links.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.confirmed[Confirmed.INTENT].isChecked()
    dialog.save_button.click()
    _wait(lambda: dialog.meeting is not None and dialog.meeting.status is MeetingStatus.HELD)
    QTest.qWait(200)
    dialog.grab().save(str(OUT / f"meeting-minutes{suffix}.png"))
    dialog.close_button.click()
    QTest.qWait(300)
    window.grab().save(str(OUT / f"matters-meetings{suffix}.png"))

    view.tabs.setCurrentIndex(0)
    view.ended_on.setDate(QDate(2026, 12, 10) if dt.date.today() <= dt.date(2026, 12, 10) else view.ended_on.date())
    view.close_button.click()
    _wait(lambda: view.current is not None and view.current.retention_until is not None
          and view.table.rowCount() == 1 and "2036" in view.table.item(0, 3).text())
    QTest.qWait(300)
    window.grab().save(str(OUT / f"matters-closed{suffix}.png"))
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
