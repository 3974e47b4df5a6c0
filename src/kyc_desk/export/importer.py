"""Importing a hand-off bundle of our own format, so that verifications move from one desk to another.

The whole bundle is read and checked before anything is written, then saved in ONE transaction
(:meth:`RecordStore.save_verifications`): a bad bundle raises a typed :class:`BundleError` and leaves
nothing behind. Checked first:

- it is a ZIP (plain or AES) that opens with the passphrase given;
- ``manifest.json`` names format ``kyc-desk-handoff`` and a version this desk reads;
- every file the manifest lists is there with its SHA-256, and nothing else is;
- every record parses, its evidence files match the SHA-256 its JSON states, its digest is the one the
  manifest states, and no origin appears twice.

Duplicates are found by the record's origin (its remote submission id, or ``kyc-desk:<store id>:<id>`` of
the desk that made it — kept as ``external_id`` on import) and its digest (:func:`~.bundle.digest_of`):
the same origin with the same digest is a duplicate and skipped (importing a bundle twice changes
nothing); the same origin with a different digest is a :class:`BundleConflict` and nothing is imported.
People and matters shared by several verifications of the bundle stay shared. Card links (a returning
client's certificate) are not carried: the next card read on the new desk makes a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from kyc_desk.export._zip import ZIP_ERRORS, is_encrypted, open_zip
from kyc_desk.export.audit import audit_export
from kyc_desk.export.bundle import FORMAT, MANIFEST, VERSION, digest_of, record_digest
from kyc_desk.export.errors import (
    BundleConflict,
    BundleCorrupt,
    BundleIncomplete,
    BundlePassphraseRequired,
    BundleVersionUnsupported,
    BundleWrongPassphrase,
)
from kyc_desk.export.selection import Progress
from kyc_desk.records.errors import RecordNotFound
from kyc_desk.records.legal import Event, Method
from kyc_desk.records.model import (
    ClientKind,
    Decision,
    DecisionEntry,
    DocumentEntry,
    DocumentPurpose,
    Engagement,
    EngagementDecision,
    EvidenceItem,
    EvidenceKind,
    FaceKind,
    FaceMetric,
    FaceResult,
    FaceVerdict,
    GapReason,
    HighRisk,
    IdentityConclusion,
    IdentityResult,
    ItemCheck,
    ItemResult,
    Mailing,
    MailOutcome,
    MatchBasis,
    Matter,
    MeetingNote,
    NewVerification,
    Person,
    Reliance,
    RiskReason,
    SubjectRole,
    TransactionEntry,
    VerificationRecord,
)
from kyc_desk.verify.report import Check

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore

#: Bounds on what a bundle may unpack to (a ZIP bomb is refused before it is read).
MAX_FILE: Final = 256 * 1024 * 1024
MAX_TOTAL: Final = 8 * 1024 * 1024 * 1024
#: A damaged ZIP, a bad CRC or AES authentication code, truncated data.
_READ_ERRORS: Final[tuple[type[Exception], ...]] = (*ZIP_ERRORS, OSError, ValueError)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the new verification ids here, how many were already here, its audit entry."""

    source: Path
    imported: tuple[int, ...]
    duplicates: int
    audit_hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "imported": list(self.imported),
            "duplicates": self.duplicates,
            "audit_hash": self.audit_hash,
        }


@dataclass(frozen=True)
class BundleRecord:
    """One verification read from a bundle, checked, ready to save."""

    number: int
    origin: str
    digest: str
    new: NewVerification
    #: The origin of an earlier verification of the same bundle this one relies on (not on this desk yet).
    relies_within: str | None = None


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise BundleCorrupt(f"the bundle has no {name}") from None
    if info.file_size > MAX_FILE:
        raise BundleCorrupt(f"{name} is too large")
    try:
        return archive.read(info)
    except RuntimeError as exc:  # pyzipper: a wrong password (the message says "Bad password")
        raise BundleWrongPassphrase("the passphrase does not open the bundle") from exc
    except _READ_ERRORS as exc:  # a bad CRC, a bad AES MAC, truncated data
        raise BundleCorrupt(f"{name} does not read: {type(exc).__name__}") from exc


