"""Paste to fill: read a meeting invitation text into proposed fields, deterministically.

The scrivener pastes what Zoom, Microsoft Teams, Google Meet, Webex or a client's plain Japanese mail
says, and the desk proposes start and end (Japan time), the meeting URL and platform, the meeting id and
the passcode, as a preview the scrivener confirms. The reader never guesses: a part it cannot read for
certain is left ``None`` and named in :attr:`ParsedInvitation.problems` with a machine code and Japanese
and English text, so the preview can say which part failed.

Rules (docs/meetings.md has the full list):

- The text is NFKC-normalised first: full-width digits, colons, parentheses and ``～`` become ASCII.
- Dates: 和暦 (令和7年12月5日, 元年, R7.12.5), 2025年12月5日, 2025/12/5, 2025-12-05, 12月5日, 12/5, and English
  (Dec 5, 2025 / Friday, December 5 / 5 December 2025). A weekday written beside the date must agree.
  A date without a year is the next occurrence on or after ``reference`` (never the clock).
- Times: 14:00, 14時00分, 14時半, 午前/午後 (午後2時, 午後2:00), AM/PM, 正午; ranges with 〜 ~ - – — から.
  An end without 午前/午後 takes the start's, and a start without one takes the end's (Google's
  ``2:00 – 3:00pm``). 午前12時 and 午後12時 are ambiguous in Japanese and are refused.
- Several dates: those on a line labelled 日時/時刻/日程/When/Time… win; mail headers (送信日時, Sent,
  Date) never count; two different starts left are ambiguous, never a pick.
- Time zones: none, 日本時間, JST, Tokyo/東京/大阪 or UTC+09:00 mean Japan time; another explicit UTC/GMT
  offset is converted; a named foreign zone is refused.
- The meeting URL is the platform's join link (Zoom /j/, Teams meetup-join, meet.google.com/xxx-xxxx-xxx,
  Webex /meet/ or j.php), never a help, download or unsubscribe link; another site's link counts only when
  its line or the line before says it is the meeting (参加, 接続, 会議, ミーティング, 面談, join, meeting).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from typing import Final, Literal

from kyc_desk.jp.era import EraDateError, era_by_name, to_gregorian
from kyc_desk.jp.time import JAPAN_TIME

#: Japan time as the law and the desk count it (no daylight saving since 1951).

Platform = Literal["zoom", "teams", "meet", "webex", "other"]


@dataclass(frozen=True)
class Problem:
    """One part of the text that could not be read for certain; ``fragment`` is the text concerned."""

    code: str
    field: str
    ja: str
    en: str
    fragment: str | None = None

    def to_json(self) -> dict[str, str | None]:
        """The problem as a JSON object."""
        return {"code": self.code, "field": self.field, "ja": self.ja, "en": self.en, "fragment": self.fragment}


#: code → (field, Japanese text, English text). The codes are stable: the window and scripts key on them.
PROBLEMS: Final[dict[str, tuple[str, str, str]]] = {
    "text_too_long": (
        "start",
        "貼り付けた文章が長すぎます。招待の部分だけを貼り付けてください。",
        "The text is too long; paste only the invitation.",
    ),
    "start_not_found": ("start", "日時が見つかりません。", "No date and time found."),
    "start_time_missing": ("start", "日付はありますが、開始時刻がありません。", "A date was found but no start time."),
    "start_ambiguous": (
        "start",
        "開始日時の候補が複数あります。日時を確認して入力してください。",
        "Several different start times were found; enter the right one.",
    ),
    "date_invalid": ("start", "存在しない日付です。", "The date does not exist."),
    "weekday_mismatch": ("start", "日付と曜日が一致しません。", "The weekday does not match the date."),
    "time_invalid": ("start", "時刻として読めません。", "The time is not a valid time of day."),
    "time_ambiguous": (
        "start",
        "「午前12時」「午後12時」は正午か深夜か決められません。「正午」や24時間表記で確認してください。",
        "午前12時 / 午後12時 may mean noon or midnight; confirm the time.",
    ),
    "timezone_unsupported": (
        "start",
        "日本時間以外のタイムゾーンが書かれています。日本時間を確認して入力してください。",
        "The time is given in a time zone other than Japan's; enter it in Japan time.",
    ),
    "end_missing": ("end", "終了時刻がありません。", "No end time found."),
    "end_invalid": ("end", "終了時刻として読めません。", "The end time is not a valid time of day."),
    "end_before_start": ("end", "終了時刻が開始時刻より前です。", "The end time is not after the start."),
    "url_not_found": ("url", "会議のURLが見つかりません。", "No meeting link found."),
    "url_ambiguous": (
        "url",
        "会議のURLの候補が複数あります。",
        "Several different meeting links were found.",
    ),
    "meeting_id_unreadable": ("meeting_id", "ミーティングIDが読めません。", "The meeting id could not be read."),
    "meeting_id_conflict": (
        "meeting_id",
        "本文のミーティングIDとURLのIDが一致しません。",
        "The meeting id in the text differs from the one in the link.",
    ),
    "passcode_unreadable": ("passcode", "パスコードが読めません。", "The passcode could not be read."),
}


#: Invitations are a few thousand characters; a paste beyond this is not an invitation (and stays cheap).
MAX_TEXT_CHARS: Final = 100_000
#: A problem quotes at most this much of the text (enough to find the place in the preview).
_FRAGMENT_CHARS: Final = 80


def _problem(code: str, fragment: str | None = None) -> Problem:
    where, ja, en = PROBLEMS[code]
    if fragment is not None and len(fragment) > _FRAGMENT_CHARS:
        fragment = fragment[: _FRAGMENT_CHARS - 1] + "…"
    return Problem(code, where, ja, en, fragment)


@dataclass(frozen=True)
class ParsedInvitation:
    """What the desk proposes from one invitation text; ``None`` where nothing was read for certain."""

    start: dt.datetime | None
    end: dt.datetime | None
    url: str | None
    platform: Platform | None
    meeting_id: str | None
    passcode: str | None
    problems: tuple[Problem, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The fields as ``kyc-desk meeting parse --json`` prints them (ISO 8601 with +09:00)."""
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "url": self.url,
            "platform": self.platform,
            "meeting_id": self.meeting_id,
            "passcode": self.passcode,
            "problems": [p.to_json() for p in self.problems],
        }


