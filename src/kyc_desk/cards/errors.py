"""Errors of the card stack: the reader, the card's status words, and the data read from it.

Hierarchy::

    KycDeskError
    └── CardStackError                 anything that went wrong talking to a card
        ├── TransportError             the reader or PC/SC, not the card's answer
        │   ├── PcscUnavailable        pcscd is not running (fix hint in the message)
        │   ├── NoReader               no reader connected, or the named reader is gone
        │   ├── CardAbsent             no card on the reader when we tried to connect
        │   ├── CardRemoved            the card left the reader while we talked to it
        │   ├── CardReset              someone reset the card: its state (selection, PINs) is lost
        │   ├── ReaderBusy             another program holds the card exclusively
        │   └── ReaderError            any other reader/driver failure
        └── CardError                  the card's answer or its data
            ├── StatusError(sw)        a status word other than 9000, see :func:`error_for`
            │   ├── PinIncorrect       63Cx (x = retries_left) or 6300 (no counter)
            │   ├── PinBlocked         63C0 on the blocking failure, 6984/6983 afterwards
            │   ├── SecurityStatusNotSatisfied   6982: read or sign before the right VERIFY
            │   ├── FileNotFound       6A82 on an EF
            │   ├── NotThisCard        6A82/6D00/6E00/6A86 on SELECT of an application (AID)
            │   ├── WrongLength        6700 (often: the reader path cannot carry extended APDUs)
            │   ├── OffsetOutOfRange   6B00
            │   └── SecureMessagingFailed   6882/6987/6988/69FC
            ├── ExtendedLengthUnsupported   an APDU needs extended length the reader cannot carry
            ├── ApduEncodingError       a command that cannot be encoded (caller's bug, never bad bytes)
            ├── MalformedData           bytes from the card that do not parse (ef, tag, reason)
            ├── SecretRequired          VERIFY was called without a secret the user typed
            └── Cancelled               the user cancelled; raised between two APDUs

Every status word goes through :func:`error_for` (one table, :data:`STATUS_TABLE`), so the same SW is
always the same exception. Messages carry the SW and a description, never card data or PINs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.cards.apdu import StatusWord


class CardStackError(KycDeskError):
    """Root of everything the card layer raises."""

    default_ja = "カードとの通信でエラーが発生しました。"


# --- transport ---------------------------------------------------------------------------------------


class TransportError(CardStackError):
    """The reader or the PC/SC service failed; the card's answer was not the problem."""

    default_ja = "カードリーダーとの通信でエラーが発生しました。"


class PcscUnavailable(TransportError):
    """The PC/SC service (pcscd) is not running or not reachable."""

    default_ja = (
        "スマートカードサービス (pcscd) に接続できません。"
        "pcscd を起動してください (例: sudo systemctl start pcscd)。"
    )

    def __init__(self, message: str = "", *, ja: str | None = None) -> None:
        super().__init__(
            message
            or "the smart-card service (pcscd) is not running; start it (e.g. `sudo systemctl start pcscd`)",
            ja=ja,
        )


class NoReader(TransportError):
    """No card reader is connected (or the reader asked for is gone)."""

    default_ja = "カードリーダーが見つかりません。リーダーを接続してください。"


class CardAbsent(TransportError):
    """There is no card on the reader."""

    default_ja = "カードがリーダーに置かれていません。"


class CardRemoved(TransportError):
    """The card was taken off the reader during the operation; nothing half-read is returned."""

    default_ja = "読み取り中にカードが離れました。カードを置き直して、もう一度お試しください。"


class CardReset(TransportError):
    """The card was reset by someone else; its selection and verified PINs are lost, start over."""

    default_ja = "カードがリセットされました。もう一度読み取ってください。"


class ReaderBusy(TransportError):
    """Another program is using the card exclusively."""

    default_ja = "他のプログラムがカードを使用中です。そのプログラムを終了してからお試しください。"


class ReaderError(TransportError):
    """Any other failure of the reader or its driver."""

    default_ja = "カードリーダーでエラーが発生しました。"


# --- card ----------------------------------------------------------------------------------------------


class CardError(CardStackError):
    """The card answered with an error, or its data is not what the specification says."""

    default_ja = "カードがエラーを返しました。"


class StatusError(CardError):
    """The card answered a status word other than 9000."""

    default_ja = "カードが要求を処理できませんでした。もう一度読み取ってください。"

    def __init__(self, sw: StatusWord, message: str | None = None, *, ja: str | None = None) -> None:
        super().__init__(message or f"the card answered SW={sw} ({sw.description})", ja=ja)
        self.sw = sw


class PinIncorrect(StatusError):
    """A VERIFY failed: 63Cx with ``retries_left`` = x, or 6300 (no retry counter: ``None``)."""

    default_ja = "暗証番号が違います。"

    def __init__(self, sw: StatusWord, *, retries_left: int | None) -> None:
        if retries_left is None:
            msg, ja = "the code does not match", "番号が一致しません。"
        else:
            msg = f"wrong PIN; {retries_left} tries left"
            ja = f"暗証番号が違います。残り {retries_left} 回です。"
        super().__init__(sw, msg, ja=ja)
        self.retries_left = retries_left


class PinBlocked(StatusError):
    """The key is blocked (63C0 on the failure that blocked it, 6984 or 6983 afterwards)."""

    default_ja = "暗証番号がロックされています。発行元の窓口で解除の手続きが必要です。"

    def __init__(self, sw: StatusWord) -> None:
        super().__init__(sw, f"the PIN is blocked (SW={sw}); only the issuing office can unblock it")


class SecurityStatusNotSatisfied(StatusError):
    """6982: the file or key needs a VERIFY that has not succeeded in this session."""

    default_ja = "この情報を読むには暗証番号などの入力が必要です。"


