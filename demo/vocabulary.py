"""The words seeded practices are made of: a Zipf vocabulary of real and invented words, names and states."""

import itertools
import random
from bisect import bisect_right
from functools import cache

from practices.choices import USState

ZIPF_EXPONENT = 1.1
VOCABULARY_SIZE = 4000

# The most frequent words: real child-welfare terms, each its own stem under PostgreSQL's English
# stemmer and none an English stop word (tests/demo/test_seed_practices.py checks both).
# A paragraph of words reads better than 190 quoted items.
DOMAIN_WORDS = (  # noqa: SIM905
    "family parent child welfare support community safety kinship foster caregiver agency "
    "court program practice service home youth advocate peer mentor housing trauma prevention "
    "reunification caseworker visit placement school health referral partner county team "
    "network meeting plan resource training outreach trust voice respect dignity strength "
    "stability poverty income food transport childcare therapy recovery treatment substance "
    "domestic violence neighborhood leader staff judge attorney hearing testimony permanency "
    "adoption guardian relative grandparent sibling infant toddler teen mother father baby "
    "pregnancy doula nurse clinic hospital pediatric wellbeing resilience culture tribe language "
    "immigrant rural urban equity racism bias accountability transparency funding grant budget "
    "contract policy law reform investigation hotline report allegation neglect abuse removal "
    "custody circle conference mediation coaching workshop class curriculum group session "
    "survey data outcome evaluation pilot model fidelity flexible warm calm welcoming honest "
    "direct early urgent crisis emergency respite shelter rent deposit utility benefit cash "
    "voucher job employment skill literacy tutoring sport art music garden meal pantry laundry "
    "phone ride bus van office library church faith elder healer storyteller navigator liaison "
    "specialist coordinator supervisor director board council commission survivor alumni "
    "apprentice volunteer fellowship stipend wage hope healing joy belonging connection dialogue "
    "listening consent"
).split()

_ONSETS = "b d f g h j k m n p r t v z br dr gr kr pl st tr".split()  # noqa: SIM905
_VOWELS = "aeiou"
# A final vowel other than "e" plus one of these consonants is no English suffix the stemmer
# strips ("-ed", "-s", "-er", "-al", "-ic", "-ent"...), so every pseudo-word is its own stem.
_LAST_VOWELS = "aiou"
_CODAS = "bdgkmptxz"


def _pseudo_words(count, taken):
    """Deterministic made-up words such as "bakot" or "trimodup", independent of any seed."""
    rng = random.Random("bright-spots-vocabulary")  # noqa: S311 - test data, not security

    def pick(options):
        # Only random() is guaranteed to repeat across Python versions, so pick with it alone.
        return options[int(rng.random() * len(options))]

    words = []
    seen = set(taken)
    while len(words) < count:
        syllables = 2 if rng.random() < 0.6 else 3
        word = "".join(pick(_ONSETS) + pick(_VOWELS) for _ in range(syllables - 1))
        word += pick(_ONSETS) + pick(_LAST_VOWELS) + pick(_CODAS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


VOCABULARY = tuple(
    DOMAIN_WORDS + _pseudo_words(VOCABULARY_SIZE - len(DOMAIN_WORDS), DOMAIN_WORDS)
)

# Benchmark query bands, by 1-based rank. A practice has about 400 words, so a "common" word is
# in 91–100% of practices, a "medium" one in 12–34%, a "rare" one in 0.7–1% (7 to 10 practices
# per thousand; a little more where it also names a seeded organisation or county).
QUERY_BANDS = {
    "common": range(1, 21),
    "medium": range(101, 301),
    "rare": range(3001, VOCABULARY_SIZE + 1),
}


@cache
def _zipf_cum_weights(size, exponent=ZIPF_EXPONENT):
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, size + 1)))


def words_by_frequency():
    """Every vocabulary word as (rank, word, probability), most frequent first."""
    cum_weights = _zipf_cum_weights(len(VOCABULARY))
    total = cum_weights[-1]
    return [
        (rank, word, 1 / rank**ZIPF_EXPONENT / total)
        for rank, word in enumerate(VOCABULARY, start=1)
    ]


def sample_query_words(kind, k=5, seed=0):
    """``k`` distinct words from a band of QUERY_BANDS ("common", "medium" or "rare"), repeatably."""
    band = [VOCABULARY[rank - 1] for rank in QUERY_BANDS[kind]]
    return random.Random(f"query:{kind}:{seed}").sample(band, k)  # noqa: S311


def zipf_words(rng, k):
    return rng.choices(VOCABULARY, cum_weights=_zipf_cum_weights(len(VOCABULARY)), k=k)


def distinct_zipf_words(rng, k):
    words = []
    while len(words) < k:
        word = zipf_words(rng, 1)[0]
        if word not in words:
            words.append(word)
    return words


def zipf_pick(rng, items):
    return items[
        bisect_right(
            _zipf_cum_weights(len(items)),
            rng.random() * _zipf_cum_weights(len(items))[-1],
        )
    ]


# Text


def sentence(rng, low=6, high=16):
    words = zipf_words(rng, rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraphs(rng, low, high):
    return "".join(
        f"<p>{' '.join(sentence(rng) for _ in range(rng.randint(2, 4)))}</p>"
        for _ in range(rng.randint(low, high))
    )


def title_case(words):
    return " ".join(word.capitalize() for word in words)


def pseudo_name(rng):
    """A capitalised pseudo-word, for places and organisation names."""
    return VOCABULARY[rng.randrange(len(DOMAIN_WORDS), len(VOCABULARY))].capitalize()


def cut(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "."


# States roughly by population, "Nationwide" near the top; a Zipf draw over this order.
_POPULAR_STATES = (  # noqa: SIM905
    "CA TX FL NY US PA IL OH GA NC MI NJ VA WA AZ TN MA IN MD MO WI CO MN SC AL LA KY OR OK CT "
    "UT IA NV AR MS KS NM NE ID WV HI NH ME MT RI DE SD ND AK DC VT WY PR GU VI AS MP"
).split()
STATES = sorted(
    USState.values,
    key=lambda code: (
        _POPULAR_STATES.index(code) if code in _POPULAR_STATES else len(_POPULAR_STATES)
    ),
)
