"""The ``poa-lint`` command. Thin: it parses flags and calls the API, never the other way round.

One module per command group: :mod:`~poa_lint.cli.check` (``check``, whose one route
is :mod:`~poa_lint.cli.route`), :mod:`~poa_lint.cli.info` (``rules``, ``explain``,
``reasons``, ``new``) and :mod:`~poa_lint.cli.serve` (the web page); what they share is in
:mod:`~poa_lint.cli.common`. ``poa_lint.cli:main`` is the console entry point.

Start-up matters (it runs on every save and commit): ``--version``, ``--help``, ``rules``
and ``explain`` must not import spaCy, so the engine is imported inside ``check`` only (and
there only when a letter misses the cache). The catalogue, config and models (pydantic,
PyYAML) are imported inside the commands too, so ``--version`` and ``--help`` skip them.
"""

from __future__ import annotations

from . import check, info, serve  # noqa: F401 - each registers its commands on `main`
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FORMATS, SEVERITIES, main

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "FORMATS", "SEVERITIES", "main"]
