"""Bulk writing for the benchmark data set: rows go in with ``bulk_create`` in batches, each
model's history rows are written in bulk beside them (dated as each row says), and a progress bar
counts what has been written."""

import datetime
from collections import Counter

from django.utils import timezone
from tqdm import tqdm

BATCH = 2000


def history_manager(model):
    """The model's history manager, or None for a model that keeps no history."""
    return getattr(model, "history", None) if hasattr(model, "history") else None


class Writer:
    """Writes rows in batches and counts them per model (history rows under their own name)."""

    def __init__(self, *, quiet: bool = False, batch: int = BATCH):
        self.counts: Counter = Counter()
        self.batch = batch
        self.bar = tqdm(desc="seed_bench", unit=" rows", disable=quiet, leave=False)

    def close(self) -> None:
        self.bar.close()

    def create(self, model, rows: list, *, history: bool = True) -> list:
        """Insert ``rows`` and, when the model keeps history, one creation row for each, dated by
        the row's ``_history_date`` (the day it would have been recorded)."""
        label = model._meta.label
        self.bar.set_description(label)
        manager = history_manager(model) if history else None
        for start in range(0, len(rows), self.batch):
            chunk = rows[start : start + self.batch]
            model.objects.bulk_create(chunk, batch_size=self.batch)
            if manager is not None:
                manager.bulk_history_create(chunk, batch_size=self.batch)
                self.counts[f"{label} (history)"] += len(chunk)
            self.counts[label] += len(chunk)
            self.bar.update(len(chunk) * (2 if manager is not None else 1))
        return rows

    def edits(self, model, rows: list, when: list[datetime.datetime]) -> None:
        """History rows for later edits of rows already written: one change row per (row, time).
        The rows' stored values are what every edit left (the edits were corrections of wording)."""
        manager = history_manager(model)
        if manager is None or not rows:
            return
        changed = []
        for row, at in zip(rows, when, strict=True):
            row._history_date = at
            changed.append(row)
        for start in range(0, len(changed), self.batch):
            chunk = changed[start : start + self.batch]
            manager.bulk_history_create(chunk, batch_size=self.batch, update=True)
            self.counts[f"{model._meta.label} (history)"] += len(chunk)
            self.bar.update(len(chunk))


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """An aware moment on ``day`` in the company's zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
