"""Admin listing views shared by the records Alia exports (parent reviews, later contributions)."""

from wagtail_modeladmin.views import IndexView

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SafeExportIndexView(IndexView):
    """Exports CSV with text that could start a formula escaped; Wagtail already does this for XLSX."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value.startswith(FORMULA_TRIGGERS)
        ):
            return "'" + value
        return value
