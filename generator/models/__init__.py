"""Stage 3: pydantic v2 models by datamodel-code-generator, with the schema preparation before it
(schema refs localised, const unions as enums, inline schemas hoisted) and tagged unions."""
