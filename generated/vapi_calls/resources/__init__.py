"""One module per resource; the clients import them when first used."""
