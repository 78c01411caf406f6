"""``indikator serve``: the library over HTTP (JSON API, OpenAPI, a web page for evaluators).

:func:`indikator.server.app.create_app` builds the Starlette application; :func:`indikator.
server.app.serve` runs it with uvicorn.  The answers are the envelopes of the JSON contract
(:mod:`indikator.contract`, ``docs/contract.md``), the same objects the CLI prints with
``--json``.  This package never imports :mod:`indikator.cli` (the CLI imports it).
"""
