from comparisons.models.catalogue_state import CatalogueState
from comparisons.models.claims import ClaimAcknowledgement
from comparisons.models.comparison_page import ComparisonIndexPage, ComparisonPage
from comparisons.models.imports import ImportRun
from comparisons.models.model_page import ModelIndexPage, ModelPage
from comparisons.models.model_rows import BenchmarkScore, CapabilitySupport, ProviderRoute
from comparisons.models.price_history import PriceStep
from comparisons.models.reference import (
    Benchmark,
    Capability,
    DecisionTag,
    Lab,
    Licence,
    ProductType,
    Provider,
    TrafficProfile,
)
from comparisons.models.review import FactCheckTask, FinalApprovalTask, ReviewStamp
from comparisons.models.settings import ReferenceSettings

__all__ = [
    "Benchmark",
    "BenchmarkScore",
    "Capability",
    "CapabilitySupport",
    "CatalogueState",
    "ClaimAcknowledgement",
    "ComparisonIndexPage",
    "ComparisonPage",
    "DecisionTag",
    "FactCheckTask",
    "FinalApprovalTask",
    "ImportRun",
    "Lab",
    "Licence",
    "ModelIndexPage",
    "ModelPage",
    "PriceStep",
    "ProductType",
    "Provider",
    "ProviderRoute",
    "ReferenceSettings",
    "ReviewStamp",
    "TrafficProfile",
]
