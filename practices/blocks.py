"""StreamField blocks for practice pages."""

from wagtail import blocks


class StepBlock(blocks.StructBlock):
    """One actionable step an agency can take, in order."""

    title = blocks.CharBlock(
        max_length=200,
        help_text="Start with a verb, e.g. “Meet with a parent-led organization near you”.",
    )
    detail = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Optional: one or two sentences on how to do it.",
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/step_block.html"
        label = "Step"


class FeedbackSummaryBlock(blocks.StreamBlock):
    """The parent review feedback summary: a few short bullets written by Alia."""

    point = blocks.TextBlock(
        max_length=600,
        label="Bullet",
        help_text="One short sentence or two: the verdict, a concern, or a condition parents named.",
    )


class StepsBlock(blocks.StreamBlock):
    """The ordered steps of a practice."""

    step = StepBlock()
