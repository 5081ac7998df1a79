"""Performance figures for poa-lint (issue 6: fast enough to run on every save and commit).

    python bench/run.py                  # everything, about 35 minutes on 2 cores
    python bench/run.py --quick          # fewer repetitions
    python bench/run.py --only startup,cache
    python bench/run.py --json out.json  # also save the figures

Sections: machine, overhead (checks vs bare nlp.pipe, hot spots), ner (skipping the entity
recogniser), jobs (--jobs 1 vs 2), crossover (--jobs 1 vs 2 on 16 to 200 letters: where
worker processes start to pay; the default --jobs follows it), cache (second run), startup,
memory (1,000 letters), peers (proselint, write-good). Each figure is the median of several
runs (5 for fast things, 3 for slow ones); A/B pairs are run alternately so a noisy
neighbour hurts both alike. Every ratio is computed from figures measured in this one run.

Letters are generated at bench time in a temporary folder from corpus/*.txt, cycled and
varied (numbers, names, a reference line) so that no two files have the same content.

Peers are optional and skipped with "not installed" when absent (install them outside the
project's environment; see docs/performance.md):

    python -m venv /tmp/poa-peers/proselint-venv
    /tmp/poa-peers/proselint-venv/bin/pip install proselint
    (cd /tmp/poa-peers && npm install write-good)

Python keeps compiled bytecode (.pyc) next to an installed package. Where that is switched off
(PYTHONDONTWRITEBYTECODE=1, as in some sandboxes and containers) every start recompiles
poa-lint, which is not what users see after ``pip install``; the subprocesses therefore get a
private bytecode cache in the temporary folder (PYTHONPYCACHEPREFIX; nothing is written to
the project). ``--as-is`` keeps the environment untouched.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SECTIONS = (
    "machine",
    "overhead",
    "warm",
    "cold",
    "ner",
    "jobs",
    "crossover",
    "cache",
    "startup",
    "memory",
    "peers",
)
CROSSOVER_SIZES = (16, 24, 32, 46, 64, 96, 128, 200)
PEERS_HOME = Path(tempfile.gettempdir()) / "poa-peers"
NAMES = (
    "Wang Fang",
    "Li Wei",
    "Zhang Min",
    "Chen Jing",
    "Liu Yang",
    "Maria Lopez",
    "Anil Kumar",
    "Sofia Rossi",
    "Tom Becker",
    "Nguyen Van An",
)
FIGURES: dict[str, Any] = {}


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def corpus_letters() -> list[Path]:
    return sorted(
        p for p in CORPUS.glob("*.txt") if not p.name.endswith((".notice.txt", ".docx.txt"))
    )


def make_letters(folder: Path, count: int) -> Path:
    """``count`` letters cycled from the corpus, each varied so no two are the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [p.read_text(encoding="utf-8") for p in corpus_letters()]
    stems = [p.stem for p in corpus_letters()]
    for i in range(count):
        text = sources[i % len(sources)]
        round_ = i // len(sources)
        if round_:
            # shift the first few numbers and change a name; keep the letter's shape
            text = re.sub(r"\d+", lambda m, k=round_: str(int(m.group()) + k), text, count=4)
            for name in NAMES:
                if name in text:
                    text = text.replace(name, NAMES[(NAMES.index(name) + round_) % len(NAMES)])
                    break
        text = text.rstrip("\n") + f"\nReference: case {100000 + i}\n"
        (folder / f"{i:04d}-{stems[i % len(stems)]}.txt").write_text(text, encoding="utf-8")
    return folder


