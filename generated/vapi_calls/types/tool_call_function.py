from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel


class ToolCallFunction(BaseModel):
    """
    The function a tool call calls.
    """

    arguments: str
    """
    This is the arguments to call the function with
    """
    name: Annotated[str, Field(max_length=80)]
    """
    This is the name of the function to call
    """
