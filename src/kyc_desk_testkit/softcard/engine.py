"""A small ISO 7816-4 card in software: the engine every software card is built on (cards.md §E.5).

Building a card (card builders do this from a persona; see ``docs/cards.md``)::

    card = SoftCard(name="mynumber", atr=bytes.fromhex("3B888001000005E0B381A1007F"))
    jpki = card.add_df(JPKI_AID, name="jpki")
    jpki.add_key("auth_pin", fid=0x0018, sfi=0x18, secret=b"1234", max_tries=3)
    jpki.add_ef(0x000A, cert_der)                                   # free to read
    jpki.add_ef(0x0001, sign_cert, read=Access.any_of("sign_pw"))    # 6982 until VERIFY of sign_pw
    jpki.add_private_key(0x0017, sign=my_signer, use=Access.any_of("auth_pin"))
    jpki.add_handler(0xCA, my_get_data)                              # custom instruction for this DF

Model: an MF (``card.mf``) and DFs selected by AID; each DF holds transparent EFs (by FID and/or short
EF id), record EFs, key EFs (PINs with retry counters) and private-key objects. Access conditions name
keys: :class:`Access` is a set of alternatives, each a set of keys that must all be verified.

Behaviour (cards.md §0.1, §A.2.2, §E.4):

- VERIFY with data: right → 9000 and the counter back to its maximum; wrong → 63Cx with one try fewer,
  ``63C0`` on the failure that blocks; any VERIFY of a blocked key → 6984. Keys without a counter
  (``max_tries=None``) answer 6300 on a mismatch. A wrong VERIFY clears the key's verified state.
- The empty VERIFY answers 63Cx (x = tries left) without spending a try, ``63C0`` when blocked, and
  9000 when the key is verified in this session if ``query_answers_9000_when_verified`` (SOLTIA, 1 src).
- Counters persist across resets (they live on the key); verified state does not.
- SELECT of another DF clears the verified state of the DF left (``clear_security_on_df_change``);
  keys of the MF stay verified (driver's licence PIN1/PIN2 in the MF open DF1/DF2).
- READ BINARY by offset or by short EF id (which makes that EF current), short and extended Le, fewer
  bytes at the end of the file, 6B00 past it; 6982 without the access condition; 6986 without a
  current EF.
- Unknown INS → 6D00, unknown CLA → 6E00, logical channel ≠ 0 → 6881, SM CLA without an installed
  :class:`SecureMessaging` → 6882.

Hooks for card builders:

- :meth:`DedicatedFile.add_handler` / :meth:`SoftCard.add_handler`: an instruction handler
  ``(card, command) -> ResponseApdu`` registered per DF (tried first) or for the whole card; it may raise
  :class:`CardStatus` to answer a status word.
- :attr:`SoftCard.secure_messaging`: an object with ``unwrap(card, command) -> CommandApdu`` and
  ``wrap(card, command, response) -> ResponseApdu``, applied to commands whose CLA says SM (08/0C);
  ``reset()`` is called on card reset. The residence card's SM plugs in here.
- ``on_reset`` callbacks; ``card.last_challenge`` holds the last GET CHALLENGE answer.

Counters tests read: :attr:`SoftCard.verify_attempts` (VERIFY with data — must stay 0 unless the user
typed a PIN), :attr:`SoftCard.verify_queries` (empty VERIFY), and :attr:`SoftCard.commands` (every
command, header only: data never kept).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final, Literal, Protocol

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu, StatusWord
from kyc_desk.cards.errors import MalformedData

Handler = Callable[["SoftCard", CommandApdu], ResponseApdu]
MF_FID: Final = 0x3F00
#: A common contactless Type B ATR shape (cards.md §E.1); builders set the card's own.
DEFAULT_ATR: Final = bytes.fromhex("3B8880010000000000000000") + b"\x09"


class CardStatus(Exception):
    """Raised by a handler or signer to answer a status word (e.g. ``CardStatus(0x6A86)``)."""

    def __init__(self, sw: int, data: bytes = b"") -> None:
        super().__init__(f"SW={sw:04X}")
        self.sw, self.data = sw, data


@dataclass(frozen=True)
class Access:
    """Who may read/use an object: any one alternative, each a set of keys that must all be verified.

    ``Access.free()`` is one empty alternative (always satisfied); ``Access.never()`` has none.
    """

    alternatives: tuple[frozenset[str], ...]

    @classmethod
    def free(cls) -> Access:
        """Always allowed."""
        return cls((frozenset(),))

    @classmethod
    def never(cls) -> Access:
        """Never allowed (e.g. reading a key EF)."""
        return cls(())

    @classmethod
    def any_of(cls, *keys: str) -> Access:
        """Any one of the keys (``any_of("pin", "code_b")``)."""
        return cls(tuple(frozenset((k,)) for k in keys))

    @classmethod
    def all_of(cls, *keys: str) -> Access:
        """All of the keys together (``all_of("pin1", "pin2")``)."""
        return cls((frozenset(keys),))

    def __or__(self, other: Access) -> Access:
        return Access(self.alternatives + other.alternatives)

    def allows(self, verified: Iterable[str]) -> bool:
        """True when one alternative is fully verified."""
        done = set(verified)
        return any(alt <= done for alt in self.alternatives)


@dataclass
class TransparentEF:
    """A transparent EF: bytes as the chip stores them (filler included)."""

    data: bytes
    fid: int | None = None
    sfi: int | None = None
    read: Access = field(default_factory=Access.free)
    name: str = ""


@dataclass
class RecordEF:
    """A record-structured EF (the My Number 共通AP EF 0001)."""

    records: list[bytes]
    fid: int | None = None
    sfi: int | None = None
    read: Access = field(default_factory=Access.free)
    name: str = ""


@dataclass
class KeyEF:
    """A PIN or code with its retry counter. ``max_tries=None``: no counter (mismatch → 6300)."""

    name: str
    secret: bytes
    fid: int | None = None
    sfi: int | None = None
    max_tries: int | None = 3
    tries_left: int = 3
    query_answers_9000_when_verified: bool = False

    @property
    def blocked(self) -> bool:
        """The counter reached zero."""
        return self.max_tries is not None and self.tries_left <= 0


Signer = Callable[[CommandApdu], bytes]


@dataclass
class PrivateKeyEF:
    """A key object used by COMPUTE DIGITAL SIGNATURE / INTERNAL AUTHENTICATE through ``sign``.

    ``sign(command)`` gets the whole command (P1 chooses the scheme on the My Number card) and returns
    the signature; it may raise :class:`CardStatus` for a bad input.
    """

    sign: Signer
    fid: int | None = None
    sfi: int | None = None
    use: Access = field(default_factory=Access.free)
    name: str = ""


FileObject = TransparentEF | RecordEF | KeyEF | PrivateKeyEF


class SecureMessaging(Protocol):
    """What the engine needs from a secure-messaging implementation (the residence card's)."""

    def unwrap(self, card: SoftCard, command: CommandApdu) -> CommandApdu:
        """The plain command inside an SM command; raise CardStatus(0x6988) when it does not check."""
        ...

    def wrap(self, card: SoftCard, command: CommandApdu, response: ResponseApdu) -> ResponseApdu:
        """The SM response for the plain ``response`` to ``command`` (the SM command as received)."""
        ...

    def reset(self) -> None:
        """Forget the session (card reset or power off)."""
        ...


class DedicatedFile:
    """A DF (or the MF): its files and its own instruction handlers."""

    def __init__(self, card: SoftCard, aid: bytes | None, name: str, fid: int | None = None) -> None:
        self.card = card
        self.aid = aid
        self.name = name
        self.fid = fid
        self.files: list[FileObject] = []
        self.handlers: dict[int, Handler] = {}

    def _add(self, obj: FileObject) -> None:
        for other in self.files:
            if obj.fid is not None and other.fid == obj.fid:
                raise ValueError(f"{self.name}: file id {obj.fid:04X} used twice")
            if obj.sfi is not None and other.sfi == obj.sfi:
                raise ValueError(f"{self.name}: short EF id {obj.sfi:02X} used twice")
        if obj.sfi is not None and not 1 <= obj.sfi <= 30:
            raise ValueError(f"short EF id must be 1..30, got {obj.sfi}")
        self.files.append(obj)

    def add_ef(
        self, fid: int | None, data: bytes, *, sfi: int | None = None, read: Access | None = None, name: str = ""
    ) -> TransparentEF:
        """A transparent EF (``fid`` may be ``None`` for files reachable by short EF id only)."""
        ef = TransparentEF(bytes(data), fid, sfi, read or Access.free(), name)
        self._add(ef)
        return ef

    def add_record_ef(
        self, fid: int | None, records: list[bytes], *, sfi: int | None = None, read: Access | None = None
    ) -> RecordEF:
        """A record EF, records numbered from 1."""
        ef = RecordEF([bytes(r) for r in records], fid, sfi, read or Access.free())
        self._add(ef)
        return ef

    def add_key(
        self,
        name: str,
        *,
        secret: bytes,
        fid: int | None = None,
        sfi: int | None = None,
        max_tries: int | None = 3,
        tries_left: int | None = None,
        query_answers_9000_when_verified: bool = False,
    ) -> KeyEF:
        """A key EF. ``name`` is what :class:`Access` conditions refer to (unique on the card)."""
        if name in self.card.keys:
            raise ValueError(f"key name {name!r} used twice")
        left = (max_tries or 0) if tries_left is None else tries_left
        key = KeyEF(name, bytes(secret), fid, sfi, max_tries, left, query_answers_9000_when_verified)
        self._add(key)
        self.card.keys[name] = (self, key)
        return key

    def add_private_key(
        self, fid: int | None, *, sign: Signer, sfi: int | None = None, use: Access | None = None, name: str = ""
    ) -> PrivateKeyEF:
        """A private-key object used by signing instructions."""
        key = PrivateKeyEF(sign, fid, sfi, use or Access.free(), name)
        self._add(key)
        return key

    def add_handler(self, ins: int, handler: Handler) -> None:
        """Handle instruction ``ins`` while this DF is current (before the card-wide handlers)."""
        self.handlers[ins] = handler

    def by_fid(self, fid: int) -> FileObject | None:
        """The file with this id, if any."""
        return next((f for f in self.files if f.fid == fid), None)

    def by_sfi(self, sfi: int) -> FileObject | None:
        """The file with this short EF id, if any."""
        return next((f for f in self.files if f.sfi == sfi), None)


MfSelect = Literal["iso", "mynumber"]


class SoftCard:
    """The card: MF, DFs, state, and :meth:`process`. Thread-safe (one lock around each command)."""

    def __init__(
        self,
        *,
        name: str = "softcard",
        atr: bytes = DEFAULT_ATR,
        extended_length: bool = True,
        clear_security_on_df_change: bool = True,
        mf_select: MfSelect = "iso",
    ) -> None:
        """``extended_length=False``: extended APDUs answer 6700. ``mf_select="mynumber"``: the My Number
        quirk (``00 A4 00 00`` → 6A86 right after reset, 9000 without effect once an AP is selected;
        FID 3F00 → 6A82; cards.md §A.1)."""
        self.name = name
        self.atr = bytes(atr)
        self.extended_length = extended_length
        self.clear_security_on_df_change = clear_security_on_df_change
        self.mf_select = mf_select
        self.keys: dict[str, tuple[DedicatedFile, KeyEF]] = {}
        self.mf = DedicatedFile(self, None, "MF", MF_FID)
        self.dfs: list[DedicatedFile] = []
        self.handlers: dict[int, Handler] = {}
        self.secure_messaging: SecureMessaging | None = None
        self.on_reset: list[Callable[[SoftCard], None]] = []
        self.verify_attempts = 0
        self.verify_queries = 0
        self.commands: list[tuple[int, int, int, int]] = []
        self.last_challenge: bytes | None = None
        self._lock = threading.RLock()
        self.current_df: DedicatedFile = self.mf
        self.current_ef: FileObject | None = None
        self.verified: set[str] = set()
        self.powered = True
        self._ap_selected = False

    # --- building --------------------------------------------------------------------------------------

    def add_df(self, aid: bytes, *, name: str = "", fid: int | None = None) -> DedicatedFile:
        """A DF selected by ``aid`` (and by ``fid`` under the MF, if given)."""
        if any(df.aid == aid for df in self.dfs):
            raise ValueError("AID used twice")
        df = DedicatedFile(self, bytes(aid), name or aid.hex().upper(), fid)
        self.dfs.append(df)
        return df

    def add_handler(self, ins: int, handler: Handler) -> None:
        """Handle instruction ``ins`` whatever DF is current (after the DF's own handlers)."""
        self.handlers[ins] = handler

    def df(self, name: str) -> DedicatedFile:
        """A DF by its name (or ``"MF"``)."""
        if name == "MF":
            return self.mf
        for df in self.dfs:
            if df.name == name:
                return df
        raise KeyError(name)

    def key(self, name: str) -> KeyEF:
        """A key by name (tests read its counter)."""
        return self.keys[name][1]

    # --- state -----------------------------------------------------------------------------------------

    def reset(self) -> None:
        """Power-on / warm reset: MF current, nothing verified, SM session gone (counters kept)."""
        with self._lock:
            self.current_df = self.mf
            self.current_ef = None
            self.verified.clear()
            self._ap_selected = False
            self.powered = True
            if self.secure_messaging is not None:
                self.secure_messaging.reset()
            for callback in self.on_reset:
                callback(self)

    def power_off(self) -> None:
        """The card left the field: state is lost as on reset."""
        self.reset()
        self.powered = False

    def is_verified(self, key: str) -> bool:
        """Whether ``key`` was verified in this session."""
        return key in self.verified

    def set_verified(self, key: str, verified: bool = True) -> None:
        """Mark a key verified (for SM-based VERIFY handlers such as the residence card's)."""
        if verified:
            self.verified.add(key)
        else:
            self.verified.discard(key)

    # --- processing ------------------------------------------------------------------------------------

    def transmit(self, raw: bytes) -> bytes:
        """Bytes in, bytes out (what the vpcd bridge calls)."""
        try:
            command = CommandApdu.parse(raw)
        except MalformedData:
            return b"\x67\x00"
        if ((len(raw) > 5 and raw[4] == 0) or command.needs_extended) and not self.extended_length:
            return b"\x67\x00"
        return self.process(command).to_bytes()

    def process(self, command: CommandApdu) -> ResponseApdu:
        """Answer one command."""
        with self._lock:
            self.commands.append((command.cla, command.ins, command.p1, command.p2))
            if command.ins == Ins.VERIFY:
                if command.data:
                    self.verify_attempts += 1
                else:
                    self.verify_queries += 1
            try:
                return self._process(command)
            except CardStatus as status:
                return ResponseApdu.status(status.sw, status.data)

    def _process(self, command: CommandApdu) -> ResponseApdu:
        cla = command.cla
        if cla & 0x80 == 0 and cla & 0x03:
            raise CardStatus(0x6881)
        if command.uses_secure_messaging:
            if self.secure_messaging is None:
                raise CardStatus(0x6882)
            plain = self.secure_messaging.unwrap(self, command)
            response = self._dispatch(plain, sm=True)
            return self.secure_messaging.wrap(self, command, response)
        return self._dispatch(command, sm=False)

    def _dispatch(self, command: CommandApdu, *, sm: bool) -> ResponseApdu:
        handler = self.current_df.handlers.get(command.ins) or self.handlers.get(command.ins)
        if handler is not None:
            try:
                return handler(self, command)
            except CardStatus as status:
                return ResponseApdu.status(status.sw, status.data)
        if command.cla not in (0x00, 0x80) and not sm:
            raise CardStatus(0x6E00)
        builtin = _BUILTINS.get(command.ins)
        if builtin is None:
            raise CardStatus(0x6D00)
        return builtin(self, command)

    # --- helpers for handlers ----------------------------------------------------------------------------

    def find_file(self, sfi: int) -> FileObject:
        """The file with short EF id ``sfi`` in the current DF (6A82 if none)."""
        found = self.current_df.by_sfi(sfi)
        if found is None:
            raise CardStatus(0x6A82)
        return found

    def require(self, access: Access) -> None:
        """6982 unless ``access`` is satisfied now."""
        if not access.allows(self.verified):
            raise CardStatus(0x6982)

    def _select_df(self, df: DedicatedFile) -> None:
        if df is not self.current_df and self.clear_security_on_df_change:
            left = self.current_df
            if left is not self.mf:
                self.verified -= {name for name, (owner, _) in self.keys.items() if owner is left}
        self.current_df = df
        self.current_ef = None


# --- built-in instructions ------------------------------------------------------------------------------

_OK: Final = StatusWord(0x9000)


def _ok(data: bytes = b"") -> ResponseApdu:
    return ResponseApdu(data, _OK)


def _select(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00:
        raise CardStatus(0x6E00)
    p1, data = cmd.p1, cmd.data
    if p1 == 0x04:  # by DF name
        for df in card.dfs:
            if df.aid == data:
                card._select_df(df)
                card._ap_selected = True
                return _ok()
        raise CardStatus(0x6A82)
    if p1 == 0x00 and (not data or data == b"\x3f\x00"):
        if card.mf_select == "mynumber":
            if data:
                raise CardStatus(0x6A82)
            if not card._ap_selected:
                raise CardStatus(0x6A86)
            return _ok()  # answered, but nothing changes (cards.md §A.1)
        card._select_df(card.mf)
        return _ok()
    if p1 in (0x00, 0x01, 0x02) and len(data) == 2:
        fid = int.from_bytes(data, "big")
        if p1 in (0x00, 0x01):
            for df in card.dfs:
                if df.fid == fid and df.fid is not None:
                    card._select_df(df)
                    return _ok()
        found = card.current_df.by_fid(fid)
        if found is None:
            raise CardStatus(0x6A82)
        card.current_ef = found
        return _ok()
    raise CardStatus(0x6A86)


def _binary_target(card: SoftCard, cmd: CommandApdu) -> tuple[TransparentEF, int]:
    if cmd.p1 & 0x80:
        if cmd.p1 & 0x60:
            raise CardStatus(0x6A86)
        ef = card.find_file(cmd.p1 & 0x1F)
        card.current_ef = ef
        offset = cmd.p2
    else:
        if card.current_ef is None:
            raise CardStatus(0x6986)
        ef = card.current_ef
        offset = (cmd.p1 << 8) | cmd.p2
    if not isinstance(ef, TransparentEF):
        raise CardStatus(0x6981)
    return ef, offset


def _read_binary(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00:
        raise CardStatus(0x6E00)
    ef, offset = _binary_target(card, cmd)
    card.require(ef.read)
    if cmd.le is None:
        raise CardStatus(0x6700)
    if (offset >= len(ef.data) and len(ef.data) > 0) or offset > len(ef.data):
        raise CardStatus(0x6B00)
    return _ok(ef.data[offset : offset + cmd.le])


def _read_record(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00:
        raise CardStatus(0x6E00)
    if cmd.p2 & 0x07 != 0x04:
        raise CardStatus(0x6A86)
    sfi = cmd.p2 >> 3
    ef = card.find_file(sfi) if sfi else card.current_ef
    if ef is None:
        raise CardStatus(0x6986)
    if not isinstance(ef, RecordEF):
        raise CardStatus(0x6981)
    card.current_ef = ef
    card.require(ef.read)
    if not 1 <= cmd.p1 <= len(ef.records):
        raise CardStatus(0x6A83)
    record = ef.records[cmd.p1 - 1]
    return _ok(record[: cmd.le or len(record)])


def _key_for(card: SoftCard, p2: int) -> KeyEF:
    if p2 == 0x80:
        ef = card.current_ef
        if ef is None:
            raise CardStatus(0x6986)
    elif p2 & 0x80 and 1 <= p2 & 0x1F <= 30:
        ef = card.current_df.by_sfi(p2 & 0x1F)
        if ef is None and card.current_df is not card.mf:
            ef = card.mf.by_sfi(p2 & 0x1F)
        if ef is None:
            raise CardStatus(0x6A88)
    else:
        raise CardStatus(0x6A86)
    if not isinstance(ef, KeyEF):
        raise CardStatus(0x6981)
    return ef


def _verify(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00 or cmd.p1 != 0x00:
        raise CardStatus(0x6E00 if cmd.cla != 0x00 else 0x6A86)
    key = _key_for(card, cmd.p2)
    if not cmd.data:  # the retry-counter query: never spends a try
        if key.blocked:
            raise CardStatus(0x63C0)
        if key.max_tries is None:
            raise CardStatus(0x9000 if card.is_verified(key.name) else 0x6300)
        if card.is_verified(key.name) and key.query_answers_9000_when_verified:
            return _ok()
        raise CardStatus(0x63C0 | min(key.tries_left, 15))
    if key.blocked:
        raise CardStatus(0x6984)
    if cmd.data == key.secret:
        if key.max_tries is not None:
            key.tries_left = key.max_tries
        card.set_verified(key.name)
        return _ok()
    card.set_verified(key.name, False)
    if key.max_tries is None:
        raise CardStatus(0x6300)
    key.tries_left = max(0, key.tries_left - 1)
    raise CardStatus(0x63C0 | min(key.tries_left, 15))


def _change_reference_data(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00:
        raise CardStatus(0x6E00)
    if cmd.p1 != 0x01:
        raise CardStatus(0x6A86)
    key = _key_for(card, cmd.p2)
    if not card.is_verified(key.name):
        raise CardStatus(0x6982)
    if not cmd.data:
        raise CardStatus(0x6700)
    key.secret = cmd.data
    return _ok()


def _get_challenge(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00:
        raise CardStatus(0x6E00)
    if cmd.le is None or cmd.le > 256:
        raise CardStatus(0x6700)
    card.last_challenge = os.urandom(cmd.le)
    return _ok(card.last_challenge)


def _private_key_for(card: SoftCard, p2: int) -> PrivateKeyEF:
    if p2 & 0x80 and p2 & 0x1F:
        ef = card.current_df.by_sfi(p2 & 0x1F)
    elif p2 in (0x80, 0x00):
        ef = card.current_ef
    else:
        raise CardStatus(0x6A86)
    if ef is None:
        raise CardStatus(0x6986 if p2 in (0x80, 0x00) else 0x6A88)
    if not isinstance(ef, PrivateKeyEF):
        raise CardStatus(0x6981)
    card.require(ef.use)
    return ef


def _compute_digital_signature(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x80:
        raise CardStatus(0x6E00)
    if not cmd.data:
        raise CardStatus(0x6700)
    return _ok(_private_key_for(card, cmd.p2).sign(cmd))


def _internal_authenticate(card: SoftCard, cmd: CommandApdu) -> ResponseApdu:
    if cmd.cla != 0x00:
        raise CardStatus(0x6E00)
    if not cmd.data:
        raise CardStatus(0x6700)
    return _ok(_private_key_for(card, cmd.p2).sign(cmd))


_BUILTINS: Final[dict[int, Handler]] = {
    Ins.SELECT: _select,
    Ins.READ_BINARY: _read_binary,
    Ins.READ_RECORD: _read_record,
    Ins.VERIFY: _verify,
    Ins.CHANGE_REFERENCE_DATA: _change_reference_data,
    Ins.GET_CHALLENGE: _get_challenge,
    Ins.COMPUTE_DIGITAL_SIGNATURE: _compute_digital_signature,
    Ins.INTERNAL_AUTHENTICATE: _internal_authenticate,
}
