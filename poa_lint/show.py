"""``--show-settings``: every setting that applies to a letter, and where it came from.

As ruff's ``--show-settings``: when a team's letters sit under several config files that
extend one another, the first question is "what applies here?". The settings are printed
as TOML (the output could be pasted into a ``.poa-lint.toml``), preceded by comments naming
the config file, the files it extends, the letter's notice and whether the letter is
excluded.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .discovery import Notices, excluded, is_notice_name

if TYPE_CHECKING:
    from .config import Config


def _toml(value: Any) -> str:
    """A TOML value: strings, numbers, booleans and lists of them (JSON spells them alike)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def settings_text(path: str | None, config: Config, *, explicit: bool = False) -> str:
    """The settings for ``path`` (None: the current folder), as commented TOML."""
    lines = [f"# Settings for {path or 'the current folder'}"]
    if config.source is None:
        lines.append("# config file: none (defaults and command-line flags)")
    else:
        how = " (--config)" if explicit else ""
        lines.append(f"# config file: {config.source}{how}")
        extended = sorted({s for s in config.origins.values() if s and s != config.source})
        for base in extended:
            lines.append(f"#   extends: {base}")
    if path is not None:
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        notice = Notices().for_letter(path)
        lines.append(f"# notice: {notice or 'none'}")
        if is_notice_name(name):
            lines.append("# checked: no (a notice, read with its letter)")
        elif excluded(path, config.exclude_rules()):
            forced = "" if config.force_exclude else " (named on the command line: checked)"
            lines.append(f"# checked: no, excluded when walking folders{forced}")
        else:
            lines.append("# checked: yes")
    data = config.model_dump(mode="json", by_alias=True, exclude_unset=False)
    rules = data.pop("rules", {})
    ignores = data.pop("per-file-ignores", {})
    for key, value in data.items():
        if value is None:
            lines.append(f"# {key} = (not set)")
            continue
        line = f"{key} = {_toml(value)}"
        source = config.origins.get(key)
        if source and source != config.source:
            line += f"  # from {source}"
        lines.append(line)
    folders = [
        f"#   {', '.join(patterns)}: relative to {anchor or 'the current folder'}"
        for anchor, patterns in config.exclusions()
        if patterns
    ]
    if folders:
        lines.append("# exclusion patterns (gitignore style):")
        lines.extend(folders)
    if ignores:
        lines.append("")
        lines.append("[per-file-ignores]")
        for pattern, selectors in ignores.items():
            lines.append(f"{json.dumps(pattern)} = {_toml(selectors)}")
    for name, settings in rules.items():
        lines.append("")
        lines.append(f"[rules.{name}]")
        for key, value in settings.items():
            if value is not None:
                lines.append(f"{key} = {_toml(value)}")
    return "\n".join(lines) + "\n"
