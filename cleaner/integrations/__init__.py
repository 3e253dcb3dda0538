"""Adapters to data-processing frameworks. Each imports its framework only when imported itself."""
