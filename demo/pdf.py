"""Small, valid PDF resources for the demo site, generated rather than shipped as binaries."""

from fpdf import FPDF

DEMO_NOTICE = "Demo resource generated for the Bright Spots demo site."

# The core PDF fonts cover Latin-1 only, so typographic punctuation becomes its plain form.
PLAIN_PUNCTUATION = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "•": "-",
        "\u00a0": " ",
    }
)


def latin1(text):
    return (
        text.translate(PLAIN_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")
    )


def make_pdf(practice_title, resource_title, lines):
    """Return the bytes of a one-page PDF naming the practice and resource, then the given lines."""
    pdf = FPDF(format="Letter")
    pdf.set_title(latin1(resource_title))
    pdf.set_author("Bright Spots demo")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Bright Spots", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, latin1(resource_title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(
        0, 7, latin1(f"Practice: {practice_title}"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(2)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 6, DEMO_NOTICE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, latin1(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
