"""Tests for domain.id_number (GB 11643-1999 resident ID numbers)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain.id_number import IdNumberError, IdProblem

TODAY = dt.date(2026, 6, 1)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def reference_check(first17: str) -> str:
    """Independent restatement of the GB 11643 check: sum of digit × weight, mod 11."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def make_id(birth: dt.date, seq: int = 1, area: str = "150785") -> str:
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + reference_check(first17)


def date8_valid(text: str) -> bool:
    try:
        d = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return d.year >= 1900 and d <= TODAY


births = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
seqs = st.integers(min_value=0, max_value=999)
areas = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)


def test_standard_examples_check_characters() -> None:
    # Worked examples of GB 11643-1999: the algorithm must reproduce their check characters.
    assert idn.check_char("11010519491231002") == "X"
    assert idn.check_char("44052418800101001") == "4"


def test_parse_known_valid() -> None:
    number = make_id(dt.date(2015, 3, 7), seq=123)
    info = idn.parse(number, TODAY)
    assert info.number == number
    assert info.birth_date == dt.date(2015, 3, 7)
    assert info.sex == "男"  # 17th digit 3 is odd
    assert info.area_code == "150785"
    assert idn.problem_of(number, TODAY) is None


def test_sex_from_17th_digit() -> None:
    assert idn.parse(make_id(dt.date(2012, 1, 1), seq=2), TODAY).sex == "女"
    assert idn.parse(make_id(dt.date(2012, 1, 1), seq=7), TODAY).sex == "男"


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_any_17_digits_with_check_char_parse_when_date_valid(first17: str) -> None:
    assert idn.check_char(first17) == reference_check(first17)
    number = first17 + idn.check_char(first17)
    if date8_valid(first17[6:14]):
        info = idn.parse(number, TODAY)
        assert info.number == number
    else:
        assert idn.problem_of(number, TODAY) is IdProblem.DATE


@given(births, seqs, areas, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10))
def test_changing_one_character_breaks_the_check(birth: dt.date, seq: int, area: str, pos: int, delta: int) -> None:
    number = make_id(birth, seq, area)
    if pos == 17:
        alphabet = "0123456789X"
        new = alphabet[(alphabet.index(number[17]) + delta) % 11]
    else:
        assume(delta < 10)
        new = str((int(number[pos]) + delta) % 10)
    mutated = number[:pos] + new + number[pos + 1 :]
    assert mutated != number
    problem = idn.problem_of(mutated, TODAY)
    if date8_valid(mutated[6:14]):
        assert problem is IdProblem.CHECKSUM
    else:
        assert problem is IdProblem.DATE


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), seqs)
def test_15_to_18_round_trips_birth_date_and_sex(birth: dt.date, seq: int) -> None:
    old = f"150785{birth:%y%m%d}{seq:03d}"
    new = idn.convert_15_to_18(old)
    assert len(new) == 18
    assert new[:6] == "150785"
    assert new[17] == reference_check(new[:17])
    info = idn.parse(new, TODAY)
    assert info.birth_date == birth
    assert info.sex == ("男" if seq % 2 else "女")
    # parse() accepts the legacy form directly and upgrades it.
    assert idn.parse(old, TODAY) == info


@given(births, seqs)
def test_lowercase_x_fullwidth_and_spaces_accepted(birth: dt.date, seq: int) -> None:
    number = make_id(birth, seq)
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "Ｘ" for c in number)
    variants = [
        number.lower(),
        fullwidth,
        f" {number[:6]} {number[6:14]} {number[14:]} ",
        f"'{number}",
        number[:6] + "\u3000" + number[6:],
    ]
    for text in variants:
        assert idn.parse(text, TODAY).number == number


def test_lowercase_x_check_char() -> None:
    # Find a real ID whose check character is X.
    for seq in range(1000):
        number = make_id(dt.date(2014, 9, 1), seq)
        if number.endswith("X"):
            break
    else:  # pragma: no cover
        pytest.fail("no X check character in 1000 tries")
    assert idn.parse(number.lower(), TODAY).number == number
    assert idn.parse(number[:17] + "ｘ", TODAY).number == number


@pytest.mark.parametrize("mmdd", ["0230", "0229", "1301", "0000", "0431", "1232"])
def test_invalid_dates_are_id_date(mmdd: str) -> None:
    first17 = f"1507852015{mmdd}001"
    number = first17 + reference_check(first17)
    with pytest.raises(IdNumberError) as info:
        idn.parse(number, TODAY)
    assert info.value.problem is IdProblem.DATE
    assert idn.problem_of(number, TODAY) == "id_date"


def test_future_and_too_old_birth_dates_are_id_date() -> None:
    assert idn.problem_of(make_id(dt.date(2026, 6, 2)), TODAY) is IdProblem.DATE
    assert idn.problem_of(make_id(dt.date(2026, 6, 1)), TODAY) is None
    assert idn.problem_of(make_id(dt.date(1899, 12, 31)), TODAY) is IdProblem.DATE
    assert idn.problem_of("150785000230001", TODAY) is IdProblem.DATE  # legacy 15-digit


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1507852015",
        "15078520150301001",
        "1507852015030100123",
        "15078520150301001Y",
        "X50785201503010011",
        "1.50785201503011E+17",
        "१५०७८५२०१५०३०१००१२",
    ],
)
def test_wrong_length_or_characters_are_id_format(text: str) -> None:
    assert idn.problem_of(text, TODAY) is IdProblem.FORMAT
    assert idn.problem_of(text, TODAY) == "id_format"


def test_error_messages_are_chinese() -> None:
    with pytest.raises(IdNumberError, match="校验位"):
        bad = make_id(dt.date(2015, 1, 1))
        idn.parse(bad[:17] + ("0" if bad[17] != "0" else "1"), TODAY)
    with pytest.raises(IdNumberError, match="18位"):
        idn.parse("123", TODAY)
    assert issubclass(IdNumberError, ValueError)


def test_convert_15_to_18_rejects_non_15_digits() -> None:
    with pytest.raises(IdNumberError):
        idn.convert_15_to_18("1234")


def test_looks_like_excel_number() -> None:
    assert idn.looks_like_excel_number(1.5078520150301e17)
    assert idn.looks_like_excel_number("1.50785E+17")
    assert idn.looks_like_excel_number(150785201503010000)
    assert not idn.looks_like_excel_number(make_id(dt.date(2015, 3, 1)))
    assert not idn.looks_like_excel_number(True)
