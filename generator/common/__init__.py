"""Shared low-level helpers every stage may use: JSON pointers, names, Python source, the spec walkers,
where templates and caches are, the stage cache and forked workers. Nothing here imports a stage."""
