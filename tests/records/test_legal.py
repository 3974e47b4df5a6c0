"""records.legal: methods allowed per date, required timestamps, retention."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.records import Event, Method, MethodNotAllowed, MissingMethodTimestamp, allowed_methods, retention_until
from kyc_desk.records.legal import (
    AMENDMENT_2027,
    METHOD_RULES,
    add_years,
    check_method_allowed,
    check_required_events,
    method_date,
    past_retention,
)


def test_every_method_has_its_article_and_required_times() -> None:
    assert set(METHOD_RULES) == set(Method)
    for method, rule in METHOD_RULES.items():
        assert rule.article.startswith("犯収法施行規則6条1項1号") or rule.reliance, method
        assert rule.required, method


def test_ho_ends_on_2027_03_31() -> None:
    assert Method.HO in allowed_methods(dt.date(2027, 3, 31))
    assert Method.HO not in allowed_methods(dt.date(2027, 4, 1))
    check_method_allowed(Method.HO, dt.date(2027, 3, 31))
    with pytest.raises(MethodNotAllowed) as info:
        check_method_allowed(Method.HO, dt.date(2027, 4, 1))
    assert "2027-03-31" in info.value.ja
    for method in (Method.HE, Method.WA, Method.FACE_TO_FACE_CHIP):
        assert method in allowed_methods(dt.date(2030, 1, 1))


def test_face_to_face_ic_card_needs_chip_reading_from_april_2027() -> None:
    check_method_allowed(Method.I, AMENDMENT_2027 - dt.timedelta(days=1), document_has_chip=True)
    check_method_allowed(Method.I, AMENDMENT_2027, document_has_chip=False)  # e.g. a passport-less photo ID
    check_method_allowed(Method.FACE_TO_FACE_CHIP, AMENDMENT_2027, document_has_chip=True)
    with pytest.raises(MethodNotAllowed):
        check_method_allowed(Method.I, AMENDMENT_2027, document_has_chip=True)


def test_chip_methods_need_a_chip_document() -> None:
    day = dt.date(2026, 6, 1)
    check_method_allowed(Method.HE, day, document_has_chip=True)
    check_method_allowed(Method.HE, day)  # unknown: not refused here
    for method in (Method.HE, Method.FACE_TO_FACE_CHIP):
        with pytest.raises(MethodNotAllowed):
            check_method_allowed(method, day, document_has_chip=False)


def test_required_events() -> None:
    at = dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)
    check_required_events(Method.HE, {Event.IMAGE_RECEIVED: at, Event.CHIP_RECEIVED: at})
    with pytest.raises(MissingMethodTimestamp) as info:
        check_required_events(Method.HE, {Event.IMAGE_RECEIVED: at})
    assert "chip_received" in info.value.message
    later = at + dt.timedelta(days=2)
    assert method_date(Method.RO, {Event.PRESENTED: later, Event.MAILED: at}) == at.date()


def test_retention_is_the_later_of_7_and_10_years() -> None:
    assert retention_until(verified_on=dt.date(2026, 1, 10), matter_ended_on=None) is None
    assert retention_until(verified_on=dt.date(2026, 1, 10), matter_ended_on=dt.date(2026, 2, 1)) == dt.date(2036, 2, 1)
    # a transaction long after the matter ended: its 7 years run later than the matter's 10
    assert retention_until(
        verified_on=dt.date(2020, 1, 10),
        transaction_dates=(dt.date(2030, 6, 1),),
        matter_ended_on=dt.date(2021, 1, 1),
    ) == dt.date(2037, 6, 1)


def test_leap_day_moves_later_and_purge_starts_the_next_day() -> None:
    assert add_years(dt.date(2028, 2, 29), 7) == dt.date(2035, 3, 1)
    until = dt.date(2036, 2, 1)
    assert not past_retention(until, until)
    assert past_retention(until, until + dt.timedelta(days=1))
    assert not past_retention(None, dt.date(2100, 1, 1))


JST = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("received", "allowed"),
    [
        (dt.datetime(2027, 3, 31, 23, 59, tzinfo=JST), True),  # 14:59 UTC on the 31st
        (dt.datetime(2027, 4, 1, 0, 0, tzinfo=JST), False),  # 15:00 UTC on the 31st: already April in Japan
        (dt.datetime(2027, 3, 31, 14, 59, tzinfo=dt.UTC), True),
        (dt.datetime(2027, 3, 31, 15, 0, tzinfo=dt.UTC), False),
    ],
)
def test_the_ho_cut_off_is_counted_in_japan_time(received: dt.datetime, allowed: bool) -> None:
    """The law counts Japanese calendar days: the date of an event stored in UTC is its day in Japan."""
    day = method_date(Method.HO, {Event.IMAGE_RECEIVED: received})
    assert day == received.astimezone(JST).date()
    if allowed:
        check_method_allowed(Method.HO, day)
    else:
        with pytest.raises(MethodNotAllowed):
            check_method_allowed(Method.HO, day)


def test_a_check_before_nine_in_the_morning_is_dated_that_day() -> None:
    presented = dt.datetime(2026, 12, 5, 23, 30, tzinfo=dt.UTC)  # 08:30 on the 6th in Japan
    events = {e: presented for e in METHOD_RULES[Method.I].required}
    assert method_date(Method.I, events) == dt.date(2026, 12, 6)


def test_a_naive_moment_has_no_legal_date() -> None:
    from kyc_desk.jp.time import legal_date

    with pytest.raises(ValueError):
        legal_date(dt.datetime(2027, 4, 1, 0, 0))
