from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from .._models import BaseModel
from .assistant import Assistant
from .assistant_overrides import AssistantOverrides
from .call_ended_reason import CallEndedReason
from .call_phone_call_provider import CallPhoneCallProvider
from .call_phone_call_transport import CallPhoneCallTransport
from .call_status import CallStatus
from .call_type import CallType
from .cost_breakdown import CostBreakdown
from .customer import Customer
from .phone_call_provider_details import PhoneCallProviderDetails
from .phone_number import PhoneNumber


class Call(BaseModel):
    """
    A phone or web call handled by a Vapi assistant.
    """

    type: CallType | None = None
    """
    This is the type of call.
    """
    phone_call_provider: Annotated[
        CallPhoneCallProvider | None, Field(alias="phoneCallProvider")
    ] = None
    """
    This is the provider of the call.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_call_transport: Annotated[
        CallPhoneCallTransport | None, Field(alias="phoneCallTransport")
    ] = None
    """
    This is the transport of the phone call.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    status: CallStatus | None = None
    """
    This is the status of the call.
    """
    ended_reason: Annotated[CallEndedReason | None, Field(alias="endedReason")] = None
    """
    This is the explanation for how the call ended.
    """
    max_duration_seconds: Annotated[float | None, Field(alias="maxDurationSeconds")] = None
    """
    This is the maximum number of seconds that the call will last. When the call reaches this duration, it will be ended.
    """
    id: str
    """
    This is the unique identifier for the call.
    """
    org_id: Annotated[str, Field(alias="orgId")]
    """
    This is the unique identifier for the org that this call belongs to.
    """
    created_at: Annotated[datetime, Field(alias="createdAt")]
    """
    This is the ISO 8601 date-time string of when the call was created.
    """
    updated_at: Annotated[datetime, Field(alias="updatedAt")]
    """
    This is the ISO 8601 date-time string of when the call was last updated.
    """
    started_at: Annotated[datetime | None, Field(alias="startedAt")] = None
    """
    This is the ISO 8601 date-time string of when the call was started.
    """
    ended_at: Annotated[datetime | None, Field(alias="endedAt")] = None
    """
    This is the ISO 8601 date-time string of when the call was ended.
    """
    cost: float | None = None
    """
    This is the cost of the call in USD.
    """
    cost_breakdown: Annotated[CostBreakdown | None, Field(alias="costBreakdown")] = None
    """
    This is the cost of the call in USD.
    """
    transcript: str | None = None
    """
    This is the transcript of the call.
    """
    recording_url: Annotated[str | None, Field(alias="recordingUrl")] = None
    """
    This is the URL of the recording of the call.
    """
    stereo_recording_url: Annotated[str | None, Field(alias="stereoRecordingUrl")] = None
    """
    This is the URL of the recording of the call in two channels.
    """
    summary: str | None = None
    """
    This is the summary of the call.
    """
    messages: list[dict[str, Any]] | None = None
    """
    These are the messages that were spoken during the call.
    """
    phone_call_provider_id: Annotated[str | None, Field(alias="phoneCallProviderId")] = None
    """
    The ID of the call as provided by the phone number service. callSid in Twilio. conversationUuid in Vonage.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_call_provider_bypass_enabled: Annotated[
        bool | None, Field(alias="phoneCallProviderBypassEnabled")
    ] = None
    """
    If enabled, prevents Vapi from initiating calls directly. Defaults to disabled. Suitable for external call handling, such as with Twilio Studio Flow, with integration details provided in phoneCallProviderDetails.

    Only relevant for outboundPhoneCall and inboundPhoneCall types.
    """
    phone_call_provider_details: Annotated[
        PhoneCallProviderDetails | None, Field(alias="phoneCallProviderDetails")
    ] = None
    """
    This is the phone call provider details to bridge the assistant into the external call. Only filled if phoneCallProviderBypassEnabled is true.

    Only relevant for outboundPhoneCall and inboundPhoneCall types.
    """
    web_call_url: Annotated[str | None, Field(alias="webCallUrl")] = None
    web_call_sip_uri: Annotated[str | None, Field(alias="webCallSipUri")] = None
    """
    This is the SIP URI of the call that the assistant will join.

    Only relevant for webCall type.
    """
    forwarded_phone_number: Annotated[str | None, Field(alias="forwardedPhoneNumber")] = None
    """
    This is the phone number that the call was forwarded to.
    """
    assistant_id: Annotated[str | None, Field(alias="assistantId")] = None
    """
    This is the assistant that will be used for the call. To use a transient assistant, use assistant instead.
    """
    assistant_overrides: Annotated[AssistantOverrides | None, Field(alias="assistantOverrides")] = (
        None
    )
    """
    Overrides for the assistant's settings and template variables.
    """
    assistant: Assistant | None = None
    """
    This is the assistant that will be used for the call. To use an existing assistant, use assistantId instead.
    """
    customer_id: Annotated[str | None, Field(alias="customerId")] = None
    """
    This is the customer that will be called. To call a transient customer , use customer instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    customer: Customer | None = None
    """
    This is the customer that will be called. To call an existing customer, use customerId instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_number_id: Annotated[str | None, Field(alias="phoneNumberId")] = None
    """
    This is the phone number that will be used for the call. To use a transient number, use phoneNumber instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_number: Annotated[PhoneNumber | None, Field(alias="phoneNumber")] = None
    """
    This is the phone number that will be used for the call. To use an existing number, use phoneNumberId instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    metadata: dict[str, Any] | None = None
    """
    This is the metadata associated with the call.
    """
