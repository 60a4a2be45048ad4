"""Counts as people write them: "1 case", "2 cases", never "case(s)"."""


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` followed by ``noun``, or by its plural (``noun`` + "s" unless given)."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"
