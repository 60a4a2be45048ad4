"""Latency statistics of one load: pure functions of the recorded samples."""

import math
from dataclasses import dataclass


def percentile(samples, fraction: float) -> float:
    """The ``fraction`` (0 to 1) percentile of ``samples`` by linear interpolation between the
    two nearest ranks (as numpy's default does); 0.0 for no samples."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction!r}")
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    """One page's load: requests answered, errors (non-2xx or failed), throughput and latency."""

    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def summarize(latencies, errors: int, seconds: float) -> Summary:
    """``latencies`` in seconds, one per request (errors included: they took time too)."""
    return Summary(
        requests=len(latencies),
        errors=errors,
        seconds=seconds,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
    )
