"""The content: YAML files in, a checked `Catalogue` out.

Reads each record file into a node tree with positions (`load`), validates it against the typed
model (`model`, `validate`), resolves every reference across files (`check`, one module per kind:
`check_regions`, `check_innovations`, `check_agreements`, `check_visits`) and reports every problem
with its file, line, column and field, in Indonesian and English (`problems`, `messages`,
`report`). Knows nothing of pages or engines.
"""
