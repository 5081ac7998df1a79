"""Hand every outcome of a run on in the order its files were discovered.

A run records each file as discovery finds it: a problem, a report the cache answered
with, or a letter to check. Letters are checked later, in batches and perhaps in worker
processes (:mod:`poa_lint.parallel`), which finish in any order; :class:`OrderedRun` passes
reports and errors to the reporter strictly in the recorded order, so the output is the
same for any ``--jobs`` and for cached and checked letters alike. A run the cache answers
entirely never imports :mod:`poa_lint.parallel` (nor what checking needs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .errors import without_path
from .texts import Template

if TYPE_CHECKING:
    from .api import Job
    from .cache import CacheKey, ReportCache
    from .models import Report
    from .severity import Severity
    from .stored import StoredReport


class LetterSettings(Protocol):
    """What the run reads of a letter's settings when its report is handed on: the
    severity that fails the run (a :class:`~poa_lint.config.Config`, or the settings
    snapshot a cached letter was answered with)."""

    @property
    def fail_on(self) -> Severity: ...


@dataclass
class _Slot:
    path: str
    config: LetterSettings | None = None
    report: Report | StoredReport | None = None
    error: str | Template | None = None
    key: CacheKey | None = None


class OrderedRun:
    """The outcome of every file of a run, handed on in discovery order.

    The CLI records each discovered file as it goes: :meth:`error` (unreadable, bad config),
    :meth:`cached` (a report from the cache) or :meth:`job` (to be checked). :meth:`run`
    then checks the jobs, in this process or in workers, stores fresh reports in the cache
    and passes everything to ``on_report``/``on_error`` strictly in the order recorded.
    Outcomes before the first unfinished job are passed on at once, so output streams;
    a run started ``held`` passes nothing on until :meth:`release` (the CLI holds its
    output until it knows that no up-front check can still stop the run).
    """

    def __init__(
        self,
        on_report: Callable[[Report | StoredReport, LetterSettings], None],
        on_error: Callable[[str, str | Template], None],
        *,
        held: bool = False,
    ) -> None:
        self._on_report = on_report
        self._on_error = on_error
        self._slots: list[_Slot] = []
        self._jobs: list[Job] = []
        self._job_slots: list[int] = []
        self._next = 0
        self._held = held

    @property
    def pending(self) -> int:
        """Letters recorded that still need checking."""
        return len(self._jobs)

    def error(self, path: str, message: str | Template) -> None:
        self._slots.append(_Slot(path=path, error=message))
        self._emit()

    def release(self) -> None:
        """Pass on what was held, and from now on outcomes as they come."""
        self._held = False
        self._emit()

    def cached(self, report: Report | StoredReport, config: LetterSettings) -> None:
        self._slots.append(_Slot(path=report.path or "<stdin>", config=config, report=report))
        self._emit()

    def job(self, job: Job, key: CacheKey | None = None) -> None:
        self._job_slots.append(len(self._slots))
        self._slots.append(_Slot(path=job.source.path or "<stdin>", config=job.config, key=key))
        self._jobs.append(job)

    def run(
        self,
        *,
        reason: str | None,
        notice: str | None,
        workers: int,
        cache: ReportCache | None = None,
        debug: bool = False,
        progress: Callable[[int], None] | None = None,
        batch: int | None = None,
    ) -> None:
        """Check every recorded job and pass all outcomes on, in order; ``progress`` is
        told how many letters each finished chunk held (after its outcomes were passed on,
        so that a progress bar is drawn below them); ``batch`` is the letters per batch in
        this process (default :data:`poa_lint.parallel.BATCH`)."""
        jobs = self._jobs
        if not jobs:  # every letter answered by the cache: nothing to import or start
            self._emit()
            return
        from . import parallel

        chunks = parallel.lint_chunks(
            jobs,
            reason=reason,
            notice=notice,
            workers=workers,
            debug=debug,
            batch=batch or parallel.BATCH,
        )
        for start, end, outcome in chunks:
            for offset, index in enumerate(range(start, end)):
                slot = self._slots[self._job_slots[index]]
                single = outcome if isinstance(outcome, Template) else outcome[offset]
                if isinstance(single, Template):
                    slot.error = without_path(single, jobs[index].source.path)
                    continue
                slot.report = single
                if cache is not None and slot.key is not None:
                    cache.put(slot.key, slot.report)
            self._emit()
            if progress is not None:
                progress(end - start)
        self._jobs = []
        self._job_slots = []
        self._emit()

    def _emit(self) -> None:
        while not self._held and self._next < len(self._slots):
            slot = self._slots[self._next]
            if slot.report is not None and slot.config is not None:
                self._on_report(slot.report, slot.config)
            elif slot.error is not None:
                self._on_error(slot.path, slot.error)
            else:
                return  # a job not checked yet: later outcomes wait for it
            self._slots[self._next] = _Slot(path=slot.path)  # let the report go
            self._next += 1
