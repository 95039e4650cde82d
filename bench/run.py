#!/usr/bin/env python3
"""Benchmark figures of flowctl: cold start, warm round trip, daemon memory,
and how fast a pipeline of N sources starts and stops.

These are measurements, not tests: the script prints a Markdown table
(figure | median | min | max | target | met?) plus the machine and the
versions measured. `--json` dumps every raw sample as well.

Every scenario runs in a private temporary "world" (socket, state, config
and HOME inside a fresh directory under /tmp), so the user's own daemon is
never touched. At the end, and on any failure or Ctrl+C, every daemon the
script started is stopped, by pid, and the temporary directories removed.

Usage (from the repository root, after building the release binaries):

    cargo build --release --workspace --bins
    python3 bench/run.py [--json FILE|-] [--flowctl PATH] [--flowctld PATH]

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# A bounded wait for anything the script waits on; generous, since a figure
# far off target should be reported, not turned into a failure.
COMMAND_TIMEOUT_S = 30.0
READY_TIMEOUT_S = 30.0

# The targets of issue #17 ("Lean").
IDLE_RSS_TARGET_MIB = 5.5
RSS_100_TARGET_MIB = 8.5
START_1_TARGET_MS = 4.0
START_100_TARGET_MS = 70.0
#: "RSS after 1,000 runs must equal its RSS after 10": equal within this.
LONG_RUNS_GROWTH_MIB = 0.1
#: The daemon's default `keep_runs`: ended runs kept per pipeline.
KEEP_RUNS = 50


# Every process the script starts carries this variable (inherited by the
# daemon and the components too), so a last sweep can find them by pid
# whatever went wrong, and never touch anything else.
MARK_NAME = "FLOWCTL_BENCH_RUN"
MARK = f"{MARK_NAME}={os.getpid()}-{time.time_ns()}".encode()


class BenchError(Exception):
    """A command failed or an expected state was not reached."""


# --------------------------------------------------------------------------
# Processes of a world, found and stopped by pid


def _alive(pid: int) -> bool:
    """True if `pid` exists and is not a zombie (a zombie has exited)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    # The state follows the parenthesised command name, which may hold spaces.
    return stat[stat.rindex(")") + 2] != "Z"


def _environ_has(pid: int, marker: bytes) -> bool:
    try:
        return marker in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False


