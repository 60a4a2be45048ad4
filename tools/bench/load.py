"""The load generator: ``connections`` clients each send one request after another for a fixed
time; every request's latency is recorded and every non-2xx answer or failed request counted
as an error. gunicorn's sync workers close the connection after each response, so each request
opens its own (as behind a proxy that does not keep connections to the upstream), and the
whole response is read until the server closes it.

Plain asyncio streams: no dependency, and one thread, so the generator takes as little of the
machine's CPU from the server as it can."""

import asyncio
import contextlib
import time
from collections.abc import Callable

from tools.bench.stats import Summary, summarize

Request = bytes
# A factory gives each request its own bytes (a complaint needs a fresh token every time).
RequestFactory = Callable[[], Request]


def http_request(
    method: str,
    path: str,
    *,
    host: str,
    headers: dict | None = None,
    body: bytes = b"",
) -> Request:
    """An HTTP/1.1 request that asks the server to close the connection after answering."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def status_of(response: bytes) -> int:
    """The status code of a raw response; 0 when there is no valid status line."""
    first = response.split(b"\r\n", 1)[0].split()
    if len(first) < 2 or not first[0].startswith(b"HTTP/") or not first[1].isdigit():
        return 0
    return int(first[1])


async def _send(address: tuple[str, int], request: Request, timeout: float) -> int:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(*address), timeout)
    try:
        writer.write(request)
        await writer.drain()
        response = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return status_of(response)


async def _client(address, factory, deadline, timeout, latencies, statuses):
    while time.perf_counter() < deadline:
        request = factory()
        start = time.perf_counter()
        try:
            status = await _send(address, request, timeout)
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            status = 0
        latencies.append(time.perf_counter() - start)
        statuses.append(status)


async def _load(address, factory, seconds, connections, timeout):
    latencies, statuses = [], []
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(
        *(
            _client(address, factory, deadline, timeout, latencies, statuses)
            for _ in range(connections)
        )
    )
    elapsed = time.perf_counter() - start
    return latencies, statuses, elapsed


def load(
    address: tuple[str, int],
    factory: RequestFactory,
    *,
    seconds: float,
    connections: int,
    timeout: float = 30.0,
) -> tuple[Summary, dict[int, int]]:
    """Load one request factory; returns its summary and how many answers had each status."""
    latencies, statuses, elapsed = asyncio.run(
        _load(address, factory, seconds, connections, timeout)
    )
    counts: dict[int, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    errors = sum(n for status, n in counts.items() if not 200 <= status < 300)
    return summarize(latencies, errors, elapsed), counts
