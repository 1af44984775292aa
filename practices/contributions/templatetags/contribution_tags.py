"""The feedback form on every practice page, so the page model never imports the form."""

from django import template

from ..forms import PracticeFeedbackForm

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_form(context):
    """The form the feedback view sent back with its problems, or an empty one."""
    form = context.get("feedback_form")
    return PracticeFeedbackForm() if form is None else form