def cpu_busy(seconds: float = 1.0) -> float | None:
    """Fraction of all CPUs busy over ``seconds`` (from /proc/stat; None where unavailable)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return idle, sum(fields)

    try:
        idle0, total0 = sample()
        time.sleep(seconds)
        idle1, total1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_for_idle(limit: float, quiet: bool = False) -> None:
    """With --wait-idle: wait (at most ``limit`` seconds) until other work leaves the CPUs
    nearly idle, so that a shared machine does not distort wall-clock figures."""
    if limit <= 0:
        return
    start = time.monotonic()
    while time.monotonic() - start < limit:
        busy = cpu_busy()
        if busy is None or busy < 0.1:
            break
    waited = time.monotonic() - start
    if waited > 2 and not quiet:
        print(f"  (waited {waited:.0f} s for idle CPUs)")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


class Runner:
    """Runs commands with the bench environment and times them (wall and CPU of children)."""

    def __init__(self, env: dict[str, str], cli: list[str], wait_idle: float = 0) -> None:
        self.env = env
        self.cli = cli
        self.wait_idle = wait_idle

    def run(
        self,
        cmd: Sequence[str],
        *,
        cwd: Path | None = None,
        stdout: Any = subprocess.DEVNULL,
        any_exit: bool = False,
    ) -> tuple[float, float, int]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(
            list(cmd), cwd=cwd, env=self.env, stdout=stdout, stderr=subprocess.PIPE, check=False
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1) and not any_exit:
            raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
        return wall, cpu, proc.returncode

    def timed_once(self, cmd: Sequence[str]) -> float:
        """Wall time of one run of a command whatever its exit code (peers exit non-zero)."""
        wait_for_idle(self.wait_idle, quiet=True)
        return self.run(cmd, any_exit=True)[0]

    def lint(self, *args: str, cwd: Path | None = None) -> tuple[float, float, int]:
        return self.run([*self.cli, *args], cwd=cwd)

    def medians(
        self, reps: int, commands: dict[str, list[str]], cwd: Path | None = None
    ) -> dict[str, tuple[float, float]]:
        """Run each command ``reps`` times, alternating between them; median wall and CPU."""
        walls: dict[str, list[float]] = {k: [] for k in commands}
        cpus: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(reps):
            for label, cmd in commands.items():
                wait_for_idle(self.wait_idle, quiet=True)
                wall, cpu, _ = self.run(cmd, cwd=cwd)
                walls[label].append(wall)
                cpus[label].append(cpu)
        return {k: (median(walls[k]), median(cpus[k])) for k in commands}


def child(runner: Runner, section: str, *args: str) -> dict[str, Any]:
    """Run a measurement in a fresh interpreter (``bench/run.py --child SECTION ...``)."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", section, *args],
        env=runner.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"child {section} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------------------------
# sections
# --------------------------------------------------------------------------------------------


def machine(runner: Runner) -> None:
    from importlib import metadata

    from poa_lint import __version__
    from poa_lint.nlp import DEFAULT_MODELS

    def model_name() -> str:
        """The first installed model of the chain nlp.py follows, as name==version."""
        for name in DEFAULT_MODELS:
            try:
                return f"{name}=={metadata.version(name)}"
            except metadata.PackageNotFoundError:
                continue
        return "none installed"

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": metadata.version("spacy"),
        "model": model_name(),
        "pydantic": metadata.version("pydantic"),
        "poa_lint": __version__,
        "load_average_at_start": os.getloadavg(),
        "bytecode_cache": "private (PYTHONPYCACHEPREFIX)"
        if "PYTHONPYCACHEPREFIX" in runner.env
        else "as the environment has it",
    }
    FIGURES["machine"] = info
    print("## Machine")
    for key, value in info.items():
        print(f"  {key:<22} {value}")


def overhead(runner: Runner, letters200: Path, reps: int) -> None:
    print("\n## Overhead: checking 200 letters in one process vs bare nlp.pipe (same model)")
    result = child(runner, "overhead", str(letters200), str(reps))
    FIGURES["overhead"] = result
    bare_wall, bare_cpu = result["bare_wall"], result["bare_cpu"]
    lint_wall, lint_cpu = result["lint_wall"], result["lint_cpu"]
    print(f"  bare nlp.pipe          {fmt_s(bare_wall):>9} wall  {fmt_s(bare_cpu):>9} CPU")
    print(f"  poa-lint (in process)  {fmt_s(lint_wall):>9} wall  {fmt_s(lint_cpu):>9} CPU")
    ratio_wall, ratio_cpu = lint_wall / bare_wall, lint_cpu / bare_cpu
    print(
        f"  ratio                  {ratio_wall:9.2f}x wall {ratio_cpu:9.2f}x CPU   "
        f"target <= 0.65x (issue 14): {verdict(ratio_wall <= 0.65)} (wall), "
        f"{verdict(ratio_cpu <= 0.65)} (CPU)"
    )
    print("  where the time goes besides the parse (CPU, 200 letters, median of the runs):")
    for label, seconds in result["breakdown"][:14]:
        print(f"    {seconds * 1000:8.0f} ms  {label}")


