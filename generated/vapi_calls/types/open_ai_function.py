from __future__ import annotations

from .._models import BaseModel
from .open_ai_function_parameters import OpenAIFunctionParameters


class OpenAIFunction(BaseModel):
    """
    A function definition passed to the LLM, in OpenAI function-calling format.
    """

    name: str | None = None
    """
    This is the the name of the function to be called.

    Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.
    """
    description: str | None = None
    """
    This is the description of what the function does, used by the AI to choose when and how to call the function.
    """
    parameters: OpenAIFunctionParameters | None = None
    """
    These are the parameters the functions accepts, described as a JSON Schema object.
    """
