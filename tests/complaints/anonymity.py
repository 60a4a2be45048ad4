"""Where a reporter's traces could hide: every table, the cache and the captured logs."""

from django.core.cache import cache
from django.db import connection


def database_dump() -> str:
    """Every row of every table, as text (the test database, whichever engine)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                parts.append(" ".join(_text(value) for value in row))
    return "\n".join(parts)


def _text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return str(value)


def cache_dump() -> str:
    """Every key and value in the default cache (local memory or Redis)."""
    backend = cache._cache if hasattr(cache, "_cache") else None
    if isinstance(backend, dict):  # LocMemCache
        return "\n".join(f"{key} {bytes(value)!r}" for key, value in backend.items())
    client = cache._cache.get_client()
    return "\n".join(f"{key!r} {client.get(key)!r}" for key in client.keys("*"))


def files_dump(root) -> bytes:
    return b"\n".join(path.read_bytes() for path in root.rglob("*") if path.is_file())