def warm(runner: Runner, reps: int) -> None:
    """The warm path (issue 14): a Linter kept in a long-lived process, one corpus letter
    per call, against bare ``nlp()`` with every component of the model, in one process."""
    print("\n## Warm path: poa_lint.Linter, one corpus letter per call, vs bare nlp()")
    result = child(runner, "warm", str(reps))
    FIGURES["warm"] = result
    lint_ms, bare_ms = result["lint_median"] * 1000, result["bare_median"] * 1000
    ratio = result["ratio"]
    print(f"  bare nlp() (every component)  median {bare_ms:6.1f} ms per letter")
    print(
        f"  Linter.lint()                 median {lint_ms:6.1f} ms per letter   "
        f"target <= 45 ms: {verdict(lint_ms <= 45)}"
    )
    print(
        f"  ratio (median of per-letter ratios) {ratio:5.3f}x   "
        f"target <= 0.6x: {verdict(ratio <= 0.6)}"
    )
    print(f"  Linter() created in {fmt_s(result['create'])} (pipeline, rules, warm-up check)")
    print(f"  lint_many() of the {result['letters']} letters: {fmt_s(result['many'])}")


COLD_LETTER = "odr-01-good-headings.txt"


def cold(runner: Runner, work: Path, reps: int) -> None:
    """A first check of one letter from the command line (a fresh cache folder each time)
    against the floor: Python importing spaCy, loading the model with every component and
    parsing the same letter."""
    print(f"\n## Cold start: poa-lint check one.txt ({COLD_LETTER}) vs the floor")
    letter = work / "one.txt"
    letter.write_text((CORPUS / COLD_LETTER).read_text(encoding="utf-8"), encoding="utf-8")
    from poa_lint.nlp import DEFAULT_MODELS

    model = next(
        (m for m in DEFAULT_MODELS if importlib.util.find_spec(m) is not None), DEFAULT_MODELS[-1]
    )
    floor = (
        f"import spacy; nlp = spacy.load({model!r}); "
        f"nlp(open({str(letter)!r}, encoding='utf-8').read())"
    )
    walls: dict[str, list[float]] = {"poa-lint check one.txt": [], "--no-cache": [], "floor": []}
    for i in range(reps):
        cache_dir = work / f"cold-cache-{i}"
        commands = {
            "poa-lint check one.txt": [
                *runner.cli,
                "check",
                str(letter),
                "--cache-dir",
                str(cache_dir),
            ],
            "--no-cache": [*runner.cli, "check", str(letter), "--no-cache"],
            "floor": [sys.executable, "-c", floor],
        }
        for label, cmd in commands.items():
            wait_for_idle(runner.wait_idle, quiet=True)
            walls[label].append(runner.run(cmd)[0])
    medians = {k: median(v) for k, v in walls.items()}
    ratios = [a / b for a, b in zip(walls["poa-lint check one.txt"], walls["floor"], strict=True)]
    FIGURES["cold"] = {"medians": medians, "ratios": ratios, "model": model}
    print(f"  floor: import spacy; spacy.load({model!r}); nlp(text)  {fmt_s(medians['floor']):>9}")
    for label in ("poa-lint check one.txt", "--no-cache"):
        ratio = medians[label] / medians["floor"]
        target = f"target <= 1.1x: {verdict(ratio <= 1.1)}" if label.startswith("poa") else ""
        print(f"  {label:<24} {fmt_s(medians[label]):>9}  {ratio:5.2f}x the floor  {target}")
    print(f"  ratio run by run: {', '.join(f'{r:.2f}' for r in ratios)}")


def ner(runner: Runner, letters200: Path, reps: int) -> None:
    print("\n## Entity recogniser: parse with and without `ner` (200 letters)")
    result = child(runner, "ner", str(letters200), str(reps))
    FIGURES["ner"] = result
    full, lean = result["with_ner"], result["without_ner"]
    print(f"  nlp.pipe, full pipeline     {fmt_s(full):>9} CPU")
    print(f"  nlp.pipe, ner skipped       {fmt_s(lean):>9} CPU  ({1 - lean / full:.0%} less)")
    cmds = {
        "all rules": [*runner.cli, "check", str(letters200), "--no-cache", "-j", "1"],
        "POA701,POA401": [
            *runner.cli,
            "check",
            str(letters200),
            "--no-cache",
            "-j",
            "1",
            "--select",
            "POA701,POA401",
        ],
    }
    medians = runner.medians(max(1, reps - 2), cmds)
    FIGURES["ner"]["cli"] = medians
    for label, (wall, cpu) in medians.items():
        print(
            f"  poa-lint check -j 1 --select {label:<14} {fmt_s(wall):>9} wall {fmt_s(cpu):>9} CPU"
        )


