"""modeladmin views shared by the listings of parents' reviews and of contributions from the public."""

from django.contrib.admin.utils import label_for_field, lookup_field
from django.utils.encoding import force_str
from django.utils.text import capfirst

from wagtail_modeladmin.views import HistoryView, IndexView

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SafeExportIndexView(IndexView):
    """Exports CSV with text that could start a formula escaped; Wagtail already does this for XLSX."""

    def get_heading(self, queryset, field):
        # modeladmin title-cases labels ("Name Of The Practice"); the admin's own sentence case reads better.
        return capfirst(
            force_str(
                label_for_field(field, model=self.model, model_admin=self.model_admin)
            )
        )

    def to_row_dict(self, item):
        # Blank stays blank: modeladmin fills the listing's "-", which a spreadsheet reads as data.
        return {
            field: lookup_field(field, item, self.model_admin)[2]
            for field in self.list_export
        }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value.startswith(FORMULA_TRIGGERS)
        ):
            return "'" + value
        return value


class GuardedHistoryView(HistoryView):
    """modeladmin lets any admin user open a record's history; only those who may see the records may."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_has_any_permissions(user)
