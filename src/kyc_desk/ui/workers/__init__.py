"""Work off the UI thread: the card session (its own QThread), the reader monitor, and pool tasks."""

from kyc_desk.ui.workers.card_monitor import ReaderWatch
from kyc_desk.ui.workers.card_session import CardSession, ReadOutcome
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.sync_pull import PullSession
from kyc_desk.ui.workers.tasks import InternalError, Task, TaskRunner, TaskSignals

__all__ = [
    "CardSession",
    "InternalError",
    "PullSession",
    "ReadOutcome",
    "ReaderWatch",
    "RecordsTasks",
    "Task",
    "TaskRunner",
    "TaskSignals",
]
