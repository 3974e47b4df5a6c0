"""提出データ形式 — the remote-submission format, version 2 (docs/submission-format.md).

A submission is what a client's phone (or the ``kyc-desk submit`` tool) sends for one verification
request. It is a small binary container, encrypted as a whole by :mod:`kyc_desk.sync.envelope`::

    magic     8 bytes   b"KYCSUB" 00 02         (the last two bytes: format version, big-endian)
    length    4 bytes   u32 big-endian, length M of the manifest
    manifest  M bytes   UTF-8 JSON, see below
    data      the parts' bytes, concatenated in manifest order, nothing after the last one

The manifest::

    {"format": "kyc-desk-submission", "version": 2,
     "request_id": "<the request's id>", "method": "he" | "ho" | "wa",
     "document": "mynumber" | "driver_licence" | "residence_card" | null,
     "created_at": "<ISO 8601 with offset>", "selfie_fps": 15.0,
     "parts": [{"name": "...", "kind": "...", "media_type": "...", "length": n, "sha256": "<hex>"}, ...]}

Part names are drawn from the tables below; anything else is refused, and the files the desk must never
hold (the individual number, and what it can be recovered from) are refused by name with
:class:`~kyc_desk.sync.errors.ForbiddenContent`. Decoding checks every length and digest and the parts a
method needs, so a :class:`Submission` that exists is complete.

Version 2 adds two parts (ヘ with a My Number card): ``presence/signature``, the card face AP's card key
signing :func:`he_presence_message` — the request's challenge — so the desk can tell the chip from a copy
of its files; and, optional, ``card-proof/signature``, the user-authentication key signing
:func:`he_card_proof_message` after the client typed its PIN, by which the desk recognises a returning
client's card. Version 1 is still read (:data:`READABLE_VERSIONS`); ``Submission.version`` says which it
was, and the desk reports such a submission's presence as not proven.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from kyc_desk.sync._framing import read_framed_json
from kyc_desk.sync.errors import ForbiddenContent, SubmissionMalformed

MAGIC: Final = b"KYCSUB"
VERSION: Final = 2
#: Versions a desk decodes: 1 has no presence part (its ヘ My Number submissions prove no chip).
READABLE_VERSIONS: Final = (1, 2)
FORMAT_NAME: Final = "kyc-desk-submission"
_HEADER: Final = struct.Struct(">6sHI")

#: Hard limits a decoder enforces before trusting anything (the endpoint's size limit is lower).
MAX_MANIFEST_BYTES: Final = 64 * 1024
#: Enough for the longest selfie clip (MAX_SELFIE_FRAMES) beside a method's other parts (64 until the
#: capture page: 150 frames could never travel).
MAX_PARTS: Final = 160
MAX_PART_BYTES: Final = 16 * 1024 * 1024
#: Selfie frames: enough for the liveness challenge (blink and head turns), at most 10 s at 15 frames/s.
MIN_SELFIE_FRAMES: Final = 3
MAX_SELFIE_FRAMES: Final = 150
DEFAULT_SELFIE_FPS: Final = 15.0

REQUEST_ID_PATTERN: Final = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Method(enum.Enum):
    """犯収法施行規則6条1項1号 の非対面確認方法 — the remote methods, by their stable wire name."""

    HE = "he"  # ヘ: IC chip data + selfie
    HO = "ho"  # ホ: document images (with thickness) + selfie; abolished from 2027-04-01
    WA = "wa"  # ワ: JPKI signature with the 署名用電子証明書

    @property
    def letter_ja(self) -> str:
        """The method's letter in the regulation (ヘ, ホ, ワ)."""
        return {"he": "ヘ", "ho": "ホ", "wa": "ワ"}[self.value]


class DocumentKind(enum.Enum):
    """本人確認書類 — the identity documents a ヘ or ホ submission can carry."""

    MYNUMBER = "mynumber"  # 個人番号カード
    DRIVER_LICENCE = "driver_licence"  # 運転免許証
    RESIDENCE_CARD = "residence_card"  # 在留カード・特別永住者証明書


