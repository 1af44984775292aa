"""The Wagtail admin as a whole: its Help menu keeps only what helps Bright Spots editors."""

from wagtail import hooks

# Wagtail's Help menu links to its own release notes and editor guide on guide.wagtail.org; our
# editors and parent reviewers work in Bright Spots, so only the keyboard shortcuts stay.
WAGTAIL_HELP_LINKS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def keep_only_our_help(request, menu_items):
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_LINKS)
    ]
