from __future__ import annotations

from .._models import BaseModel


class Customer(BaseModel):
    """
    A transient customer, defined inline on the call.
    """

    number: str | None = None
    """
    This is the number of the customer.
    """
    name: str | None = None
    """
    This is the name of the customer. This is just for your own reference.
    """
    extension: str | None = None
    """
    This is the extension that will be dialed after the call is answered.
    """
