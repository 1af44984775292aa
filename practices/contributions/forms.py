"""The public forms in plain language (practice submissions and feedback), and the editors' triage form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import CheckedUploadMixin
from core.validators import current_year
from practices.choices import ContributionStatus
from practices.models.snippets import Topic

from .models import PracticeFeedback, PracticeSubmission
from .spam import HONEYPOT_FIELD, TOKEN_FIELD

MAX_LINKS = 5
TOO_LONG = "This is too long: keep it to %(limit_value)d characters or fewer (it has %(show_value)d)."


class TopicChoiceField(forms.ModelMultipleChoiceField):
    """More ticks than a person could make is refused before any is looked up (a post may carry 10,000)."""

    MAX_CHOICES = 100

    def clean(self, value):
        if value and len(value) > self.MAX_CHOICES:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().clean(value)


class ContributionForm(forms.ModelForm):
    """A public form with a honeypot, a signed start time and plain-language length limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The spam checks read these straight from the post (practices.contributions.spam.judge), never from cleaned_data.
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this box empty",
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        # Empty when the page is shown, so the page is the same for every reader and can be cached;
        # static/js/form-stamp.js fills it when the form is used (practices.contributions.endpoints).
        self.fields[TOKEN_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG


class PracticeSubmissionForm(CheckedUploadMixin, ContributionForm):
    """“Submit a Bright Spot”: who you are, the practice, and permission to contact you."""

    # The supporting file gets the document library's checks: types, size, contents that match the name.
    extensions_setting = "WAGTAILDOCS_EXTENSIONS"
    max_size_setting = "WAGTAILDOCS_MAX_UPLOAD_SIZE"

    consent_to_contact = forms.BooleanField(
        label="Alia may contact me about this practice",
        help_text="We will only use your details to ask about this practice.",
        error_messages={
            "required": "Tick the box to let us contact you. We cannot consider a practice without being able to ask you about it."
        },
    )
    topics = TopicChoiceField(
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics (optional)",
        help_text="Choose any that fit.",
        error_messages={"invalid_choice": "Choose topics from the list."},
    )
    file = forms.FileField(
        required=False,
        label="Supporting file (optional)",
        widget=forms.FileInput,
        max_length=200,
    )

    class Meta:
        model = PracticeSubmission
        fields = PracticeSubmission.form_fields
        labels = {
            "organisation": "Your organization (optional)",
            "role": "Your role (optional)",
            "state": "Your state (optional)",
            "description": "What is the practice?",
            "why_it_helps": "Why does it help keep families safely together? (optional)",
            "runs_it": "Who runs it? (optional)",
            "county": "City or county where it runs (optional)",
            "practice_state": "State where it runs (optional)",
            "year_started": "Year it started (optional)",
            "links": "Links (optional)",
            "heard_about": "How did you hear about Bright Spots? (optional)",
            "heard_about_detail": "Tell us more (optional)",
        }
        help_texts = {
            "role": "For example: caseworker, program director, parent advocate.",
            "description": "What happens, who it is for, and how it works, in a few sentences.",
            "runs_it": "The organization, and any agency it works with.",
            "year_started": "For example: 2019.",
            "links": f"Web pages about the practice, one on each line (up to {MAX_LINKS}).",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "why_it_helps": forms.Textarea(attrs={"rows": 4}),
            "year_started": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter your name."},
            "email": {
                "required": "Enter your email address.",
                "invalid": "Enter an email address like name@example.org.",
            },
            "practice_name": {"required": "Enter the name of the practice."},
            "description": {"required": "Tell us what the practice is."},
            "state": {"invalid_choice": "Choose a state from the list."},
            "practice_state": {"invalid_choice": "Choose a state from the list."},
            "heard_about": {"invalid_choice": "Choose an answer from the list."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("state", "practice_state", "heard_about"):
            self.fields[name].choices = [
                ("", "Choose one"),
                *self.fields[name].choices[1:],
            ]
        year = self.fields["year_started"]
        year.error_messages["invalid"] = "Enter a year as four digits, like 2019."
        year.error_messages["min_value"] = year.error_messages["max_value"] = (
            f"Enter a year between 1900 and {current_year()}."
        )
        self.fields["file"].help_text = (
            f"One file, up to {settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // (1024 * 1024)} MB: "
            "PDF, Word, Excel, PowerPoint, CSV or plain text."
        )
        self.fields["file"].error_messages.update(
            {
                "max_length": "The file name is too long: rename the file and choose it again.",
                "empty": "The file you chose is empty.",
                "invalid": "That was not a file. Choose the file again.",
            }
        )

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_LINKS:
            raise ValidationError(f"Enter at most {MAX_LINKS} links.")
        check = URLValidator(schemes=["http", "https"])
        links = []
        for line in lines:
            link = line if "://" in line else f"https://{line}"
            try:
                check(link)
            except ValidationError:
                raise ValidationError(
                    "“%(line)s” is not a web address. Put each link on its own line, like https://example.org.",
                    params={"line": line[:80]},
                ) from None
            links.append(link)
        stored = "\n".join(links)
        limit = PracticeSubmission._meta.get_field("links").max_length
        if len(stored) > limit:
            # "https://" is added to links typed without it, so what is stored can outgrow what was typed.
            raise ValidationError(
                f"These links are too long together: keep them to {limit:,} characters or fewer."
            )
        return stored


class PracticeFeedbackForm(ContributionForm):
    """“Let us know any information to consider adding”; name and email are optional."""

    class Meta:
        model = PracticeFeedback
        fields = ["message", "name", "email"]
        labels = {
            "message": "What should we consider adding or correcting?",
            "name": "Your name (optional)",
            "email": "Your email address (optional)",
        }
        help_texts = {
            "email": "Only if you are happy for us to contact you about your feedback.",
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "message": {"required": "Write what we should consider adding."},
            "email": {"invalid": "Enter an email address like name@example.org."},
        }


class ContributionTriageForm(WagtailAdminModelForm):
    """The editors' status and notes; the status moves only along the pipeline."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = ContributionStatus(self.instance.status)
        allowed = [current, *ContributionStatus.next_steps(current)]
        self.fields["status"].choices = [
            (status.value, status.label) for status in allowed
        ]
        self.fields[
            "status"
        ].help_text = "New → under consideration → accepted or declined."

    def clean_status(self):
        status = self.cleaned_data["status"]
        current = ContributionStatus(self.instance.status)
        if status != current and status not in ContributionStatus.next_steps(current):
            raise ValidationError(
                "“%(current)s” can move only to %(allowed)s.",
                params={
                    "current": current.label,
                    "allowed": " or ".join(
                        f"“{step.label}”"
                        for step in ContributionStatus.next_steps(current)
                    ),
                },
            )
        return status
