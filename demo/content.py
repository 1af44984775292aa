"""Demo content written for this site: labels, standard page text, and clearly fictional practices."""

import datetime

from practices.choices import OrganisationKind, ReviewOutcome, USState

TOPICS = [
    (
        "Parent advocacy",
        "parent-advocacy",
        "Parents with lived experience supporting and speaking up for other parents.",
    ),
    (
        "Peer support",
        "peer-support",
        "Support from people who have been through the same experience.",
    ),
    (
        "Reunification",
        "reunification",
        "Helping children in care return home safely and quickly.",
    ),
    (
        "Family time (visitation)",
        "family-time",
        "Time parents and children spend together while children are in care.",
    ),
    (
        "Kinship care",
        "kinship-care",
        "Children living with grandparents, other relatives or close family friends.",
    ),
    (
        "Legal representation",
        "legal-representation",
        "Lawyers and legal teams on the family's side.",
    ),
    (
        "Housing stability",
        "housing-stability",
        "Helping families find and keep a safe, stable home.",
    ),
    (
        "Economic support",
        "economic-support",
        "Cash, goods and benefits that meet families' concrete needs.",
    ),
    (
        "Substance use recovery",
        "substance-use-recovery",
        "Support for parents in treatment and recovery.",
    ),
    (
        "Prevention",
        "prevention",
        "Help that reaches families before a child-welfare case begins.",
    ),
]

POPULATIONS = [
    ("Birth parents", "birth-parents"),
    ("Fathers", "fathers"),
    ("Kinship caregivers", "kinship-caregivers"),
    ("Youth", "youth"),
    ("Families experiencing poverty", "families-experiencing-poverty"),
    ("Tribal communities", "tribal-communities"),
]

# Every organisation except the two named in the practice seed is fictional and says so in its name.
ORGANISATIONS = [
    ("A Better Way, Inc", OrganisationKind.PROVIDER, ""),
    (
        "Santa Cruz County Family and Children Services",
        OrganisationKind.AGENCY,
        "Santa Cruz County, CA",
    ),
    ("Parent Voices Demo Collective (fictional)", OrganisationKind.PARENT_LED, ""),
    ("Family Advocates Circle (fictional)", OrganisationKind.PARENT_LED, ""),
    (
        "Harbor Families Network (fictional)",
        OrganisationKind.PROVIDER,
        "Bayside County, WA",
    ),
    (
        "Bayside County Children's Services (fictional)",
        OrganisationKind.AGENCY,
        "Bayside County, WA",
    ),
    (
        "Northfield Family Defense Collaborative (fictional)",
        OrganisationKind.PROVIDER,
        "Pinecrest County, MI",
    ),
    (
        "Pinecrest County Department of Health and Human Services (fictional)",
        OrganisationKind.AGENCY,
        "Pinecrest County, MI",
    ),
    (
        "Open Door Family Fund (fictional)",
        OrganisationKind.PROVIDER,
        "Prairie Bend County, KS",
    ),
    (
        "Prairie Bend County Family Services (fictional)",
        OrganisationKind.AGENCY,
        "Prairie Bend County, KS",
    ),
    (
        "Keystone Homes for Families (fictional)",
        OrganisationKind.PROVIDER,
        "Millbrook County, PA",
    ),
    (
        "Millbrook County Children and Youth Services (fictional)",
        OrganisationKind.AGENCY,
        "Millbrook County, PA",
    ),
    (
        "Millbrook County Housing Authority (fictional)",
        OrganisationKind.AGENCY,
        "Millbrook County, PA",
    ),
    (
        "Steady Steps Recovery Coaching (fictional)",
        OrganisationKind.PROVIDER,
        "Sandstone County, AZ",
    ),
    (
        "Sandstone County Department of Child Safety (fictional)",
        OrganisationKind.AGENCY,
        "Sandstone County, AZ",
    ),
    (
        "Circle of Kin Family Services (fictional)",
        OrganisationKind.PROVIDER,
        "Willow Creek County, NM",
    ),
    (
        "Willow Creek County Children, Youth and Families Office (fictional)",
        OrganisationKind.AGENCY,
        "Willow Creek County, NM",
    ),
]