# ---------------------------------------------------------------------------------------------------------
# Dates

_MONTHS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_M: Final = r"(?:0?[1-9]|1[0-2])"
_D: Final = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE_RE: Final = re.compile(
    r"(?P<era>令和|平成)\s*(?P<ey>元|\d{1,2})\s*年\s*(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日"
    r"|\b(?P<rera>[RH])\s*(?P<ry>\d{1,2})[./](?P<rm>\d{1,2})[./](?P<rd>\d{1,2})(?![\d./])"
    r"|(?<!\d)(?P<ky>\d{4})\s*年\s*(?P<km>\d{1,2})\s*月\s*(?P<kd>\d{1,2})\s*日"
    r"|(?<![\d年])(?P<jm>\d{1,2})\s*月\s*(?P<jd>\d{1,2})\s*日"
    rf"|(?<![\d/.\-])(?P<ny>(?:19|20)\d\d)[/.\-](?P<nm>{_M})[/.\-](?P<nd>{_D})(?![\d/.\-])"
    rf"|(?<![\d/.\-:])(?P<sm>{_M})/(?P<sd>{_D})(?![\d/])"
    rf"|(?:\b(?P<ewd>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?\b(?P<emon>{_MONTH_RE})\.?\s+(?P<eday>\d{{1,2}})"
    r"(?:st|nd|rd|th)?(?:,?\s+(?P<eyear>\d{4}))?(?![\d:])"
    rf"|\b(?P<dday>\d{{1,2}})\s+(?P<dmon>{_MONTH_RE})\.?,?\s+(?P<dyear>\d{{4}})\b",
    re.IGNORECASE,
)
_JA_WEEKDAY_RE: Final = re.compile(r"\s*(?:\(\s*(?P<a>[月火水木金土日])(?:曜日?)?\s*\)|(?P<b>[月火水木金土日])曜日?)")
_JA_WEEKDAYS: Final = "月火水木金土日"
_EN_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class _Date:
    """A date as written: year ``None`` when the text gave none; ``weekday`` 0 = Monday when written."""

    year: int | None
    month: int
    day: int
    weekday: int | None
    problem: str | None = None


