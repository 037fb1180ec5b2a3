from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel


class UpdateCallBody(BaseModel):
    name: Annotated[str | None, Field(max_length=40)] = None
    """
    This is the name of the call. This is just for your own reference.
    """
