"""Village ⇄ county sync: protocol, merge, the county side and the counter client."""
