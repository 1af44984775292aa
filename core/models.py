from django.db import models
from django.utils import timezone


class StorageOrphan(models.Model):
    """A stored object that should have been deleted but could not be; reconcile_storage cleans it up."""

    name = models.CharField(max_length=1024, unique=True)
    reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self):
        return self.name

    @classmethod
    def record(cls, name, reason=""):
        orphan, _ = cls.objects.update_or_create(
            name=name, defaults={"reason": str(reason)[:2000]}
        )
        return orphan


class ContentChange(models.Model):
    """When published content last changed: the API's Last-Modified, shared by every web process."""

    changed_at = models.DateTimeField()

    def __str__(self):
        return f"Content changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def record(cls):
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(changed_at=now):
            cls.objects.get_or_create(pk=1, defaults={"changed_at": now})

    @classmethod
    def last(cls):
        row = cls.objects.filter(pk=1).values_list("changed_at", flat=True).first()
        if row is None:
            # No change recorded since installation: say "now", which never yields a stale 304.
            cls.record()
            return cls.last()
        return row
