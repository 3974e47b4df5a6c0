"""The window's places and the steps of the face-to-face flow: one module per ``*View`` widget (the Qt-free
services they call live in :mod:`kyc_desk.app`)."""

from kyc_desk.ui.views.card_step import CardStepView
from kyc_desk.ui.views.chip_step import ChipStepView
from kyc_desk.ui.views.client_step import ClientStepView
from kyc_desk.ui.views.decision_step import IdentityDecisionView
from kyc_desk.ui.views.face_step import FaceStepView, LivePhoto
from kyc_desk.ui.views.face_to_face import FaceToFaceView
from kyc_desk.ui.views.items_step import ItemsStepView
from kyc_desk.ui.views.placeholder import PlaceView
from kyc_desk.ui.views.records import RecordsView
from kyc_desk.ui.views.remote import RemoteView

__all__ = [
    "CardStepView",
    "ChipStepView",
    "ClientStepView",
    "FaceStepView",
    "FaceToFaceView",
    "IdentityDecisionView",
    "ItemsStepView",
    "LivePhoto",
    "PlaceView",
    "RecordsView",
    "RemoteView",
]
