import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sync"))

from dash_harness import county_data, dash  # noqa: F401
from sync_harness import county, county_url, village_a, village_b  # noqa: F401
