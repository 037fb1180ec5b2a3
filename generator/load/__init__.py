"""Stage 1: YAML or JSON -> plain data with positions; multi-file specs bundled; $ref lookups."""