def _time(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("a time without a time zone")
    return moment


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _person(data: Mapping[str, Any]) -> Person:
    return Person(
        name=str(data["name"]),
        kind=ClientKind(data["kind"]),
        name_kana=data.get("name_kana"),
        birth_date=_date(data.get("birth_date")),
        address=data.get("address"),
        occupation=data.get("occupation"),
    )


class _Builder:
    """Turns record JSON into :class:`NewVerification`, sharing people and matters by their id in the
    source desk (one Person object per source client, so the store makes one row)."""

    def __init__(self) -> None:
        self._people: dict[int, Person] = {}
        self._matters: dict[int, Matter] = {}

    def person(self, data: Mapping[str, Any]) -> Person:
        key = int(data["id"])
        if key not in self._people:
            self._people[key] = _person(data)
        return self._people[key]

    def matter(self, data: Mapping[str, Any] | None) -> Matter | None:
        if data is None:
            return None
        key = int(data["id"])
        if key not in self._matters:
            self._matters[key] = Matter(
                title=str(data["title"]),
                kind=str(data["kind"]),
                opened_on=dt.date.fromisoformat(str(data["opened_on"])),
                reference=data.get("reference"),
                ended_on=_date(data.get("ended_on")),
            )
        return self._matters[key]

    def new(
        self, data: Mapping[str, Any], origin: str, evidence: dict[str, bytes], relied_on: VerificationRecord | None
    ) -> NewVerification:
        """``relied_on``: the earlier verification on this desk the record relies on (if it does); the record
        then names the same client (and person identified) rows, as reliance requires."""
        same = data["subject"]["id"] == data["client"]["id"]
        client: Person | int = self.person(data["client"]) if relied_on is None else relied_on.client.id
        subject: Person | int | None = None
        if not same:
            subject = self.person(data["subject"]) if relied_on is None else relied_on.subject.id
        decision = data.get("decision")
        items = {
            e["id"]: EvidenceItem(
                EvidenceKind(e["kind"]),
                str(e["media_type"]),
                evidence[e["file"]],
                _time(e["captured_at"]) if e.get("captured_at") else None,
                e.get("label"),
            )
            for e in data["evidence"]
        }
        documents = tuple(
            DocumentEntry(
                str(d["kind"]), DocumentPurpose(d["purpose"]), d.get("number"), _date(d.get("issued_on")),
                _date(d.get("expires_on")), d.get("note"),
                items.pop(d["evidence_id"]) if d.get("evidence_id") is not None else None,
            )
            for d in data.get("documents") or ()
        )  # a document's image is its evidence: given with the document, not twice
        mailing, reliance, risk = data.get("mailing"), data.get("reliance"), data.get("high_risk")
        identity, engagement = data.get("identity"), data.get("engagement")
        return NewVerification(
            client=client,
            subject=subject,
            subject_role=SubjectRole(data["subject_role"]),
            authority=data.get("authority"),
            matter=self.matter(data.get("matter")),
            method=Method(data["method"]),
            events={Event(k): _time(v) for k, v in data["events"].items()},
            document_type=str(data["document_type"]),
            document_number=data.get("document_number"),
            document_has_chip=bool(data["document_has_chip"]),
            purpose=data.get("purpose"),
            checked_by=str(data["checked_by"]),
            recorded_by=str(data["recorded_by"]),
            evidence=tuple(items.values()),
            item_checks=tuple(
                ItemCheck(
                    str(c["item"]), ItemResult(c["result"]), str(c["confirmed_by"]), c.get("document_value"),
                    c.get("stated_value"), c.get("note"), c.get("note_reason"),
                )
                for c in data["item_checks"]
            ),
            face_results=tuple(
                FaceResult(
                    FaceKind(f["kind"]), str(f["engine"]), FaceVerdict(f["verdict"]), f.get("value"),
                    f.get("threshold"), FaceMetric(f["metric"]) if f.get("metric") else None,
                    f.get("engine_version"), tuple(str(r) for r in f.get("reasons") or ()),
                )
                for f in data["face_results"]
            ),
            report=tuple(Check.from_json(c) for c in data["checks"]),
            decision=None
            if decision is None
            else DecisionEntry(
                Decision(decision["decision"]), str(decision["decided_by"]), _time(decision["decided_at"]),
                decision.get("reason"),
            ),
            transactions=tuple(
                TransactionEntry(
                    dt.date.fromisoformat(t["transacted_on"]), str(t["kind"]), t.get("amount_yen"),
                    t.get("property_from"), t.get("property_to"), t.get("note"),
                )
                for t in data["transactions"]
            ),
            notes=tuple(
                MeetingNote(_time(n["written_at"]), str(n["author"]), str(n["text"]), n.get("place"))
                for n in data["notes"]
            ),
            external_id=origin,
            documents=documents,
            mailing=None
            if mailing is None
            else Mailing(
                _time(mailing["mailed_at"]), mailing.get("tracking_number"), mailing.get("address"),
                MailOutcome(mailing["outcome"]) if mailing.get("outcome") else None, _date(mailing.get("outcome_on")),
            ),
            reliance=None
            if reliance is None
            else Reliance(relied_on.id if relied_on else 0, MatchBasis(reliance["matched_by"]), reliance.get("note")),
            high_risk=None
            if risk is None
            else HighRisk(tuple(RiskReason(r) for r in risk["reasons"]), risk.get("note")),
            identity=None
            if identity is None
            else IdentityConclusion(
                IdentityResult(identity["result"]), str(identity["decided_by"]), _time(identity["decided_at"]),
                tuple(GapReason(str(g["check"]), str(g["reason"])) for g in identity.get("reasons") or ()),
                identity.get("note"),
            ),
            engagement=None
            if engagement is None
            else EngagementDecision(
                Engagement(engagement["engagement"]), str(engagement["decided_by"]), _time(engagement["decided_at"]),
                engagement.get("note"),
            ),
        )


def read_bundle(
    path: Path,
    *,
    passphrase: str | None = None,
    progress: Progress | None = None,
    resolve_origin: Callable[[str], VerificationRecord | None] = lambda origin: None,
) -> list[BundleRecord]:
    """Every verification of the bundle at ``path``, checked (see the module docstring); nothing is written.

    ``resolve_origin`` gives the id on the receiving desk of an earlier verification a record relies on
    (:class:`BundleIncomplete` when it is not there).
    """
    try:
        archive = open_zip(path)
    except FileNotFoundError:
        raise BundleCorrupt("the bundle file does not exist", ja="引き継ぎファイルが見つかりません。") from None
    except _READ_ERRORS as exc:
        raise BundleCorrupt(f"the bundle is not a ZIP file: {type(exc).__name__}") from exc
    with archive:
        if is_encrypted(archive):
            if passphrase is None:
                raise BundlePassphraseRequired("the bundle is encrypted")
            archive.setpassword(passphrase.encode("utf-8"))
        if sum(i.file_size for i in archive.infolist()) > MAX_TOTAL:
            raise BundleCorrupt("the bundle unpacks to more than the desk accepts")
        manifest = _manifest(_read(archive, MANIFEST))
        files: dict[str, str] = manifest["files"]
        names = set(archive.namelist()) - {MANIFEST}
        if names != set(files):
            raise BundleCorrupt("the bundle's files differ from those its manifest lists")
        contents: dict[str, bytes] = {}
        for name, expected in files.items():
            data = _read(archive, name)
            if hashlib.sha256(data).hexdigest() != expected:
                raise BundleCorrupt(f"{name} does not match its SHA-256 in the manifest")
            contents[name] = data
    return _records(manifest, contents, progress, resolve_origin)


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise BundleCorrupt("the manifest is not JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleVersionUnsupported("not a KYC Desk hand-off bundle")
    if manifest.get("version") != VERSION:
        raise BundleVersionUnsupported(f"bundle version {manifest.get('version')!r} (this desk reads {VERSION})")
    if not isinstance(manifest.get("files"), dict) or not isinstance(manifest.get("records"), list):
        raise BundleCorrupt("the manifest lacks its file or record list")
    return manifest


def _records(
    manifest: dict[str, Any],
    contents: dict[str, bytes],
    progress: Progress | None,
    resolve_origin: Callable[[str], VerificationRecord | None],
) -> list[BundleRecord]:
    builder = _Builder()
    out: list[BundleRecord] = []
    seen: set[str] = set()
    entries = manifest["records"]
    for done, entry in enumerate(entries, start=1):
        try:
            number, origin, digest = int(entry["record"]), str(entry["origin"]), str(entry["digest"])
            data = json.loads(contents[str(entry["file"])])
            if data.get("origin") != origin:
                raise ValueError("the record's origin differs from the manifest's")
            evidence: dict[str, bytes] = {}
            for e in data["evidence"]:
                blob = contents[str(e["file"])]
                if hashlib.sha256(blob).hexdigest() != e["sha256"]:
                    raise ValueError("an evidence file differs from its record")
                evidence[str(e["file"])] = blob
            if digest_of(data) != digest:
                raise ValueError("the record's digest differs from the manifest's")
            relied_on, relies_within = None, None
            if data.get("reliance") is not None:
                relied_origin = str(data["reliance"]["origin"])
                relied_on = resolve_origin(relied_origin)
                if relied_on is None and relied_origin in seen:  # an earlier record of this very bundle
                    relies_within = relied_origin
                elif relied_on is None:
                    raise BundleIncomplete(
                        f"record {number} of the bundle relies on an earlier verification this desk does not hold",
                        ja=f"引き継ぎファイルの記録（{number}件目）が依拠する以前の本人確認記録がこの端末にありません。"
                        "先にその記録を取り込んでください。何も取り込んでいません。",
                    )
            new = builder.new(data, origin, evidence, relied_on)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise BundleCorrupt(f"record {entry.get('record') if isinstance(entry, dict) else '?'} of the bundle "
                                f"does not read: {type(exc).__name__}") from exc
        if origin in seen:
            raise BundleCorrupt(f"record {number} of the bundle appears twice")
        seen.add(origin)
        out.append(BundleRecord(number, origin, digest, new, relies_within))
        if progress is not None:
            progress(done, len(entries))
    return out


def _existing(store: RecordStore, origin: str) -> VerificationRecord | None:
    """The verification of this origin already in ``store``: one it made itself, or one imported before."""
    own = f"kyc-desk:{store.header.store_id}:"
    if origin.startswith(own):
        try:
            return store.get(int(origin.removeprefix(own)))
        except (RecordNotFound, ValueError):
            pass
    return store.find_by_external_id(origin)


def import_bundle(
    store: RecordStore,
    path: Path,
    *,
    actor: str,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the bundle at ``path`` into ``store``: all its new verifications in one transaction, or none."""
    records = read_bundle(
        path, passphrase=passphrase, progress=progress, resolve_origin=lambda origin: _existing(store, origin)
    )
    fresh: list[BundleRecord] = []
    duplicates = 0
    for item in records:
        existing = _existing(store, item.origin)
        if existing is None:
            fresh.append(item)
        elif record_digest(existing) == item.digest:
            duplicates += 1
        else:
            raise BundleConflict(
                f"record {item.number} of the bundle is verification {existing.id} here, with different contents",
                ja=f"引き継ぎファイルの記録（{item.number}件目）は、この端末の記録番号 {existing.id} と同じ記録ですが"
                "内容が異なります。何も取り込んでいません。",
            )
    position = {item.origin: i for i, item in enumerate(fresh)}
    within = {i: position[item.relies_within] for i, item in enumerate(fresh) if item.relies_within in position}
    news = [item.new for item in fresh]
    saved = store.save_verifications(news, actor=actor, reliance_within=within) if fresh else []
    ids = tuple(r.id for r in saved)
    audit = audit_export(
        store,
        kind="import_bundle",
        destination=path,
        verification_ids=ids,
        actor=actor,
        extra={"duplicates": duplicates},
    )
    return ImportResult(path, ids, duplicates, audit)
