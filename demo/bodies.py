"""StreamField and rich-text bodies of the demo's home, about, our-process and submit pages."""

from django.utils.html import escape

from . import content, seeds


def paragraph(text):
    return {"type": "paragraph", "value": rich_text([text])}


def html_list(tag, items):
    rows = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<{tag}>{rows}</{tag}>"


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def call_to_action(heading_text, link_text, page, text=""):
    value = {
        "heading": heading_text,
        "text": text,
        "link_page": page.pk,
        "link_url": "",
        "link_text": link_text,
    }
    return {"type": "call_to_action", "value": value}


def rich_text(paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def about_body(about, library):
    """The about page from its seed text: headings, paragraphs, bullet lists."""
    body = []
    for section in seeds.ABOUT_HEADINGS:
        body.append(heading(section))
        bullets = []
        for kind, text in about[section]:
            if kind == "bullet":
                bullets.append(text)
                continue
            if bullets:
                body.append({"type": "paragraph", "value": html_list("ul", bullets)})
                bullets = []
            body.append(paragraph(text))
        if bullets:
            body.append({"type": "paragraph", "value": html_list("ul", bullets)})
    body.append(call_to_action("Find a practice", "Search the library", library))
    return body


def our_process_body(library):
    """The our-process page: how parents review practices."""
    body = []
    for kind, value in content.OUR_PROCESS_BODY:
        if kind == "heading":
            body.append(heading(value))
        elif kind == "paragraph":
            body.append(paragraph(value))
        else:
            body.append({"type": "paragraph", "value": html_list("ol", value)})
    body.append(
        call_to_action("See what parents recommend", "Search the library", library)
    )
    return body


def submit_guidance():
    """What to include and what happens next, beside the submission form."""
    return (
        "<h2>What to include</h2>"
        + html_list("ul", content.SUBMIT_WHAT_TO_INCLUDE)
        + "<h2>What happens next</h2>"
        + rich_text([content.SUBMIT_NEXT])
    )
