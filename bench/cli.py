"""How long `kamtibmas` commands take, as an operator runs them: each one a new process.

    PYTHONPATH=. .venv/bin/python bench/cli.py                  # 5 runs each, about 30 s
    PYTHONPATH=. .venv/bin/python bench/cli.py --runs 9
    PYTHONPATH=. .venv/bin/python bench/cli.py --source /tmp/old-checkout   # another checkout

Runs `python -m bot ARGS` of the checkout at `--source` (default: this one) in a temporary
directory with its own config.env and SQLite database (schema created first, one admin granted,
so the reads have something to read), and prints the median, fastest and slowest wall-clock
time of each command in milliseconds, and the modules it imported (`-X importtime`, one run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
COMMANDS = [
    ["--help"],
    ["admin", "grant", "--help"],
    ["check-config"],
    ["db", "current"],
    ["admin", "list"],
    ["invite", "list"],
    ["polsek", "list"],
    ["audit", "--limit", "5"],
]


def kamtibmas(source: Path, workdir: Path, *args: str, importtime: bool = False) -> str:
    """Run `python -m bot ARGS` of `source` in `workdir`; what it wrote to stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["PYTHONPATH"] = str(source)
    flags = ["-X", "importtime"] if importtime else []
    result = subprocess.run(
        [sys.executable, *flags, "-m", "bot", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"kamtibmas {' '.join(args)} failed:\n{result.stderr}")
    return result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout to time")
    args = parser.parse_args()
    source = args.source.resolve()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        workdir = Path(tmp)
        (workdir / "config.env").write_text(
            f"TELEGRAM_BOT_TOKEN={TOKEN}\nDATABASE_URL=sqlite:///data/bench.db\n"
        )
        (workdir / "data").mkdir()
        kamtibmas(source, workdir, "db", "upgrade")
        kamtibmas(source, workdir, "admin", "grant", "1001", "admin")
        print(f"kamtibmas commands of {source}, {args.runs} runs each (ms)")
        print(f"{'command':<24}{'median':>8}{'min':>8}{'max':>8}  modules  telegram")
        for command in COMMANDS:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                kamtibmas(source, workdir, *command)
                times.append((time.perf_counter() - start) * 1000)
            imports = kamtibmas(source, workdir, *command, importtime=True)
            modules = [line.rsplit("|", 1)[-1].strip() for line in imports.splitlines()]
            modules = [m for m in modules if m and not m.startswith("imported package")]
            telegram = "yes" if "telegram" in modules else "no"
            print(
                f"{' '.join(command):<24}{statistics.median(times):>8.0f}{min(times):>8.0f}"
                f"{max(times):>8.0f}  {len(modules):>7}  {telegram:>8}"
            )


if __name__ == "__main__":
    main()
