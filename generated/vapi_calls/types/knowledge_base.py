from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .knowledge_base_provider import KnowledgeBaseProvider


class KnowledgeBase(BaseModel):
    """
    Knowledge base options for the model.
    """

    top_k: Annotated[float | None, Field(alias="topK")] = None
    file_ids: Annotated[list[str] | None, Field(alias="fileIds")] = None
    """
    The file IDs associated with this knowledge base
    """
    provider: KnowledgeBaseProvider | None = None
    """
    The provider of the knowledge base
    """
