"""Pure rules of the counter: identifiers, policy tables, pension and unemployment arithmetic.

Standard library only; nothing here touches a database, a screen or the network.
"""
