"""Meetings (面談): what the desk reads from a meeting invitation, the invitation it writes, and the
minutes templates.

Qt-free and storage-free: the window and the records store (the caseload issue) build on these pieces.

- :mod:`kyc_desk.meetings.parse` — paste to fill: a deterministic reader of invitation texts (Zoom, Teams,
  Google Meet, Webex, a plain Japanese mail) that proposes start and end in Japan time, the meeting URL and
  platform, the meeting id and passcode, and names every part it could not read;
- :mod:`kyc_desk.meetings.invite` — the client's invitation mail (``mailto:`` and ``.eml``, as the remote
  request) with an ``.ics`` calendar attachment;
- :mod:`kyc_desk.meetings.minutes` — minutes (議事録) templates per matter kind, as data.

See docs/meetings.md.
"""
