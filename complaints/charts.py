"""Charts drawn on the server as SVG: no script, no third-party library, no CDN, and no style
attribute (the Content-Security-Policy allows none); colours are presentation attributes.
Each chart has a title and a description for screen readers, and the page shows the same
numbers as a table."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe palette (Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#999999")
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 96


def _label(x: float, y: float, label: str) -> str:
    """A label under a bar, in two lines ("Jan–Mar" over "2026") so that eight fit."""
    first, _, second = label.rpartition(" ")
    lines = [first, second] if first else [second]
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 12}">{escape(text)}</tspan>'
        for i, text in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y}" text-anchor="middle" font-size="10" '
        f'fill="#212529">{spans}</text>'
    )


def _legend(names: list[str]) -> list[str]:
    parts = []
    column = (WIDTH - LEFT - RIGHT) / 2
    for index, name in enumerate(names):
        x = LEFT + column * (index % 2)
        y = HEIGHT - 50 + 14 * (index // 2)
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 9}" width="10" height="10" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{x + 14:.1f}" y="{y}" font-size="10" fill="#212529">{escape(name)}</text>'
        )
    return parts


def _axis(maximum: float, plot_h: int) -> list[str]:
    parts = []
    steps = 4
    for i in range(steps + 1):
        value = maximum * i / steps
        y = TOP + plot_h - plot_h * i / steps
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#495057">{value:g}</text>'
        )
    return parts


def stacked_bars(
    title: str, labels: list[str], series: list[tuple[str, list[float]]]
) -> SafeString:
    """Bars per label (a quarter), stacked by series (a category), with a legend below."""
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    maximum = max([*totals, 1])
    maximum = max(4, -(-maximum // 4) * 4)  # a round top, divisible into four steps
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    bar = slot * 0.6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart" aria-labelledby="chart-title"><title id="chart-title">{escape(title)}'
        "</title>",
        *_axis(maximum, plot_h),
    ]
    for i, label in enumerate(labels):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for index, (name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            h = plot_h * value / maximum
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(label)}: '
                f"{escape(name)} {value:g}</title></rect>"
            )
        parts.append(_label(x + bar / 2, TOP + plot_h + 16, label))
    parts += _legend([name for name, _values in series])
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def grouped_bars(title: str, labels: list[str], series: list[tuple[str, list]]) -> SafeString:
    """Side-by-side bars per label (median days to acknowledge and to close); None is no bar."""
    values = [v for _, vs in series for v in vs if v is not None]
    maximum = max([*values, 1])
    maximum = max(4, -(-maximum // 4) * 4)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    bar = slot * 0.7 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="chart"><title>{escape(title)}</title>',
        *_axis(maximum, plot_h),
    ]
    for i, label in enumerate(labels):
        x0 = LEFT + slot * i + slot * 0.15
        for index, (name, vs) in enumerate(series):
            value = vs[i]
            if value is None:
                continue
            h = plot_h * value / maximum
            parts.append(
                f'<rect x="{x0 + bar * index:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[index]}"><title>{escape(label)}: '
                f"{escape(name)} {value:g} days</title></rect>"
            )
        parts.append(_label(LEFT + slot * i + slot / 2, TOP + plot_h + 16, label))
    parts += _legend([name for name, _vs in series])
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
