"""Spread a large run over worker processes.

Letters are parsed in batches (one ``nlp.pipe`` per batch). A run with enough letters to
parse is split into chunks that go to ``--jobs`` worker processes; each worker loads the
spaCy pipeline once and keeps it for every chunk it gets. Workers are started with the
``spawn`` method (fork after loading spaCy/thinc is not safe, and spawn behaves the same on
Linux, macOS and Windows). Small runs stay in this process: starting a worker and loading
the model in it costs more than a few letters take to check.

Whatever order the workers finish in, :class:`poa_lint.outcomes.OrderedRun` hands every
outcome on in the order the files were discovered, so the output is the same for any
``--jobs``.
"""

from __future__ import annotations

import math
import os
import traceback
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .errors import PoaLintError
from .spacy_import import import_without_cli
from .texts import N_, Template, message

if TYPE_CHECKING:
    from .api import Job
    from .models import Report

#: Letters per ``lint_jobs`` call in this process (bounds the Docs held in memory at once).
BATCH = 64
#: Below this many letters to parse, no worker process is started.
MIN_PARALLEL = 16
#: Chunks per worker: enough for an even finish, few enough to keep batches efficient.
CHUNKS_PER_WORKER = 4
MIN_CHUNK = 8
#: A chunk's letters hold at most about this many words and punctuation marks (spaCy's
#: tokens, see :func:`poa_lint.readers.count_words`), unless one letter alone has more: all
#: of a chunk is parsed before it is checked, so this bounds the memory of a chunk (about
#: 300 MB here) whatever the letters' sizes. Sixty letters of a thousand words fit.
CHUNK_WORDS = 60_000


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


CROSSOVER = 64
"""Letters to check below which the default is one process. Each worker imports spaCy and
loads the model (about 2 s of CPU more than one process spends) before it checks a letter:
on two idle cores that pays back after a few dozen letters, on a shared machine much later
or never (``python bench/run.py --only crossover``; docs/performance.md). The issue's run,
46 letters on two cores, was 1.5x slower with workers than in one process."""


def idle_cpus() -> int:
    """CPUs this process may use that other work is not already using: the CPUs, less the
    one-minute load average (rounded), at least one. Workers on CPUs that are busy only
    share them, adding a model load each and gaining nothing."""
    cpus = default_jobs()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Unix
        return cpus
    return max(1, min(cpus, round(cpus - load)))


def choose_workers(option: int | None, letters: int) -> int:
    """``--jobs`` if given; else one process for a run below :data:`CROSSOVER` letters to
    check, and one worker per idle CPU above it, so that the default is never the slower
    choice for a small run or on a busy machine."""
    if option is not None:
        return option
    return idle_cpus() if letters >= CROSSOVER else 1


def plan_chunks(
    count: int, workers: int, batch: int = BATCH, sizes: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges covering ``count`` letters.

    In one process: batches of ``batch`` (:data:`BATCH`, smaller while a progress bar
    shows). With workers: about :data:`CHUNKS_PER_WORKER` chunks each (so no worker sits
    idle while another finishes a big last chunk), between :data:`MIN_CHUNK` and
    :data:`BATCH` letters. With ``sizes`` (each letter's words,
    :func:`poa_lint.readers.count_words`), a chunk is also cut before its letters add up to
    more than :data:`CHUNK_WORDS`.
    """
    if count <= 0:
        return []
    if workers <= 1:
        size = batch
    else:
        size = max(MIN_CHUNK, min(BATCH, math.ceil(count / (workers * CHUNKS_PER_WORKER))))
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    if sizes is None:
        return chunks
    bounded: list[tuple[int, int]] = []
    for start, end in chunks:
        begin, words = start, 0
        for i in range(start, end):
            if i > begin and words + sizes[i] > CHUNK_WORDS:
                bounded.append((begin, i))
                begin, words = i, 0
            words += sizes[i]
        bounded.append((begin, end))
    return bounded


def lint_chunk(
    jobs: Sequence[Job], reason: str | None, notice: str | None, debug: bool
) -> list[Report | Template] | Template:
    """Check one chunk (in this process or a worker): the reports, or the message of the
    :class:`PoaLintError` that stopped the chunk (a template pickles safely; the reader's
    language is chosen where it is shown).

    Should a chunk run out of memory (the caps make that unexpected), its letters are
    checked again one by one, so only a letter that cannot be checked alone is lost, as
    one line: it must not take the run's other letters with it (issue 11)."""
    from .api import lint_jobs

    try:
        return list(lint_jobs(jobs, reason=reason, notice=notice))
    except PoaLintError as exc:
        if debug:
            traceback.print_exc()
        return exc.template
    except MemoryError:
        if debug:
            traceback.print_exc()
        if len(jobs) == 1:
            return OUT_OF_MEMORY
    outcomes: list[Report | Template] = []
    for job in jobs:
        alone = lint_chunk([job], reason, notice, debug)
        outcomes.append(alone if isinstance(alone, Template) else alone[0])
    return outcomes


OUT_OF_MEMORY = message(
    N_(
        "ran out of memory while it was checked; is it the right file? "
        "(check it alone, or with fewer letters at a time)"
    )
)


def lint_chunks(
    jobs: Sequence[Job],
    *,
    reason: str | None,
    notice: str | None,
    workers: int,
    debug: bool = False,
    batch: int = BATCH,
) -> Iterator[tuple[int, int, list[Report | Template] | Template]]:
    """Check ``jobs``, yielding ``(start, end, outcome)`` per chunk, in order."""
    from .readers import count_words

    sizes = [count_words(job.source.text) for job in jobs]
    if workers <= 1 or len(jobs) < MIN_PARALLEL:
        if jobs:
            import_without_cli()  # the command line's own process: see spacy_import.py
        for start, end in plan_chunks(len(jobs), 1, batch, sizes):
            yield start, end, lint_chunk(jobs[start:end], reason, notice, debug)
        return

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = plan_chunks(len(jobs), workers, sizes=sizes)
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=import_without_cli,
    )
    try:
        futures = [
            pool.submit(lint_chunk, list(jobs[start:end]), reason, notice, debug)
            for start, end in chunks
        ]
        for (start, end), future in zip(chunks, futures, strict=True):
            yield start, end, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