def _date_from_match(m: re.Match[str]) -> _Date:
    g = m.groupdict()
    if g["era"]:
        year_text = g["ey"]
        try:
            day = to_gregorian(
                era_by_name(g["era"]), 1 if year_text == "元" else int(year_text), int(g["em"]), int(g["ed"])
            )
        except EraDateError:
            return _Date(None, 0, 0, None, "date_invalid")
        return _Date(day.year, day.month, day.day, None)
    if g["rera"]:  # R7.12.5, H31.4.30: era initial, year, month, day
        try:
            day = to_gregorian(era_by_name(g["rera"]), int(g["ry"]), int(g["rm"]), int(g["rd"]))
        except EraDateError:
            return _Date(None, 0, 0, None, "date_invalid")
        return _Date(day.year, day.month, day.day, None)
    if g["ky"]:
        return _Date(int(g["ky"]), int(g["km"]), int(g["kd"]), None)
    if g["jm"]:
        return _Date(None, int(g["jm"]), int(g["jd"]), None)
    if g["ny"]:
        return _Date(int(g["ny"]), int(g["nm"]), int(g["nd"]), None)
    if g["sm"]:
        return _Date(None, int(g["sm"]), int(g["sd"]), None)
    if g["emon"]:
        weekday = _EN_WEEKDAYS.index(g["ewd"].lower()) if g["ewd"] else None
        year = int(g["eyear"]) if g["eyear"] else None
        return _Date(year, _MONTHS[g["emon"][:3].lower()], int(g["eday"]), weekday)
    return _Date(int(g["dyear"]), _MONTHS[g["dmon"][:3].lower()], int(g["dday"]), None)


def _resolve_date(written: _Date, reference: dt.date) -> dt.date | str:
    """The calendar date, or a problem code. A year-less date is the next occurrence on or after
    ``reference``; its weekday, when written, must agree like any other."""
    if written.problem:
        return written.problem
    if written.year is not None:
        try:
            day = dt.date(written.year, written.month, written.day)
        except ValueError:
            return "date_invalid"
    else:
        for year in range(reference.year, reference.year + 9):  # 29 February comes back within 8 years
            try:
                day = dt.date(year, written.month, written.day)
            except ValueError:
                continue
            if day >= reference:
                break
        else:
            return "date_invalid"
    if written.weekday is not None and day.weekday() != written.weekday:
        return "weekday_mismatch"
    return day


# ---------------------------------------------------------------------------------------------------------
# Times

_MARK: Final = r"(?:午前|午後|am|pm|a\.m\.|p\.m\.)"
_TIME_RE: Final = re.compile(
    rf"(?P<noon>正午)"
    rf"|(?P<pre>{_MARK})?\s*(?P<h>\d{{1,2}})"
    rf"(?::(?P<m>\d{{2}})(?!\d)|\s*時(?!間)\s*(?:(?P<m2>\d{{1,2}})\s*分|(?P<half>半))?|(?=\s*{_MARK}(?![a-z])))"
    rf"(?:\s*(?P<post>{_MARK})(?![a-z]))?",
    re.IGNORECASE,
)
#: How far after a date (on its line, or at the start of the next) its time may be written.
_TIME_WINDOW: Final = 80
_RANGE_SEP_RE: Final = re.compile(r"\s*(?:~|〜|-|–|—|‐|−|ー|から)\s*")
_FILLER_RE: Final = re.compile(r"[\s,⋅·・@|]*(?:at\s+|時刻\s*:?\s*|時間\s*:?\s*)?", re.IGNORECASE)


@dataclass(frozen=True)
class _Time:
    hour: int
    minute: int
    mark: str | None  # "午前", "午後", "am", "pm" or None
    noon: bool
    text: str


def _time_from_match(m: re.Match[str]) -> _Time:
    if m["noon"]:
        return _Time(12, 0, None, True, m.group(0))
    minute = int(m["m"] or m["m2"] or 0) if not m["half"] else 30
    mark = m["pre"] or m["post"]
    if mark:
        mark = mark.lower().replace(".", "")
    return _Time(int(m["h"]), minute, mark, False, m.group(0).strip())


def _clock(time: _Time, mark: str | None, *, inherited: bool) -> tuple[int, int] | str:
    """Hour and minute on a 24-hour clock, or a problem code."""
    hour, minute = time.hour, time.minute
    if time.noon:
        return 12, 0
    if minute > 59:
        return "time_invalid"
    if mark is None or (inherited and hour > 12):
        return (hour, minute) if hour <= 23 else "time_invalid"
    if hour > 12:
        return "time_invalid"
    if mark in ("am", "pm"):  # English: 12 AM is midnight, 12 PM noon
        return (hour % 12 + (12 if mark == "pm" else 0)), minute
    if hour == 12:
        # 午前12時 / 午後12時: noon to some, midnight to others. Only 「午前11時〜12時」 is plain: noon.
        return (12, minute) if inherited and mark == "午前" else "time_ambiguous"
    return hour + (12 if mark == "午後" else 0), minute


