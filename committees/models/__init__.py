from committees.models.committees import CharterVersion, Committee, Membership
from committees.models.company import CompanyProfile
from committees.models.cure import CurePeriod, independence_cure_deadline, vacancy_cure_deadline
from committees.models.determinations import (
    ExceptionDetermination,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
)
from committees.models.director_questionnaires import (
    BatchItem,
    DeterminationBatch,
    DirectorAnswer,
    DirectorQuestionnaire,
    QuestionnaireRound,
)
from committees.models.directors import (
    AuditorRelationship,
    BusinessRelationship,
    Compensation,
    CompensationInterlock,
    Director,
    Employment,
    FamilyMember,
    FinancialStatementPreparation,
    OrganisationPayment,
)
from committees.models.duties import (
    AdvisorEngagement,
    AdvisorPayment,
    Answer,
    CharterReview,
    Question,
    Questionnaire,
    Response,
)
from committees.models.exchange import ExchangeNotice, NoncomplianceEpisode

__all__ = [
    "BatchItem",
    "DeterminationBatch",
    "DirectorAnswer",
    "DirectorQuestionnaire",
    "QuestionnaireRound",
    "AdvisorEngagement",
    "AdvisorPayment",
    "Answer",
    "CharterReview",
    "Question",
    "Questionnaire",
    "Response",
    "AuditorRelationship",
    "BusinessRelationship",
    "CharterVersion",
    "Committee",
    "CompanyProfile",
    "Compensation",
    "CompensationInterlock",
    "CurePeriod",
    "Director",
    "Employment",
    "ExceptionDetermination",
    "ExchangeNotice",
    "FamilyMember",
    "FinancialExpertDetermination",
    "FinancialStatementPreparation",
    "IndependenceDetermination",
    "LiteracyDetermination",
    "Membership",
    "NoncomplianceEpisode",
    "OrganisationPayment",
    "SophisticationDetermination",
    "independence_cure_deadline",
    "vacancy_cure_deadline",
]
