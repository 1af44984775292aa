"""Admin forms of the content model."""

from wagtail.admin.forms.pages import CopyForm


class PracticeCopyForm(CopyForm):
    """A copy of a practice is a draft for parent review: no "publish copy" and no live alias."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.page.get_parent()
        if not parent.permissions_for_user(self.user).can_publish_subpage():
            self.fields.pop("publish_copies", None)
            # An alias is live whenever its original is, under a page no parent reviewed.
            self.fields.pop("alias", None)
