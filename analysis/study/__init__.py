"""Analysis on validated frames: indicators, sources and the one source-preference policy, the claims
audit, the tables notebooks use and the coverage of the key years."""
