"""StreamField blocks for the home page and standard pages."""

from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline valid."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Subsection (H3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to the next thing a reader can do."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=300)
    link_page = blocks.PageChooserBlock(
        required=False, help_text="Link to a page on this site…"
    )
    link_url = blocks.URLBlock(required=False, help_text="…or to another website.")
    link_text = blocks.CharBlock(
        max_length=60, help_text="Say where it goes, e.g. “Search the library”."
    )

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("link_page") and not value.get("link_url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "link_page": blocks.ValidationError(
                        "Choose a page or enter a web address."
                    )
                }
            )
        return value


class StandardStoryBlock(blocks.StreamBlock):
    """The body of a standard page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    call_to_action = CallToActionBlock()