LIBRARY_INTRODUCTION = (
    "Child-welfare practices reviewed and recommended by parents who have been through the system. "
    "Each one explains what the practice is, why parents recommend it, and the steps your agency can take."
)
HOME_INTRODUCTION = "Child-welfare practices reviewed and recommended by parents who have been through the system."
FEATURED_PRACTICES = [
    "parent-partner-program",
    "family-time-coaching",
    "flexible-family-support-fund",
]

# Each body item is ("heading", text), ("paragraph", text), ("bullets", [texts]) or ("steps", [texts]).
OUR_PROCESS_INTRODUCTION = (
    "Every practice in the Bright Spots library has been reviewed by parents who have been through "
    "the child-welfare system. Here is how a practice gets from an idea to the library."
)
OUR_PROCESS_BODY = [
    ("heading", "Where practices come from"),
    (
        "paragraph",
        "Alia looks for practices that help keep families safely together, and organizations that serve "
        "families can submit their own. A practice can come from a public agency, a nonprofit, a community "
        "group or a parent-led organization.",
    ),
    ("heading", "Writing it up"),
    (
        "paragraph",
        "Alia writes each practice up in the same short format, so that it is easy to read and act on: "
        "what the practice is, what makes it a Bright Spot, the steps an agency can take, and any "
        "resources that help.",
    ),
    ("heading", "Review by parents"),
    (
        "paragraph",
        "Several times a year, a group of practices goes to parent reviewers. They are parents who have "
        "been through the child-welfare system themselves, and they come from parent-led partner "
        "organizations. Each parent reads the practice and answers four questions:",
    ),
    (
        "steps",
        [
            "How much could this practice help keep families together?",
            "How much impact could it have on the child-welfare field?",
            "Could it have any negative consequences for families?",
            "What conditions would make it more fair or more effective?",
        ],
    ),
    (
        "paragraph",
        "Each parent then says whether they would or would not recommend that agencies adopt the practice.",
    ),
    ("heading", "The feedback summary"),
    (
        "paragraph",
        "Alia reads every review and writes the parent review feedback summary at the top of each practice. "
        "It is usually three short points: what parents decided, what concerns they raised, and the "
        "conditions they named.",
    ),
    ("heading", "Only recommended practices are published"),
    (
        "paragraph",
        "A practice appears in the library only if parents recommend it. Some are recommended as they are; "
        "others are recommended with conditions, which the feedback summary spells out. Practices that "
        "parents do not recommend are not published.",
    ),
]

SUBMIT_INTRODUCTION = (
    "Do you know a practice that helps keep families safely together? Tell us about it, "
    "and it could become the next Bright Spot."
)
SUBMIT_WHAT_TO_INCLUDE = [
    "The name of the practice",
    "Who runs it: the organization, and any agency it works with",
    "Where it runs: the county and state",
    "Since when: the year it started",
    "Why it helps keep families together, in a few sentences",
]
SUBMIT_NEXT = (
    "Alia reads every idea. If the practice is a good fit, we will contact you to write it up together "
    "before it goes to parent reviewers."
)

