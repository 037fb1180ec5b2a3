from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .assistant import Assistant
from .assistant_overrides import AssistantOverrides
from .customer import Customer
from .phone_number import PhoneNumber


class CreateCallBody(BaseModel):
    name: Annotated[str | None, Field(max_length=40)] = None
    """
    This is the name of the call. This is just for your own reference.
    """
    assistant_id: Annotated[str | None, Field(alias="assistantId")] = None
    """
    This is the assistant ID that will be used for the call. To use a transient assistant, use `assistant` instead.
    """
    assistant_version: Annotated[str | None, Field(alias="assistantVersion")] = None
    """
    This is the assistant version to use for this call. Supported only with
    direct `assistantId`. Omit to follow the latest version.
    """
    assistant: Assistant | None = None
    """
    This is the assistant that will be used for the call. To use an existing assistant, use `assistantId` instead.
    """
    assistant_overrides: Annotated[AssistantOverrides | None, Field(alias="assistantOverrides")] = (
        None
    )
    """
    These are the overrides for the `assistant` or `assistantId`'s settings and template variables.
    """
    phone_number_id: Annotated[str | None, Field(alias="phoneNumberId")] = None
    """
    This is the phone number that will be used for the call. To use a transient number, use `phoneNumber` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
    phone_number: Annotated[PhoneNumber | None, Field(alias="phoneNumber")] = None
    """
    This is the phone number that will be used for the call. To use an existing number, use `phoneNumberId` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
    customer_id: Annotated[str | None, Field(alias="customerId")] = None
    """
    This is the customer that will be called. To call a transient customer , use `customer` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
    customer: Customer | None = None
    """
    This is the customer that will be called. To call an existing customer, use `customerId` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
