"""What changed in a practice since its live version, in words parents can read without colour.

Written by hand with difflib: wagtail.admin.compare marks changes by colour only and is admin-only.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html import unescape

from django.utils.html import strip_tags

SAME, ADDED, REMOVED = "same", "added", "removed"
# Two paragraphs this alike are one paragraph edited (words marked); less alike, one replaced.
PAIR_CUTOFF = 0.5
BLOCK_END = re.compile(r"(</(p|h\d|li|blockquote)>|<(br|hr)\s*/?>)", re.IGNORECASE)


@dataclass
class Change:
    """One section of the practice that differs: its heading, and its paragraphs or items."""

    label: str
    # Each line is a paragraph or list item: [(kind, text), ...], kind one of same/added/removed.
    lines: list = field(default_factory=list)


def diff_words(before, after):
    """One paragraph edited: [(kind, text)] with runs of words kept, removed or added."""
    old, new = before.split(), after.split()
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            _append(segments, SAME, old[i1:i2])
            continue
        # A replaced run reads "removed …, added …", in that order.
        _append(segments, REMOVED, old[i1:i2])
        _append(segments, ADDED, new[j1:j2])
    return segments


def _append(segments, kind, words):
    if not words:
        return
    if segments and segments[-1][0] == kind:
        segments[-1] = (kind, f"{segments[-1][1]} {' '.join(words)}")
    else:
        segments.append((kind, " ".join(words)))


def _likeness(before, after):
    return SequenceMatcher(None, before.split(), after.split(), autojunk=False).ratio()


def diff_paragraphs(before, after):
    """Lines for two lists of paragraphs: kept, edited (words marked), or wholly removed/added."""
    lines = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend([(SAME, text)] for text in before[i1:i2])
        else:
            lines.extend(_pair_up(before[i1:i2], after[j1:j2]))
    return lines


def _pair_up(before, after):
    """Like difflib.Differ: the most alike pair is an edit; the paragraphs around it pair up in turn."""
    best, best_i, best_j = 0, None, None
    for i, old in enumerate(before):
        for j, new in enumerate(after):
            likeness = _likeness(old, new)
            if likeness >= PAIR_CUTOFF and likeness > best:
                best, best_i, best_j = likeness, i, j
    if best_i is None:
        return [[(REMOVED, text)] for text in before] + [
            [(ADDED, text)] for text in after
        ]
    return [
        *_pair_up(before[:best_i], after[:best_j]),
        diff_words(before[best_i], after[best_j]),
        *_pair_up(before[best_i + 1 :], after[best_j + 1 :]),
    ]


def diff_items(before, after):
    """Lines for two lists of names (topics, organizations): whole items kept, removed or added."""
    old, new = set(before), set(after)
    return [
        [
            (
                SAME
                if name in old and name in new
                else REMOVED
                if name in old
                else ADDED,
                name,
            )
        ]
        for name in sorted(old | new, key=str.casefold)
    ]


def diff_value(before, after):
    """A short value (a place, a year): the old one removed, the new one added, never split."""
    line = [(kind, text) for kind, text in ((REMOVED, before), (ADDED, after)) if text]
    return [line] if line else []


def paragraphs(html):
    """Rich text as plain paragraphs: one per paragraph, list item or heading, no tags."""
    text = unescape(strip_tags(BLOCK_END.sub(r"\1\n", html or "")))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _sentence(*parts):
    """Join parts as sentences, adding a full stop where a part has no closing punctuation."""
    parts = [part.strip() for part in parts if part and part.strip()]
    return " ".join(
        part if index == len(parts) - 1 or part[-1] in ".?!:;" else part + "."
        for index, part in enumerate(parts)
    )


def _steps(page):
    return [
        _sentence(
            block.value["title"],
            " ".join(paragraphs(getattr(block.value["detail"], "source", ""))),
        )
        for block in page.steps
        if block.block_type == "step"
    ]


def _resources(page):
    return [
        _sentence(
            resource.title,
            resource.description,
            f"(file: {resource.document.filename})" if resource.document_id else "",
        )
        for resource in page.resources.all()
    ]


def _names(relation):
    # Sorted, so that the same names in another order are no change.
    return sorted({str(item) for item in relation.all()}, key=str.casefold)


def _year(page):
    return str(page.year_started) if page.year_started else ""


# In the order of the public practice page (templates/practices/practice_page.html): header,
# "At a glance", then the sections; each label is that page's own heading for it.
SECTIONS = [
    ("Title", lambda page: [page.title], diff_paragraphs),
    ("Summary", lambda page: [page.summary] if page.summary else [], diff_paragraphs),
    ("Run by", lambda page: _names(page.organisations), diff_items),
    ("Partner agencies", lambda page: _names(page.partner_agencies), diff_items),
    ("Location", lambda page: page.location, diff_value),
    ("Started", _year, diff_value),
    ("Topics", lambda page: _names(page.topics), diff_items),
    ("Who it serves", lambda page: _names(page.populations), diff_items),
    (
        "What is the intervention?",
        lambda page: paragraphs(page.intervention),
        diff_paragraphs,
    ),
    (
        "What makes it a Bright Spot?",
        lambda page: paragraphs(page.why_bright_spot),
        diff_paragraphs,
    ),
    ("What steps can you take?", _steps, diff_paragraphs),
    ("Downloadable resources", _resources, diff_paragraphs),
]


def changes_between(before, after):
    """The sections parents review that differ between two versions of a practice, in page order."""
    changes = []
    for label, read, diff in SECTIONS:
        old, new = read(before), read(after)
        if old != new:
            changes.append(Change(label, diff(old, new)))
    return changes
