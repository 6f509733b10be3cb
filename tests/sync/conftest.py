from sync_harness import county, county_url, village_a, village_b  # noqa: F401
