"""Test markers: `integration` for the modules that start real components (an Oxigraph,
Virtuoso or nginx server, headless Chromium, a Dask cluster, a notebook kernel, a wheel build,
the CLI in a subprocess), `unit` for the rest. `make test` runs both; `make test-quick` only the
units, for a quick loop while editing (under a minute)."""

from __future__ import annotations

import pytest

INTEGRATION = frozenset(
    {
        "test_distributed",  # a Dask LocalCluster and a scheduler process
        "test_endpoint",  # Oxigraph and Virtuoso servers
        "test_load_hardening",  # an Oxigraph server, loads cut off midway
        "test_notebook",  # a Jupyter kernel running the notebook
        "test_output_hygiene",  # the CLI in a subprocess
        "test_output_swap",
        "test_resume",  # a build killed and resumed
        "test_saved_queries",  # the saved queries on real stores
        "test_store_reading",
        "test_view_browser",  # headless Chromium
        "test_view_corpus",  # CLI builds of 300 and 2,000 articles, then Chromium
        "test_wheel",  # builds and installs the wheel
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        item.add_marker(pytest.mark.integration if module in INTEGRATION else pytest.mark.unit)
