"""The window's places and the steps of the face-to-face flow: one module per ``*View`` widget
(``remote_service`` is the Qt-free adapter of the リモート申請 place)."""

from kyc_desk.ui.views.card_step import CardStepView
from kyc_desk.ui.views.chip_step import ChipStepView
from kyc_desk.ui.views.client_step import ClientStepView
from kyc_desk.ui.views.decision_step import DecisionStepView
from kyc_desk.ui.views.face_step import FaceStepView, LivePhoto
from kyc_desk.ui.views.face_to_face import FaceToFaceView
from kyc_desk.ui.views.items_step import ItemsStepView
from kyc_desk.ui.views.placeholder import PlaceView
from kyc_desk.ui.views.records import RecordsView
from kyc_desk.ui.views.remote import RemoteView
from kyc_desk.ui.views.remote_service import QueueRow, RemoteConfig, RemoteService

__all__ = [
    "CardStepView",
    "ChipStepView",
    "ClientStepView",
    "DecisionStepView",
    "FaceStepView",
    "FaceToFaceView",
    "ItemsStepView",
    "LivePhoto",
    "PlaceView",
    "QueueRow",
    "RecordsView",
    "RemoteConfig",
    "RemoteService",
    "RemoteView",
]