class PartKind(enum.Enum):
    """What one part of a submission is."""

    CHIP_FILE = "chip_file"  # raw EF bytes as read from the IC chip (ヘ)
    DOCUMENT_IMAGE = "document_image"  # photo of the document (ホ)
    SELFIE_FRAME = "selfie_frame"  # one frame of the live selfie sequence
    JPKI_SIGNATURE = "jpki_signature"  # signature over the request's challenge (ワ)
    JPKI_CERTIFICATE = "jpki_certificate"  # 署名用電子証明書 (ワ), DER
    JPKI_CA_CERTIFICATE = "jpki_ca_certificate"  # 署名用CA証明書 (ワ, optional), DER
    PRESENCE_SIGNATURE = "presence_signature"  # card key's signature over the request's challenge (ヘ, v2)
    CARD_PROOF_SIGNATURE = "card_proof_signature"  # authentication key's signature (returning client; ヘ, v2)


@dataclass(frozen=True)
class ChipFile:
    """One chip file a ヘ submission may carry: its part name, what it is, and whether ヘ needs it."""

    name: str
    document: DocumentKind
    title_ja: str
    required: bool


#: The chip files a ヘ submission may carry, per document. Required ones are what the desk's verifiers
#: need to check the issuer's signature over name, address, date of birth and photo.
CHIP_FILES: Final[tuple[ChipFile, ...]] = (
    # 個人番号カード 券面事項確認AP: card face (signed over birth date, sex, name/address images, photo)
    ChipFile("chip/mynumber/surface/0002", DocumentKind.MYNUMBER, "券面事項確認AP 券面情報", True),
    ChipFile("chip/mynumber/surface/0004", DocumentKind.MYNUMBER, "券面事項確認AP 証明書", True),
    ChipFile("chip/mynumber/surface/0003", DocumentKind.MYNUMBER, "券面事項確認AP 基本情報", False),
    # 券面事項入力補助AP: the basic four items as text (not signed without EF 0003, see FORBIDDEN_PARTS)
    ChipFile("chip/mynumber/text/0002", DocumentKind.MYNUMBER, "券面事項入力補助AP 基本4情報", False),
    ChipFile("chip/mynumber/text/0004", DocumentKind.MYNUMBER, "券面事項入力補助AP 証明書", False),
    ChipFile("chip/mynumber/text/0005", DocumentKind.MYNUMBER, "券面事項入力補助AP 基本情報", False),
    # 公的個人認証AP: the user-authentication certificate and its CA (free to read)
    ChipFile("chip/mynumber/jpki/000A", DocumentKind.MYNUMBER, "利用者証明用電子証明書", False),
    ChipFile("chip/mynumber/jpki/000B", DocumentKind.MYNUMBER, "利用者証明用CA証明書", False),
    # 運転免許証
    ChipFile("chip/driver_licence/mf/2F01", DocumentKind.DRIVER_LICENCE, "共通データ要素", True),
    ChipFile("chip/driver_licence/df1/0001", DocumentKind.DRIVER_LICENCE, "記載事項（本籍除く）", True),
    ChipFile("chip/driver_licence/df1/0004", DocumentKind.DRIVER_LICENCE, "記載事項変更等（本籍除く）", False),
    ChipFile("chip/driver_licence/df1/0003", DocumentKind.DRIVER_LICENCE, "外字", False),
    ChipFile("chip/driver_licence/df1/0005", DocumentKind.DRIVER_LICENCE, "記載事項変更（外字）", False),
    ChipFile("chip/driver_licence/df1/0007", DocumentKind.DRIVER_LICENCE, "電子署名", True),
    ChipFile("chip/driver_licence/df2/0001", DocumentKind.DRIVER_LICENCE, "写真", True),
    # 在留カード・特別永住者証明書
    ChipFile("chip/residence_card/mf/0001", DocumentKind.RESIDENCE_CARD, "共通データ要素", False),
    ChipFile("chip/residence_card/mf/0002", DocumentKind.RESIDENCE_CARD, "カード種別", True),
    ChipFile("chip/residence_card/df1/0001", DocumentKind.RESIDENCE_CARD, "券面（表）イメージ", True),
    ChipFile("chip/residence_card/df1/0002", DocumentKind.RESIDENCE_CARD, "顔画像", True),
    ChipFile("chip/residence_card/df2/0001", DocumentKind.RESIDENCE_CARD, "住居地（裏面追記）", False),
    ChipFile("chip/residence_card/df3/0001", DocumentKind.RESIDENCE_CARD, "チェックコード・公開鍵証明書", True),
)
_CHIP_FILES_BY_NAME: Final = {f.name: f for f in CHIP_FILES}

