"""What a search should find, worked out in plain Python over the same text the index holds."""

from practices.models import PracticePage


def indexed_text(page):
    """Every text a practice is searchable by: title, summary, sections and metadata."""
    parts = [page.title, page.summary, page.intervention, page.why_bright_spot]
    parts += [str(block.value) for block in page.feedback_summary]
    parts += [f"{s.value['title']} {s.value['detail'].source}" for s in page.steps]
    parts.append(page.location)
    for relation in ("topics", "populations", "organisations", "partner_agencies"):
        parts += [item.name for item in getattr(page, relation).all()]
    return " ".join(parts).lower()


def mentioning(word, pages=None):
    """Titles of the live practices whose text contains the word, sorted."""
    pages = PracticePage.objects.live() if pages is None else pages
    return sorted(page.title for page in pages if word in indexed_text(page))
