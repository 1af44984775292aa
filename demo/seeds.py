"""Read the two seed texts (the about page and the Parent Partner Program) into sections."""

from django.core.management.base import CommandError

ABOUT_FILE = "about-bright-spots.txt"
PRACTICE_FILE = "practice-parent-partner-program.txt"

ABOUT_HEADINGS = [
    "Who runs Bright Spots?",
    "How did Bright Spots come to be?",
    "Ready to get started?",
]
FEEDBACK = "Parent review feedback summary"
INTERVENTION = "What is the intervention?"
WHY = "What makes it a Bright Spot?"
PRACTICE_HEADINGS = [
    FEEDBACK,
    INTERVENTION,
    WHY,
    "What steps can you take?",
    "Let us know any information to consider adding to this Bright Spots practice.",
    "Share this Bright Spot with a colleague",
    "Have an idea?",
]


def parse(path, headings):
    """Split a seed file into {heading: [("paragraph" | "bullet", text), ...]}."""
    if not path.is_file():
        raise CommandError(f"Seed file not found: {path}")
    sections = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text in headings:
            current = sections.setdefault(text, [])
        elif not text or current is None:
            continue
        elif text.startswith("•"):
            current.append(("bullet", text.removeprefix("•").strip()))
        else:
            current.append(("paragraph", text))
    missing = [heading for heading in headings if heading not in sections]
    if missing:
        raise CommandError(
            f"Seed file {path} is missing the heading(s): {', '.join(missing)}"
        )
    return sections


def texts(sections, heading, kind, path):
    found = [text for item_kind, text in sections[heading] if item_kind == kind]
    if not found:
        raise CommandError(f"Seed file {path} has no {kind}s under “{heading}”")
    return found


def load(seeds_dir):
    """Return (about sections, practice fields) parsed from the seeds directory."""
    if not seeds_dir.is_dir():
        raise CommandError(f"Seeds directory not found: {seeds_dir}")
    about_path = seeds_dir / ABOUT_FILE
    practice_path = seeds_dir / PRACTICE_FILE
    about = parse(about_path, ABOUT_HEADINGS)
    practice = parse(practice_path, PRACTICE_HEADINGS)
    beliefs = texts(about, ABOUT_HEADINGS[0], "bullet", about_path)
    if len(beliefs) != 3:
        raise CommandError(
            f"Seed file {about_path} should have 3 bullets under “{ABOUT_HEADINGS[0]}”, found {len(beliefs)}"
        )
    return about, {
        "beliefs": beliefs,
        "feedback": texts(practice, FEEDBACK, "bullet", practice_path),
        "intervention": texts(practice, INTERVENTION, "paragraph", practice_path),
        "why": texts(practice, WHY, "paragraph", practice_path),
    }