PARENT_PARTNER = {
    "slug": "parent-partner-program",
    "title": "Parent Partner Program",
    "steps": [
        (
            "Meet with a parent-led organization near you",
            "Ask how parents with lived experience could support families in your agency, and what they "
            "would need from you to do it well.",
        ),
        (
            "Write the parent partner role together with parents",
            "Agree which meetings parent partners join, what they share with caseworkers, and how they stay "
            "independent, so that they can advocate for parents without being managed by the system.",
        ),
        (
            "Offer a parent partner from the first meeting",
            "Introduce parent partners early, before decisions about placement are made, so that families "
            "have support from the start.",
        ),
        (
            "Pay parent partners fairly and listen to their advice",
            "Budget for pay, training and peer supervision, and invite parent partners to help shape agency "
            "practice and policy.",
        ),
    ],
    "resources": [
        {
            "title": "Parent partner program overview (demo summary)",
            "description": "A demo summary of how a parent partner program can work, written for this demo site.",
            "lines": [
                "What it is: parents who have been through the child-welfare system support, mentor and "
                "advocate for parents who are in it now.",
                "Where parent partners help: family team meetings, phone check-ins, orientation, support "
                "groups and trainings.",
                "What parents said: let parent partners lead, and do not micromanage them.",
            ],
        },
        {
            "title": "Starting a parent partner program: planning checklist (demo)",
            "description": "A demo checklist of questions to answer before you start.",
            "lines": [
                "[ ] Which parent-led organization will we partner with?",
                "[ ] Who writes the parent partner role, and how will parents shape it?",
                "[ ] When will families first meet a parent partner?",
                "[ ] How will parent partners be paid, trained and supported by their peers?",
            ],
        },
    ],
    "organisations": ["A Better Way, Inc"],
    "partner_agencies": ["Santa Cruz County Family and Children Services"],
    "county": "Santa Cruz County",
    "state": USState.CA,
    "year_started": 2021,
    "topics": ["parent-advocacy", "peer-support", "reunification"],
    "populations": ["birth-parents"],
    "review_outcome": ReviewOutcome.RECOMMENDED,
    "reviewer_organisations": ["Parent Voices Demo Collective (fictional)"],
    "review_date": datetime.date(2024, 5, 15),
}

