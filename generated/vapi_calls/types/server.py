from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel


class Server(BaseModel):
    """
    A server Vapi sends webhook requests to.
    """

    url: str | None = None
    """
    This is where the request will be sent.
    """
    secret: Annotated[str | None, Field(repr=False)] = None
