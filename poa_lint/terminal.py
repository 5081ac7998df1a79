"""What the terminal gets: colour (``--color``, ``NO_COLOR``, ``FORCE_COLOR``) and the
progress bar of a long run.

Both follow the conventions other command-line tools keep, so that poa-lint behaves in a
team's scripts, CI and pre-commit exactly as ruff or pytest would there: colour and the bar
only for a person at a terminal, never in a pipe, a file, CI or a git hook. Pydantic-free:
a run the cache answers colours its output with the same rule.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

PROGRESS_MIN = 20
"""Letters to check (not answered from the cache) from which a run counts as long: loading
the model and checking 20 letters takes several seconds."""
PROGRESS_BATCH = 16
"""Letters per batch in this process while a bar is shown, so that it moves now and then
(instead of once per 64 letters)."""


def _set(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def use_color(
    option: bool | None,
    *,
    output_format: str,
    output_path: str | None,
    stdout: TextIO,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether text output is coloured: ``--color``/``--no-color`` decide; else no colour
    for other formats or ``--output``; else ``NO_COLOR`` (https://no-color.org) turns it
    off and ``FORCE_COLOR`` on; else colour when standard output is a terminal."""
    if option is not None:
        return option
    if output_format != "text" or output_path:
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if _set(env, "FORCE_COLOR"):
        return True
    return _isatty(stdout)


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def show_progress(
    letters: int,
    *,
    quiet: bool,
    output_path: str | None,
    stdout: TextIO,
    stderr: TextIO,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """A bar only for a person watching a long run: ``letters`` to check at least
    :data:`PROGRESS_MIN`, standard error a terminal, the report going to the terminal or
    to ``--output`` (not into a pipe), no ``--quiet``, not under CI (``CI``,
    ``GITHUB_ACTIONS``) or pre-commit (``PRE_COMMIT``), and a terminal that can redraw a
    line (``TERM`` not ``dumb``)."""
    env = os.environ if environ is None else environ
    return (
        letters >= PROGRESS_MIN
        and not quiet
        and _isatty(stderr)
        and (bool(output_path) or _isatty(stdout))
        and not any(_set(env, name) for name in ("CI", "GITHUB_ACTIONS", "PRE_COMMIT"))
        and env.get("TERM", "") != "dumb"
    )


_CLEAR_LINE = "\r\033[K"
_SHOW_CURSOR = "\033[?25h"


class Progress:
    """click's progress bar on standard error, cleared before each report line is written
    (the report may share the terminal) and drawn again at the next step."""

    def __init__(self, total: int, stream: TextIO) -> None:
        import click

        self._stream = stream
        self._bar: ProgressBar[int] = click.progressbar(
            length=total,
            label=f"Checking {total} letters",
            file=stream,
            show_pos=True,
            show_eta=True,
            width=30,
        )
        self._bar.render_progress()
        self._shown = True

    def clear(self) -> None:
        """Erase the bar before a report line goes to the terminal."""
        if self._shown:
            self._stream.write(_CLEAR_LINE)
            self._stream.flush()

    def advance(self, letters: int) -> None:
        """``letters`` more are done: draw the bar again."""
        self._bar.update(letters)

    def close(self) -> None:
        """Erase the bar for good (it leaves no trace in the terminal)."""
        if self._shown:
            self._stream.write(_CLEAR_LINE + _SHOW_CURSOR)
            self._stream.flush()
            self._shown = False