#: Files the desk must never receive, with the reason it gives. Refused by the submitter before
#: encryption and by the desk after decryption (the endpoint cannot see inside).
FORBIDDEN_PARTS: Final[Mapping[str, str]] = {
    "chip/mynumber/text/0001": "the individual number (券面事項入力補助AP EF 0001) is never accepted",
    "chip/mynumber/surface/0005": "the rendered individual number (券面事項確認AP EF 0005) is never accepted",
    "chip/mynumber/text/0003": (
        "券面事項入力補助AP EF 0003 carries a SHA-256 of the individual number, from which it can be recovered"
    ),
    "chip/mynumber/text/0014": "照合番号A is the individual number and is never accepted",
    "chip/mynumber/surface/0013": "照合番号A is the individual number and is never accepted",
    "chip/driver_licence/df1/0002": "本籍 is not needed for 取引時確認 and is not accepted",
    "chip/driver_licence/df1/0006": "本籍 is not needed for 取引時確認 and is not accepted",
}

#: ホ document images: the sides the regulation asks for (front, back, and the card's thickness).
DOCUMENT_IMAGE_SIDES: Final = ("front", "back", "thickness", "tilt")
REQUIRED_DOCUMENT_IMAGE_SIDES: Final = ("front", "back", "thickness")
IMAGE_MEDIA_TYPES: Final = frozenset({"image/jpeg", "image/png"})
_SELFIE_NAME: Final = re.compile(r"^selfie/(\d{3})$")
_DOCUMENT_NAME: Final = re.compile(r"^document/(front|back|thickness|tilt)(?:/(\d{2}))?$")
_CA_NAME: Final = re.compile(r"^jpki/ca/(\d{2})$")
JPKI_SIGNATURE_PART: Final = "jpki/signature"
JPKI_CERTIFICATE_PART: Final = "jpki/certificate"
#: ヘ, My Number card, version 2: the card face AP's card key (DF24 of EF 0002) signs
#: :func:`he_presence_message` (``80 2A 00 00``, RSASSA-PKCS1-v1_5 SHA-256). Optional: without it the
#: desk reports the chip's presence as not proven.
PRESENCE_PART: Final = "presence/signature"
#: ヘ, My Number card, version 2, optional, when the client chooses it: a returning client's card proof.
#: After the client typed the 4-digit user-authentication PIN, the user-authentication key (EF 0017) signs
#: :func:`he_card_proof_message` (RSASSA-PKCS1-v1_5 SHA-256); the desk checks it with the
#: 利用者証明用電子証明書 (``chip/mynumber/jpki/000A``, then required) and finds earlier verifications of the
#: same certificate.
CARD_PROOF_PART: Final = "card-proof/signature"
#: The chip file a card proof is checked with.
AUTH_CERTIFICATE_PART: Final = "chip/mynumber/jpki/000A"
#: Part kinds each version knows (a newer kind in an older version is refused).
_KINDS_SINCE: Final = {PartKind.PRESENCE_SIGNATURE: 2, PartKind.CARD_PROOF_SIGNATURE: 2}


@dataclass(frozen=True)
class Part:
    """One named piece of a submission (raw bytes; never decoded here)."""

    name: str
    kind: PartKind
    data: bytes
    media_type: str = "application/octet-stream"

    def __repr__(self) -> str:  # never print the bytes: they are personal data
        return f"Part({self.name!r}, {self.kind.value}, {len(self.data)} bytes)"


@dataclass(frozen=True)
class Submission:
    """One client's submission for one request, complete and checked (see :func:`decode_submission`)."""

    request_id: str
    method: Method
    document: DocumentKind | None
    created_at: dt.datetime
    parts: tuple[Part, ...]
    #: Frame rate of the selfie frames (for the liveness check's timing).
    selfie_fps: float = DEFAULT_SELFIE_FPS
    #: The container version it was decoded from (built ones are :data:`VERSION`).
    version: int = VERSION

    def part(self, name: str) -> Part | None:
        """The part with this name, if present."""
        return next((p for p in self.parts if p.name == name), None)

    def parts_of(self, kind: PartKind) -> tuple[Part, ...]:
        """All parts of one kind, in submission order."""
        return tuple(p for p in self.parts if p.kind is kind)

    @property
    def size(self) -> int:
        """Total bytes of all parts."""
        return sum(len(p.data) for p in self.parts)

    def __repr__(self) -> str:
        return f"Submission({self.request_id!r}, {self.method.value}, {len(self.parts)} parts)"


def selfie_part_name(index: int) -> str:
    """The part name of the ``index``-th selfie frame (``selfie/000``)."""
    return f"selfie/{index:03d}"


