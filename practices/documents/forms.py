"""The document form editors use, with the rule that a reviewed file keeps its bytes."""

from django.core.exceptions import ValidationError

from core.forms import DocumentForm

from .guards import practices_using


class PracticeDocumentForm(DocumentForm):
    """A document used by a practice parents reviewed keeps its file; its title and details can change."""

    def clean_file(self):
        uploaded = super().clean_file()
        if self.instance.pk and "file" in self.changed_data:
            practices = list(practices_using(self.instance))
            if practices:
                raise ValidationError(
                    "This file is part of %(titles)s, which parents reviewed, so its contents cannot "
                    "change here. Upload the new version as a new document and add it to a draft of "
                    "the practice: it goes to parent review with it.",
                    params={
                        "titles": ", ".join(f"“{page.title}”" for page in practices)
                    },
                )
        return uploaded
