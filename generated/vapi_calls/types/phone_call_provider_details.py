from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel


class PhoneCallProviderDetails(BaseModel):
    """
    Details of the external (e.g. Twilio) call Vapi bridges the assistant into when phoneCallProviderBypassEnabled is true.
    """

    status_callback_event: Annotated[
        str | None, Field(alias="statusCallbackEvent", examples=["initiated"])
    ] = None
    machine_detection: Annotated[
        str | None, Field(alias="machineDetection", examples=["Enable"])
    ] = None
    to: str | None = None
    from_: Annotated[str | None, Field(alias="from")] = None
    twiml: str | None = None
    status_callback: Annotated[str | None, Field(alias="statusCallback")] = None
    async_amd: Annotated[str | None, Field(alias="asyncAmd")] = None
    async_amd_status_callback: Annotated[str | None, Field(alias="asyncAmdStatusCallback")] = None
    record: bool | None = None
