"""The GET parameters of /library/: search words, filters and the order, checked like any form."""

from django import forms

from core.search import MAX_QUERY_LENGTH
from practices.choices import ReviewOutcome, USState

SORTS = {
    "relevance": "Best match",
    "newest": "Newest reviewed",
    "title": "Title, A to Z",
}
ORDERINGS = {"newest": ("-review_date", "title", "id"), "title": ("title", "id")}


class LibraryForm(forms.Form):
    """The GET parameters of /library/; a shared link is just these."""

    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        label="Search practices",
        error_messages={
            "max_length": "Please use fewer words: a search can be at most %(limit_value)d characters."
        },
    )
    topic = forms.MultipleChoiceField(required=False, label="Topic")
    state = forms.MultipleChoiceField(
        required=False, label="State", choices=USState.choices
    )
    population = forms.MultipleChoiceField(required=False, label="Families served")
    outcome = forms.MultipleChoiceField(
        required=False, label="Parent review", choices=ReviewOutcome.choices
    )
    organisation = forms.TypedMultipleChoiceField(
        required=False, label="Organization", coerce=int
    )
    sort = forms.ChoiceField(
        required=False, label="Sort by", choices=[("", "Usual order"), *SORTS.items()]
    )

    def __init__(self, data, *, topics, populations, organisation_ids):
        super().__init__(data)
        self.fields["topic"].choices = [(t.slug, t.name) for t in topics]
        self.fields["population"].choices = [(p.slug, p.name) for p in populations]
        self.fields["organisation"].choices = [
            (str(pk), str(pk)) for pk in organisation_ids
        ]
        for name, noun in [
            ("topic", "topic"),
            ("state", "state"),
            ("population", "group of families"),
            ("outcome", "review outcome"),
            ("organisation", "organization"),
            ("sort", "way to sort"),
        ]:
            self.fields[name].error_messages["invalid_choice"] = (
                f"We have no {noun} “%(value)s”. It may have been renamed or removed; "
                "choose from the list instead."
            )

    def value(self, name):
        """The valid part of the input: a bad topic in a shared link does not lose the rest."""
        self.is_valid()
        if name in self.cleaned_data:
            return self.cleaned_data[name]
        return self.fields[name].to_python(None)
