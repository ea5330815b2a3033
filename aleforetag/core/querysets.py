"""A QuerySet that says when it writes rows without ``save()``.

Django sends no signal for ``update()``, ``bulk_create()`` or ``bulk_update()``; this QuerySet
sends ``rows_written`` (sender: the model, ``using``: the database) after each, so that a cache
of what those rows count can be dropped like after a save or a deletion."""

from django.db import models
from django.dispatch import Signal

rows_written = Signal()


class SignallingQuerySet(models.QuerySet):
    def update(self, **kwargs):
        count = super().update(**kwargs)
        rows_written.send(sender=self.model, using=self.db)
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        rows_written.send(sender=self.model, using=self.db)
        return created

    bulk_create.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        rows_written.send(sender=self.model, using=self.db)
        return count

    bulk_update.alters_data = True
