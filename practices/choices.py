"""Fixed vocabularies for practice metadata."""

from django.db import models


class ReviewOutcome(models.TextChoices):
    RECOMMENDED = "recommended", "Recommended"
    RECOMMENDED_WITH_CONDITIONS = (
        "recommended_with_conditions",
        "Recommended with conditions",
    )


class OrganisationKind(models.TextChoices):
    PROVIDER = "provider", "Practice provider (nonprofit or community organization)"
    AGENCY = "agency", "Public child-welfare agency"
    PARENT_LED = "parent_led", "Parent-led organization"


class USState(models.TextChoices):
    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"
    AS = "AS", "American Samoa"
    GU = "GU", "Guam"
    MP = "MP", "Northern Mariana Islands"
    PR = "PR", "Puerto Rico"
    VI = "VI", "U.S. Virgin Islands"
    NATIONWIDE = "US", "Nationwide"


class Recommendation(models.TextChoices):
    RECOMMEND = "recommend", "Yes, I recommend it"
    RECOMMEND_WITH_CONDITIONS = (
        "recommend_with_conditions",
        "Yes, I recommend it, with conditions",
    )
    DO_NOT_RECOMMEND = "do_not_recommend", "No, I do not recommend it"

    @classmethod
    def positive(cls):
        return [cls.RECOMMEND, cls.RECOMMEND_WITH_CONDITIONS]


class ContributionStatus(models.TextChoices):
    NEW = "new", "New"
    UNDER_CONSIDERATION = "under_consideration", "Under consideration"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"

    @classmethod
    def next_steps(cls, status):
        """The pipeline: new → under consideration → accepted or declined; a decision can be reopened."""
        return {
            cls.NEW: [cls.UNDER_CONSIDERATION, cls.DECLINED],
            cls.UNDER_CONSIDERATION: [cls.ACCEPTED, cls.DECLINED],
            cls.ACCEPTED: [cls.UNDER_CONSIDERATION],
            cls.DECLINED: [cls.UNDER_CONSIDERATION],
        }[status]


class HeardAbout(models.TextChoices):
    COLLEAGUE = "colleague", "A colleague or friend"
    PARENT_ORGANISATION = "parent_organisation", "A parent-led organization"
    ALIA = "alia", "Alia (newsletter, event or staff)"
    CONFERENCE = "conference", "A conference or training"
    SEARCH = "search", "A web search"
    SOCIAL_MEDIA = "social_media", "Social media"
    OTHER = "other", "Somewhere else"
