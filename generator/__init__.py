"""Generate typed Python clients from OpenAPI documents: spec -> IR -> files."""
