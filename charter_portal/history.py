"""History that records changes, not saves (security target 13)."""

from simple_history.models import HistoricalRecords


class ChangedOnlyHistory(HistoricalRecords):
    """Historical records that skip saves changing none of the recorded fields."""

    def post_save(self, instance, created, using=None, **kwargs):
        if not created and not self._changed(instance):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _changed(self, instance) -> bool:
        last = getattr(instance, self.manager_name).order_by("-history_date", "-pk").first()
        if last is None:
            return True
        return any(
            getattr(last, field.attname) != getattr(instance, field.attname)
            for field in self.fields_included(instance)
        )
