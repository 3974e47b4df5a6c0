"""The practice-system hand-off bundle (引き継ぎファイル): a documented, versioned ZIP.

「権」's import format is not public (shared/reference/domain.md §3), so the desk writes its own format,
``kyc-desk-handoff`` version 1 (docs/export.md describes every file), through an adapter interface: a
practice system's exact format is a new :class:`HandoffAdapter` registered in :data:`ADAPTERS` when an
office supplies it, and the window and the CLI offer it with no other change.

Version 1 holds, for the selected verifications:

- ``participants.csv`` — 関与者情報: one row per person or company in a verification (依頼者, 代表者,
  代理人) with their 本人特定事項 and whether they were the person identified;
- ``methods.csv`` — 確認方法: one row per verification: the method, the document, the times the method
  requires, the checks, the decision, 確認者 and 記録作成者, the matter and the retention date;
- ``images/<date>_<client>_<id>/<date>_<client>_<kind>.<ext>`` — the images as :mod:`.images` names them;
- ``records/<n>.json`` — each verification in the neutral JSON form (``records show --json``), with the
  file of each piece of evidence, its ``origin`` and its ``digest`` (:func:`record_digest`);
- ``evidence/<n>/<k>.bin`` — the evidence exactly as stored (chip files, JPEG 2000 photos), which the
  importer (:mod:`.importer`) puts into another desk's store;
- ``manifest.json`` — format, version, adapter, when, which desk, the records with their origin and digest,
  and the SHA-256 of every other file.

The CSVs are UTF-8 with BOM and formula-safe (:mod:`.table`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from kyc_desk import __version__
from kyc_desk.export import columns
from kyc_desk.export._files import staged_file
from kyc_desk.export._zip import ZipWriter, check_passphrase
from kyc_desk.export.audit import audit_export
from kyc_desk.export.cells import CLIENT_KIND_JA, ROLE_JA, date_text
from kyc_desk.export.images import record_folder, record_images
from kyc_desk.export.result import ExportResult
from kyc_desk.export.selection import Progress, Selection, resolve
from kyc_desk.export.table import CsvOptions, table_bytes
from kyc_desk.records.json_form import record_to_json
from kyc_desk.records.model import Client, VerificationRecord

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore

FORMAT: Final = "kyc-desk-handoff"
VERSION: Final = 1
MANIFEST: Final = "manifest.json"

#: The columns of ``methods.csv`` (確認方法), by their key in :data:`kyc_desk.export.columns.COLUMNS`.
METHOD_KEYS: Final = (
    "record_id", "external_id", "verified_on", "verified_on_wareki", "status", "method_letter", "method",
    "method_article", *(c.key for c in columns.COLUMNS if c.key.startswith("event_")), "document_type",
    "document_number", "document_has_chip", "documents", "mailed_at", "mail_outcome", "reliance", "high_risk",
    "chip_checks", "item_checks", "face_match", "face_value",
    "face_threshold", "face_metric", "face_engine", "liveness", "purpose", "matter_reference", "matter_title",
    "matter_kind", "matter_opened_on", "matter_ended_on", "identity_result", "identity_by", "identity_at",
    "identity_reasons", "engagement", "engagement_by", "engagement_at", "decision", "decided_by", "decided_at",
    "decision_reason", "checked_by", "recorded_by", "retention_until",
)  # fmt: skip
_METHOD_COLUMNS: Final = tuple(c for key in METHOD_KEYS for c in columns.COLUMNS if c.key == key)
PARTICIPANT_HEADER: Final = (
    "記録番号", "立場", "本人確認の対象", "区分", "氏名・名称", "フリガナ", "生年月日", "住居・本店所在地", "職業",
    "代表権・代理権の確認",
)  # fmt: skip


def origin_of(record: VerificationRecord, store_id: str) -> str:
    """Where a verification was first made: its remote submission id, else ``kyc-desk:<store id>:<id>``.

    An imported record keeps its origin (as its ``external_id``), so it is recognised on every desk.
    """
    return record.external_id or f"kyc-desk:{store_id}:{record.id}"


#: Fields of a record's JSON form that one desk alone knows, or that the bundle adds.
_LOCAL: Final = frozenset({"id", "external_id", "created_at", "status", "retention_until", "origin", "meetings"})


def neutral_form(data: dict[str, Any]) -> dict[str, Any]:
    """A record's JSON form without what only one desk knows (row ids, when it was saved there, what it
    derives from the rest: status, retention) — the same on every desk that holds the verification."""
    form = {k: v for k, v in data.items() if k not in _LOCAL}
    form["client"] = {k: v for k, v in data["client"].items() if k != "id"}
    form["subject"] = {k: v for k, v in data["subject"].items() if k != "id"}
    form["same_person"] = data["client"]["id"] == data["subject"]["id"]
    if data.get("matter") is not None:
        form["matter"] = {k: v for k, v in data["matter"].items() if k != "id"}
    # evidence in a fixed order: a document's image is stored after the rest on import
    evidence = [{k: v for k, v in e.items() if k not in ("id", "file")} for e in data["evidence"]]
    form["evidence"] = sorted(evidence, key=lambda e: (str(e.get("kind")), str(e.get("sha256")), str(e.get("label"))))
    form["documents"] = [
        {k: v for k, v in d.items() if k not in ("id", "evidence_id")} for d in data.get("documents") or ()
    ]
    if data.get("reliance") is not None:  # the earlier record's id is this desk's; its origin is in the bundle
        form["reliance"] = {k: v for k, v in data["reliance"].items() if k not in ("verification_id", "origin")}
    form.pop("meetings", None)  # meetings are this desk's (not carried)
    return form


def digest_of(data: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of :func:`neutral_form` (duplicates are found by it)."""
    canonical = json.dumps(neutral_form(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_digest(record: VerificationRecord) -> str:
    """The digest of a stored verification (evidence by its SHA-256, so the bytes need not be loaded)."""
    return digest_of(record_to_json(record))


@dataclass(frozen=True)
class BundleContext:
    """What every adapter knows about the export it writes."""

    store_id: str
    created_at: dt.datetime
    csv: CsvOptions = field(default_factory=CsvOptions)
    #: The origin of an earlier verification by its id here (what a record relying on it names).
    origin_of_id: Callable[[int], str] = lambda verification_id: ""


class HandoffAdapter(Protocol):
    """A practice system's import format. The writer calls :meth:`add` once per verification, oldest first,
    then :meth:`finish`; each returns the files (ZIP path, bytes) to write. An adapter keeps its own state
    between the calls (a new one is made for every export)."""

    def add(self, record: VerificationRecord) -> Iterator[tuple[str, bytes]]: ...

    def finish(self) -> Iterator[tuple[str, bytes]]: ...


@dataclass(frozen=True)
class AdapterEntry:
    """A registered format: its key (``--format``), its name for the window, and its factory."""

    key: str
    label_ja: str
    label_en: str
    make: Callable[[BundleContext], HandoffAdapter]


def _person_row(record_id: int, client: Client, role: str, identified: bool, authority: str | None) -> list[str]:
    p = client.person
    return [
        str(record_id), role, "はい" if identified else "いいえ", CLIENT_KIND_JA[p.kind.value], p.name,
        p.name_kana or "", date_text(p.birth_date), p.address or "", p.occupation or "", authority or "",
    ]  # fmt: skip


def participant_rows(record: VerificationRecord) -> list[list[str]]:
    """関与者情報 of one verification: the client, and the representative or agent identified for it."""
    if record.subject.id == record.client.id:
        return [_person_row(record.id, record.client, "依頼者", True, None)]
    return [
        _person_row(record.id, record.client, "依頼者", False, None),
        _person_row(record.id, record.subject, ROLE_JA[record.subject_role.value], True, record.authority),
    ]


class KycDeskBundle:
    """``kyc-desk-handoff`` version 1 (see the module docstring)."""

    def __init__(self, context: BundleContext) -> None:
        self._context = context
        self._participants: list[tuple[int, list[str]]] = []
        self._methods: list[tuple[int, list[str]]] = []
        self._records: list[dict[str, Any]] = []
        self._hashes: dict[str, str] = {}

    def _file(self, path: str, data: bytes) -> tuple[str, bytes]:
        self._hashes[path] = hashlib.sha256(data).hexdigest()
        return path, data

    def add(self, record: VerificationRecord) -> Iterator[tuple[str, bytes]]:
        n = len(self._records) + 1
        folder = record_folder(record)
        for image in record_images(record):
            yield self._file(f"images/{folder}/{image.name}", image.data)
        data = record_to_json(record)
        for k, (entry, item) in enumerate(zip(data["evidence"], record.evidence, strict=True), start=1):
            entry["file"] = f"evidence/{n}/{k}.bin"
            yield self._file(entry["file"], item.data)
        origin = origin_of(record, self._context.store_id)
        digest = digest_of(data)
        data["origin"] = origin
        if record.reliance is not None:
            data["reliance"]["origin"] = self._context.origin_of_id(record.reliance.verification_id)
        body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        path = f"records/{n}.json"
        yield self._file(path, body)
        self._records.append({"record": n, "origin": origin, "digest": digest, "file": path})
        self._participants.extend((record.id, row) for row in participant_rows(record))
        self._methods.append((record.id, [c.cell(record) for c in _METHOD_COLUMNS]))

    def finish(self) -> Iterator[tuple[str, bytes]]:
        csv = self._context.csv
        yield self._file("participants.csv", table_bytes(PARTICIPANT_HEADER, self._participants, csv))
        yield self._file("methods.csv", table_bytes([c.header for c in _METHOD_COLUMNS], self._methods, csv))
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "adapter": "kyc-desk",
            "created_at": self._context.created_at.isoformat(),
            "desk": {"store_id": self._context.store_id, "app_version": __version__},
            "csv_encoding": csv.encoding,
            "records": self._records,
            "files": self._hashes,
        }
        yield MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


#: The hand-off formats the desk can write, by key. 「権」's own format is added here once it is known.
ADAPTERS: Final[dict[str, AdapterEntry]] = {
    "kyc-desk": AdapterEntry(
        "kyc-desk", "KYC Desk 引き継ぎ形式（第1版）", "KYC Desk hand-off (version 1)", KycDeskBundle
    ),
}


def export_bundle(
    store: RecordStore,
    selection: Selection,
    destination: Path,
    *,
    actor: str,
    adapter: str = "kyc-desk",
    passphrase: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the selected verifications as a hand-off bundle (a ZIP, AES-256 encrypted with ``passphrase``);
    audited; all or nothing."""
    check_passphrase(passphrase)
    entry = ADAPTERS[adapter]
    ids = resolve(store, selection)
    store_id = store.header.store_id
    context = BundleContext(
        store_id, dt.datetime.now(dt.UTC), origin_of_id=lambda i: origin_of(store.get(i), store_id)
    )
    writer = entry.make(context)
    files = 0
    with staged_file(destination, overwrite=overwrite) as staging, ZipWriter(staging, passphrase) as archive:
        for done, record in enumerate(store.iter_records(ids), start=1):
            for name, data in writer.add(record):
                archive.add(name, data)
                files += 1
            if progress is not None:
                progress(done, len(ids))
        for name, data in writer.finish():
            archive.add(name, data)
            files += 1
        archive.close()
        audit = audit_export(
            store,
            kind="bundle",
            destination=destination,
            verification_ids=ids,
            actor=actor,
            encrypted=passphrase is not None,
            extra={"format": adapter, "version": VERSION},
        )
    return ExportResult("bundle", destination, len(ids), files, audit, encrypted=passphrase is not None)
