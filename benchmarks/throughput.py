"""Throughput benchmark: quizgen end to end against bare spaCy on the same texts.

Run by hand:  python benchmarks/throughput.py [--jobs 2] [--repeat N] [--warm] [--only news|darwin|smith|split]

For each corpus set (the news folder as one build, each book on its own) it runs, each in a fresh
subprocess so peak memory is measured separately:
  bare     nlp.pipe over the same paragraphs, pipeline and batch size that quizgen uses
  quizgen  build_quiz plus write_outputs (json, apkg, html) into a temporary folder
and prints words per second for both, their ratio, and the peak RSS of each process. With --repeat N
the two alternate N times and the medians are compared, with each pair's ratio beside them. With --jobs N
it also times quizgen with N processes on the news folder and on a book split into 40 documents
(a build of many documents), and checks the JSON is the same bytes as with one job (with --repeat N,
N alternating pairs of one and N jobs, medians and each pair's speedup). The pipeline is
loaded before the clock starts in both configurations; reading files is inside quizgen's time only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BOOKS = {"darwin": CORPUS / "books" / "darwin-origin-of-species-6th-edition.txt",
         "smith": CORPUS / "books" / "smith-wealth-of-nations.txt"}


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(mode: str, paths: list[str], jobs: int, out: str | None, warm: bool = False) -> dict:
    """Time one configuration in this process and return its figures.

    With `warm`, the same configuration first runs once, untimed, on seeds/: one-time costs (imports,
    caches, spaCy's first batch) are then outside the clock for both, and the ratio is the steady state.
    """
    sys.path.insert(0, str(ROOT))
    from quizgen.extract import paragraphs
    from quizgen.nlp import load_pipeline
    from quizgen.pipeline import Settings, build_quiz
    from quizgen.readers import read_documents

    settings = Settings.make(jobs=jobs) if jobs > 1 else Settings.make()
    nlp = load_pipeline(settings.model)
    if warm:
        run_one(mode, [str(ROOT / "seeds")], 1, None)
    if mode == "bare":
        import quizgen.extract as extract

        batch_size = getattr(extract, "BATCH_SIZE", 64)
        texts = [t for doc in read_documents(paths) for _, t in paragraphs(doc.text)]
        words = sum(len(t.split()) for t in texts)
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    else:
        from quizgen.export import write_outputs

        start, cpu_start = time.perf_counter(), time.process_time()
        quiz = build_quiz(paths, settings, nlp=nlp)
        with tempfile.TemporaryDirectory() as tmp:
            write_outputs(quiz, Path(tmp), ["json", "apkg", "html"], timestamp=0)
            if out:
                write_outputs(quiz, Path(out), ["json"], timestamp=0)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        words = sum(len(d.text.split()) for d in quiz.documents)
    return {"words": words, "seconds": seconds, "cpu": cpu, "rss_mb": peak_rss_mb()}


def measure(mode: str, paths: list[str], jobs: int = 1, out: str | None = None, warm: bool = False) -> dict:
    """run_one in a fresh interpreter, so imports, caches and peak memory start from nothing."""
    cmd = [sys.executable, __file__, "--child", mode, "--jobs", str(jobs), *(["--out", out] if out else []),
           *(["--warm"] if warm else []), *paths]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    # As the quizgen command runs (quizgen.cli.main): numpy's BLAS without helper threads, for both.
    sys.path.insert(0, str(ROOT))
    from quizgen.cli import ONE_THREAD

    for variable in ONE_THREAD:
        env.setdefault(variable, "1")
    # As an installed package runs: compiled modules are kept (some sandboxes turn that off).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def split_book(book: Path, parts: int, folder: Path) -> list[str]:
    """A book's readable text cut into `parts` documents at paragraph breaks: a folder of articles."""
    sys.path.insert(0, str(ROOT))
    from quizgen.readers import read_documents

    blocks = next(read_documents([str(book)])).text.split("\n\n")
    size = len(blocks) // parts + 1
    for i in range(parts):
        body = "\n\n".join(blocks[i * size:(i + 1) * size])
        (folder / f"part-{i:03d}.txt").write_text(f"Part {i + 1}\n\n{body}\n", "utf-8")
    return [str(folder)]


def report(sets: dict[str, list[str]], repeat: int, warm: bool = False) -> None:
    """Bare and quizgen runs alternate `repeat` times; the medians are compared (the machine is shared)."""
    print(f"\n{'warm' if warm else 'fresh'} processes" + (" (one untimed run on seeds/ first)" if warm else ""))
    print(f"{'set':<8} {'words':>8} {'bare w/s':>9} {'quizgen w/s':>11} {'ratio':>6} {'ratios (each pair)':>20} "
          f"{'cpu ratio':>9} {'bare MB':>8} {'quizgen MB':>10}  cpu ratios (each pair; median)")
    for name, paths in sets.items():
        pairs = [(measure("bare", paths, warm=warm), measure("quizgen", paths, warm=warm)) for _ in range(repeat)]
        bare_rates = [b["words"] / b["seconds"] for b, _ in pairs]
        full_rates = [f["words"] / f["seconds"] for _, f in pairs]
        bare_rate, full_rate = statistics.median(bare_rates), statistics.median(full_rates)
        each = " ".join(f"{f / b:.2f}" for b, f in zip(bare_rates, full_rates, strict=True))
        # CPU seconds of the process: less moved by other work on a shared machine than wall time.
        cpu_ratio = statistics.median(b["cpu"] for b, _ in pairs) / statistics.median(f["cpu"] for _, f in pairs)
        # Each pair's own CPU-time ratio too, and their median: a pair runs close together in time.
        cpu_each = [b["cpu"] / f["cpu"] for b, f in pairs]
        cpu_pairs = " ".join(f"{r:.3f}" for r in cpu_each) + f"; {statistics.median(cpu_each):.3f}"
        bare_mb, full_mb = max(b["rss_mb"] for b, _ in pairs), max(f["rss_mb"] for _, f in pairs)
        print(f"{name:<8} {pairs[0][1]['words']:>8} {bare_rate:>9.0f} {full_rate:>11.0f} {full_rate / bare_rate:>6.2f} "
              f"{each:>20} {cpu_ratio:>9.2f} {bare_mb:>8.0f} {full_mb:>10.0f}  {cpu_pairs}", flush=True)
        if repeat >= 5:
            # A single pair moves by several per cent (memory layout, the shared machine): the median of
            # the pairs' ratios with a bootstrap interval says how well `repeat` pairs pin it down.
            ratios = [f / b for b, f in zip(bare_rates, full_rates, strict=True)]
            rng = random.Random(0)
            boots = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(2000))
            print(f"{'':<8} median of the {repeat} pairs' ratios {statistics.median(ratios):.3f} "
                  f"(95 % bootstrap interval {boots[50]:.3f}-{boots[1949]:.3f}); "
                  f"{sum(r >= 0.9 for r in ratios)} of {repeat} pairs at 0.9 or more", flush=True)