def jobs(runner: Runner, letters200: Path, work: Path, reps: int) -> None:
    print("\n## --jobs: 200 letters, no cache")
    outputs = {n: work / f"jobs{n}.json" for n in (1, 2)}
    cmds = {
        f"-j {n}": [
            *runner.cli,
            "check",
            str(letters200),
            "--no-cache",
            "-j",
            str(n),
            "-f",
            "json",
            "-o",
            str(out),
        ]
        for n, out in outputs.items()
    }
    medians = runner.medians(reps, cmds)
    one, two = medians["-j 1"][0], medians["-j 2"][0]
    same = outputs[1].read_bytes() == outputs[2].read_bytes()
    FIGURES["jobs"] = {"medians": medians, "speedup": one / two, "identical_output": same}
    print(f"  --jobs 1   {fmt_s(one):>9}")
    print(f"  --jobs 2   {fmt_s(two):>9}")
    print(f"  speed-up   {one / two:9.2f}x   target >= 1.6x: {verdict(one / two >= 1.6)}")
    print(f"  byte-identical JSON output: {'yes' if same else 'NO'}")


def crossover(runner: Runner, work: Path, reps: int) -> None:
    """``-j 1`` against ``-j 2`` (and the default) on small to large runs, no cache: the
    number of letters from which worker processes pay for their start and model load."""
    print("\n## --jobs crossover: letters to check, no cache")
    rows: dict[int, dict[str, tuple[float, float]]] = {}
    print(f"  {'letters':>7}  {'-j 1':>9}  {'-j 2':>9}  {'default':>9}  -j 2 / -j 1")
    for size in CROSSOVER_SIZES:
        folder = make_letters(work / f"crossover{size}", size)
        base = [*runner.cli, "check", str(folder), "--no-cache", "-f", "json"]
        medians = runner.medians(
            reps, {"-j 1": [*base, "-j", "1"], "-j 2": [*base, "-j", "2"], "default": base}
        )
        rows[size] = medians
        one, two, default = medians["-j 1"][0], medians["-j 2"][0], medians["default"][0]
        print(
            f"  {size:>7}  {fmt_s(one):>9}  {fmt_s(two):>9}  {fmt_s(default):>9}  {two / one:.2f}"
        )
    faster = [size for size, m in rows.items() if m["-j 2"][0] < m["-j 1"][0]]
    FIGURES["crossover"] = {"medians": rows, "first_size_where_j2_wins": min(faster, default=None)}
    worst = max(m["default"][0] / m["-j 1"][0] for m in rows.values())
    print(f"  default at worst {worst:.2f}x the time of -j 1   target <= 1.05x: ", end="")
    print(verdict(worst <= 1.05))


