"""The case state machine under random event sequences (hypothesis): it never reaches an invalid
state, refuses what it does not allow without changing anything, and every open case always has
a next due action with a date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain.school_calendar import CalendarBook, make_year

START = dt.date(2025, 9, 22)
BOOK = CalendarBook(
    [make_year(2025, [(dt.date(2025, 9, 1), dt.date(2026, 1, 16)), (dt.date(2026, 3, 2), dt.date(2026, 7, 10))],
               [(dt.date(2025, 10, d), "假日", "国庆节") for d in range(1, 9)] + [(dt.date(2025, 9, 28), "调休上课", "")])]
)  # fmt: skip
RULES = esc.EscalationRules()

kinds = st.sampled_from([k for k in esc.EVENT_KINDS if k != esc.OPEN] + [esc.VISIT] * 4)
offsets = st.integers(min_value=-3, max_value=40)
optional_offset = st.none() | st.integers(min_value=-2, max_value=20)


@st.composite
def events(draw: st.DrawFn) -> esc.Event:
    kind = draw(kinds)
    on = START + dt.timedelta(days=draw(offsets))
    extra: dict[str, object] = {}
    if kind == esc.VISIT:
        extra["round"] = draw(st.sampled_from([*esc.VISIT_ROUNDS, "五访"]))
        extra["outcome"] = draw(st.sampled_from([*esc.VISIT_OUTCOMES, None]))
        promised = draw(optional_offset)
        extra["promised_on"] = on + dt.timedelta(days=promised) if promised is not None else None
        nxt = draw(optional_offset)
        extra["next_on"] = on + dt.timedelta(days=nxt) if nxt is not None else None
    elif kind == esc.NOTICE:
        extra["deadline"] = on + dt.timedelta(days=draw(st.integers(min_value=-1, max_value=15)))
    elif kind == esc.CLOSE:
        extra["outcome"] = draw(st.sampled_from([*esc.CLOSE_OUTCOMES, None, "", "出国"]))
    elif kind in (esc.REFERRAL, esc.REFERRAL_ANSWER):
        extra["ref"] = draw(st.sampled_from(["r1", "r2", "r3"]))
    return esc.Event(kind, on, **extra)  # type: ignore[arg-type]


def assert_sound(state: esc.CaseState) -> None:
    assert esc.check_state(state) == []
    assert esc.CaseState.from_dict(state.as_dict()) == state
    actions = esc.due_actions(state, BOOK, RULES)
    if state.is_open:
        assert actions, f"open case {state.status} without a due action"
        assert all(isinstance(a.due_on, dt.date) for a in actions)
        summary = esc.summarize(state, BOOK, RULES)
        assert summary.next_due_on == min(a.due_on for a in actions)
        assert summary.next_action_label
        # whatever happens with time, the case still has something due
        later = esc.advance(state, START + dt.timedelta(days=200))
        assert esc.due_actions(later, BOOK, RULES)
    else:
        assert actions == []


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), min_size=1, max_size=30))
def test_random_sequences_never_reach_an_invalid_state(sequence: list[esc.Event]) -> None:
    state = esc.apply(None, esc.Event(esc.OPEN, START), BOOK, RULES)
    assert_sound(state)
    accepted = [esc.Event(esc.OPEN, START)]
    for event in sequence:
        for implied in esc.implied_events(state, event.on):
            state = esc.apply(state, implied, BOOK, RULES)
            accepted.append(implied)
        try:
            new = esc.apply(state, event, BOOK, RULES)
        except esc.CaseRuleError as exc:
            assert str(exc) and any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
            continue
        assert new.status in esc.ALLOWED_RESULTS[event.kind] or new.status == state.status, (
            event,
            state.status,
            new.status,
        )
        state = new
        accepted.append(event)
        assert_sound(state)
    # the stored log replays to the same state
    assert esc.replay(accepted, BOOK, RULES) == state


@settings(max_examples=100, deadline=None)
@given(st.lists(events(), min_size=1, max_size=20))
def test_refused_events_leave_everything_as_it_was(sequence: list[esc.Event]) -> None:
    state = esc.apply(None, esc.Event(esc.OPEN, START), BOOK, RULES)
    for event in sequence:
        before = state
        try:
            state = esc.apply(state, event, BOOK, RULES)
        except esc.CaseRuleError:
            assert state is before
            assert state == esc.CaseState.from_dict(before.as_dict())


def test_every_event_kind_has_a_label_and_rule() -> None:
    assert set(esc.EVENT_KINDS) == set(esc.ALLOWED) == set(esc.EVENT_LABELS)
    assert set(esc.EVENT_KINDS) - {esc.OPEN} == set(esc._HANDLERS)


@pytest.mark.parametrize("status", esc.CASE_STATUSES)
def test_allowed_events_match_the_table(status: str) -> None:
    allowed = {k for k, states in esc.ALLOWED.items() if status in states}
    if status == esc.CLOSED:
        assert allowed == {esc.REOPEN, esc.REFERRAL_ANSWER}
    else:
        assert esc.CLOSE in allowed and esc.VISIT in allowed and esc.REOPEN not in allowed