def report_jobs(sets: dict[str, list[str]], jobs: int, repeat: int = 1) -> None:
    """One job and `jobs` jobs alternate `repeat` times: medians, and each pair's speedup."""
    print(f"\n{'set':<8} {'1 job w/s':>9} {f'{jobs} jobs w/s':>11} {'speedup':>7} {'MB':>6} {'same bytes':>10}"
          "  speedups (each pair)")
    for name, paths in sets.items():
        rates, same = [], True
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
                one, many = measure("quizgen", paths, 1, a), measure("quizgen", paths, jobs, b)
                same = same and [p.read_bytes() for p in sorted(Path(a).iterdir())] == [
                    p.read_bytes() for p in sorted(Path(b).iterdir())]
            rates.append((one["words"] / one["seconds"], many["words"] / many["seconds"], many["rss_mb"]))
        r1, rn = statistics.median(r for r, _, _ in rates), statistics.median(r for _, r, _ in rates)
        each = " ".join(f"{b / a:.2f}" for a, b, _ in rates)
        print(f"{name:<8} {r1:>9.0f} {rn:>11.0f} {rn / r1:>7.2f} {max(m for _, _, m in rates):>6.0f} {str(same):>10}"
              f"  {each}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", action="append", choices=["news", "darwin", "smith", "split"])
    parser.add_argument("--repeat", type=int, default=1, help="alternate bare and quizgen runs this many times")
    parser.add_argument("--warm", action="store_true",
                        help="also time warmed processes (one untimed run on seeds/ first): the steady state")
    parser.add_argument("--child", choices=["bare", "quizgen"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.child, args.paths, args.jobs, args.out, args.warm)))
        return 0
    only = set(args.only or ["news", "darwin", "smith", "split"])
    sets = {"news": [str(CORPUS / "news")]} | {k: [str(v)] for k, v in BOOKS.items()}
    print(f"nproc {os.cpu_count()}, python {sys.version.split()[0]}")
    chosen = {k: v for k, v in sets.items() if k in only}
    report(chosen, max(args.repeat, 1))
    if args.warm:
        report(chosen, max(args.repeat, 1), warm=True)
    if args.jobs > 1:
        with tempfile.TemporaryDirectory() as tmp:
            split = {"split": split_book(BOOKS["darwin"], 40, Path(tmp))} if "split" in only else {}
            report_jobs({k: v for k, v in sets.items() if k in only and k == "news"} | split, args.jobs,
                        max(args.repeat, 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
