from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel


class PhoneNumber(BaseModel):
    """
    A transient Twilio phone number, defined inline on the call.
    """

    twilio_phone_number: Annotated[str | None, Field(alias="twilioPhoneNumber")] = None
    """
    These are the digits of the phone number you own on your Twilio.
    """
    twilio_account_sid: Annotated[str | None, Field(alias="twilioAccountSid")] = None
    """
    This is your Twilio Account SID that will be used to handle this phone number.
    """
    twilio_auth_token: Annotated[str | None, Field(alias="twilioAuthToken", repr=False)] = None
    """
    This is the Twilio Auth Token that will be used to handle this phone number.
    """
    name: str | None = None
    """
    This is the name of the phone number. This is just for your own reference.
    """
    assistant_id: Annotated[str | None, Field(alias="assistantId")] = None
    """
    This is the assistant that will be used for incoming calls to this phone number.
    """
    server_url: Annotated[str | None, Field(alias="serverUrl")] = None
    server_url_secret: Annotated[str | None, Field(alias="serverUrlSecret", repr=False)] = None
