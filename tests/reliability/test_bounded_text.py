"""Issue 11, item 2: no text can make poa-lint parse without bound.

200,000 two-letter lines (600,000 characters, inside the character cap) took 5.9 GB and
died in numpy, taking the run's other letters with it: spaCy holds about 18 KB per token
of a batch while it parses. Text is now capped by lines (20,000) and by words and
punctuation marks (50,000), spaCy parses in pieces and batches bounded by tokens
(``poa_lint/pieces.py``), chunks of a run are bounded by words, and the cause x action
matrix of coverage is bounded.

The reproductions run in a fresh process next to a good letter; its peak memory is read
with ``wait4`` and must stay under 600 MB, and the good letter must still be reported. No
test asserts on seconds (a timeout only guards against a hang).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from poa_lint import InputError, lint
from poa_lint.parallel import CHUNK_WORDS, plan_chunks
from poa_lint.readers import DEFAULT_LIMITS, count_lines, count_words, size_problem

from . import hostile
from .hostile import GOOD_LETTER
from .support import run_cli, run_measured

PEAK_MB = 600


def _json(result_stdout: str) -> dict[str, object]:
    data = json.loads(result_stdout)
    assert isinstance(data, dict)
    return data


# ------------------------------------------------------------------------------------------
# 2. caps on lines and words; parsing in bounded pieces
# ------------------------------------------------------------------------------------------


def test_many_short_lines_are_one_line_in_bounded_memory(tmp_path: Path) -> None:
    """The reproduction: 200,000 two-letter lines (5.9 GB and a numpy traceback before)."""
    bad = tmp_path / "lines.txt"
    bad.write_text(hostile.short_lines_text(), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_LETTER, encoding="utf-8")
    result = run_measured(str(bad), str(good), "--no-cache", cwd=tmp_path)
    assert result.peak_mb < PEAK_MB, result.peak_mb
    assert result.code == 2, result.output
    naming = [line for line in result.output.splitlines() if str(bad) in line]
    assert naming == [
        f"{bad}: error: has 200,000 lines, more than the 20,000 poa-lint can check "
        "(a Plan of Action usually has under 300); is it the right file?"
    ]
    assert f"{good}:" in result.stdout  # the good letter is still reported
    assert "Traceback" not in result.output


def _structured(n: int) -> str:
    """n causes, n corrective and n preventive bullets that all share words: the cause x
    action matrix is as big as it can be (1.8 GB at n = 1,600 before)."""
    causes = "".join(f"- Packer {i} used thin envelopes.\n" for i in range(n))
    fixes = "".join(f"- We replaced packer {i}'s envelopes on 3 May.\n" for i in range(n))
    prevention = "".join(f"- Every day we check packer {i}.\n" for i in range(n))
    return (
        "Dear Seller Performance Team,\n\nRoot cause\n"
        f"{causes}\nCorrective actions\n{fixes}\nPreventive measures\n{prevention}\n"
        "Sincerely,\nJane Doe\n"
    )


def _largest_under_the_caps(make: Callable[[int], str]) -> str:
    low, high = 1, 100_000
    while low < high:
        mid = (low + high + 1) // 2
        if size_problem(make(mid)) is None:
            low = mid
        else:
            high = mid - 1
    return make(low)


@pytest.mark.slow
def test_letters_at_the_caps_are_checked_in_bounded_memory(tmp_path: Path) -> None:
    """Just under the caps, two shapes in one run: the attack's short lines (19,999 of
    them) and a letter whose cause x action matrix is as large as the caps allow."""
    lines = tmp_path / "lines.txt"
    lines.write_text("ab\n" * (DEFAULT_LIMITS.max_lines - 1), encoding="utf-8")
    matrix = tmp_path / "matrix.txt"
    matrix.write_text(_largest_under_the_caps(_structured), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_LETTER, encoding="utf-8")
    args = [str(lines), str(matrix), str(good), "--format", "json", "--no-cache", "-j", "1"]
    result = run_measured(*args, cwd=tmp_path)
    assert result.peak_mb < PEAK_MB, result.peak_mb
    data = _json(result.stdout)
    assert data["errors"] == [], data["errors"]
    assert len(data["files"]) == 3  # type: ignore[arg-type]


def _problem(text: str) -> str:
    problem = size_problem(text)
    return problem.english() if problem is not None else ""


def test_caps_name_what_is_too_big() -> None:
    assert size_problem("ab\n" * 20_000) is None
    assert "has 20,001 lines, more than the 20,000" in _problem("ab\n" * 20_001)
    problem = _problem("ab " * 50_001)
    assert "has about 50,001 words and punctuation marks, more than the 50,000" in problem
    assert "1,000,001 characters long" in _problem("a" * 1_000_001)
    assert count_lines("a\r\nb\rc\n") == 3 and count_lines("a") == 1
    # A run of more than 200 characters without spaces is one token (poa_lint.nlp)
    assert count_words("(" * 200_000) == 1
    assert count_words("a.b, c!\n") == 7


def test_api_meets_the_same_caps() -> None:
    with pytest.raises(InputError) as info:
        lint("ab\n" * 30_000)
    assert str(info.value).startswith("the letter has 30,000 lines, more than the 20,000")


def test_word_count_is_at_least_spacys(nlp: object) -> None:
    """The cap counts without spaCy; it must not undercount what spaCy will parse."""
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))[:80]]
    texts += ["We don't sell $1,000.00 items.\n" * 50, "a,b;c " * 300, "((" * 150 + " x"]
    for text in texts:
        assert count_words(text) >= len(nlp.make_doc(text))  # type: ignore[attr-defined]


def test_long_letter_is_parsed_in_pieces_with_the_same_text(nlp: object) -> None:
    """A letter over PIECE_TOKENS is cut at paragraph starts, parsed piece by piece and
    joined: the text is unchanged, every paragraph still starts a sentence, and the checks
    run as usual."""
    from poa_lint import pieces
    from poa_lint.letter import build_letters
    from poa_lint.readers import parse_plain_text

    text = (GOOD_LETTER + "\n") * 130
    source = parse_plain_text(text)
    letter = build_letters([source], nlp)[0]  # type: ignore[arg-type]
    assert len(letter.doc) > 2 * pieces.PIECE_TOKENS
    cuts = pieces.cut_points(nlp.make_doc(text), frozenset())  # type: ignore[attr-defined]
    assert len(cuts) >= 3
    assert letter.doc.text == text
    starts = {s.start_char for s in letter.doc.sents}
    assert all(p.start in starts for p in source.paragraphs)
    assert letter.doc.has_annotation("DEP") and letter.doc.has_annotation("TAG")
    report = lint(text)
    assert all(0 <= f.start <= f.end <= len(text) for f in report.findings)


def test_chunks_are_bounded_by_words() -> None:
    sizes = [25_000] * 5 + [100] * 100 + [70_000]
    chunks = plan_chunks(len(sizes), 1, sizes=sizes)
    assert chunks[0] == (0, 2) and chunks[-1] == (105, 106)  # one big letter stands alone
    assert [c for c in chunks if c[0] < c[1]] == chunks
    for start, end in chunks:
        assert end - start == 1 or sum(sizes[start:end]) <= CHUNK_WORDS
    assert sorted(i for s, e in chunks for i in range(s, e)) == list(range(len(sizes)))
    assert plan_chunks(10, 1, sizes=[100] * 10) == plan_chunks(10, 1)  # small letters: as before


def test_a_letter_that_runs_out_of_memory_takes_no_other_letter_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a chunk still run out of memory, its letters are checked again one by one:
    only the letter that cannot be checked alone is lost, as one line (the numpy memory
    error used to take the whole run down)."""
    import poa_lint.api

    real = poa_lint.api.lint_jobs

    def exploding(jobs: list[object], **kwargs: object) -> object:
        if any("EXPLODE" in job.source.text for job in jobs):  # type: ignore[attr-defined]
            raise MemoryError
        return real(jobs, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(poa_lint.api, "lint_jobs", exploding)
    letters = []
    for name, text in (("a", GOOD_LETTER), ("b", GOOD_LETTER + "EXPLODE\n"), ("c", GOOD_LETTER)):
        letters.append(tmp_path / f"{name}.txt")
        letters[-1].write_text(text, encoding="utf-8")
    result = run_cli(*map(str, letters), "--no-cache", "-j", "1")
    assert result.code == 2 and result.exception is None, result.output
    assert f"{letters[0]}: POA405" in result.stdout
    assert f"{letters[2]}: POA405" in result.stdout
    assert f"{letters[1]}: error: ran out of memory while it was checked" in result.stdout
