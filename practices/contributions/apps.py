from django.apps import AppConfig
from django.db.models.signals import post_delete


class ContributionsConfig(AppConfig):
    """Contributions from the public: practice submissions and feedback, their forms, triage and deletion."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices.contributions"
    label = "practice_contributions"
    verbose_name = "Contributions"

    def ready(self):
        from .models import PracticeSubmission
        from .signals import delete_submission_file

        post_delete.connect(
            delete_submission_file,
            sender=PracticeSubmission,
            dispatch_uid="delete_submission_file",
        )
