"""Pages the page cache's tests build."""

from home.models import StandardPage


def about_page_linking_to(home_page, document):
    """An unpublished "About" page whose text links to the document (a change to it must purge it)."""
    about = StandardPage(
        title="About Bright Spots",
        slug="about",
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="document" id="{document.pk}">Our annual report</a></p>',
            }
        ],
    )
    home_page.add_child(instance=about)
    return about