def chip_file(name: str) -> ChipFile | None:
    """The table entry for a chip part name, if it is one the format knows."""
    return _CHIP_FILES_BY_NAME.get(name)


def check_part_name(name: str, kind: PartKind, document: DocumentKind | None) -> None:
    """Refuse a part name the format does not allow for this kind and document."""
    if name in FORBIDDEN_PARTS:
        raise ForbiddenContent(
            f"part {name} refused: {FORBIDDEN_PARTS[name]}",
            ja="個人番号など受け取れない情報が含まれているため、提出データを受け付けません。",
        )
    ok = False
    if kind is PartKind.CHIP_FILE:
        entry = _CHIP_FILES_BY_NAME.get(name)
        ok = entry is not None and entry.document is document
    elif kind is PartKind.SELFIE_FRAME:
        ok = bool(_SELFIE_NAME.match(name))
    elif kind is PartKind.DOCUMENT_IMAGE:
        ok = bool(_DOCUMENT_NAME.match(name))
    elif kind is PartKind.JPKI_SIGNATURE:
        ok = name == JPKI_SIGNATURE_PART
    elif kind is PartKind.JPKI_CERTIFICATE:
        ok = name == JPKI_CERTIFICATE_PART
    elif kind is PartKind.JPKI_CA_CERTIFICATE:
        ok = bool(_CA_NAME.match(name))
    elif kind is PartKind.PRESENCE_SIGNATURE:
        ok = name == PRESENCE_PART and document is DocumentKind.MYNUMBER
    elif kind is PartKind.CARD_PROOF_SIGNATURE:
        ok = name == CARD_PROOF_PART and document is DocumentKind.MYNUMBER
    if not ok:
        raise SubmissionMalformed(f"part name {name!r} is not allowed for kind {kind.value}")


def check_complete(method: Method, document: DocumentKind | None, parts: Iterable[Part]) -> None:
    """Refuse a submission that lacks what its method needs, or carries parts of another method."""
    parts = tuple(parts)
    names = {p.name for p in parts}
    kinds = {p.kind for p in parts}
    selfies = sum(1 for p in parts if p.kind is PartKind.SELFIE_FRAME)
    allowed: set[PartKind]
    if method is Method.HE:
        if document is None:
            raise SubmissionMalformed("a ヘ submission must name its document")
        missing = [f.name for f in CHIP_FILES if f.document is document and f.required and f.name not in names]
        if missing:
            raise SubmissionMalformed(
                f"ヘ submission lacks chip files: {', '.join(missing)}",
                ja="ICチップから読み取った情報が足りません。カードをもう一度読み取ってください。",
            )
        allowed = {PartKind.CHIP_FILE, PartKind.SELFIE_FRAME, PartKind.PRESENCE_SIGNATURE,
                   PartKind.CARD_PROOF_SIGNATURE}  # fmt: skip
        if CARD_PROOF_PART in names and AUTH_CERTIFICATE_PART not in names:
            raise SubmissionMalformed(
                f"{CARD_PROOF_PART} needs {AUTH_CERTIFICATE_PART}",
                ja="カードによる確認の署名に、利用者証明用電子証明書が添付されていません。",
            )
    elif method is Method.HO:
        if document is None:
            raise SubmissionMalformed("a ホ submission must name its document")
        sides = {m.group(1) for p in parts if (m := _DOCUMENT_NAME.match(p.name))}
        lacking = [s for s in REQUIRED_DOCUMENT_IMAGE_SIDES if s not in sides]
        if lacking:
            raise SubmissionMalformed(
                f"ホ submission lacks document images: {', '.join(lacking)}",
                ja="本人確認書類の画像が足りません。指示された面をすべて撮影してください。",
            )
        allowed = {PartKind.DOCUMENT_IMAGE, PartKind.SELFIE_FRAME}
    else:
        if document is not None:
            raise SubmissionMalformed("a ワ submission carries no document")
        for needed in (JPKI_SIGNATURE_PART, JPKI_CERTIFICATE_PART):
            if needed not in names:
                raise SubmissionMalformed(
                    f"ワ submission lacks {needed}",
                    ja="電子署名または署名用電子証明書が含まれていません。",
                )
        allowed = {PartKind.JPKI_SIGNATURE, PartKind.JPKI_CERTIFICATE, PartKind.JPKI_CA_CERTIFICATE}
        allowed.add(PartKind.SELFIE_FRAME)
    stray = sorted(k.value for k in kinds - allowed)
    if stray:
        raise SubmissionMalformed(f"{method.letter_ja} submission carries parts of another method: {', '.join(stray)}")
    if method is not Method.WA and selfies < MIN_SELFIE_FRAMES:
        raise SubmissionMalformed(
            f"{method.letter_ja} submission needs at least {MIN_SELFIE_FRAMES} selfie frames",
            ja="自撮りの映像が短すぎます。もう一度撮影してください。",
        )
    if selfies > MAX_SELFIE_FRAMES:
        raise SubmissionMalformed(
            f"too many selfie frames (at most {MAX_SELFIE_FRAMES})",
            ja="自撮りの映像が長すぎます。もう一度撮影してください。",
        )
    for p in parts:
        if p.kind in (PartKind.SELFIE_FRAME, PartKind.DOCUMENT_IMAGE) and p.media_type not in IMAGE_MEDIA_TYPES:
            raise SubmissionMalformed(f"part {p.name} must be JPEG or PNG", ja="画像が JPEG・PNG 形式ではありません。")


