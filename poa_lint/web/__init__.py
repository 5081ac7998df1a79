"""The local web page (``poa-lint serve``) and the HTML report (``--format html``).

One set of Jinja2 templates renders a checked letter for both: :mod:`.render` turns a
report and the letter's text into what the templates show (the letter with its findings
highlighted in place, the parts found, the cause → action matrix, the verdict), and
:mod:`.app` serves the page. Importing this package imports neither Starlette nor uvicorn:
the HTML reporter needs only Jinja2, which spaCy already depends on.
"""
