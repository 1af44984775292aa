"""The content model: the library, its practices and the labels that classify them; import them from here.

Each feature keeps its own models (practices/reviews, practices/contributions, practices/documents),
all under the ``practices`` app label.
"""

from .index import PracticeIndexPage
from .pages import PracticePage, PracticeResource
from .snippets import Organisation, Population, Topic

__all__ = [
    "Organisation",
    "Population",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeResource",
    "Topic",
]