@dataclass(frozen=True)
class _Span:
    """A time or time range read after a date; ``end_marked`` when a separator announced an end."""

    start: _Time
    end: _Time | None
    end_marked: bool
    stop: int  # where the span ends in the text


def _read_span(text: str, pos: int, *, anchored: bool, endpos: int = 0) -> _Span | None:
    """The time (range) at ``pos`` (after filler) when ``anchored``, else the first one that starts between
    ``pos`` and ``endpos``."""
    if anchored:
        filler = _FILLER_RE.match(text, pos)
        first = _TIME_RE.match(text, filler.end() if filler else pos)
    else:  # skip an offset such as the 09:00 of 「(UTC+09:00)」
        times = _TIME_RE.finditer(text, pos, endpos)
        first = next((t for t in times if t.start() == 0 or text[t.start() - 1] not in "+-"), None)
    if first is None:
        return None
    start = _time_from_match(first)
    sep = _RANGE_SEP_RE.match(text, first.end())
    if sep is None:
        return _Span(start, None, False, first.end())
    second = _TIME_RE.match(text, sep.end())
    if second is None:
        return _Span(start, None, "から" in sep.group(0) or sep.group(0).strip() != "", sep.end())
    return _Span(start, _time_from_match(second), True, second.end())


# ---------------------------------------------------------------------------------------------------------
# Time zones (on the rest of the line after the time)

