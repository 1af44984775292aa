"""The parent review form, in plain language."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import ParentReview

ANSWER_HELP = "Write as much or as little as you like, in your own words."


class ParentReviewForm(forms.ModelForm):
    """One parent's answers; the round, practice, revision and reviewer are set by the view, never posted."""

    class Meta:
        model = ParentReview
        fields = [
            "reviewer_organisation",
            "keeps_families_together",
            "impact_on_field",
            "negative_consequences",
            "conditions",
            "recommendation",
            "comments",
        ]
        widgets = {
            "keeps_families_together": forms.Textarea(attrs={"rows": 5}),
            "impact_on_field": forms.Textarea(attrs={"rows": 5}),
            "negative_consequences": forms.Textarea(attrs={"rows": 5}),
            "conditions": forms.Textarea(attrs={"rows": 5}),
            "recommendation": forms.RadioSelect,
            "comments": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "keeps_families_together": "Could this help children stay safely with their families, or go home sooner? "
            + ANSWER_HELP,
            "impact_on_field": "Think about parents, children and caseworkers. "
            + ANSWER_HELP,
            "negative_consequences": "Is there any way this could go wrong for parents or children? "
            + ANSWER_HELP,
            "conditions": "Optional. What would need to be true for this to be fair and to work well?",
            "recommendation": "Choose one.",
            "comments": "Optional.",
        }
        error_messages = {
            "keeps_families_together": {"required": "Please answer this question."},
            "impact_on_field": {"required": "Please answer this question."},
            "negative_consequences": {"required": "Please answer this question."},
            "recommendation": {
                "required": "Please choose whether you recommend this practice."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's limit_choices_to keeps the list to parent-led organizations.
        organisation = self.fields["reviewer_organisation"]
        organisation.required = True
        organisation.label = "Which parent organization are you reviewing with?"
        organisation.empty_label = "Choose your organization"
        organisation.error_messages["required"] = "Please choose your organization."
        self.fields["recommendation"].choices = [
            choice for choice in self.fields["recommendation"].choices if choice[0]
        ]


class SignInForm(AuthenticationForm):
    """Django's sign-in, in the words of the review space."""

    error_messages = {
        "invalid_login": "That username and password do not match. Check them and try again, "
        "or choose “Forgot your password?” below.",
        "inactive": "This account is switched off. Please write to Alia's team.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "username"
        ].help_text = "It is in the email that asked you to review."
        self.fields["username"].error_messages["required"] = (
            "Please enter your username."
        )
        self.fields["password"].error_messages["required"] = (
            "Please enter your password."
        )
