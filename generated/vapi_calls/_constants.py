"""What differs from one generated package to another: the rest of the runtime is the same in each."""

PACKAGE_NAME = "vapi_calls"
# Set to "debug" or "info" to log requests to stderr.
LOG_ENV = "VAPI_CALLS_LOG"