def build_submission(
    *,
    request_id: str,
    method: Method,
    document: DocumentKind | None,
    parts: Iterable[Part],
    created_at: dt.datetime | None = None,
    selfie_fps: float = DEFAULT_SELFIE_FPS,
    version: int = VERSION,
) -> Submission:
    """A checked :class:`Submission` (the same checks as decoding, so a built one always decodes).

    ``version`` is for decoding older containers only: parts of a kind that version does not know are
    refused."""
    if not REQUEST_ID_PATTERN.match(request_id):
        raise SubmissionMalformed("the request id is malformed")
    if version not in READABLE_VERSIONS:
        raise SubmissionMalformed(
            f"submission version {version} is not supported",
            ja="この提出データの形式には対応していません。",
        )
    parts = tuple(parts)
    if len(parts) > MAX_PARTS:
        raise SubmissionMalformed(f"too many parts (at most {MAX_PARTS})")
    seen: set[str] = set()
    for p in parts:
        check_part_name(p.name, p.kind, document)
        if p.name in seen:
            raise SubmissionMalformed(f"part {p.name} appears twice")
        seen.add(p.name)
        if not p.data:
            raise SubmissionMalformed(f"part {p.name} is empty")
        if len(p.data) > MAX_PART_BYTES:
            raise SubmissionMalformed(
                f"part {p.name} is larger than {MAX_PART_BYTES} bytes",
                ja="画像または映像のファイルが大きすぎます。",
            )
        if _KINDS_SINCE.get(p.kind, 1) > version:
            raise SubmissionMalformed(
                f"part kind {p.kind.value} does not exist in submission version {version}",
                ja="提出データの形式が古く、含まれている情報を読み取れません。",
            )
    check_complete(method, document, parts)
    when = created_at or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise SubmissionMalformed("created_at must carry a time zone")
    if not 1.0 <= selfie_fps <= 60.0:
        raise SubmissionMalformed("selfie_fps must be between 1 and 60")
    return Submission(request_id, method, document, when, parts, float(selfie_fps), version)


def encode_submission(submission: Submission) -> bytes:
    """The container bytes of a submission (see the module docstring), in the version it carries."""
    manifest = {
        "format": FORMAT_NAME,
        "version": submission.version,
        "request_id": submission.request_id,
        "method": submission.method.value,
        "document": submission.document.value if submission.document else None,
        "created_at": submission.created_at.isoformat(),
        "selfie_fps": submission.selfie_fps,
        "parts": [
            {
                "name": p.name,
                "kind": p.kind.value,
                "media_type": p.media_type,
                "length": len(p.data),
                "sha256": hashlib.sha256(p.data).hexdigest(),
            }
            for p in submission.parts
        ],
    }
    head = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"".join([_HEADER.pack(MAGIC, submission.version, len(head)), head, *(p.data for p in submission.parts)])


