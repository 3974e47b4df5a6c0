"""Layer 5a: remote submissions — format, encryption envelope, endpoint clients, submitter, desk-side pull.

Clients who cannot come to the office verify from their phone (ヘ chip + selfie, ホ document images +
selfie until 2027-03-31, ワ JPKI signature); the endpoint (:mod:`kyc_desk.sync.server`, imported on its
own) relays their submissions encrypted to the office key; the desk pulls, verifies and stores them as
pending verifications in the encrypted records. docs/submission-format.md and docs/sync-server.md.

Public names:

- format: :class:`Method`, :class:`DocumentKind`, :class:`PartKind`, :class:`Part`, :class:`Submission`,
  :func:`build_submission`, :func:`encode_submission`, :func:`decode_submission`, :func:`wa_signed_message`
- envelope: :func:`seal`, :func:`open_envelope`, :func:`read_header`
- desk: :class:`DeskSync`, :class:`BackgroundPull`, :class:`PullResult`, :class:`PulledSubmission`,
  :class:`Quarantine`, :class:`ProcessFaceChecker` (face checks in worker processes); the office key
  (:func:`create_office_key`, :func:`load_office_key`, :class:`KeyProtection`, :class:`OfficeKey`)
- clients: :class:`DeskClient`, :class:`LinkClient`; the submitter's :func:`submit`
- mail: :func:`request_mail`, :class:`RequestMail`
- errors: :mod:`kyc_desk.sync.errors`

The names are loaded on first use (PEP 562), so that importing a submodule — above all the internet-facing
:mod:`kyc_desk.sync.server` — does not load the desk's records, verification and card code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyc_desk._lazy import lazy_names

if TYPE_CHECKING:
    from kyc_desk.sync.client import CreatedRequest, DeskClient, LinkClient, LinkInfo, PendingSubmission
    from kyc_desk.sync.desk import BackgroundPull, DeskSync, PulledSubmission, PullResult, Quarantine, sync_folder
    from kyc_desk.sync.envelope import open_envelope, read_header, seal
    from kyc_desk.sync.errors import (
        EnvelopeInvalid,
        FaceWorkerStopped,
        ForbiddenContent,
        LinkInvalid,
        MethodNotAllowed,
        OfficeKeyError,
        SubmissionMalformed,
        SyncError,
        SyncRejected,
        SyncUnreachable,
    )
    from kyc_desk.sync.face_checks import EngineFaceChecker, NoFaceEngine, default_face_checker
    from kyc_desk.sync.face_pool import ProcessFaceChecker
    from kyc_desk.sync.format import (
        DocumentKind,
        Method,
        Part,
        PartKind,
        Submission,
        build_submission,
        decode_submission,
        encode_submission,
        wa_signed_message,
    )
    from kyc_desk.sync.importer import FaceChecker, plan_import
    from kyc_desk.sync.mail import RequestMail, request_mail
    from kyc_desk.sync.office_key import KeyProtection, OfficeKey, create_office_key, load_office_key
    from kyc_desk.sync.submitter import Receipt, submit

_WHERE: dict[str, str] = {
    "BackgroundPull": "kyc_desk.sync.desk",
    "CreatedRequest": "kyc_desk.sync.client",
    "DeskClient": "kyc_desk.sync.client",
    "DeskSync": "kyc_desk.sync.desk",
    "DocumentKind": "kyc_desk.sync.format",
    "EngineFaceChecker": "kyc_desk.sync.face_checks",
    "EnvelopeInvalid": "kyc_desk.sync.errors",
    "FaceChecker": "kyc_desk.sync.importer",
    "FaceWorkerStopped": "kyc_desk.sync.errors",
    "ForbiddenContent": "kyc_desk.sync.errors",
    "KeyProtection": "kyc_desk.sync.office_key",
    "LinkClient": "kyc_desk.sync.client",
    "LinkInfo": "kyc_desk.sync.client",
    "LinkInvalid": "kyc_desk.sync.errors",
    "Method": "kyc_desk.sync.format",
    "MethodNotAllowed": "kyc_desk.sync.errors",
    "NoFaceEngine": "kyc_desk.sync.face_checks",
    "OfficeKey": "kyc_desk.sync.office_key",
    "OfficeKeyError": "kyc_desk.sync.errors",
    "Part": "kyc_desk.sync.format",
    "PartKind": "kyc_desk.sync.format",
    "PendingSubmission": "kyc_desk.sync.client",
    "ProcessFaceChecker": "kyc_desk.sync.face_pool",
    "PullResult": "kyc_desk.sync.desk",
    "PulledSubmission": "kyc_desk.sync.desk",
    "Quarantine": "kyc_desk.sync.desk",
    "Receipt": "kyc_desk.sync.submitter",
    "RequestMail": "kyc_desk.sync.mail",
    "Submission": "kyc_desk.sync.format",
    "SubmissionMalformed": "kyc_desk.sync.errors",
    "SyncError": "kyc_desk.sync.errors",
    "SyncRejected": "kyc_desk.sync.errors",
    "SyncUnreachable": "kyc_desk.sync.errors",
    "build_submission": "kyc_desk.sync.format",
    "create_office_key": "kyc_desk.sync.office_key",
    "decode_submission": "kyc_desk.sync.format",
    "default_face_checker": "kyc_desk.sync.face_checks",
    "encode_submission": "kyc_desk.sync.format",
    "load_office_key": "kyc_desk.sync.office_key",
    "open_envelope": "kyc_desk.sync.envelope",
    "plan_import": "kyc_desk.sync.importer",
    "read_header": "kyc_desk.sync.envelope",
    "request_mail": "kyc_desk.sync.mail",
    "seal": "kyc_desk.sync.envelope",
    "submit": "kyc_desk.sync.submitter",
    "sync_folder": "kyc_desk.sync.desk",
    "wa_signed_message": "kyc_desk.sync.format",
}

__all__ = [
    "BackgroundPull",
    "CreatedRequest",
    "DeskClient",
    "DeskSync",
    "DocumentKind",
    "EngineFaceChecker",
    "EnvelopeInvalid",
    "FaceChecker",
    "FaceWorkerStopped",
    "ForbiddenContent",
    "KeyProtection",
    "LinkClient",
    "LinkInfo",
    "LinkInvalid",
    "Method",
    "MethodNotAllowed",
    "NoFaceEngine",
    "OfficeKey",
    "OfficeKeyError",
    "Part",
    "PartKind",
    "PendingSubmission",
    "ProcessFaceChecker",
    "PullResult",
    "PulledSubmission",
    "Quarantine",
    "Receipt",
    "RequestMail",
    "Submission",
    "SubmissionMalformed",
    "SyncError",
    "SyncRejected",
    "SyncUnreachable",
    "build_submission",
    "create_office_key",
    "decode_submission",
    "default_face_checker",
    "encode_submission",
    "load_office_key",
    "open_envelope",
    "plan_import",
    "read_header",
    "request_mail",
    "seal",
    "submit",
    "sync_folder",
    "wa_signed_message",
]


__getattr__ = lazy_names(__name__, _WHERE)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
