"""Quality benchmark: build every corpus text, count questions and flags, and sample for a reading.

Run by hand:  python benchmarks/quality.py [--books] [--sample 60] [--seed 0] [--sample-seed N] [--sample-out FILE]
              python benchmarks/quality.py --readings N   (table rows of readings/verdicts-N*.json)

Prints, per document and in total, questions per 1,000 words by kind and by type, and each
quality flag's count (the same flags as `quizgen check`). With --sample-out, writes a fixed-seed
sample of questions (prompt, options, answer, source sentence) for a blind reading.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def book_files() -> list[Path]:
    """The two long books: texts no rule was written for, for an out-of-sample reading."""
    return sorted((CORPUS / "books").glob("*.txt"))


def corpus_files() -> list[Path]:
    """Every news and encyclopedic text, plus the seeds."""
    files = sorted((CORPUS / "news").glob("*.txt")) + sorted((CORPUS / "encyclopedic").glob("*"))
    return [p for p in files if p.suffix in (".txt", ".md", ".html")] + sorted((ROOT / "seeds").glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample-out", type=Path)
    parser.add_argument("--sample-seed", type=int, help="draw the sample with this seed (default: --seed); a new "
                        "seed gives questions the rules were not tuned on")
    parser.add_argument("--books", action="store_true", help="build the two books instead (out-of-sample)")
    parser.add_argument("--readings", type=int, metavar="N", help="print QUALITY.md rows for round N and stop")
    args = parser.parse_args(argv)
    if args.readings is not None:
        print_readings(args.readings)
        return 0

    sys.path.insert(0, str(ROOT))
    from quizgen import Settings, build_quiz
    from quizgen.errors import NoFacts
    from quizgen.quality import check_quiz, number_value

    totals_flags: Counter[str] = Counter()
    totals_kind: Counter[str] = Counter()
    totals_type: Counter[str] = Counter()
    total_words = 0
    longest = mc_total = 0
    places = [0, 0, 0, 0]  # where a figure's or a year's answer stands among its options, lowest first
    pool = []
    empty: list[str] = []
    header = f"{'document':<48} {'words':>6} {'q':>3} {'q/1k':>5}  {'kinds (per 1k words)':<44} flags"
    print(header)
    print("-" * len(header))
    files = book_files() if args.books else corpus_files()
    for path in files:
        try:
            quiz = build_quiz([str(path)], Settings.make(seed=args.seed))
        except NoFacts:
            empty.append(path.name)
            print(f"{path.name:<48} no question worth asking")
            continue
        report = check_quiz(quiz)
        words = sum(len(d.text.split()) for d in quiz.documents)
        total_words += words
        kinds = Counter(q.kind for q in quiz.questions)
        types = Counter(q.type for q in quiz.questions)
        totals_kind.update(kinds)
        totals_type.update(types)
        totals_flags.update(report.totals)
        longest += round(report.longest_rate * report.multiple_choice)
        mc_total += report.multiple_choice
        per_k = ", ".join(f"{k} {1000 * n / words:.1f}" for k, n in sorted(kinds.items()))
        flags = ", ".join(f"{f} {n}" for f, n in sorted(report.totals.items())) or "none"
        print(f"{path.name:<48} {words:>6} {len(quiz.questions):>3} {1000 * len(quiz.questions) / words:>5.1f}  "
              f"{per_k:<44} {flags}")
        for q in quiz.questions:
            values = [number_value(o) for o in q.options or ()]
            if q.kind in ("number", "date") and values and None not in values:
                places[sorted(values).index(number_value(q.answer))] += 1
            pool.append({"document": path.name, "id": q.id, "kind": q.kind, "type": q.type, "prompt": q.prompt,
                         "options": list(q.options) if q.options else None, "answer": q.answer,
                         "sentence": q.sentence})
    n = sum(totals_kind.values())
    print("-" * len(header))
    print(f"total: {len(files)} documents, {total_words} words, {n} questions, "
          f"{1000 * n / total_words:.1f} per 1,000 words")
    print("by kind: " + ", ".join(f"{k} {v} ({1000 * v / total_words:.2f}/1k)" for k, v in sorted(totals_kind.items())))
    print("by type: " + ", ".join(f"{k} {v} ({1000 * v / total_words:.2f}/1k)" for k, v in sorted(totals_type.items())))
    print(f"documents with no question: {len(empty)}" + (f" ({', '.join(empty)})" if empty else ""))
    print("flags: " + (", ".join(f"{k} {v}" for k, v in sorted(totals_flags.items())) or "none"))
    rate = longest / mc_total if mc_total else 0.0
    print(f"correct option longest: {longest}/{mc_total} multiple-choice questions ({rate:.0%})")
    print("figure and year options, the answer lowest / second / third / highest: " + " / ".join(map(str, places)))
    if args.sample_out:
        # The same article as .txt, .md and .html gives the same questions: sample each sentence once.
        unique = list({q["sentence"]: q for q in pool}.values())
        sample_seed = args.seed if args.sample_seed is None else args.sample_seed
        sample = random.Random(sample_seed).sample(unique, min(args.sample, len(unique)))
        args.sample_out.write_text(json.dumps(sample, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote a sample of {len(sample)} questions to {args.sample_out}")
    return 0


def print_readings(round_number: int) -> None:
    """QUALITY.md table rows from readings/sample-N.json and each readings/verdicts-N*.json."""
    readings = ROOT / "benchmarks" / "readings"
    sample = json.loads((readings / f"sample-{round_number}.json").read_text("utf-8"))
    for path in sorted(readings.glob(f"verdicts-{round_number}*.json")):
        verdicts = json.loads(path.read_text("utf-8"))
        assert [v["id"] for v in verdicts] == [q["id"] for q in sample], f"{path.name} does not follow the sample"
        ok = sum(v["acceptable"] for v in verdicts)
        failed = Counter(item for v in verdicts for item in set(v["failed"]))
        by_type = {t: [v["acceptable"] for v, q in zip(verdicts, sample, strict=True) if q["type"] == t]
                   for t in ("cloze", "multiple_choice")}
        label = path.stem.removeprefix("verdicts-")
        items = " | ".join(str(failed.get(i, 0)) for i in range(1, 7))
        print(f"| {label} | ... | {ok}/{len(verdicts)} ({ok / len(verdicts):.0%}) | {items} | "
              f"{sum(by_type['cloze'])}/{len(by_type['cloze'])} | "
              f"{sum(by_type['multiple_choice'])}/{len(by_type['multiple_choice'])} |")


if __name__ == "__main__":
    raise SystemExit(main())