def marked_processes(marker: bytes) -> list[int]:
    """Live processes whose environment holds `marker` (NAME=value)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and _environ_has(int(entry), marker) and _alive(int(entry)):
            found.append(int(entry))
    return found


def kill_all(pids: list[int], marker: bytes) -> list[int]:
    """SIGTERM, then SIGKILL, the pids that still carry `marker` (a pid may
    have been reused); returns those that survive both."""
    left = [p for p in pids if _alive(p) and _environ_has(p, marker)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in left:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 3
        while left and time.monotonic() < deadline:
            left = [p for p in left if _alive(p)]
            if left:
                time.sleep(0.01)  # a timeout loop on processes we cannot wait() on
        if not left:
            break
    return left


def rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and its parts (kB as the kernel writes them, i.e. KiB)."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem", "VmHWM", "Threads"):
            out[key] = int(value.split()[0])
    return out


@dataclass
class World:
    """A private socket/state/config/HOME under a short /tmp directory.

    Every process started in it inherits FLOWCTL_SOCKET=<this socket>
    (the client passes its environment to the daemon, the daemon to its
    components), which is how cleanup recognises them by pid and never
    touches anything else.
    """

    flowctl: str
    flowctld: str
    root: Path = field(init=False)
    env: dict[str, str] = field(init=False)
    daemon_pids: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        # Short on purpose: a Unix socket path is limited to 107 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="fb", dir="/tmp"))
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("FLOWCTL", "XDG_", "RUST_LOG", "NOTIFY_SOCKET"))
        }
        env.update(
            FLOWCTL_SOCKET=str(self.socket),
            XDG_STATE_HOME=str(self.root / "state"),
            XDG_CONFIG_HOME=str(self.root / "config"),
            HOME=str(self.root),
            FLOWCTLD_BIN=self.flowctld,
        )
        env[MARK_NAME] = MARK.decode().partition("=")[2]
        self.env = env
        WORLDS.append(self)

    @property
    def socket(self) -> Path:
        return self.root / "run" / "flowctld.sock"

    @property
    def marker(self) -> bytes:
        return f"FLOWCTL_SOCKET={self.socket}".encode()

    # -- running commands ---------------------------------------------------

    def run(self, *args: str, ok=(0,), timeout=COMMAND_TIMEOUT_S):
        """Runs `flowctl ARGS`; returns (milliseconds, CompletedProcess).

        The time is spawn-to-exit as a user sees it, measured around
        subprocess.run; nothing is subtracted.
        """
        return self.run_cmd([self.flowctl, *args], ok=ok, timeout=timeout)

    def run_cmd(self, cmd: list[str], ok=(0,), timeout=COMMAND_TIMEOUT_S):
        t0 = time.perf_counter()
        try:
            cp = subprocess.run(
                cmd,
                env=self.env,
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as err:
            raise BenchError(self.describe(cmd, None, err.stdout, err.stderr,
                                           f"timed out after {timeout}s")) from None
        ms = (time.perf_counter() - t0) * 1000
        if cp.returncode not in ok:
            raise BenchError(self.describe(cmd, cp.returncode, cp.stdout, cp.stderr))
        return ms, cp

    def json(self, *args: str, ok=(0,)):
        ms, cp = self.run("-o", "json", *args, ok=ok)
        try:
            return ms, json.loads(cp.stdout)
        except json.JSONDecodeError:
            raise BenchError(self.describe([self.flowctl, "-o", "json", *args],
                                           cp.returncode, cp.stdout, cp.stderr,
                                           "output is not JSON")) from None

    def describe(self, cmd, rc, stdout, stderr, what="failed") -> str:
        def text(s):
            if isinstance(s, bytes):
                s = s.decode(errors="replace")
            return (s or "").rstrip() or "(empty)"

        log = self.root / "state" / "flowctl" / "flowctld.log"
        tail = "(none)"
        if log.exists():
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        return (
            f"command {what}: {shlex.join(cmd)}\n"
            f"  cwd: {self.root}\n  exit status: {rc}\n"
            f"--- stdout ---\n{text(stdout)}\n--- stderr ---\n{text(stderr)}\n"
            f"--- daemon log (last 20 lines) ---\n{tail}"
        )

    # -- the daemon -----------------------------------------------------------

    def start_daemon(self) -> float:
        ms, _ = self.run("daemon", "start")
        self.daemon_pid()
        return ms

    def stop_daemon(self) -> tuple[float, str | None]:
        """`flowctl daemon stop`; returns (ms, its stderr if it failed).

        A failed stop is tolerated only if the daemon is gone anyway (it
        is then reported next to the figure); otherwise it is an error.
        """
        pids = set(self.daemon_pids)
        ms, cp = self.run("daemon", "stop", ok=range(256))
        if cp.returncode == 0:
            return ms, None
        deadline = time.monotonic() + 2
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.005)  # bounded wait on a process we cannot wait() on
        if any(_alive(p) for p in pids) or not pids:
            raise BenchError(self.describe([self.flowctl, "daemon", "stop"], cp.returncode,
                                           cp.stdout, cp.stderr, "failed, daemon still alive"))
        return ms, cp.stderr.strip() or f"exit status {cp.returncode}"

    def daemon_pid(self) -> int:
        _, info = self.json("daemon", "status")
        if not info.get("running"):
            raise BenchError(f"the daemon of {self.root} is not running: {info}")
        pid = int(info["pid"])
        self.daemon_pids.add(pid)
        return pid

    def lock_pid(self) -> int | None:
        try:
            return int(Path(f"{self.socket}.lock").read_text().strip())
        except (OSError, ValueError):
            return None

    def processes(self) -> list[int]:
        """Live processes started in this world (daemon, guard, components)."""
        return marked_processes(self.marker)

    def cleanup(self) -> list[str]:
        """Stops everything started here, by pid, and removes the directory.

        Returns notes on anything that needed force.
        """
        notes = []
        stop = None
        if self.socket.exists():
            try:
                stop = self.run("daemon", "stop", ok=range(256), timeout=15)[1]
            except BenchError as err:  # it timed out
                notes.append(str(err))
        # What a clean stop leaves (the guard, say) gets a moment to exit
        # on its own before it is counted as a leftover.
        deadline = time.monotonic() + 1
        while self.processes() and time.monotonic() < deadline:
            time.sleep(0.01)  # bounded wait on processes we cannot wait() on
        candidates = set(self.daemon_pids) | set(self.processes())
        if (pid := self.lock_pid()) is not None:
            candidates.add(pid)
        # Only processes still carrying this world's marker: a pid from the
        # lock file may long since belong to someone else.
        left = [p for p in candidates if _alive(p) and _environ_has(p, self.marker)]
        if left:
            if stop is not None and stop.returncode != 0:
                # A failed stop matters only if it left something running.
                notes.append(self.describe(stop.args, stop.returncode, stop.stdout, stop.stderr))
            notes.append(f"{self.root}: signalled leftover pids {sorted(left)}")
            if survivors := kill_all(left, self.marker):
                notes.append(f"{self.root}: pids {survivors} survive SIGKILL")
        shutil.rmtree(self.root, ignore_errors=True)
        WORLDS.remove(self)
        return notes


WORLDS: list[World] = []


def cleanup_all() -> list[str]:
    notes = []
    for world in list(WORLDS):
        notes += world.cleanup()
    # The safety net: anything else this script started (a child caught
    # between fork and bookkeeping by Ctrl+C, say).
    if left := marked_processes(MARK):
        notes.append(f"signalled leftover pids {left}")
        if survivors := kill_all(left, MARK):
            notes.append(f"pids {survivors} survive SIGKILL")
    return notes


# --------------------------------------------------------------------------
# Figures


@dataclass
class Figure:
    name: str
    unit: str  # "ms" or "MiB"
    samples: list[float]
    target: float | None = None
    target_note: str = ""
    #: Said under the table, marked next to the figure's name.
    footnote: str = ""

    def stats(self):
        return statistics.median(self.samples), min(self.samples), max(self.samples)

    def met(self) -> str:
        if self.target is None:
            return "—"
        return "yes" if self.stats()[0] <= self.target else "**no**"

    def row(self, mark: str = "") -> str:
        med, lo, hi = self.stats()
        digits = 2 if self.unit == "ms" and med < 10 else 1
        fmt = lambda v: f"{v:.{digits}f} {self.unit}"  # noqa: E731
        target = "—" if self.target is None else f"≤ {self.target:g} {self.unit}{self.target_note}"
        label = f"{self.name} (n={len(self.samples)}){mark}"
        return f"| {label} | {fmt(med)} | {fmt(lo)} | {fmt(hi)} | {target} | {self.met()} |"


def mib(kib: int) -> float:
    return kib / 1024


def has_run_wait(flowctl: str, flowctld: str) -> bool:
    """Whether this flowctl has `run --wait` (older ones do not)."""
    world = World(flowctl, flowctld)
    try:
        _, cp = world.run("run", "--help")
    finally:
        world.cleanup()
    return "--wait" in cp.stdout


def start_and_wait(world: World, pipeline: Path, n: int, has_wait: bool) -> tuple[float, str]:
    """Starts a run and returns once its n components are ready: `run
    --wait`, or `run --detach` then run-info polled where there is no
    --wait. Returns (ms, run id)."""
    t0 = time.perf_counter()
    if not has_wait:
        run_id = world.json("run", "--detach", str(pipeline))[1]["run_id"]
        return wait_running(world, run_id, n, t0)[0], run_id
    ms, summary = world.json("run", "--wait", str(pipeline))
    if summary.get("status") != "RUNNING" or summary.get("components_ready") != n:
        raise BenchError(f"`run --wait` returned before {n} were ready:\n"
                         f"{json.dumps(summary, indent=2)}")
    return ms, summary["run_id"]


def guard_pids(world: World, daemon: int) -> list[int]:
    """The world's guard (`flowctld --guard`): the daemon's helper process."""
    out = []
    for pid in world.processes():
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if pid != daemon and b"--guard" in argv:
            out.append(pid)
    return out


def memory(world: World, daemon: int) -> dict:
    """The daemon's VmRSS and parts, its guard's, and the sum (KiB)."""
    main = rss_kib(daemon)
    guards = [rss_kib(p) for p in guard_pids(world, daemon)]
    return {"daemon": main, "guard": guards,
            "total_VmRSS": main["VmRSS"] + sum(g["VmRSS"] for g in guards)}


def memory_figures(figures, label: str, samples: list[dict], target: float | None = None,
                   target_note: str = ""):
    """Daemon VmRSS (RssAnon, RssFile), guard VmRSS and the manager total."""
    figures.append(Figure(f"daemon VmRSS, {label}", "MiB",
                          [mib(m["daemon"]["VmRSS"]) for m in samples], target, target_note))
    for part, what in (("RssAnon", "heap, stacks"), ("RssFile", "the mapped binary")):
        figures.append(Figure(f"… of which {part} ({what})", "MiB",
                              [mib(m["daemon"][part]) for m in samples]))
    if guards := [g["VmRSS"] for m in samples for g in m["guard"]]:
        figures.append(Figure(f"guard VmRSS, {label}", "MiB", [mib(k) for k in guards]))
    figures.append(Figure(f"manager total (daemon + guard) VmRSS, {label}", "MiB",
                          [mib(m["total_VmRSS"]) for m in samples]))


def pipeline_yaml(n: int) -> str:
    lines = [
        "apiVersion: flowctl/v1",
        "kind: Pipeline",
        "metadata:",
        f"  name: bench-{n}",
        "spec:",
        "  sources:",
    ]
    for i in range(n):
        lines += [
            f"    - id: c{i}",
            '      command: ["sleep", "1000"]',
            "      readiness: started",
        ]
    return "\n".join(lines) + "\n"


def cold_start(args, figures, raw) -> None:
    """No daemon -> `daemon start` returns; then `daemon stop` returns."""
    starts, stops, leftovers, stop_errors = [], [], [], []
    # One untimed round first, so the binaries are in the page cache: the
    # figure is a start with no daemon, not a start after a reboot.
    for i in range(args.cold_reps + 1):
        world = World(args.flowctl, args.flowctld)
        start_ms = world.start_daemon()
        stop_ms, stop_error = world.stop_daemon()
        # Informative: what of this world is still alive when stop returns
        # (cleanup ends it, by pid, and says so).
        left = len(world.processes())
        world.cleanup()
        if i > 0:
            starts.append(start_ms)
            stops.append(stop_ms)
            leftovers.append(left)
            if stop_error:
                stop_errors.append(stop_error)
    raw["cold_start_ms"], raw["cold_stop_ms"] = starts, stops
    raw["processes_alive_when_stop_returned"] = leftovers
    raw["daemon_stop_errors"] = stop_errors
    figures.append(Figure("cold `daemon start` (no daemon → answers)", "ms", starts, 30))
    note = ""
    if stop_errors:
        note = (f"`flowctl daemon stop` exited non-zero in {len(stop_errors)} of {len(stops)} "
                f"stops, saying {stop_errors[0].splitlines()[-1]!r}, although the daemon "
                "had stopped (its pid was gone); those stops are timed all the same.")
    figures.append(Figure("`daemon stop` of an idle daemon (→ exited)", "ms", stops,
                          footnote=note))


def warm_round_trip(args, figures, raw) -> None:
    """`daemon status` against a warm daemon, next to the cost of a spawn.

    Also reads the idle daemon's RSS: right after start, and after the
    round trips. Each repetition is a fresh daemon.
    """
    floor, version, status = [], [], []
    rss_fresh, rss_after = [], []
    per_rep = max(1, args.rtt_samples // args.reps)
    for _ in range(args.reps):
        world = World(args.flowctl, args.flowctld)
        world.start_daemon()
        pid = world.daemon_pid()  # one round trip before reading: "warm"
        rss_fresh.append(rss_kib(pid))
        for _ in range(per_rep):
            # Interleaved, so a noisy moment hurts all three alike.
            floor.append(world.run_cmd(["/bin/true"])[0])
            version.append(world.run("--version")[0])
            status.append(world.run("daemon", "status")[0])
        rss_after.append(memory(world, pid))
        world.cleanup()
    raw.update(
        spawn_floor_ms=floor, client_version_ms=version, warm_status_ms=status,
        idle_rss_fresh=rss_fresh, idle_memory_after_requests=rss_after,
    )
    figures.append(Figure("spawn floor: `/bin/true`", "ms", floor))
    figures.append(Figure("`flowctl --version` (client start, no connection)", "ms", version))
    figures.append(Figure("warm `daemon status` round trip", "ms", status, 2,
                          " (incl. spawn)"))
    figures.append(Figure("daemon idle VmRSS, just started", "MiB",
                          [mib(r["VmRSS"]) for r in rss_fresh], IDLE_RSS_TARGET_MIB))
    memory_figures(figures, f"idle, after {per_rep}×3 requests", rss_after,
                   IDLE_RSS_TARGET_MIB)


def wait_running(world: World, run_id: str, n: int, t0: float, interval: float = 0.0):
    """Polls run-info until the run is RUNNING with n ready: in a tight loop,
    or every `interval` seconds.

    Returns (ms since t0, polls, the last run-info).
    """
    polls = 0
    while True:
        if interval and polls:
            time.sleep(interval)  # the polling period itself, not a wait for an event
        _, info = world.json("pipelines", "run-info", run_id)
        polls += 1
        if info.get("status") == "RUNNING" and info.get("components_ready") == n:
            return (time.perf_counter() - t0) * 1000, polls, info
        if info.get("status") in ("FAILED", "STOPPED", "COMPLETED"):
            raise BenchError(f"run {run_id} ended before running:\n{json.dumps(info, indent=2)}")
        if time.perf_counter() - t0 > READY_TIMEOUT_S:
            raise BenchError(f"run {run_id} not running with {n} ready after "
                             f"{READY_TIMEOUT_S}s:\n{json.dumps(info, indent=2)}")


def spawn_floor(args, figures, raw) -> None:
    """What starting 100 `sleep`s costs this machine without flowctl.

    Python starts them like the daemon does (own process group, piped
    output, waiting for each exec): once through vfork (posix_spawn's fast
    path) and once through a full fork, which any pre-exec hook forces.
    """
    n = max(args.sizes)
    env = {**os.environ, MARK_NAME: MARK.decode().partition("=")[2]}
    for label, extra in (("vfork", {}), ("fork", {"preexec_fn": lambda: None})):
        samples = []
        for _ in range(args.reps):
            children = []
            try:
                t0 = time.perf_counter()
                for _ in range(n):
                    children.append(subprocess.Popen(
                        ["sleep", "1000"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, process_group=0, env=env, **extra))
                samples.append((time.perf_counter() - t0) * 1000)
            finally:
                for child in children:
                    child.kill()
                for child in children:
                    child.wait()
                    child.stdout.close()
                    child.stderr.close()
        raw[f"floor_{n}_spawns_{label}_ms"] = samples
        figures.append(Figure(f"floor: Python starts {n} `sleep`s ({label})", "ms", samples))


def pipelines(args, figures, raw) -> None:
    """N sources: submit, time to all running, RSS, stop."""
    for n in args.sizes:
        world = World(args.flowctl, args.flowctld)
        pipeline = world.root / f"p{n}.yaml"
        pipeline.write_text(pipeline_yaml(n))
        world.start_daemon()
        pid = world.daemon_pid()
        idle_before = memory(world, pid)
        # One untimed run so first-use costs (thread pools, allocator
        # arenas, page faults) are not charged to the first repetition.
        warm = world.json("run", "--detach", str(pipeline))[1]["run_id"]
        wait_running(world, warm, n, time.perf_counter())
        world.run("pipelines", "stop", warm)
        submit, ready, span, stop, polls, rss = [], [], [], [], [], []
        survivors = 0
        for _ in range(args.reps):
            t0 = time.perf_counter()
            submit_ms, summary = world.json("run", "--detach", str(pipeline))
            run_id = summary["run_id"]
            ready_ms, n_polls, info = wait_running(world, run_id, n, t0)
            submit.append(submit_ms)
            ready.append(ready_ms)
            polls.append(n_polls)
            # The daemon's own view, ms resolution: from the run's record to
            # the last component's start.
            started = [c["started_at_ms"] for c in info["components"]]
            span.append(float(max(started) - info["started_at_ms"]))
            rss.append(memory(world, pid))
            pids = [c["pid"] for c in info["components"]]
            stop_ms, _ = world.run("pipelines", "stop", run_id)
            stop.append(stop_ms)
            survivors += sum(_alive(p) for p in pids)
        # The tight poll loop above keeps a CPU busy (a client process every
        # few ms, each a request to the daemon) while the daemon spawns: the
        # same runs observed every 50 ms show what that observer costs.
        calm = []
        for _ in range(args.reps):
            _, summary = world.json("run", "--detach", str(pipeline))
            _, _, info = wait_running(world, summary["run_id"], n, time.perf_counter(), 0.05)
            calm.append(float(max(c["started_at_ms"] for c in info["components"])
                              - info["started_at_ms"]))
            world.run("pipelines", "stop", summary["run_id"])
        # `run --wait`: one command that returns once all n are ready.
        waited = []
        for _ in range(args.reps if args.has_wait else 0):
            wait_ms, run_id = start_and_wait(world, pipeline, n, True)
            waited.append(wait_ms)
            world.run("pipelines", "stop", run_id)
        idle_after = memory(world, pid)
        world.cleanup()
        raw[f"n{n}"] = dict(submit_ms=submit, all_running_ms=ready, daemon_span_ms=span,
                            polls=polls, stop_ms=stop, memory=rss,
                            daemon_span_polled_50ms_ms=calm, run_wait_ms=waited,
                            idle_memory_before=idle_before, idle_memory_after=idle_after,
                            survivors_after_stop=survivors)
        if survivors:
            print(f"warning: N={n}: {survivors} component processes were still alive "
                  "when `pipelines stop` returned", file=sys.stderr)
        big = n == max(args.sizes)
        figures.append(Figure(f"N={n}: `run --detach` call", "ms", submit))
        figures.append(Figure(f"N={n}: submit → all running (polled)", "ms", ready,
                              {1: START_1_TARGET_MS, 100: START_100_TARGET_MS}.get(n)))
        if waited:
            figures.append(Figure(f"N={n}: `run --wait` (→ all ready)", "ms", waited,
                                  START_1_TARGET_MS if n == 1 else None))
        figures.append(Figure(f"N={n}: daemon-side span, run record → last start", "ms", span))
        figures.append(Figure(f"N={n}: same span, polled every 50 ms instead", "ms", calm))
        figures.append(Figure(f"N={n}: `pipelines stop` (→ all exited)", "ms", stop,
                              100 if n == 100 else None, " + exits" if n == 100 else ""))
        if big:
            memory_figures(figures, f"{n} running", rss,
                           RSS_100_TARGET_MIB if n == 100 else None)
            # The target: within 0.5 MiB of the same daemon's idle RSS.
            again = mib(idle_before["daemon"]["VmRSS"]) + 0.5
            runs = (3 if waited else 2) * args.reps + 1
            memory_figures(figures, f"idle again after those {runs} runs of {n}",
                           [idle_after], round(again, 2),
                           f" (idle before them {again - 0.5:.1f} + 0.5)")


def long_runs(args, figures, raw) -> None:
    """One daemon; a one-`sleep` pipeline started and stopped again and
    again, `run --wait` (or, without it, `run --detach` and run-info
    polled) then `pipelines stop`, one after the other; the memory after
    10 runs, after 100 and after --long-runs of them."""
    world = World(args.flowctl, args.flowctld)
    pipeline = world.root / "p1.yaml"
    pipeline.write_text(pipeline_yaml(1))
    world.start_daemon()
    pid = world.daemon_pid()
    marks = sorted({m for m in (10, 100, args.long_runs) if m <= args.long_runs})
    at, cycles = {}, []
    for i in range(1, args.long_runs + 1):
        t0 = time.perf_counter()
        _, run_id = start_and_wait(world, pipeline, 1, args.has_wait)
        world.run("pipelines", "stop", run_id)
        cycles.append((time.perf_counter() - t0) * 1000)
        if i in marks:
            at[i] = memory(world, pid)
        if i % 200 == 0:
            print(f"... {i} runs", file=sys.stderr)
    world.cleanup()
    raw["long_runs"] = dict(memory_after={str(k): v for k, v in at.items()},
                            cycle_ms=cycles)
    how = "`run --wait`" if args.has_wait else "`run --detach`, run-info polled"
    figures.append(Figure(f"long-lived daemon: one run started ({how}) and stopped "
                          "(`pipelines stop`)", "ms", cycles))
    for k in marks:
        memory_figures(figures, f"long-lived daemon, after {k} runs", [at[k]])
    if len(marks) > 1:
        first, last = marks[0], marks[-1]
        growth = mib(at[last]["daemon"]["VmRSS"] - at[first]["daemon"]["VmRSS"])
        figures.append(Figure(f"long-lived daemon: VmRSS after {last} runs − after {first}",
                              "MiB", [growth], LONG_RUNS_GROWTH_MIB, " (equal)",
                              footnote=f"The daemon keeps the last {KEEP_RUNS} ended runs "
                              f"of a pipeline (`keep_runs`), so after {last} runs it holds "
                              f"up to {min(last, KEEP_RUNS) - first} more run records than "
                              f"after {first}; the growth after 100 runs, when that many "
                              "are kept already, is the part no kept record explains."))
        if 100 in at and last > 100:
            figures.append(Figure(f"long-lived daemon: VmRSS after {last} runs − after 100",
                                  "MiB", [mib(at[last]["daemon"]["VmRSS"]
                                              - at[100]["daemon"]["VmRSS"])],
                                  LONG_RUNS_GROWTH_MIB, " (equal)"))


# --------------------------------------------------------------------------
# Report


def machine_info(args) -> dict:
    def first(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10,
                                  cwd=REPO).stdout.strip()
        except OSError:
            return ""

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    world = World(args.flowctl, args.flowctld)
    try:
        world.start_daemon()
        _, cp = world.run("version")
        versions = cp.stdout.strip()
    finally:
        world.cleanup()
    return {
        "loadavg_start": Path("/proc/loadavg").read_text().split()[:3],
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "git": first(["git", "describe", "--always", "--dirty"]),
        "versions": versions,
        "flowctl": args.flowctl,
        "flowctld": args.flowctld,
    }


def one_line_versions(text: str) -> str:
    """`flowctl version` on one line: "flowctl 0.1.0, commit: …; flowctld …"
    (one line per binary, each maybe followed by indented details)."""
    text = re.sub(r"\s+", " ", "; ".join(text.strip().splitlines())).replace("; ", ", ")
    return re.sub(r", (flowctld? )", r"; \1", text)


def print_report(info: dict, figures: list[Figure], elapsed: float) -> None:
    print(f"- date: {info['date']}")
    print(f"- machine: {info['nproc']} CPUs ({info['cpu'] or 'unknown CPU'}), "
          f"Linux {info['kernel']}, Python {info['python']}")
    print(f"- versions: {one_line_versions(info['versions'])}"
          + (f" (git {info['git']})" if info["git"] else ""))
    print(f"- whole benchmark: {elapsed:.1f} s; load average (1, 5, 15 min) before "
          f"{' '.join(info['loadavg_start'])}, after {' '.join(info['loadavg_end'])}")
    print()
    print("| figure | median | min | max | target | met? |")
    print("|---|---:|---:|---:|---|---|")
    footnotes = []
    for figure in figures:
        mark = ""
        if figure.footnote:
            footnotes.append(figure.footnote)
            mark = f" [{len(footnotes)}]"
        print(figure.row(mark))
    if footnotes:
        print()
    for i, note in enumerate(footnotes, 1):
        print(f"[{i}] {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    release = REPO / "target" / "release"
    parser.add_argument("--flowctl", default=str(release / "flowctl"))
    parser.add_argument("--flowctld", default=str(release / "flowctld"))
    parser.add_argument("--json", metavar="FILE",
                        help="also write the raw numbers as JSON to FILE ('-' for stdout)")
    parser.add_argument("--reps", type=int, default=10,
                        help="repetitions per scenario (≥ 5)")
    parser.add_argument("--cold-reps", type=int, default=20, help="cold starts (≥ 10)")
    parser.add_argument("--rtt-samples", type=int, default=200,
                        help="warm round trips in all (≥ 50)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 25, 100],
                        help="pipeline sizes N")
    parser.add_argument("--long-runs", type=int, default=1000, metavar="N",
                        help="runs started and stopped one after the other on one daemon "
                             "(memory after 10, 100 and N of them; 0: skipped)")
    parser.add_argument("--quick", action="store_true",
                        help="few repetitions and 100 long runs, for trying the script "
                             "(not for figures)")
    args = parser.parse_args()
    if args.quick:
        args.reps, args.cold_reps, args.rtt_samples = 3, 3, 15
        args.long_runs = min(args.long_runs, 100)
    args.flowctl = str(Path(args.flowctl).resolve())
    args.flowctld = str(Path(args.flowctld).resolve())
    for binary in (args.flowctl, args.flowctld):
        if not os.access(binary, os.X_OK):
            print(f"error: {binary} is not an executable; build it with "
                  "`cargo build --release --workspace --bins` or pass its path",
                  file=sys.stderr)
            return 2

    # SIGTERM unwinds like Ctrl+C, so the cleanup below always runs.
    def on_term(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    started = time.perf_counter()
    figures: list[Figure] = []
    raw: dict = {}
    try:
        args.has_wait = has_run_wait(args.flowctl, args.flowctld)
        if not args.has_wait:
            print("... this flowctl has no `run --wait`: its rows are skipped, and the long "
                  "runs poll run-info instead", file=sys.stderr)
        info = machine_info(args)
        steps = (cold_start, warm_round_trip, spawn_floor, pipelines)
        for step in steps + ((long_runs,) if args.long_runs > 0 else ()):
            print(f"... {step.__name__}", file=sys.stderr)
            step(args, figures, raw)
    except BenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        # Cleanup is bounded; a second Ctrl+C must not cut it short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for note in cleanup_all():
            print(f"cleanup: {note}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    info["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    print_report(info, figures, elapsed)
    if args.json:
        dump = json.dumps({"machine": info, "elapsed_s": elapsed, "raw": raw,
                           "figures": [{"name": f.name, "unit": f.unit, "target": f.target,
                                        "median": f.stats()[0], "min": f.stats()[1],
                                        "max": f.stats()[2], "samples": f.samples}
                                       for f in figures]}, indent=2)
        if args.json == "-":
            print(dump)
        else:
            Path(args.json).write_text(dump + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
