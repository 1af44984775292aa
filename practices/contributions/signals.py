"""A submission's file goes when the submission goes."""

from django.db import transaction


def delete_submission_file(sender, instance, **kwargs):
    """However a submission is deleted (admin, erase, purge), its file goes too, once the delete is committed."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        # After commit: a rolled-back delete must not lose the file.
        transaction.on_commit(lambda: storage.delete(name))
