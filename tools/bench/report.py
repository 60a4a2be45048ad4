"""The benchmark's tables, as aligned text for the terminal and as Markdown for
bench-results.md: pure functions of the figures."""

PAGE_HEADERS = ("page", "role", "req/s", "p50 ms", "p99 ms", "p99 / login p99", "queries", "errors")
ENGINE_HEADERS = (
    "scale",
    "operation",
    "seconds",
    "queries",
    "queries / committee",
    "committees",
    "open occurrences",
)
NUMERIC = {"req/s", "p50 ms", "p99 ms", "p99 / login p99", "queries", "errors", "seconds"}
NUMERIC |= {"queries / committee", "committees", "open occurrences"}


def _number(value, places: int) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{places}f}"


def page_row(page: str, role: str, summary, login_p99_ms: float, queries) -> tuple:
    """One row of the page table; the ratio is blank when there is no login figure to divide by."""
    ratio = summary.p99_ms / login_p99_ms if login_p99_ms else None
    return (
        page,
        role,
        _number(summary.per_second, 1),
        _number(summary.p50_ms, 1),
        _number(summary.p99_ms, 1),
        _number(ratio, 2),
        _number(queries, 0),
        _number(summary.errors, 0),
    )


def engine_rows(runs) -> list[tuple]:
    """One row per operation of every `bench_engine` result (its JSON, as a dict)."""
    rows = []
    for run in runs:
        for op in run["operations"]:
            rows.append(
                (
                    str(run["scale"]),
                    op["operation"],
                    _number(op["seconds"], 3),
                    _number(op["queries"], 0),
                    _number(op["queries_per_committee"], 1),
                    _number(run["committees"], 0),
                    _number(run["open_occurrences"], 0),
                )
            )
    return rows


def text_table(headers, rows) -> str:
    """Columns padded to their widest cell, figures right-aligned."""
    cells = [tuple(str(c) for c in headers), *(tuple(str(c) for c in row) for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(
            cell.rjust(width) if header in NUMERIC else cell.ljust(width)
            for cell, width, header in zip(row, widths, headers, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def markdown_table(headers, rows) -> str:
    """A GitHub table; figures right-aligned, pipes in cells escaped."""
    align = ["---:" if header in NUMERIC else "---" for header in headers]

    def line(row):
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |"

    return "\n".join([line(headers), "| " + " | ".join(align) + " |", *map(line, rows)])
