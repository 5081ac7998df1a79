"""The single place the version lives.

Read by pyproject.toml and by the CLI without importing spaCy.
"""

__version__ = "0.1.0"
