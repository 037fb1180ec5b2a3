"""Stage 4: the IR (ir.py) built from the spec: operations, parameters, bodies, responses, names."""
