from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from .._models import BaseModel


class OpenAIFunctionParameters(BaseModel):
    """
    The parameters of a function, described as a JSON Schema object.
    """

    type: Annotated[str | None, Field(examples=["object"])] = None
    """
    This must be set to 'object'. It instructs the model to return a JSON object containing the function call properties.
    """
    properties: dict[str, Any] | None = None
    """
    This provides a description of the properties required by the function.
    JSON Schema can be used to specify expectations for each property.
    """
    required: list[str] | None = None
    """
    This specifies the properties that are required by the function.
    """
