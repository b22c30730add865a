"""Checks on a built site (links, size budgets), independent of the engine that built it."""
