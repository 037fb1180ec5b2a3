__title__ = "vapi-calls"
__version__ = "0.2.0"