def cache(runner: Runner, letters200: Path, work: Path, reps: int) -> None:
    print("\n## Cache: second run over 200 unchanged letters")
    cache_dir = work / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    args = ["check", str(letters200), "--cache-dir", str(cache_dir)]
    cold_wall, _, _ = runner.lint(*args, "-o", str(work / "cold.txt"))
    # What a fully cached run imports (poa_lint/cli/route.py): no pydantic.
    floor = "import click, poa_lint.cli, poa_lint.cli.route, poa_lint.reporters.text"
    warm = runner.medians(
        reps,
        {
            "text": [*runner.cli, *args, "-o", str(work / "warm.txt")],
            "json": [*runner.cli, *args, "-f", "json", "-o", str(work / "warm.json")],
            "imports": [sys.executable, "-c", floor],
        },
    )
    warm_wall = warm["text"][0]
    same = (work / "cold.txt").read_bytes() == (work / "warm.txt").read_bytes()
    probe = (
        "import sys\nfrom poa_lint.cli import main\n"
        f"try:\n    main({[*args, '-o', os.devnull]!r})\nexcept SystemExit:\n    pass\n"
        "print('spacy' in sys.modules, 'poa_lint.engine' in sys.modules, "
        "'pydantic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=runner.env, capture_output=True, text=True, check=True
    ).stdout.split()
    entries = len(list(cache_dir.glob("v1/*/*.json")))
    size = sum(p.stat().st_size for p in cache_dir.rglob("*") if p.is_file())
    FIGURES["cache"] = {
        "cold": cold_wall,
        "warm_text": warm_wall,
        "warm_json": warm["json"][0],
        "python_and_imports_only": warm["imports"][0],
        "identical_output": same,
        "spacy_imported": out[0] == "True",
        "engine_imported": out[1] == "True",
        "pydantic_imported": out[2] == "True",
        "entries": entries,
        "bytes": size,
    }
    print(f"  first run (fills the cache)      {fmt_s(cold_wall):>9}")
    print(
        f"  second run (text output)         {fmt_s(warm_wall):>9}   target < 0.3 s: "
        f"{verdict(warm_wall < 0.3)}"
    )
    print(f"  second run, --format json        {fmt_s(warm['json'][0]):>9}")
    print(f"  of which Python + imports alone  {fmt_s(warm['imports'][0]):>9}")
    print(f"  spaCy imported on 2nd run        {out[0]}  (engine: {out[1]}, pydantic: {out[2]})")
    print(f"  same output as the first run     {'yes' if same else 'NO'}")
    print(f"  cache size                       {entries} entries, {size / 1024:.0f} KiB")


def startup(runner: Runner, reps: int) -> None:
    print("\n## Start-up (no spaCy)")
    cmds = {
        "poa-lint --version": [*runner.cli, "--version"],
        "poa-lint --help": [*runner.cli, "--help"],
        "poa-lint rules": [*runner.cli, "rules"],
        "poa-lint explain POA701": [*runner.cli, "explain", "POA701"],
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import pydantic'": [sys.executable, "-c", "import pydantic"],
    }
    medians = runner.medians(reps, cmds)
    FIGURES["startup"] = {k: v[0] for k, v in medians.items()}
    for label, (wall, _) in medians.items():
        target = f"target < 0.3 s: {verdict(wall < 0.3)}" if label.startswith("poa") else ""
        print(f"  {label:<30} {fmt_s(wall):>9}   {target}")
    imports = child(runner, "imports")
    FIGURES["imports"] = imports
    print("  in-process cost of what `poa-lint rules` loads:")
    for label, seconds in imports.items():
        print(f"    {seconds * 1000:6.1f} ms  {label}")