def decode_submission(raw: bytes) -> Submission:
    """Parse and check container bytes; raises :class:`SubmissionMalformed` (or ``ForbiddenContent``).

    Every version in :data:`READABLE_VERSIONS` is read; another one is refused and named."""
    found = _HEADER.unpack_from(raw)[1] if len(raw) >= _HEADER.size else VERSION
    version = found if found in READABLE_VERSIONS else VERSION
    manifest, offset = read_framed_json(
        raw, frame=_HEADER, magic=MAGIC, version=version, max_head=MAX_MANIFEST_BYTES, encoding="utf-8",
        what="submission",
    )
    m = _Manifest(manifest)
    if m.text("format") != FORMAT_NAME or manifest.get("version") != version:
        raise SubmissionMalformed("submission manifest names another format or version")
    method = m.enum("method", Method)
    doc_value = manifest.get("document")
    document = None if doc_value is None else m.enum("document", DocumentKind)
    try:
        created_at = dt.datetime.fromisoformat(m.text("created_at"))
    except ValueError as exc:
        raise SubmissionMalformed("submission created_at is not an ISO 8601 time") from exc
    entries = manifest.get("parts")
    if not isinstance(entries, list) or len(entries) > MAX_PARTS:
        raise SubmissionMalformed("submission parts list is missing or too long")
    parts = []
    for entry in entries:
        e = _Manifest(entry)
        size = entry.get("length") if isinstance(entry, dict) else None
        if not isinstance(size, int) or size < 0 or offset + size > len(raw):
            raise SubmissionMalformed("a part length is out of range")
        data = raw[offset : offset + size]
        offset += size
        if hashlib.sha256(data).hexdigest() != e.text("sha256"):
            raise SubmissionMalformed(f"part {e.text('name')} does not match its digest")
        parts.append(Part(e.text("name"), e.enum("kind", PartKind), data, e.text("media_type")))
    if offset != len(raw):
        raise SubmissionMalformed("bytes follow the last part")
    fps = manifest.get("selfie_fps", DEFAULT_SELFIE_FPS)
    if not isinstance(fps, int | float) or isinstance(fps, bool):
        raise SubmissionMalformed("submission selfie_fps is not a number")
    if not 1 <= fps <= 60:  # compared before float(): an int beyond the double range would overflow
        raise SubmissionMalformed("selfie_fps must be between 1 and 60")
    return build_submission(
        request_id=m.text("request_id"), method=method, document=document, parts=parts, created_at=created_at,
        selfie_fps=float(fps), version=version,
    )


class _Manifest:
    """Typed access to a decoded JSON object, raising :class:`SubmissionMalformed` on the wrong shape."""

    def __init__(self, obj: Any) -> None:
        if not isinstance(obj, dict):
            raise SubmissionMalformed("submission manifest entry is not an object")
        self._obj = obj

    def text(self, key: str) -> str:
        value = self._obj.get(key)
        if not isinstance(value, str) or len(value) > 256:
            raise SubmissionMalformed(f"submission manifest field {key!r} is missing or not text")
        return value

    def enum(self, key: str, cls: type[enum.Enum]) -> Any:
        value = self.text(key)
        try:
            return cls(value)
        except ValueError as exc:
            raise SubmissionMalformed(f"submission manifest field {key!r} has an unknown value") from exc


def wa_signed_message(request_id: str, challenge: str) -> bytes:
    """The bytes a ワ submission's JPKI signature covers (RSASSA-PKCS1-v1_5 with SHA-256).

    ``"kyc-desk/wa/v1\\n" + request id + "\\n" + challenge + "\\n"`` in ASCII: the challenge is the
    endpoint's random value for this request, so a signature made for one request cannot be replayed
    for another.
    """
    return f"kyc-desk/wa/v1\n{request_id}\n{challenge}\n".encode("ascii")


def he_card_proof_message(request_id: str, challenge: str) -> bytes:
    """The bytes the ``card-proof/signature`` part signs (the card gets ``DigestInfo(SHA-256(message))``).

    ``"kyc-desk/he-card-proof/v1\\n" + request id + "\\n" + challenge + "\\n"`` in ASCII: bound to this
    request's fresh challenge (a proof made for another request or read is worthless here), and distinct
    from the presence message, so one signature can never stand for the other.
    """
    return f"kyc-desk/he-card-proof/v1\n{request_id}\n{challenge}\n".encode("ascii")


def he_presence_message(request_id: str, challenge: str) -> bytes:
    """The bytes the ``presence/signature`` part signs (the card gets ``DigestInfo(SHA-256(message))``).

    ``"kyc-desk/he-presence/v1\\n" + request id + "\\n" + challenge + "\\n"`` in ASCII: the request's
    random challenge, so an answer made for one request (or read off another chip) cannot be replayed,
    and a prefix of its own, so no ワ signature can stand in for it.
    """
    return f"kyc-desk/he-presence/v1\n{request_id}\n{challenge}\n".encode("ascii")
