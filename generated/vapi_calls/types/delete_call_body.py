from __future__ import annotations

from .._models import BaseModel


class DeleteCallBody(BaseModel):
    ids: list[str] | None = None
    """
    These are the Call IDs to be bulk deleted.
    If provided, the call ID if any in the request query will be ignored
    When requesting a bulk delete, updates when a call is deleted will be sent as a webhook to the server URL configured in the Org settings.
    It may take up to a few hours to complete the bulk delete, and will be asynchronous.
    """
