"""Demo content, bulk seeding and the benchmark: development, tests and make bench only, never production."""
