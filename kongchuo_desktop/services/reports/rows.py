"""The columns of the 学籍变动月报 and the arithmetic that every row must satisfy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kongchuo_desktop.domain.status import TRANSFER_SCOPES

# Counted fields (what the history gives); totals are derived from them.
IN_FIELDS = tuple(f"in_{s}" for s in TRANSFER_SCOPES) + ("in_unknown",)
OUT_FIELDS = tuple(f"out_{s}" for s in TRANSFER_SCOPES) + ("out_unknown",)
ADD_FIELDS = ("new", *IN_FIELDS, "resume")
REMOVE_FIELDS = (*OUT_FIELDS, "suspend", "dropout", "death", "graduate")
COUNTED = ("opening", *ADD_FIELDS, *REMOVE_FIELDS, "closing", "absent")

# The columns shown, in order: (key, header group, header); unknown-range transfers count in the
# subtotals only (the report says how many).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("opening", "", "上月末在校生数"),
    ("new", "本月增加", "新入学"),
    *((f"in_{s}", "本月增加|转入", s) for s in TRANSFER_SCOPES),
    ("in_total", "本月增加|转入", "小计"),
    ("resume", "本月增加", "复学"),
    ("add_total", "本月增加", "合计"),
    *((f"out_{s}", "本月减少|转出", s) for s in TRANSFER_SCOPES),
    ("out_total", "本月减少|转出", "小计"),
    ("suspend", "本月减少", "休学"),
    ("dropout", "本月减少", "辍学"),
    ("death", "本月减少", "死亡"),
    ("graduate", "本月减少", "毕业"),
    ("remove_total", "本月减少", "合计"),
    ("closing", "", "本月末在校生数"),
    ("absent", "", "其中在籍不在校"),
)
COLUMN_KEYS = tuple(key for key, _, _ in COLUMNS)
KIND_REMOVAL = {"休学": "suspend", "辍学": "dropout", "死亡": "death", "毕业": "graduate"}


def blank() -> dict[str, int]:
    """A row of zeros over the counted fields."""
    return dict.fromkeys(COUNTED, 0)


def add_into(target: dict[str, int], values: Mapping[str, int]) -> None:
    """target += values, field by field."""
    for key in COUNTED:
        target[key] += values.get(key, 0)


def derived(values: Mapping[str, int]) -> dict[str, int]:
    """The counted fields plus subtotals, totals, the expected closing count and the difference."""
    out = {key: values.get(key, 0) for key in COUNTED}
    out["in_total"] = sum(out[k] for k in IN_FIELDS)
    out["out_total"] = sum(out[k] for k in OUT_FIELDS)
    out["add_total"] = sum(out[k] for k in ADD_FIELDS)
    out["remove_total"] = sum(out[k] for k in REMOVE_FIELDS)
    out["expected"] = out["opening"] + out["add_total"] - out["remove_total"]
    out["difference"] = out["closing"] - out["expected"]
    return out


@dataclass(frozen=True)
class Row:
    """One line of the table: label, kind (grade | subtotal | total | unit) and its values (derived)."""

    label: str
    kind: str
    values: dict[str, int] = field(default_factory=dict)

    @property
    def adds_up(self) -> bool:
        return self.values["difference"] == 0

    def cells(self) -> list[int]:
        """The shown columns' values, in COLUMNS order."""
        return [self.values[key] for key in COLUMN_KEYS]


def make_row(label: str, kind: str, parts: Iterable[Mapping[str, int]]) -> Row:
    """A row summing `parts`."""
    total = blank()
    for part in parts:
        add_into(total, part)
    return Row(label, kind, derived(total))
