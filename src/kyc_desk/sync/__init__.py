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
"""

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
