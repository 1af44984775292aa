from django.db import models


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
