__title__ = "vapi-calls"
__version__ = "0.1.0"
