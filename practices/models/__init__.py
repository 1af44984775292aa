"""Practice models, split by concern; import them from here."""

from .contributions import PracticeFeedback, PracticeSubmission, SubmissionPage
from .downloads import DocumentDownloadCount
from .pages import PracticeIndexPage, PracticePage, PracticeResource
from .reviews import (
    ParentReview,
    ParentReviewSummary,
    ParentReviewTask,
    ParentReviewTaskState,
)
from .snippets import Organisation, Population, Topic

__all__ = [
    "DocumentDownloadCount",
    "Organisation",
    "ParentReview",
    "ParentReviewSummary",
    "ParentReviewTask",
    "ParentReviewTaskState",
    "Population",
    "PracticeFeedback",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeResource",
    "PracticeSubmission",
    "SubmissionPage",
    "Topic",
]
