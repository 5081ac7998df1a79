"""The rule catalogue: YAML data shipped as the package ``poa_lint.rules``.

Only the ``*.yaml`` files here matter; this file exists so that importlib.resources can
find the catalogue both in a checkout (editable install) and inside the wheel.
"""
