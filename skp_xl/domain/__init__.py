"""Pure domain rules of SKP under PermenPANRB 6/2022: standard library only."""
