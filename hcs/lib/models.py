"""No models of its own; the module exists so that `migrate` signals this app (apps.py)."""
