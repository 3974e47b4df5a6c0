"""The desk's application layer — Qt-free services the window and the CLI call.

- :mod:`.cards` — :class:`CardService`: open, detect, read and verify a card through the one registry of
  documents (:mod:`kyc_desk.documents`), turning the card layer's secret requests into window prompts;
- :mod:`.caseload` — :class:`CaseloadService`: clients, verifications by every method, matters, 取引記録 and
  meetings, with the office's operators and the minutes templates (the window and the CLI share it);
- :mod:`.records` — :class:`RecordsService`: the record store opened once, with the records layer's one
  key-source choice;
- :mod:`.faces` — :class:`FaceService` (comparisons in a separate process) and the camera;
- :mod:`.texts` — stored checks and face results rendered in the reader's language;
- :mod:`.remote` — the one sync set-up (:func:`set_up_sync`, :func:`open_sync`) and :class:`RemoteService`;
- :mod:`.services` — :class:`DeskServices`, everything the window's places get.

The window (``kyc_desk.ui``) keeps views, dialogs and workers only; it builds these in ``ui/app.py``.
"""

from kyc_desk.app.cards import CardService, Progress, Prompt, PromptAnswer, PromptRequest
from kyc_desk.app.caseload import CaseloadService, MethodChoice, MinutesMismatch, OperatorNotListed, desk_caseload
from kyc_desk.app.faces import FaceEngineFailed, FaceService, FrameCamera, default_camera
from kyc_desk.app.records import PassphraseRequired, RecordsService, StoreOpener, default_store_opener
from kyc_desk.app.services import DeskServices

__all__ = [
    "CardService",
    "CaseloadService",
    "DeskServices",
    "FaceEngineFailed",
    "FaceService",
    "FrameCamera",
    "MethodChoice",
    "MinutesMismatch",
    "OperatorNotListed",
    "PassphraseRequired",
    "Progress",
    "Prompt",
    "PromptAnswer",
    "PromptRequest",
    "RecordsService",
    "StoreOpener",
    "default_camera",
    "default_store_opener",
    "desk_caseload",
]
