"""Use cases of the counter. Every function is keyword-only and takes an open session.

Each validates its input (raising ``domain.errors.ValidationError`` naming the field and the
rule before anything is written), makes its change, and appends one audit entry.
"""
