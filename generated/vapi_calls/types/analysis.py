from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from .._models import BaseModel


class Analysis(BaseModel):
    """
    The analysis of a call.
    """

    summary: str | None = None
    """
    This is the summary of the call.
    """
    structured_data: Annotated[dict[str, Any] | None, Field(alias="structuredData")] = None
    """
    This is the structured data extracted from the call.
    """
    success_evaluation: Annotated[str | None, Field(alias="successEvaluation")] = None
    """
    This is the evaluation of the call.
    """