def _tree_rss(pid: int) -> int:
    """Resident memory (KiB) of a process and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{current}/task/{current}/children") as handle:
                stack.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def memory(runner: Runner, work: Path) -> None:
    print("\n## Memory: 1,000 letters, --no-cache")
    letters = make_letters(work / "letters1000", 1000)
    results: dict[str, Any] = {}
    for n in (1, 2):
        # A fresh wrapper process, so RUSAGE_CHILDREN sees only this run of the CLI.
        wrapper = (
            "import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
            "print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        cmd = [
            sys.executable,
            "-c",
            wrapper,
            *runner.cli,
            "check",
            str(letters),
            "--no-cache",
            "--jobs",
            str(n),
            "-f",
            "json",
            "-o",
            os.devnull,
        ]
        proc = subprocess.Popen(cmd, env=runner.env, stdout=subprocess.PIPE, text=True)
        peak_tree = 0
        done = threading.Event()

        def sample(pid: int = proc.pid, done: threading.Event = done) -> None:
            nonlocal peak_tree
            while not done.is_set():
                peak_tree = max(peak_tree, _tree_rss(pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        out, _ = proc.communicate()
        done.set()
        sampler.join()
        seconds, maxrss = out.split()
        results[f"jobs {n}"] = {
            "seconds": float(seconds),
            "ru_maxrss_mib": int(maxrss) / 1024,
            "all_processes_mib": peak_tree / 1024,
        }
    FIGURES["memory"] = results
    for label, r in results.items():
        ok = r["ru_maxrss_mib"] < 500
        print(
            f"  --{label}: ru_maxrss {r['ru_maxrss_mib']:6.0f} MiB "
            f"(largest process; target < 500 MB: {verdict(ok)}), "
            f"all processes together {r['all_processes_mib']:6.0f} MiB (sampled), "
            f"{fmt_s(r['seconds'])}"
        )


def _peer_paths(args: argparse.Namespace) -> dict[str, list[str] | None]:
    proselint = args.proselint or shutil.which("proselint")
    if proselint is None and (PEERS_HOME / "proselint-venv/bin/proselint").exists():
        proselint = str(PEERS_HOME / "proselint-venv/bin/proselint")
    write_good = args.write_good or shutil.which("write-good")
    if write_good is None and (PEERS_HOME / "node_modules/.bin/write-good").exists():
        write_good = str(PEERS_HOME / "node_modules/.bin/write-good")
    return {
        "proselint": [proselint, "check"] if proselint else None,
        "write-good": [write_good] if write_good else None,
    }


def _version(cmd: list[str]) -> str:
    try:
        if cmd[-1] == "check":  # proselint
            out = subprocess.run([cmd[0], "version"], capture_output=True, text=True).stdout
        else:
            out = subprocess.run([*cmd, "--version"], capture_output=True, text=True).stdout
    except OSError:
        return "?"
    return out.strip().splitlines()[0] if out.strip() else "?"


def peers(runner: Runner, letters200: Path, args: argparse.Namespace, reps: int) -> None:
    print("\n## Peers (they check far less; they are what a user might run instead)")
    files = sorted(str(p) for p in letters200.glob("*.txt"))
    one = [files[0]]
    warm_dir = letters200.parent / "peers-cache"
    tools: dict[str, list[str] | None] = {
        "poa-lint": [*runner.cli, "check", "--no-cache"],
        "poa-lint, unchanged letters (cache)": [
            *runner.cli,
            "check",
            "--cache-dir",
            str(warm_dir),
        ],
        **_peer_paths(args),
    }
    runner.run([*runner.cli, "check", "--cache-dir", str(warm_dir), *files])  # fill it
    results: dict[str, Any] = {}
    for name, cmd in tools.items():
        if cmd is None:
            print(f"  {name:<10} not installed")
            results[name] = None
            continue
        single = median([runner.timed_once([*cmd, *one]) for _ in range(reps)])
        many = median([runner.timed_once([*cmd, *files]) for _ in range(max(1, reps - 2))])
        version = FIGURES["machine"]["poa_lint"] if name.startswith("poa-lint") else _version(cmd)
        results[name] = {"version": version, "one_letter": single, "200_letters": many}
        print(f"  {name} ({version})")
        print(f"      1 letter {fmt_s(single):>9}   200 letters {fmt_s(many):>9}")
    FIGURES["peers"] = results


# --------------------------------------------------------------------------------------------
# children (run in a fresh interpreter)
# --------------------------------------------------------------------------------------------


def _child_overhead(folder: str, reps: int) -> dict[str, Any]:
    """Bare nlp.pipe vs poa-lint's in-process path on the same texts, same model."""
    import spacy

    from poa_lint.api import Job, limits_for, lint_jobs
    from poa_lint.catalog import load_catalog
    from poa_lint.checks import CHECKS
    from poa_lint.config import Config
    from poa_lint.coverage import causes_of
    from poa_lint.engine import build_report, check_letter, pattern_matcher, prepare_rules
    from poa_lint.letter import build_letters
    from poa_lint.nlp import load_pipeline
    from poa_lint.parallel import BATCH
    from poa_lint.readers import read_path
    from poa_lint.sections import structure_of

    paths = sorted(Path(folder).glob("*.txt"))
    config = Config()
    ours = load_pipeline()
    name = f"{ours.meta['lang']}_{ours.meta['name']}"
    bare = spacy.load(name)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    # warm both (first-call costs: matcher compilation, textstat import, caches)
    list(bare.pipe(texts[:4], batch_size=16))
    warm = [read_path(p, limits=limits_for(config)) for p in paths[:4]]
    lint_jobs([Job(s, config) for s in warm])

    def bare_run() -> None:
        list(bare.pipe(texts, batch_size=16))

    def lint_run() -> None:
        for start in range(0, len(paths), BATCH):
            chunk = paths[start : start + BATCH]
            sources = [read_path(p, limits=limits_for(config)) for p in chunk]
            lint_jobs([Job(s, config) for s in sources])

    walls: dict[str, list[float]] = {"bare": [], "lint": []}
    cpus: dict[str, list[float]] = {"bare": [], "lint": []}
    for _ in range(reps):
        for label, fn in (("bare", bare_run), ("lint", lint_run)):
            w, c = time.perf_counter(), time.process_time()
            fn()
            walls[label].append(time.perf_counter() - w)
            cpus[label].append(time.process_time() - c)

    # Where the time goes: every rule on pre-parsed letters, plus the shared analyses.
    catalog = load_catalog()
    sources = [read_path(p, limits=limits_for(config)) for p in paths]
    letters = build_letters(sources, ours)
    rules = prepare_rules(catalog, config)
    matcher = pattern_matcher(catalog, ours)
    parts: dict[str, float] = {}

    def timed(label: str, fn: Callable[[], object]) -> None:
        c = time.process_time()
        fn()
        parts[label] = parts.get(label, 0.0) + time.process_time() - c

    c = time.process_time()
    [read_path(p, limits=limits_for(config)) for p in paths]
    parts["reading files (readers.py)"] = time.process_time() - c
    timed("Letter.sentences", lambda: [x.sentences for x in letters])
    timed("structure_of (sections/)", lambda: [structure_of(x) for x in letters])
    timed("causes_of (coverage.py)", lambda: [causes_of(x) for x in letters])
    timed("Letter.words", lambda: [x.words for x in letters])
    timed("pattern rules (one Matcher + PhraseMatcher)", lambda: [matcher.hits(x) for x in letters])
    for active in rules:
        if active.rule.check:
            fn = CHECKS[active.rule.check].function
            timed(
                f"{active.rule.code} {active.rule.check}",
                lambda fn=fn, active=active: [list(fn(x, active.options)) for x in letters],
            )
    timed(
        "findings + report (engine.py)",
        lambda: [build_report(x, check_letter(x, [], matcher), config) for x in letters],
    )
    breakdown = sorted(parts.items(), key=lambda kv: -kv[1])
    return {
        "bare_wall": median(walls["bare"]),
        "bare_cpu": median(cpus["bare"]),
        "lint_wall": median(walls["lint"]),
        "lint_cpu": median(cpus["lint"]),
        "runs": reps,
        "breakdown": breakdown,
        "checks_total": sum(parts.values()),
    }


