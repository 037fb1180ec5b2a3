"""Stages 6-7: compile + black, declared dependencies, atomic write, and the run cache."""