_TZ_OFFSET_RE: Final = re.compile(r"(?:utc|gmt)\s*(?P<sign>[+\-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.I)
_TZ_ZERO_RE: Final = re.compile(r"\b(?:utc|gmt)\b|協定世界時", re.I)
_TZ_JAPAN_RE: Final = re.compile(r"\bjst\b|日本時間|日本標準時|東京|大阪|札幌|tokyo|osaka|sapporo", re.I)
_TZ_FOREIGN_RE: Final = re.compile(
    r"pacific|eastern|central time|mountain time|hawaii|alaska|london|paris|berlin|singapore|sydney|"
    r"beijing|hong kong|seoul|new york|los angeles|\b(?:pst|pdt|est|edt|cst|cdt|mst|mdt|cet|cest|bst|kst|hkt|"
    r"sgt|aest|aedt)\b|太平洋|東部標準|ロンドン|ソウル|北京|香港|シンガポール|ニューヨーク",
    re.I,
)


def _zone(rest_of_line: str) -> dt.tzinfo | str:
    """The time zone the line names for its times: Japan time unless another is written."""
    offset = _TZ_OFFSET_RE.search(rest_of_line)
    if offset:
        minutes = int(offset["h"]) * 60 + int(offset["m"] or 0)
        if minutes > 14 * 60:
            return "timezone_unsupported"
        sign = -1 if offset["sign"] == "-" else 1
        return dt.timezone(dt.timedelta(minutes=sign * minutes))
    if _TZ_JAPAN_RE.search(rest_of_line):
        return JAPAN_TIME
    if _TZ_FOREIGN_RE.search(rest_of_line):
        return "timezone_unsupported"
    if _TZ_ZERO_RE.search(rest_of_line):
        return dt.UTC
    return JAPAN_TIME


# ---------------------------------------------------------------------------------------------------------
# Candidates: each date with the time written after it

_LABELS: Final = (
    "日時", "日程", "時刻", "開催日", "面談日", "ご面談日", "打合せ日", "打ち合わせ日", "ミーティング日",
    "会議日", "開始", "予定日", "when", "time", "meeting time", "start",
)  # fmt: skip
_HEADERS: Final = ("送信日時", "受信日時", "送信日", "sent", "date:", "date :")
_LEAD_RE: Final = re.compile(r"^[\s【\[■◆●◇○◎・*\-<>(]+")


@dataclass(frozen=True)
class _Candidate:
    labelled: bool
    start: dt.datetime | None
    end: dt.datetime | None
    problems: tuple[Problem, ...]
    timed: bool


#: A line is read at most this far either side of the point looked at: the work per date or link stays
#: bounded whatever is pasted (a whole mailbox on one line), and no invitation line is longer.
_LINE_LIMIT: Final = 400


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line around ``pos`` (within :data:`_LINE_LIMIT` characters either side)."""
    floor = max(0, pos - _LINE_LIMIT)
    begin = text.rfind("\n", floor, pos) + 1 or floor
    ceiling = min(len(text), pos + _LINE_LIMIT)
    stop = text.find("\n", pos, ceiling)
    return begin, ceiling if stop < 0 else stop


def _line_kind(line: str) -> str:
    head = _LEAD_RE.sub("", line).lower()
    if head.startswith(_HEADERS):
        return "header"
    return "label" if head.startswith(_LABELS) else "plain"


def _candidate(text: str, m: re.Match[str], reference: dt.date, dates: list[int]) -> _Candidate | None:
    begin, stop = _line_bounds(text, m.start())
    kind = _line_kind(text[begin:stop])
    if kind == "header":
        return None
    written = _date_from_match(m)
    after = m.end()
    if m["emon"] is None and m["dmon"] is None:
        wd = _JA_WEEKDAY_RE.match(text, after)
        if wd:
            written = _Date(
                written.year, written.month, written.day, _JA_WEEKDAYS.index(wd["a"] or wd["b"]), written.problem
            )
            after = wd.end()
    fragment = text[m.start() : after].strip()
    span = _read_span(text, after, anchored=True)
    if span is None:
        span = _read_span(text, after, anchored=False, endpos=min(stop, after + _TIME_WINDOW))
    if span is None and text[stop : stop + 1] == "\n":  # on the next line: 「日付：12月5日（金）」「時間：14時〜」
        next_begin, next_stop = _line_bounds(text, stop + 1)
        following = bisect.bisect_left(dates, next_begin)
        if following == len(dates) or dates[following] >= next_stop:  # no other date on that line
            span = _read_span(text, next_begin, anchored=False, endpos=min(next_stop, next_begin + _TIME_WINDOW))
    labelled = kind == "label"
    day = _resolve_date(written, reference)
    if isinstance(day, str):
        return _Candidate(labelled, None, None, (_problem(day, fragment),), span is not None)
    if span is None:
        return _Candidate(labelled, None, None, (), False)
    return _timed_candidate(text, day, span, labelled)


def _timed_candidate(text: str, day: dt.date, span: _Span, labelled: bool) -> _Candidate:
    rest_of_line = text[span.stop : _line_bounds(text, span.stop)[1]]
    zone = _zone(rest_of_line)
    if isinstance(zone, str):
        return _Candidate(labelled, None, None, (_problem(zone, rest_of_line.strip()),), True)
    start_mark = span.start.mark
    end_mark = span.end.mark if span.end else None
    inherited_start = start_mark is None and end_mark is not None and not span.start.noon
    start_clock = _clock(span.start, start_mark or end_mark, inherited=inherited_start)
    if isinstance(start_clock, str):
        return _Candidate(labelled, None, None, (_problem(start_clock, span.start.text),), True)
    start = dt.datetime.combine(day, dt.time(*start_clock), zone).astimezone(JAPAN_TIME)
    if span.end is None:
        return _Candidate(labelled, start, None, (_problem("end_missing"),), True)
    inherited_end = end_mark is None and start_mark is not None
    end_clock = _clock(span.end, end_mark or start_mark, inherited=inherited_end)
    if isinstance(end_clock, str):
        code = "end_invalid" if end_clock == "time_invalid" else end_clock
        return _Candidate(labelled, start, None, (_problem(code, span.end.text),), True)
    end = dt.datetime.combine(day, dt.time(*end_clock), zone).astimezone(JAPAN_TIME)
    if end <= start:
        return _Candidate(labelled, start, None, (_problem("end_before_start", span.end.text),), True)
    return _Candidate(labelled, start, end, (), True)


def _read_when(text: str, reference: dt.date) -> tuple[dt.datetime | None, dt.datetime | None, list[Problem]]:
    dates = list(_DATE_RE.finditer(text))
    starts = [m.start() for m in dates]
    candidates = [c for m in dates if (c := _candidate(text, m, reference, starts)) is not None]
    timed = [c for c in candidates if c.timed]
    labelled = [c for c in candidates if c.labelled]
    # the labelled dates are the meeting's: when none of them has a time, an unlabelled one is no substitute
    pool = [c for c in labelled if c.timed] if labelled else timed
    if not pool:
        invalid = [p for c in (labelled or candidates) for p in c.problems]
        if invalid:
            return None, None, invalid[:1]
        return None, None, [_problem("start_time_missing" if candidates else "start_not_found")]
    failed = [c for c in pool if c.start is None]
    if failed:  # a date that may be the meeting's did not read: never fall back to another one
        return None, None, list(failed[0].problems)
    found = sorted({c.start for c in pool if c.start is not None})
    if len(found) > 1:
        return None, None, [_problem("start_ambiguous", ", ".join(s.strftime("%Y-%m-%d %H:%M") for s in found))]
    ends = {c.end for c in pool if c.end is not None}
    if len(ends) == 1:
        return found[0], ends.pop(), []
    if len(ends) > 1:
        return found[0], None, [_problem("end_invalid", ", ".join(e.strftime("%H:%M") for e in sorted(ends)))]
    return found[0], None, list(pool[0].problems)


# ---------------------------------------------------------------------------------------------------------
# URLs, meeting id, passcode

_URL_RE: Final = re.compile(r"https?://[^\s<>\"'()\[\]{}「」『』【】、。]+", re.IGNORECASE)
_URL_TRAIL: Final = ".,;:!?"
_MEET_CODE_RE: Final = re.compile(r"^/([a-z]{3}-[a-z]{4}-[a-z]{3})/?$")
_ZOOM_PATH_RE: Final = re.compile(r"^/(?:j|w|s|my|wc/join)/(?P<id>[\w.\-]+)")
_JOIN_WORDS_RE: Final = re.compile(r"参加|接続|会議|ミーティング|面談|join|meeting", re.IGNORECASE)
_NOT_MEETING_RE: Final = re.compile(
    r"unsubscribe|opt-?out|privacy|help|support|download|terms|policy|legal|faq|settings|配信停止", re.IGNORECASE
)


def _host_is(host: str, *domains: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _classify(url: str) -> tuple[Platform | None, str | None]:
    """The platform of a meeting link and a key naming the meeting, or ``(None, None)`` for a platform's
    other pages; ``("other", url)`` for a link on another site."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path
    if _host_is(host, "zoom.us", "zoom.com", "zoomgov.com"):
        zoom = _ZOOM_PATH_RE.match(path)
        return ("zoom", "zoom:" + zoom["id"]) if zoom else (None, None)
    if _host_is(host, "teams.microsoft.com", "teams.live.com"):
        if path.startswith(("/l/meetup-join/", "/meet/")):
            return "teams", "teams:" + path
        return None, None
    if host == "meet.google.com":
        code = _MEET_CODE_RE.match(path)
        return ("meet", "meet:" + code[1]) if code else (None, None)
    if _host_is(host, "webex.com"):
        if "/meet/" in path or path.endswith("j.php") or "/join" in path or "joinservice" in path:
            return "webex", "webex:" + host + path + "?" + parts.query
        return None, None
    if _host_is(host, "microsoft.com", "google.com", "aka.ms", "apple.com") or _NOT_MEETING_RE.search(url):
        return None, None
    return "other", url


def platform_of(url: str) -> Platform | None:
    """The platform of a meeting link (``"other"`` for another site's link; ``None`` for a platform's help,
    download or other non-meeting page)."""
    return _classify(url)[0]


def _mask_urls(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with every URL blanked (so its digits are never read as dates or ids) and the URLs."""
    urls: list[tuple[int, str]] = []
    chars = list(text)
    for m in _URL_RE.finditer(text):
        url = m.group(0).rstrip(_URL_TRAIL)
        urls.append((m.start(), url))
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars), urls


def _read_url(text: str, urls: list[tuple[int, str]]) -> tuple[str | None, Platform | None, list[Problem]]:
    platform_links: dict[str, tuple[str, Platform]] = {}
    other_links: dict[str, str] = {}
    for pos, url in urls:
        platform, key = _classify(url)
        if platform is None or key is None:
            continue
        if platform != "other":
            platform_links.setdefault(key, (url, platform))
            continue
        begin, stop = _line_bounds(text, pos)
        previous = text[_line_bounds(text, max(begin - 1, 0))[0] : begin] if begin else ""
        if _JOIN_WORDS_RE.search(text[begin:stop].replace(url, " ")) or _JOIN_WORDS_RE.search(previous):
            other_links.setdefault(key, url)
    if len(platform_links) == 1:
        url, platform = next(iter(platform_links.values()))
        return url, platform, []
    if len(platform_links) > 1:
        return None, None, [_problem("url_ambiguous", " ".join(u for u, _ in platform_links.values()))]
    if len(other_links) == 1:
        return next(iter(other_links.values())), "other", []
    if len(other_links) > 1:
        return None, None, [_problem("url_ambiguous", " ".join(other_links.values()))]
    return None, None, [_problem("url_not_found")]


_ID_RE: Final = re.compile(
    r"(?<!電話)(?:ミーティング\s*id|会議\s*id|meeting\s*id|ミーティング番号|会議番号|meeting\s*number"
    r"|アクセス\s*コード|access\s*code)(?:\s*\([^)\n]*\))?[ \t]*:?[ \t]*(?P<value>\d[\d ]*\d)?",
    re.IGNORECASE,
)
_PASSCODE_RE: Final = re.compile(
    r"(?:パスコード|パスワード|passcode|password|pass\s+code)[ \t]*(?P<colon>:)?[ \t]*(?P<value>[0-9a-z][!-~]{0,63})?",
    re.IGNORECASE,
)


def _read_meeting_id(text: str, url: str | None, platform: Platform | None) -> tuple[str | None, list[Problem]]:
    from_url: str | None = None
    if url and platform == "zoom":
        zoom = _ZOOM_PATH_RE.match(urllib.parse.urlsplit(url).path)
        from_url = zoom["id"] if zoom and zoom["id"].isdigit() else None
    elif url and platform == "meet":
        code = _MEET_CODE_RE.match(urllib.parse.urlsplit(url).path)
        from_url = code[1] if code else None
    labelled = _ID_RE.search(text)
    if labelled is None:
        return from_url, []
    if labelled["value"] is None:
        return None, [_problem("meeting_id_unreadable", labelled.group(0).strip())]
    digits = re.sub(r"\D", "", labelled["value"])
    if from_url is not None and from_url != digits:
        return None, [_problem("meeting_id_conflict", f"{digits} / {from_url}")]
    return digits, []


_NO_PASSCODE_RE: Final = re.compile(r"[ \t]*(?:なし|無し|不要|ありません|none\b|n/a\b)", re.IGNORECASE)


def _read_passcode(text: str) -> tuple[str | None, list[Problem]]:
    for m in _PASSCODE_RE.finditer(text):
        if m["colon"] and _NO_PASSCODE_RE.match(text, m.end("colon")):  # 「パスワード: なし」: there is none
            return None, []
        value = (m["value"] or "").rstrip(".,;")
        if value:
            return value, []
        if m["colon"]:
            return None, [_problem("passcode_unreadable", m.group(0).strip())]
    return None, []


# ---------------------------------------------------------------------------------------------------------


_CIRCLED: Final = {chr(0x2460 + n): f" ({n + 1}) " for n in range(20)}  # ①–⑳: list marks, not digits


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) with line ends made ``\\n``; ①② … become
    ``(1)`` ``(2)`` first, as NFKC would glue their digit to the date that follows (①12月 → 112月)."""
    text = "".join(_CIRCLED.get(c, c) for c in text)
    return unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")


def parse_invitation(text: str, *, reference: dt.date) -> ParsedInvitation:
    """Read one invitation text. ``reference`` is the day a year-less date counts from (the desk passes
    today in Japan time; the parser never reads the clock). A text longer than :data:`MAX_TEXT_CHARS` is
    not read at all (``text_too_long``)."""
    if len(text) > MAX_TEXT_CHARS:
        return ParsedInvitation(None, None, None, None, None, None, (_problem("text_too_long"),))
    masked, urls = _mask_urls(normalise(text))
    start, end, problems = _read_when(masked, reference)
    url, platform, url_problems = _read_url(normalise(text), urls)
    meeting_id, id_problems = _read_meeting_id(masked, url, platform)
    passcode, pass_problems = _read_passcode(masked)
    return ParsedInvitation(
        start=start,
        end=end,
        url=url,
        platform=platform,
        meeting_id=meeting_id,
        passcode=passcode,
        problems=tuple(problems + url_problems + id_problems + pass_problems),
    )