def _child_warm(reps: int) -> dict[str, Any]:
    """Per-letter wall time of a warm Linter and of bare nlp() (every component) on the
    corpus letters, alternating letter by letter, in this one process."""
    import spacy

    from poa_lint import Linter
    from poa_lint.nlp import load_pipeline

    texts = [p.read_text(encoding="utf-8") for p in corpus_letters()]
    t = time.perf_counter()
    linter = Linter()
    create = time.perf_counter() - t
    ours = load_pipeline()
    bare = spacy.load(f"{ours.meta['lang']}_{ours.meta['name']}")
    for text in texts[:4]:
        bare(text)
        linter.lint(text)
    lint_times: list[list[float]] = [[] for _ in texts]
    bare_times: list[list[float]] = [[] for _ in texts]
    for _ in range(reps):
        for i, text in enumerate(texts):
            t = time.perf_counter()
            bare(text)
            bare_times[i].append(time.perf_counter() - t)
            t = time.perf_counter()
            linter.lint(text)
            lint_times[i].append(time.perf_counter() - t)
    per_lint = [median(v) for v in lint_times]
    per_bare = [median(v) for v in bare_times]
    t = time.perf_counter()
    linter.lint_many(texts)
    many = time.perf_counter() - t
    return {
        "letters": len(texts),
        "create": create,
        "lint_median": median(per_lint),
        "bare_median": median(per_bare),
        "ratio": median([a / b for a, b in zip(per_lint, per_bare, strict=True)]),
        "many": many,
    }


def _child_ner(folder: str, reps: int) -> dict[str, Any]:
    from poa_lint.nlp import load_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    nlp = load_pipeline(entities=True)  # the pipeline a rule on entities would get
    list(nlp.pipe(texts[:4]))
    times: dict[str, list[float]] = {"with_ner": [], "without_ner": []}
    for _ in range(max(1, reps - 1)):
        for label, disable in (("with_ner", []), ("without_ner", ["ner"])):
            c = time.process_time()
            list(nlp.pipe(texts, batch_size=16, disable=disable))
            times[label].append(time.process_time() - c)
    return {k: median(v) for k, v in times.items()}


