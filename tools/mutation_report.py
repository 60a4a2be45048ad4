"""Summarise the last `make mutation` run: per module, how many mutants the tests killed, and every
survivor by name (`mutmut show NAME` prints its diff). Survivors judged equivalent (no test can
tell them from the original) are listed with the reason in tools/mutation_equivalent.txt and are
left out of the kill rate; a new survivor is a boundary no test checks yet."""

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).resolve().parent / "mutation_equivalent.txt"
DETECTED = {"killed", "timeout", "caught by type check"}


def equivalent_mutants() -> dict[str, str]:
    """Mutant name -> why it is equivalent, from lines "name  # reason"."""
    listed = {}
    for line in EQUIVALENT.read_text().splitlines():
        name, _, reason = line.partition("#")
        if name.strip():
            listed[name.strip()] = reason.strip()
    return listed


def results() -> dict[str, dict[str, str]]:
    """Module path -> {mutant name: status}."""
    modules = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            module = str(meta.relative_to(MUTANTS))[: -len(".meta")]
            modules[module] = {name: status_by_exit_code[code] for name, code in codes.items()}
    return modules


def main() -> int:
    if not MUTANTS.is_dir():
        print("No mutants/ directory: run `make mutation` first.")
        return 1
    equivalent = equivalent_mutants()
    survivors = []
    totals = Counter()
    header = f"{'module':45} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'left':>5} {'rate':>7}"
    print(header + f" {'unchecked':>9}")
    for module, statuses in results().items():
        counts = Counter()
        for name, status in statuses.items():
            if status in DETECTED:
                counts["killed"] += 1
            elif status == "not checked":  # an interrupted or partial run
                counts["unchecked"] += 1
            elif name in equivalent:
                counts["equivalent"] += 1
            else:
                counts["left"] += 1
                survivors.append((name, status))
        counts["mutants"] = len(statuses)
        totals.update(counts)
        print(_row(module, counts))
    print(_row("total", totals))
    if survivors:
        print("\nNot killed and not listed as equivalent (`mutmut show NAME` for the diff):")
        for name, status in survivors:
            print(f"  {status:12} {name}")
    return 0


def _row(label: str, counts: Counter) -> str:
    judged = counts["mutants"] - counts["equivalent"] - counts["unchecked"]
    rate = f"{100 * counts['killed'] / judged:.1f}%" if judged else "-"
    return (
        f"{label:45} {counts['mutants']:7} {counts['killed']:7} {counts['equivalent']:7} "
        f"{counts['left']:5} {rate:>7} {counts['unchecked']:9}"
    )


if __name__ == "__main__":
    sys.exit(main())