FICTIONAL_PRACTICES = [
    {
        "slug": "family-time-coaching",
        "title": "Family Time Coaching",
        "summary": "Coaches, many of them parents who have reunified, help families make the most of family "
        "time while children are in care and move step by step toward reunification.",
        "feedback": [
            "Parent reviewers recommended Family Time Coaching and said it treats family time as a right and a "
            "chance to grow, not as a test parents have to pass.",
            "Reviewers were concerned that coaches' notes could be used against parents in court.",
            "Reviewers want coaching kept separate from case records, and visits held in comfortable community "
            "places at times that fit parents' work schedules.",
        ],
        "intervention": [
            "Harbor Families Network (fictional) pairs each family with a family time coach while children are "
            "in out-of-home care. Coaches meet with parents before each visit to plan it, join the visit if the "
            "parent wants support, and talk it through with the parent afterwards.",
            "As soon as it is safe, visits move out of agency offices and into parks, libraries, community "
            "centers and family homes, and they become longer and less supervised as the family gets ready to "
            "reunify. Several coaches are parents who have reunified with their own children.",
        ],
        "why": [
            "Frequent, meaningful family time keeps parents and children connected and is closely linked to "
            "reunification. Coaching builds on what parents already do well and gives caseworkers a fuller "
            "picture of each family's strengths.",
        ],
        "steps": [
            (
                "Review where and when family time happens today",
                "List where visits take place and at what times. Look for visits that could move to a "
                "community setting or to evenings and weekends.",
            ),
            (
                "Partner with a community or parent-led organization to provide coaching",
                "Coaches with lived experience build trust quickly. Budget for their time, training and "
                "supervision.",
            ),
            (
                "Agree with parents how coaching notes will be used",
                "Write down what coaches share with the agency and the court, and what stays between coach "
                "and parent.",
            ),
            (
                "Increase family time step by step",
                "Set clear, shared milestones for longer and less supervised visits, and review them at every "
                "family team meeting.",
            ),
        ],
        "resources": [
            {
                "title": "Family time coaching: visit planning worksheet (demo)",
                "description": "A worksheet coaches and parents can use to plan a visit together.",
                "lines": [
                    "Before the visit: What would you and your child like to do together? What might be hard?",
                    "During the visit: What went well? What did your child enjoy?",
                    "After the visit: What would you like to try next time, and what support do you need?",
                ],
            },
        ],
        "organisations": ["Harbor Families Network (fictional)"],
        "partner_agencies": ["Bayside County Children's Services (fictional)"],
        "county": "Bayside County",
        "state": USState.WA,
        "year_started": 2018,
        "topics": ["family-time", "reunification", "peer-support"],
        "populations": ["birth-parents", "fathers"],
        "review_outcome": ReviewOutcome.RECOMMENDED,
        "reviewer_organisations": ["Parent Voices Demo Collective (fictional)"],
        "review_date": datetime.date(2024, 9, 20),
    },
    {
        "slug": "pre-petition-legal-representation",
        "title": "Pre-Petition Legal Representation",
        "summary": "Families get a lawyer, a social worker and a parent advocate before a case reaches court, so "
        "that everyday legal problems do not lead to a child entering care.",
        "feedback": [
            "Parent reviewers recommended pre-petition legal representation with conditions, saying that early "
            "legal help can stop a problem like an eviction from turning into a removal.",
            "Reviewers worried that families may not trust a legal team that gets its referrals from the agency, "
            "and may fear that what they share will be reported.",
            "Reviewers asked that the legal team be independent from the agency, that families can refer "
            "themselves, and that every team includes a parent advocate.",
        ],
        "intervention": [
            "Northfield Family Defense Collaborative (fictional) offers free legal help to families while a "
            "child-welfare investigation is open or when a family is referred for services, before any petition "
            "is filed in court. Each family works with a lawyer, a social worker and a parent advocate.",
            "The team helps with the legal problems that often sit behind a report, such as housing conditions, "
            "public benefits, custody orders, immigration paperwork and school enrollment, and it goes with "
            "parents to meetings with the agency.",
        ],
        "why": [
            "Many reports are tied to problems a lawyer can solve. Solving them early helps children stay "
            "safely at home, and parents feel heard when someone is on their side from the start.",
        ],
        "steps": [
            (
                "Look at the legal problems behind your reports",
                "Review a sample of recent cases and note the housing, benefits, custody or immigration issues "
                "involved.",
            ),
            (
                "Fund an independent family defense team",
                "Look at federal and state funding for legal representation, and contract with a provider that "
                "is independent from the agency.",
            ),
            (
                "Make referrals easy and voluntary",
                "Let caseworkers, community partners and families themselves make referrals, and make clear "
                "that accepting help is the family's choice.",
            ),
            (
                "Welcome the legal team at family meetings",
                "Ask parents whether they would like their lawyer or parent advocate at safety and family team "
                "meetings, and schedule meetings so that they can attend.",
            ),
        ],
        "resources": [
            {
                "title": "Pre-petition legal help: referral guide (demo)",
                "description": "A short guide to when and how to offer a family early legal help.",
                "lines": [
                    "Offer early legal help when a family faces eviction, a benefits problem, a custody question "
                    "or an immigration issue.",
                    "Explain that the legal team works for the family, not for the agency.",
                    "Make clear that the family chooses whether to accept help.",
                ],
            },
        ],
        "organisations": ["Northfield Family Defense Collaborative (fictional)"],
        "partner_agencies": [
            "Pinecrest County Department of Health and Human Services (fictional)"
        ],
        "county": "Pinecrest County",
        "state": USState.MI,
        "year_started": 2017,
        "topics": ["legal-representation", "prevention", "parent-advocacy"],
        "populations": ["birth-parents", "families-experiencing-poverty"],
        "review_outcome": ReviewOutcome.RECOMMENDED_WITH_CONDITIONS,
        "reviewer_organisations": ["Family Advocates Circle (fictional)"],
        "review_date": datetime.date(2023, 11, 17),
    },
    {
        "slug": "flexible-family-support-fund",
        "title": "Flexible Family Support Fund",
        "summary": "Quick, flexible cash help for rent, utilities, car repairs or childcare, so that a money "
        "problem does not become a child-welfare case.",
        "feedback": [
            "Parent reviewers strongly recommended the Flexible Family Support Fund and said that money for basic "
            "needs is often what families need most.",
            "Reviewers were concerned that asking for help could bring more scrutiny of the family, and that the "
            "application could feel like another test.",
            "Reviewers want the fund offered through trusted community organizations, with few forms, quick "
            "answers and no need to open a case.",
        ],
        "intervention": [
            "Open Door Family Fund (fictional) manages flexible funds that family resource centers and "
            "caseworkers can draw on for families with children. A family can receive help up to a set amount "
            "each year for needs such as rent, utility bills, car repairs, childcare or work equipment.",
            "Requests get an answer within two business days, and the money is paid to the family or directly "
            "to the landlord or provider, whichever the family prefers.",
        ],
        "why": [
            "Money trouble is one of the most common reasons families come to the attention of child welfare. "
            "Meeting a concrete need quickly eases stress, prevents a crisis, and shows families that the "
            "system can be a source of help.",
        ],
        "steps": [
            (
                "Find out which needs come up most often",
                "Ask caseworkers and family resource centers which needs they see most, and how long families "
                "wait for help today.",
            ),
            (
                "Set aside flexible funds with simple rules",
                "Keep eligibility broad, set a clear yearly amount per family, and keep the request form to one "
                "page.",
            ),
            (
                "Let community partners offer the funds",
                "Families are more likely to ask for help from organizations they already trust.",
            ),
            (
                "Track how quickly families get help",
                "Measure the time from request to payment, and ask families whether the help came in time.",
            ),
        ],
        "resources": [
            {
                "title": "Flexible family support fund: one-page request form (demo)",
                "description": "A sample request form short enough to fill in with a family in a few minutes.",
                "lines": [
                    "Family name and contact: ____________________",
                    "What do you need help with? (rent, utilities, car repair, childcare, other)",
                    "How much, and who should be paid? ____________________",
                ],
            },
            {
                "title": "Flexible family support fund: program guide (demo)",
                "description": "How the fund is set up, who can offer it, and how quickly families hear back.",
                "lines": [
                    "Who can ask: any family with children, through a family resource center or caseworker.",
                    "What it covers: rent, utilities, car repairs, childcare, work equipment and similar needs.",
                    "How fast: an answer within two business days.",
                ],
            },
        ],
        "organisations": ["Open Door Family Fund (fictional)"],
        "partner_agencies": ["Prairie Bend County Family Services (fictional)"],
        "county": "Prairie Bend County",
        "state": USState.KS,
        "year_started": 2020,
        "topics": ["economic-support", "prevention"],
        "populations": ["families-experiencing-poverty", "birth-parents"],
        "review_outcome": ReviewOutcome.RECOMMENDED,
        "reviewer_organisations": [
            "Parent Voices Demo Collective (fictional)",
            "Family Advocates Circle (fictional)",
        ],
        "review_date": datetime.date(2024, 3, 8),
    },
    {
        "slug": "housing-vouchers-for-family-reunification",
        "title": "Housing Vouchers for Family Reunification",
        "summary": "The housing authority and the child-welfare agency work together so that families whose main "
        "barrier to reunification is housing get a voucher and help finding a home.",
        "feedback": [
            "Parent reviewers recommended housing vouchers for family reunification with conditions, saying that "
            "a safe, stable home is often the last thing standing between a parent and their children.",
            "Reviewers were concerned about long waits for vouchers and about landlords who turn down families "
            "who use them.",
            "Reviewers asked that families get a housing navigator from the first day, that reunification not be "
            "put on hold while a family waits for a home, and that youth leaving foster care can apply too.",
        ],
        "intervention": [
            "Keystone Homes for Families (fictional) works with the county housing authority and the "
            "child-welfare agency to connect families to housing vouchers set aside for family reunification "
            "and for young people leaving foster care.",
            "Caseworkers refer families whose lack of stable housing is keeping children in care or putting "
            "them at risk of entering care. A housing navigator helps each family apply, search for a home, talk "
            "with landlords and move in, and stays in touch for the first year.",
        ],
        "why": [
            "Housing is one of the most common barriers to reunification, and one of the most solvable. When the "
            "housing and child-welfare systems plan together, children can go home sooner and families are more "
            "likely to stay together.",
        ],
        "steps": [
            (
                "Meet with your local housing authority",
                "Ask whether vouchers are set aside for families involved with child welfare, and how your "
                "agency can help families apply.",
            ),
            (
                "Identify families for whom housing is the main barrier",
                "Review open cases with caseworkers to find families who could reunify or stay together with "
                "stable housing.",
            ),
            (
                "Fund housing navigators",
                "Navigators who know local landlords shorten the search and help families keep their homes.",
            ),
            (
                "Plan reunification alongside the housing search",
                "Keep family time and reunification planning moving while the family waits for a home.",
            ),
        ],
        "resources": [
            {
                "title": "Housing vouchers for reunification: partnership checklist (demo)",
                "description": "A checklist for a first meeting between a child-welfare agency and a housing authority.",
                "lines": [
                    "[ ] Does the housing authority set aside vouchers for families and youth in child welfare?",
                    "[ ] Who refers families, and who helps them apply?",
                    "[ ] Who pays for housing navigators, and which landlords will take part?",
                ],
            },
        ],
        "organisations": ["Keystone Homes for Families (fictional)"],
        "partner_agencies": [
            "Millbrook County Children and Youth Services (fictional)",
            "Millbrook County Housing Authority (fictional)",
        ],
        "county": "Millbrook County",
        "state": USState.PA,
        "year_started": 2015,
        "topics": ["housing-stability", "reunification", "economic-support"],
        "populations": ["birth-parents", "families-experiencing-poverty", "youth"],
        "review_outcome": ReviewOutcome.RECOMMENDED_WITH_CONDITIONS,
        "reviewer_organisations": ["Family Advocates Circle (fictional)"],
        "review_date": datetime.date(2023, 6, 23),
    },
    {
        "slug": "family-recovery-coaching",
        "title": "Family Recovery Coaching",
        "summary": "Recovery coaches in long-term recovery support parents from their first contact with child "
        "welfare through treatment, court and reunification.",
        "feedback": [
            "Parent reviewers recommended Family Recovery Coaching and said a coach who has been through recovery "
            "can give parents a kind of hope that others cannot.",
            "Reviewers were concerned that a return to use might be treated as the end of the road, and that "
            "coaches could be pressured to report on parents.",
            "Reviewers want a return to use treated as part of recovery, coaches paid fairly and supported by "
            "their peers, and support that continues after the case closes.",
        ],
        "intervention": [
            "Steady Steps Recovery Coaching (fictional) employs certified recovery coaches who are in long-term "
            "recovery, and many have their own experience of the child-welfare system. When substance use is "
            "part of a family's case, a coach reaches out to the parent within days.",
            "Coaches help parents start treatment quickly, go with them to appointments and court, connect them "
            "to mutual support groups, and help them plan for family time and reunification. Fathers can ask for "
            "a coach who is also a father.",
        ],
        "why": [
            "Recovery is easier with someone beside you who has walked the same road. Coaches help parents start "
            "treatment sooner and stay with it, and they help parents and caseworkers trust each other.",
        ],
        "steps": [
            (
                "Offer recovery coaching as early as possible",
                "Make a referral to a recovery coach part of the first response when substance use is a "
                "concern.",
            ),
            (
                "Hire coaches with lived experience",
                "Partner with a peer recovery organization, and pay coaches fairly for their expertise.",
            ),
            (
                "Agree how a return to use will be handled",
                "Write a shared plan with treatment providers and the court so that a return to use leads to "
                "more support, not an automatic setback in the case.",
            ),
            (
                "Keep family time going during treatment",
                "Work with treatment programs so that parents can see their children while in treatment.",
            ),
        ],
        "resources": [
            {
                "title": "Family recovery coaching: first-meeting guide (demo)",
                "description": "Questions a recovery coach can use in a first conversation with a parent.",
                "lines": [
                    "What matters most to you and your family right now?",
                    "What has helped you before, and who is in your corner?",
                    "What would make it easier to start or stay in treatment?",
                ],
            },
        ],
        "organisations": ["Steady Steps Recovery Coaching (fictional)"],
        "partner_agencies": ["Sandstone County Department of Child Safety (fictional)"],
        "county": "Sandstone County",
        "state": USState.AZ,
        "year_started": 2019,
        "topics": ["substance-use-recovery", "peer-support", "reunification"],
        "populations": ["birth-parents", "fathers"],
        "review_outcome": ReviewOutcome.RECOMMENDED,
        "reviewer_organisations": ["Parent Voices Demo Collective (fictional)"],
        "review_date": datetime.date(2024, 1, 26),
    },
    {
        "slug": "kinship-navigator-program",
        "title": "Kinship Navigator Program",
        "summary": "Navigators help grandparents, aunts, uncles and other relatives raising children get the "
        "financial, legal and emotional support they need to keep children within their family and culture.",
        "feedback": [
            "Parent reviewers recommended the Kinship Navigator Program and said that living with relatives they "
            "know protects children's sense of who they are.",
            "Reviewers were concerned that relatives are sometimes asked to take in children with little notice "
            "and little support, and that birth parents can be left out of decisions.",
            "Reviewers want navigators to include birth parents in planning wherever it is safe, and relatives "
            "to get the same support as foster parents.",
        ],
        "intervention": [
            "Circle of Kin Family Services (fictional) runs a phone line and drop-in hours for relatives raising "
            "children, whether or not the child-welfare agency is involved. Navigators help caregivers apply for "
            "financial help, childcare, health coverage and guardianship, and they host monthly caregiver "
            "support circles.",
            "The program works alongside tribal family services programs in the region, so that caregivers from "
            "tribal communities can have a navigator who knows their community and can connect them to "
            "culturally grounded support.",
        ],
        "why": [
            "Children who live with relatives stay connected to their family, culture and community. Navigators "
            "make sure relatives have what they need from the start, so that children can stay with people they "
            "know and love.",
        ],
        "steps": [
            (
                "Ask relatives what they need in the first week",
                "Check in within days of a child moving in, and cover urgent needs such as beds, clothing, "
                "childcare and food.",
            ),
            (
                "Connect relatives to a kinship navigator",
                "Partner with a community organization that can help caregivers with benefits, guardianship "
                "and support groups.",
            ),
            (
                "Offer relatives the same support as foster parents",
                "Help relatives become licensed if they wish, and review which payments and services they can "
                "receive if they are not.",
            ),
            (
                "Keep birth parents in the circle",
                "Where it is safe, plan family time and decisions together with parents and relatives.",
            ),
            (
                "Work with tribal partners",
                "Build relationships with tribal child-welfare programs so that children stay connected to "
                "their tribe and culture.",
            ),
        ],
        "resources": [
            {
                "title": "Kinship navigator: caregiver support checklist (demo)",
                "description": "A checklist navigators can go through with a relative who is raising a child.",
                "lines": [
                    "[ ] Urgent needs covered: bed, clothing, food, childcare",
                    "[ ] Financial help applied for, including child-only benefits",
                    "[ ] Health coverage and school enrollment for the child",
                    "[ ] Caregiver support circle: next date shared",
                ],
            },
        ],
        "organisations": ["Circle of Kin Family Services (fictional)"],
        "partner_agencies": [
            "Willow Creek County Children, Youth and Families Office (fictional)"
        ],
        "county": "Willow Creek County",
        "state": USState.NM,
        "year_started": 2022,
        "topics": ["kinship-care", "prevention"],
        "populations": ["kinship-caregivers", "youth", "tribal-communities"],
        "review_outcome": ReviewOutcome.RECOMMENDED,
        "reviewer_organisations": ["Family Advocates Circle (fictional)"],
        "review_date": datetime.date(2024, 7, 12),
    },
]

DEMO_USERS = [
    # username, first name, last name, group (None for the superuser)
    ("admin", "Alex", "Rivera", None),
    ("editor", "Jordan", "Lee", "Editors"),
    ("moderator", "Sam", "Okafor", "Moderators"),
    ("reviewer1", "Maria", "Santos", "Parent reviewers"),
    ("reviewer2", "Dwayne", "Carter", "Parent reviewers"),
    ("reviewer3", "Lena", "Brooks", "Parent reviewers"),
]


def demo_review_answers(title):
    """Plain, clearly demo answers to the four review questions."""
    return {
        "keeps_families_together": f"(Demo review) {title} gives parents someone on their side early, which can help children stay home or go home sooner.",
        "impact_on_field": "(Demo review) If more agencies did this, parents would be treated as partners instead of cases.",
        "negative_consequences": "(Demo review) It could go wrong if the agency controls the people who are meant to support parents.",
        "conditions": "(Demo review) Pay the people doing this work fairly and let parents lead.",
        "comments": "",
    }