def _child_imports() -> dict[str, float]:
    out: dict[str, float] = {}
    t = time.perf_counter()
    import pydantic  # noqa: F401

    out["import pydantic"] = time.perf_counter() - t
    t = time.perf_counter()
    import yaml

    out["import yaml"] = time.perf_counter() - t
    t = time.perf_counter()
    import click  # noqa: F401

    out["import click"] = time.perf_counter() - t
    t = time.perf_counter()
    import poa_lint.cli

    out["import poa_lint.cli (all that --version and --help need)"] = time.perf_counter() - t
    t = time.perf_counter()
    import poa_lint.config
    import poa_lint.reporters  # noqa: F401

    out["import models, config, catalog, reporters (pydantic model classes)"] = (
        time.perf_counter() - t
    )
    from poa_lint import catalog

    t = time.perf_counter()
    files = list(catalog.rule_files())
    out["read rules/*.yaml"] = time.perf_counter() - t
    t = time.perf_counter()
    data = [catalog.parse_yaml(name, text) for name, text in files]
    out["parse rules/*.yaml (libyaml)"] = time.perf_counter() - t
    t = time.perf_counter()
    [yaml.load(text, Loader=yaml.SafeLoader) for _, text in files]
    out["parse rules/*.yaml (pure-Python loader, for comparison)"] = time.perf_counter() - t
    t = time.perf_counter()
    for entries in data:
        for entry in entries["rules"]:
            catalog.Rule.model_validate(entry)
    out["validate the rules (pydantic)"] = time.perf_counter() - t
    return out


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def bench_env(as_is: bool, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("POA_LINT_CACHE_DIR", None)
    if not as_is and env.get("PYTHONDONTWRITEBYTECODE"):
        env.pop("PYTHONDONTWRITEBYTECODE")
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("poa-lint")
    if script.exists():
        return [str(script)]
    found = shutil.which("poa-lint")
    return [found] if found else [sys.executable, "-c", "from poa_lint.cli import main; main()"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--as-is", action="store_true", help="do not give subprocesses a .pyc cache"
    )
    parser.add_argument("--proselint", metavar="PATH", help="the proselint executable")
    parser.add_argument("--write-good", metavar="PATH", help="the write-good executable")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each section, wait up to SECONDS for the CPUs to be idle",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        section, *rest = args.child
        if section == "overhead":
            result: Any = _child_overhead(rest[0], int(rest[1]))
        elif section == "ner":
            result = _child_ner(rest[0], int(rest[1]))
        elif section == "warm":
            result = _child_warm(int(rest[0]))
        else:
            result = _child_imports()
        print(json.dumps(result))
        return

    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    fast, slow = (3, 1) if args.quick else (5, 3)
    with tempfile.TemporaryDirectory(prefix="poa-bench-") as tmp:
        work = Path(tmp)
        runner = Runner(bench_env(args.as_is, work), cli_command(), args.wait_idle)
        letters200 = make_letters(work / "letters200", 200)
        # compile the bytecode once, so no measured run pays for it
        runner.lint("--version")
        runner.lint("check", str(letters200 / os.listdir(letters200)[0]), "--no-cache")
        started = time.perf_counter()
        machine(runner)
        sections: list[tuple[str, Callable[[], None]]] = [
            ("overhead", lambda: overhead(runner, letters200, slow)),
            # one rep of the warm section is a few seconds: nine give per-letter medians
            # that a neighbour's burst does not move by more than a hundredth of the ratio
            ("warm", lambda: warm(runner, 3 * slow)),
            ("cold", lambda: cold(runner, work, fast + 2)),
            ("ner", lambda: ner(runner, letters200, slow)),
            ("jobs", lambda: jobs(runner, letters200, work, slow)),
            ("crossover", lambda: crossover(runner, work, slow)),
            ("cache", lambda: cache(runner, letters200, work, fast)),
            ("startup", lambda: startup(runner, fast)),
            ("memory", lambda: memory(runner, work)),
            ("peers", lambda: peers(runner, letters200, args, fast)),
        ]
        for name, section in sections:
            if name in only:
                wait_for_idle(args.wait_idle)
                section()
        FIGURES["machine"]["load_average_at_end"] = os.getloadavg()
        FIGURES["bench_seconds"] = time.perf_counter() - started
        print(
            f"\nload average at start {FIGURES['machine']['load_average_at_start']}, "
            f"at end {FIGURES['machine']['load_average_at_end']}; "
            f"bench took {FIGURES['bench_seconds']:.0f} s"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(FIGURES, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