class FileNotFound(StatusError):
    """6A82: the EF (or short EF id) does not exist in the current application."""

    default_ja = "カードに該当するファイルがありません。"


class NotThisCard(StatusError):
    """SELECT of an application failed: the card is not of the kind expected."""

    default_ja = "想定と異なる種類のカードです。"


class WrongLength(StatusError):
    """6700: wrong Lc/Le (on a short path, an extended APDU may come back as this)."""

    default_ja = "カードがコマンドの長さを受け付けませんでした。"


class OffsetOutOfRange(StatusError):
    """6B00: READ BINARY past the end of the file."""

    default_ja = "カードのデータを最後まで読み取れませんでした（データが想定より短い）。"


class SecureMessagingFailed(StatusError):
    """6882/6987/6988/69FC: the secure-messaging session failed; restart it from the beginning."""

    default_ja = "暗号化通信でエラーが発生しました。最初からやり直してください。"


class ExtendedLengthUnsupported(CardError):
    """The command needs an extended-length APDU and this reader path cannot carry one."""

    default_ja = "このカードリーダーは拡張長の APDU に対応していません。対応したリーダーをお使いください。"


class ApduEncodingError(CardError):
    """A command cannot be encoded as an APDU (a bug in the caller; we never send bad bytes)."""

    default_ja = "カードへのコマンドを組み立てられませんでした。"


class MalformedData(CardError):
    """Data from the card does not match its layout. ``ef`` and ``tag`` say where, when known."""

    default_ja = "カードのデータの形式が正しくありません。"

    def __init__(self, reason: str, *, ef: str | None = None, tag: int | None = None) -> None:
        where = " ".join(p for p in (ef or "", f"tag {tag:X}" if tag is not None else "") if p)
        super().__init__(f"malformed card data{' in ' + where if where else ''}: {reason}")
        self.reason, self.ef, self.tag = reason, ef, tag


class SecretRequired(CardError):
    """VERIFY was asked for without a secret: the desk only ever sends what the user typed."""

    default_ja = "暗証番号が入力されていません。"


class Cancelled(CardError):
    """The user cancelled the card operation (checked between APDUs)."""

    default_ja = "カードの読み取りを中止しました。"


# --- status words → errors -------------------------------------------------------------------------------

#: SW → (error class, description). Masks ``63Cx``/``61xx``/``6Cxx`` are handled in :func:`error_for`.
STATUS_TABLE: Final[dict[int, tuple[type[StatusError], str]]] = {
    0x6300: (PinIncorrect, "verification failed (no retry counter)"),
    0x63C0: (PinBlocked, "verification failed, key now blocked"),
    0x6700: (WrongLength, "wrong length"),
    0x6881: (StatusError, "logical channel not supported"),
    0x6882: (SecureMessagingFailed, "secure messaging not supported"),
    0x6981: (StatusError, "command incompatible with file structure"),
    0x6982: (SecurityStatusNotSatisfied, "security status not satisfied"),
    0x6983: (PinBlocked, "authentication method blocked"),
    0x6984: (PinBlocked, "referenced key blocked"),
    0x6985: (StatusError, "conditions of use not satisfied"),
    0x6986: (StatusError, "no current EF"),
    0x6987: (SecureMessagingFailed, "secure messaging data object missing"),
    0x6988: (SecureMessagingFailed, "secure messaging data object incorrect"),
    0x69FC: (SecureMessagingFailed, "secure messaging session ended"),
    0x6A80: (StatusError, "incorrect data field"),
    0x6A81: (StatusError, "function not supported"),
    0x6A82: (FileNotFound, "file not found"),
    0x6A86: (StatusError, "incorrect P1-P2"),
    0x6A88: (StatusError, "referenced data not found"),
    0x6B00: (OffsetOutOfRange, "offset outside the file"),
    0x6D00: (StatusError, "instruction not supported"),
    0x6E00: (StatusError, "class not supported"),
    0x6F00: (StatusError, "no precise diagnosis"),
}

#: Status words that, answering SELECT of an application, mean "not this kind of card".
NOT_THIS_CARD_SWS: Final = frozenset({0x6A82, 0x6A86, 0x6D00, 0x6E00})


def describe_sw(value: int) -> str:
    """A short English description of a status word (for messages and traces)."""
    if value == 0x9000:
        return "success"
    if value in STATUS_TABLE:
        return STATUS_TABLE[value][1]
    hi, lo = value >> 8, value & 0xFF
    if hi == 0x61:
        return f"{lo or 256} more bytes available"
    if hi == 0x6C:
        return f"wrong Le, {lo or 256} bytes available"
    if hi == 0x63 and lo & 0xF0 == 0xC0:
        return f"verification failed, {lo & 0x0F} tries left"
    if hi == 0x62:
        return "warning, data may be incomplete"
    return "unknown status"


def error_for(sw: StatusWord, *, selecting_application: bool = False) -> StatusError:
    """The one mapping from a failing status word to the exception the desk raises.

    ``selecting_application``: the SW answered a SELECT by AID, where "not found" means the card is of
    another kind (:class:`NotThisCard`) rather than a missing file.
    """
    value = sw.value
    if selecting_application and value in NOT_THIS_CARD_SWS:
        return NotThisCard(sw, f"the card has no such application (SW={sw})")
    if value in (0x63C0, 0x6983, 0x6984):
        return PinBlocked(sw)
    if (n := sw.retries_left) is not None:
        return PinIncorrect(sw, retries_left=n)
    if value == 0x6300:
        return PinIncorrect(sw, retries_left=None)
    cls = STATUS_TABLE.get(value, (StatusError, ""))[0]
    return cls(sw)
