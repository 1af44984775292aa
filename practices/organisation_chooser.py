"""A practice's organisation fields in the admin: only the chosen organisations, and a box to add others.

Checkbox lists of every organisation made the edit view grow with them (1,054 checkboxes at 517);
this form renders the few a practice names, and finds the others as the editor types
(static/js/organisation-chooser.js, over practices.admin_views.organisation_search). Without
JavaScript the typed names are matched here when the form is saved.
"""

# Why our own: wagtail-autocomplete has no no-JS path (its field posts nothing, clearing the organisations) and lets any admin user search any model; MultipleChooserPanel needs an orderable through-model (a data migration, new API, filter, index and review-diff shapes).

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from wagtail.admin.panels import FieldPanel

# Several names typed in the box are separated by semicolons: organisation names often hold commas.
SEPARATORS = re.compile(r"[;\n]")
MAX_TYPED_NAMES = 20
MAX_TYPED_LENGTH = 2000
SHOWN_MATCHES = 5


class ChosenOrganisations(list):
    """The ids of the ticked organisations, the names typed beside them, and the organisations if loaded."""

    def __init__(self, ids=(), typed="", objects=None):
        super().__init__(ids)
        self.typed = typed
        self.objects = objects


class OrganisationChooser(forms.Widget):
    """Ticked checkboxes for the chosen organisations, then a text box to add more by name."""

    template_name = "practices/widgets/organisation_chooser.html"

    class Media:
        js = ["js/organisation-chooser.js"]
        css = {"all": ["css/organisation-chooser.css"]}

    @staticmethod
    def typed_name(name):
        return f"{name}_add"

    def id_for_label(self, id_):
        # The field's label names the text box; the chosen ones are a group labelled by it too.
        return id_

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        if isinstance(ids, (str, int)):
            ids = [ids]
        return ChosenOrganisations(ids, data.get(self.typed_name(name)) or "")

    def value_omitted_from_data(self, data, files, name):
        # As with checkboxes: unticking every one sends nothing, and means none.
        return False

    def format_value(self, value):
        if isinstance(value, ChosenOrganisations):
            return value
        return ChosenOrganisations(value or [])

    def chosen(self, value):
        if value.objects is not None:
            organisations = value.objects
        else:
            ids = [str(pk) for pk in value if str(pk).isdigit()]
            queryset = self.choices.queryset
            organisations = list(queryset.filter(pk__in=ids)) if ids else []
        return sorted(organisations, key=lambda organisation: organisation.name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        input_id = widget["attrs"].get("id") or f"id_{name}"
        widget["attrs"]["id"] = input_id
        described_by = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{described_by} {input_id}-hint".strip()
        widget.update(
            chosen=self.chosen(widget["value"]),
            typed=widget["value"].typed,
            typed_name=self.typed_name(name),
            max_length=MAX_TYPED_LENGTH,
            search_url=reverse("practices_organisation_search"),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates folder, which Django's default form renderer does not search.
        return mark_safe(  # noqa: S308 - a template, escaped as it renders
            render_to_string(self.template_name, self.get_context(name, value, attrs))
        )


class OrganisationsField(forms.ModelMultipleChoiceField):
    """The ticked organisations plus each typed name, which must name exactly one organisation."""

    widget = OrganisationChooser

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        if isinstance(value, ChosenOrganisations):
            return ChosenOrganisations(prepared, value.typed)
        if isinstance(prepared, list) and all(hasattr(v, "_meta") for v in value):
            # The form's initial organisations: already fetched, the widget needs no query of its own.
            return ChosenOrganisations(prepared, objects=list(value))
        return prepared

    def has_changed(self, initial, data):
        return bool(getattr(data, "typed", "").strip()) or super().has_changed(
            initial, data
        )

    def clean(self, value):
        ids = [str(pk) for pk in value or []]
        ids += [str(organisation.pk) for organisation in self.named(value)]
        return super().clean(list(dict.fromkeys(ids)))

    def named(self, value):
        typed = getattr(value, "typed", "")
        if "\x00" in typed or len(typed) > MAX_TYPED_LENGTH:
            raise ValidationError(
                f"Type at most {MAX_TYPED_LENGTH} characters of names, in plain text."
            )
        names = [name.strip() for name in SEPARATORS.split(typed) if name.strip()]
        if len(names) > MAX_TYPED_NAMES:
            raise ValidationError(
                f"Add at most {MAX_TYPED_NAMES} organizations at a time, then save."
            )
        found, problems = [], []
        for name in names:
            exact = self.queryset.filter(name__iexact=name).first()
            if exact is not None:
                found.append(exact)
                continue
            matches = list(
                self.queryset.filter(name__icontains=name).order_by("name")[
                    : SHOWN_MATCHES + 1
                ]
            )
            if len(matches) == 1:
                found.append(matches[0])
            elif not matches:
                problems.append(
                    f"No organization’s name contains “{name}”. Check the spelling, or add "
                    "the organization under Library labels › Organisations first."
                )
            else:
                shown = ", ".join(match.name for match in matches[:SHOWN_MATCHES])
                more = "…" if len(matches) > SHOWN_MATCHES else ""
                problems.append(
                    f"“{name}” is part of several organizations’ names ({shown}{more}). "
                    "Type more of the name."
                )
        if problems:
            raise ValidationError(problems)
        return found


class OrganisationChooserPanel(FieldPanel):
    """A FieldPanel for a many-to-many to Organisation that renders only the organisations chosen."""

    def get_form_options(self):
        options = super().get_form_options()
        options["widgets"] = {self.field_name: OrganisationChooser}
        options["field_classes"] = {self.field_name: OrganisationsField}
        return options
