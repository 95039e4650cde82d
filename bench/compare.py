#!/usr/bin/env python3
"""flowctl against pm2, supervisord and oxmgr: the same measurements of the
process managers in one run, with `sleep` as every child so the managers
themselves are measured.

    cargo build --release --workspace --bins
    python3 bench/compare.py [--quick] [--json FILE|-] [--with-relay]
    OXMGR_BIN=/path/to/oxmgr python3 bench/compare.py   # or --oxmgr PATH

On first use it installs the peers it compares with, into bench/.peers/
(ignored by git): pm2 from npm into bench/.peers/npm, supervisor from PyPI
into the virtualenv bench/.peers/venv. Nothing else is installed. oxmgr is
compared only when its binary is given (OXMGR_BIN or --oxmgr); otherwise it
is skipped, and the script says so.

Every manager runs in a private temporary world (flowctl: its own socket,
state, config and HOME, as bench/run.py does; pm2: PM2_HOME and HOME in a
temporary directory; supervisord: a generated configuration with its own
unix socket, pidfile, logfile and include directory; oxmgr: OXMGR_HOME and
HOME in a temporary directory, its IPC and HTTP endpoints on loopback
ports picked free). Every process the script starts carries the
environment variable FLOWCTL_BENCH_RUN, which the daemons and their
children inherit: at the end, and on any failure or Ctrl+C, every daemon is
stopped by its own command and then by pid, and a last sweep ends by pid
whatever still carries the variable.

It prints Markdown: the machine, the versions, the figures of issue #17
(flowctl beside every peer, with the issue's targets), a table of every
figure with each manager's median (min–max) and the ratio flowctl / peer,
and the flowctl-only figures. bench/COMPARE.md says what each figure is and
how it is measured.

Python 3.11 standard library only (the peers bring their own runtimes).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as fb  # noqa: E402  bench/run.py: worlds, markers, cleanup by pid

REPO = fb.REPO
PEERS_DIR = BENCH / ".peers"
NPM_PREFIX = PEERS_DIR / "npm"
VENV = PEERS_DIR / "venv"
PM2_BIN = NPM_PREFIX / "node_modules" / ".bin" / "pm2"
SUPERVISORD_BIN = VENV / "bin" / "supervisord"
SUPERVISORCTL_BIN = VENV / "bin" / "supervisorctl"

# The versions measured when COMPARE.md was written; --pm2 / --supervisor
# install others (into the same prefix, replacing these).
PM2_SPEC = "pm2@7.0.4"
SUPERVISOR_SPEC = "supervisor==4.3.0"

COMMAND_TIMEOUT_S = 60.0
READY_TIMEOUT_S = 60.0
#: Pause between two polls of a manager's status command.
POLL_GAP_S = 0.005
#: Period of the /proc watcher thread.
WATCH_PERIOD_S = 0.001

MARK_VALUE = fb.MARK.decode().partition("=")[2]

BenchError = fb.BenchError


# --------------------------------------------------------------------------
# Processes


def children_running(pid: int, comm: str = "sleep") -> set[int]:
    """Live (not zombie) children of `pid` whose command is `comm`: the
    managed programs once they have exec'd. Reads the `children` file of
    every thread of `pid` (a child belongs to the thread that forked it)."""
    found: set[int] = set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found.update(int(c) for c in f.read().split())
        except OSError:
            pass
    live = set()
    for child in found:
        try:
            with open(f"/proc/{child}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        close = stat.rindex(")")
        if stat[stat.index("(") + 1:close] == comm and stat[close + 2] != "Z":
            live.add(child)
    return live


class Watcher(threading.Thread):
    """Watches the children of a daemon in /proc, every millisecond, until
    `done(children)` holds; `.at` is then the perf_counter time it first
    did. No client process is started: this is the manager's own speed,
    free of the cost of asking it."""

    def __init__(self, daemon_pid: int, done, timeout: float = READY_TIMEOUT_S):
        super().__init__(daemon=True)
        self.daemon_pid, self.done, self.timeout = daemon_pid, done, timeout
        self.at: float | None = None
        self._halt = threading.Event()

    def run(self) -> None:
        deadline = time.perf_counter() + self.timeout
        while not self._halt.is_set() and time.perf_counter() < deadline:
            if self.done(children_running(self.daemon_pid)):
                self.at = time.perf_counter()
                return
            self._halt.wait(WATCH_PERIOD_S)  # the sampling period, not a wait for an event

    def finish(self, timeout: float = 10.0) -> float | None:
        self.join(timeout)
        self._halt.set()
        self.join()
        return self.at


def wait_gone(pids, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while any(fb._alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)  # processes we cannot wait() on: polled
    return True


def rss(pid: int) -> dict:
    """VmRSS and its parts (KiB) from /proc/PID/status, plus Pss and, for
    the raw JSON, every kB line of /proc/PID/smaps_rollup."""
    out: dict = fb.rss_kib(pid)
    smaps = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, _, value = line.partition(":")
            if value.strip().endswith("kB"):
                smaps[key] = int(value.split()[0])
    except OSError:
        pass
    if "Pss" in smaps:
        out["Pss"] = smaps["Pss"]
    out["smaps_rollup"] = smaps
    return out


# --------------------------------------------------------------------------
# The three managers behind one interface


class Manager:
    """One process manager in its own world.

    Component/program/app names are c0..c{n-1} everywhere; `status()`
    answers {name: (running?, pid)} from the manager's own status output.
    """

    name = "?"
    #: Label of the status command measured as the list round trip.
    status_label = ""
    json_label: str | None = None

    # -- world
    def start(self) -> float: ...
    def shutdown(self) -> None: ...
    def cleanup(self) -> list[str]: ...
    def daemon_pid(self) -> int: ...
    def helper_pids(self) -> dict[str, int]:
        """Other long-lived processes of the manager (flowctl's guard)."""
        return {}

    # -- programs
    def define(self, n: int) -> None:
        """Writes the definition of n programs (not yet submitted)."""
    def submit(self, n: int) -> float: ...
    def status(self) -> dict[str, tuple[bool, int]]: ...
    def status_table(self) -> float: ...
    def status_json(self) -> float: ...
    def stop_all(self) -> float: ...
    def remove_all(self) -> None: ...


def _describe(cmd, rc, stdout, stderr, what="failed", extra="") -> str:
    def text(s):
        if isinstance(s, bytes):
            s = s.decode(errors="replace")
        return (s or "").rstrip()[-3000:] or "(empty)"
    return (f"command {what}: {' '.join(map(str, cmd))}\n  exit status: {rc}\n"
            f"--- stdout ---\n{text(stdout)}\n--- stderr ---\n{text(stderr)}{extra}")


class PeerWorld:
    """A temporary directory, an environment marked with FLOWCTL_BENCH_RUN
    and BENCH_WORLD=<dir>, and commands run in it."""

    def __init__(self, prefix: str):
        self.root = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("FLOWCTL", "XDG_", "PM2", "SUPERVISOR", "NODE_",
                                    "NOTIFY_SOCKET", "PYTHON", "OXMGR"))}
        env.update(HOME=str(self.root), BENCH_WORLD=str(self.root))
        env[fb.MARK_NAME] = MARK_VALUE
        self.env = env
        PEER_WORLDS.append(self)

    @property
    def marker(self) -> bytes:
        return f"BENCH_WORLD={self.root}".encode()

    def log_tail(self) -> str:
        return ""

    def cmd(self, argv, ok=(0,), timeout=COMMAND_TIMEOUT_S):
        argv = [str(a) for a in argv]
        t0 = time.perf_counter()
        try:
            cp = subprocess.run(argv, env=self.env, cwd=self.root, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as err:
            raise BenchError(_describe(argv, None, err.stdout, err.stderr,
                                       f"timed out after {timeout}s", self.log_tail())) from None
        ms = (time.perf_counter() - t0) * 1000
        if cp.returncode not in ok:
            raise BenchError(_describe(argv, cp.returncode, cp.stdout, cp.stderr,
                                       extra=self.log_tail()))
        return ms, cp

    def helpers(self, daemon: int) -> dict[str, int]:
        """The world's other live processes, not the daemon and not the
        managed programs (`sleep`): the manager's helper processes, named
        by their command name."""
        out = {}
        for pid in fb.marked_processes(self.marker):
            if pid == daemon:
                continue
            try:
                comm = Path(f"/proc/{pid}/comm").read_text().strip()
            except OSError:
                continue
            if comm != "sleep":
                out[f"{comm} ({pid})"] = pid
        return out

    def sweep(self, pids=()) -> list[str]:
        notes = []
        deadline = time.monotonic() + 1
        while fb.marked_processes(self.marker) and time.monotonic() < deadline:
            time.sleep(0.01)  # a moment for what a clean stop leaves to exit by itself
        left = set(fb.marked_processes(self.marker)) | {p for p in pids if fb._alive(p)}
        left = [p for p in left if fb._environ_has(p, self.marker)]
        if left:
            notes.append(f"{self.root}: signalled leftover pids {sorted(left)}")
            if survivors := fb.kill_all(left, self.marker):
                notes.append(f"{self.root}: pids {survivors} survive SIGKILL")
        shutil.rmtree(self.root, ignore_errors=True)
        if self in PEER_WORLDS:
            PEER_WORLDS.remove(self)
        return notes


PEER_WORLDS: list[PeerWorld] = []


# ---- flowctl


def flowctl_yaml(n: int) -> str:
    lines = ["apiVersion: flowctl/v1", "kind: Pipeline", "metadata:",
             f"  name: bench-{n}", "spec:", "  sources:"]
    for i in range(n):
        lines += [f"    - id: c{i}",
                  '      command: ["sleep", "100000"]',
                  "      readiness: started",
                  "      restart_policy: always",
                  "      restart_delay: 0",
                  "      max_restarts: 100000"]
    return "\n".join(lines) + "\n"


class Flowctl(Manager):
    name = "flowctl"
    status_label = "`flowctl status`"
    json_label = "`flowctl -o json status`"

    def __init__(self, args, daemon_args=()):
        self.world = fb.World(args.flowctl, args.flowctld)
        self.daemon_args = list(daemon_args)
        self.run_id: str | None = None
        self.pid: int | None = None

    def start(self) -> float:
        ms, _ = self.world.run("daemon", "start", *self.daemon_args)
        self.pid = self.world.daemon_pid()
        return ms

    def shutdown(self) -> None:
        pids = set(self.world.daemon_pids) | set(self.helper_pids().values())
        self.world.stop_daemon()
        if not wait_gone(pids, 5):
            raise BenchError(f"flowctl: daemon processes {pids} outlived `daemon stop`")
        self.pid = None

    def cleanup(self) -> list[str]:
        return self.world.cleanup() if self.world in fb.WORLDS else []

    def daemon_pid(self) -> int:
        assert self.pid is not None
        return self.pid

    def helper_pids(self) -> dict[str, int]:
        if self.pid is None:
            return {}
        out = {}
        for tid in os.listdir(f"/proc/{self.pid}/task"):
            try:
                kids = Path(f"/proc/{self.pid}/task/{tid}/children").read_text().split()
            except OSError:
                continue
            for kid in kids:
                try:
                    cmdline = Path(f"/proc/{kid}/cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if b"--guard" in cmdline:
                    out["guard"] = int(kid)
        return out

    def file(self, n: int) -> Path:
        return self.world.root / f"p{n}.yaml"

    def define(self, n: int) -> None:
        self.file(n).write_text(flowctl_yaml(n))

    def submit(self, n: int) -> float:
        ms, out = self.world.json("run", "--detach", str(self.file(n)))
        self.run_id = out["run_id"]
        return ms

    def submit_wait(self, n: int) -> float:
        """`flowctl run --wait FILE`: returns once every component is ready."""
        ms, out = self.world.json("run", "--wait", str(self.file(n)))
        self.run_id = out["run_id"]
        if out.get("status") != "RUNNING" or out.get("components_ready") != n:
            raise BenchError(f"flowctl: `run --wait` returned before {n} ready:\n"
                             f"{json.dumps(out, indent=2)[:3000]}")
        return ms

    def status(self):
        _, info = self.world.json("pipelines", "run-info", self.run_id)
        if info.get("status") in ("FAILED", "STOPPED", "COMPLETED"):
            raise BenchError(f"flowctl: run ended:\n{json.dumps(info, indent=2)[:3000]}")
        running = info.get("status") == "RUNNING"
        return {c["id"]: (running and c["state"] == "RUNNING", int(c["pid"] or 0))
                for c in info["components"]}

    def status_table(self) -> float:
        return self.world.run("status")[0]

    def status_json(self) -> float:
        return self.world.json("status")[0]

    def stop_all(self) -> float:
        return self.world.run("pipelines", "stop", self.run_id)[0]

    def remove_all(self) -> None:
        self.run_id = None  # an ended run stays recorded, as pm2 keeps stopped apps


# ---- pm2


def pm2_ecosystem(n: int) -> str:
    apps = [{"name": f"c{i}", "script": "sleep", "args": "100000", "interpreter": "none",
             "autorestart": True, "restart_delay": 0, "max_restarts": 100000}
            for i in range(n)]
    return "module.exports = " + json.dumps({"apps": apps}, indent=1) + ";\n"


class Pm2(Manager):
    name = "pm2"
    status_label = "`pm2 ls`"
    json_label = "`pm2 jlist`"

    def __init__(self, args):
        self.w = PeerWorld("cp")
        self.home = self.w.root / "pm2"
        self.w.env["PM2_HOME"] = str(self.home)
        self.w.log_tail = self.log_tail
        self.pids_seen: set[int] = set()

    def log_tail(self) -> str:
        log = self.home / "pm2.log"
        if not log.exists():
            return ""
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        return f"\n--- pm2.log (last 20 lines) ---\n{tail}"

    def pm2(self, *a, ok=(0,)):
        return self.w.cmd([PM2_BIN, *a], ok=ok)

    def god_pid(self) -> int | None:
        try:
            pid = int((self.home / "pm2.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if fb._alive(pid) and fb._environ_has(pid, self.w.marker) else None

    def start(self) -> float:
        ms, cp = self.pm2("ping")
        if "pong" not in cp.stdout:
            raise BenchError(_describe(["pm2", "ping"], 0, cp.stdout, cp.stderr, "did not pong"))
        pid = self.god_pid()
        if pid is None:
            raise BenchError("pm2: no God daemon after `pm2 ping`" + self.log_tail())
        self.pids_seen.add(pid)
        return ms

    def shutdown(self) -> None:
        pid = self.god_pid()
        self.pm2("kill")
        # `pm2 kill` returns before the God daemon has exited.
        if pid is not None and not wait_gone([pid], 5):
            raise BenchError(f"pm2: God daemon {pid} outlived `pm2 kill`")

    def cleanup(self) -> list[str]:
        if self.w not in PEER_WORLDS:
            return []
        notes = []
        if self.god_pid() is not None:
            try:
                self.w.cmd([PM2_BIN, "kill"], ok=range(256), timeout=20)
            except BenchError as err:
                notes.append(str(err))
            if (pid := self.god_pid()) is not None:
                wait_gone([pid], 3)
        return notes + self.w.sweep(self.pids_seen)

    def daemon_pid(self) -> int:
        pid = self.god_pid()
        if pid is None:
            raise BenchError("pm2: the God daemon is not running" + self.log_tail())
        return pid

    def helper_pids(self) -> dict[str, int]:
        return self.w.helpers(self.daemon_pid())

    def file(self, n: int) -> Path:
        return self.w.root / f"eco{n}.config.js"

    def define(self, n: int) -> None:
        self.file(n).write_text(pm2_ecosystem(n))

    def submit(self, n: int) -> float:
        return self.pm2("start", self.file(n))[0]

    def status(self):
        _, cp = self.pm2("jlist")
        # Older pm2 versions may print a line before the JSON.
        text = cp.stdout[cp.stdout.find("["):]
        try:
            apps = json.loads(text)
        except json.JSONDecodeError:
            raise BenchError(_describe(["pm2", "jlist"], 0, cp.stdout, cp.stderr,
                                       "printed no JSON")) from None
        return {a["name"]: (a["pm2_env"]["status"] == "online" and bool(a.get("pid")),
                            int(a.get("pid") or 0)) for a in apps}

    def status_table(self) -> float:
        return self.pm2("ls")[0]

    def status_json(self) -> float:
        return self.pm2("jlist")[0]

    def stop_all(self) -> float:
        return self.pm2("stop", "all")[0]

    def remove_all(self) -> None:
        self.pm2("delete", "all")


# ---- supervisord


def supervisord_conf(root: Path) -> str:
    return f"""[unix_http_server]
file={root}/supervisor.sock

[supervisord]
logfile={root}/supervisord.log
pidfile={root}/supervisord.pid
childlogdir={root}/logs
nodaemon=false

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{root}/supervisor.sock

[include]
files = {root}/conf.d/*.conf
"""


def supervisor_programs(n: int) -> str:
    out = [f"[group:bench]\nprograms={','.join(f'c{i}' for i in range(n))}\n"]
    for i in range(n):
        out.append(f"[program:c{i}]\ncommand=sleep 100000\nautostart=true\n"
                   "autorestart=true\nstartsecs=0\nstartretries=100000\n")
    return "\n".join(out)


class _UnixHTTP(http.client.HTTPConnection):
    def __init__(self, path: str):
        super().__init__("localhost", timeout=2)
        self.unix_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(2)
        sock.connect(self.unix_path)
        self.sock = sock


GET_STATE = (b'<?xml version="1.0"?><methodCall><methodName>supervisor.getState'
             b"</methodName><params/></methodCall>")


def supervisord_answers(path: Path) -> bool:
    """One XML-RPC supervisor.getState over the unix socket: RUNNING?"""
    try:
        conn = _UnixHTTP(str(path))
        conn.request("POST", "/RPC2", body=GET_STATE, headers={"Content-Type": "text/xml"})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status == 200 and b"RUNNING" in data
    except (OSError, http.client.HTTPException):
        return False


STATUS_LINE = re.compile(r"^bench:(c\d+)\s+(\S+)(?:\s+pid (\d+))?", re.M)


class Supervisord(Manager):
    name = "supervisord"
    status_label = "`supervisorctl status`"
    json_label = None  # supervisorctl prints no JSON

    def __init__(self, args):
        self.w = PeerWorld("cs")
        (self.w.root / "conf.d").mkdir()
        (self.w.root / "logs").mkdir()
        self.conf = self.w.root / "supervisord.conf"
        self.conf.write_text(supervisord_conf(self.w.root))
        self.w.log_tail = self.log_tail
        self.pids_seen: set[int] = set()

    def log_tail(self) -> str:
        log = self.w.root / "supervisord.log"
        if not log.exists():
            return ""
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        return f"\n--- supervisord.log (last 20 lines) ---\n{tail}"

    def ctl(self, *a, ok=(0,)):
        return self.w.cmd([SUPERVISORCTL_BIN, "-c", self.conf, *a], ok=ok)

    def sup_pid(self) -> int | None:
        try:
            pid = int((self.w.root / "supervisord.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if fb._alive(pid) and fb._environ_has(pid, self.w.marker) else None

    def start(self) -> float:
        """supervisord forks into the background; its first process exits
        at once. Timed until `supervisorctl status` answers: the socket is
        polled in-process (no client start per try), then one status."""
        sock = self.w.root / "supervisor.sock"
        t0 = time.perf_counter()
        cp = subprocess.run([str(SUPERVISORD_BIN), "-c", str(self.conf)], env=self.w.env,
                            cwd=self.w.root, stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, timeout=COMMAND_TIMEOUT_S)
        if cp.returncode != 0:
            raise BenchError(_describe(["supervisord", "-c", self.conf], cp.returncode,
                                       cp.stdout, cp.stderr, extra=self.log_tail()))
        while not supervisord_answers(sock):
            if time.perf_counter() - t0 > READY_TIMEOUT_S:
                raise BenchError("supervisord never answered on its socket" + self.log_tail())
            time.sleep(0.001)  # its socket appears when it is ready: polled
        self.ctl("status")
        ms = (time.perf_counter() - t0) * 1000
        pid = self.sup_pid()
        if pid is None:
            raise BenchError("supervisord: no pid after start" + self.log_tail())
        self.pids_seen.add(pid)
        return ms

    def shutdown(self) -> None:
        pid = self.sup_pid()
        self.ctl("shutdown")
        # `supervisorctl shutdown` returns before supervisord has exited.
        if pid is not None and not wait_gone([pid], 10):
            raise BenchError(f"supervisord {pid} outlived `supervisorctl shutdown`")

    def cleanup(self) -> list[str]:
        if self.w not in PEER_WORLDS:
            return []
        notes = []
        if (pid := self.sup_pid()) is not None:
            try:
                self.w.cmd([SUPERVISORCTL_BIN, "-c", self.conf, "shutdown"], ok=range(256),
                           timeout=20)
            except BenchError as err:
                notes.append(str(err))
            wait_gone([pid], 5)
        return notes + self.w.sweep(self.pids_seen)

    def daemon_pid(self) -> int:
        pid = self.sup_pid()
        if pid is None:
            raise BenchError("supervisord is not running" + self.log_tail())
        return pid

    def helper_pids(self) -> dict[str, int]:
        return self.w.helpers(self.daemon_pid())

    def define(self, n: int) -> None:
        (self.w.root / f"bench{n}.conf.off").write_text(supervisor_programs(n))

    def submit(self, n: int) -> float:
        """The group's file goes into the include directory, then
        `supervisorctl update` reads it and adds (and autostarts) the group:
        the equivalent of handing a definition to a running manager."""
        shutil.copyfile(self.w.root / f"bench{n}.conf.off", self.w.root / "conf.d" / "bench.conf")
        return self.ctl("update")[0]

    def status(self):
        # Exit status 3: not everything is running (yet).
        _, cp = self.ctl("status", ok=(0, 3))
        return {name: (state == "RUNNING", int(pid or 0))
                for name, state, pid in STATUS_LINE.findall(cp.stdout)}

    def status_table(self) -> float:
        return self.ctl("status", ok=(0, 3))[0]

    def status_json(self) -> float:
        raise NotImplementedError

    def stop_all(self) -> float:
        return self.ctl("stop", "all")[0]

    def remove_all(self) -> None:
        (self.w.root / "conf.d" / "bench.conf").unlink()
        self.ctl("update")


# ---- oxmgr


def free_port() -> int:
    """A loopback TCP port free right now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxfile(n: int) -> str:
    out = ["version = 1", ""]
    for i in range(n):
        out += ["[[apps]]", f'name = "c{i}"', 'command = "sleep 100000"',
                'restart_policy = "always"', "max_restarts = 100000",
                "crash_restart_limit = 0", "restart_delay_secs = 0", ""]
    return "\n".join(out)


class Oxmgr(Manager):
    """oxmgr (a Rust pm2 rewrite), from a binary given by OXMGR_BIN or
    --oxmgr. Its world: OXMGR_HOME (state.json, logs, events.sock) and HOME
    in a temporary directory, and its two loopback TCP endpoints (the CLI's
    IPC, the HTTP API) on ports picked free for this world, so a user's own
    oxmgr daemon (on its per-uid port) is never reached."""

    name = "oxmgr"
    status_label = "`oxmgr list`"
    json_label = "`oxmgr list --json`"

    def __init__(self, args):
        self.bin = args.oxmgr
        self.w = PeerWorld("co")
        self.home = self.w.root / "oxmgr"
        self.w.env.update(OXMGR_HOME=str(self.home),
                          OXMGR_DAEMON_ADDR=f"127.0.0.1:{free_port()}",
                          OXMGR_API_ADDR=f"127.0.0.1:{free_port()}")
        self.pids_seen: set[int] = set()
        self.pid: int | None = None

    def ox(self, *a, ok=(0,)):
        return self.w.cmd([self.bin, *a], ok=ok)

    def find_daemon(self) -> int | None:
        """The world's `oxmgr daemon run` (it writes no pid file)."""
        for pid in fb.marked_processes(self.w.marker):
            try:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv[1:3] == [b"daemon", b"run"]:
                return pid
        return None

    def start(self) -> float:
        """`oxmgr list`: its client finds no daemon, spawns `oxmgr daemon
        run` and pings it every 100 ms until it answers, then lists, as
        any first command does."""
        ms, _ = self.ox("list")
        self.pid = self.find_daemon()
        if self.pid is None:
            raise BenchError(f"oxmgr: no `oxmgr daemon run` in {self.w.root} after `oxmgr list`")
        self.pids_seen.add(self.pid)
        return ms

    def shutdown(self) -> None:
        pid = self.pid
        self.ox("daemon", "stop")
        # `oxmgr daemon stop` returns once the shutdown is scheduled.
        if pid is not None and not wait_gone([pid], 10):
            raise BenchError(f"oxmgr: daemon {pid} outlived `oxmgr daemon stop`")
        self.pid = None

    def cleanup(self) -> list[str]:
        if self.w not in PEER_WORLDS:
            return []
        notes = []
        if (pid := self.find_daemon()) is not None:
            try:
                self.w.cmd([self.bin, "daemon", "stop"], ok=range(256), timeout=20)
            except BenchError as err:
                notes.append(str(err))
            wait_gone([pid], 5)
        return notes + self.w.sweep(self.pids_seen)

    def daemon_pid(self) -> int:
        if self.pid is None or not fb._alive(self.pid):
            raise BenchError(f"oxmgr: the daemon of {self.w.root} is not running")
        return self.pid

    def helper_pids(self) -> dict[str, int]:
        return self.w.helpers(self.daemon_pid())

    def file(self, n: int) -> Path:
        return self.w.root / f"ox{n}" / "oxfile.toml"

    def define(self, n: int) -> None:
        self.file(n).parent.mkdir(exist_ok=True)
        self.file(n).write_text(oxfile(n))

    def submit(self, n: int) -> float:
        """One program: `oxmgr start CMD` with the oxfile's settings; more:
        `oxmgr apply OXFILE` (one client sending one start per app; N
        `oxmgr start`s would be N clients)."""
        if n == 1:
            return self.ox("start", "sleep 100000", "--name", "c0", "--restart", "always",
                           "--max-restarts", "100000", "--crash-restart-limit", "0",
                           "--restart-delay", "0")[0]
        return self.ox("apply", self.file(n))[0]

    def status(self):
        _, cp = self.ox("list", "--json")
        try:
            procs = json.loads(cp.stdout)
        except json.JSONDecodeError:
            raise BenchError(_describe([self.bin, "list", "--json"], 0, cp.stdout, cp.stderr,
                                       "printed no JSON")) from None
        return {p["name"]: (p.get("status") == "running" and bool(p.get("pid")),
                            int(p.get("pid") or 0)) for p in procs}

    def status_table(self) -> float:
        return self.ox("list")[0]

    def status_json(self) -> float:
        return self.ox("list", "--json")[0]

    def stop_all(self) -> float:
        return self.ox("stop", "all")[0]

    def remove_all(self) -> None:
        self.ox("delete", "all")


# --------------------------------------------------------------------------
# Samples and figures


@dataclass
class Row:
    """One figure, per manager."""
    name: str
    unit: str  # "ms", "MiB"
    samples: dict[str, list[float]] = field(default_factory=dict)
    #: Also report the 99th percentile.
    p99: bool = False
    #: Per manager, named parts of each sample (RssAnon, RssFile), shown
    #: beside the median.
    parts: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def add(self, who: str, value: float, parts: dict[str, float] | None = None) -> None:
        self.samples.setdefault(who, []).append(value)
        for part, v in (parts or {}).items():
            self.parts.setdefault(who, {}).setdefault(part, []).append(v)

    def cell(self, who: str) -> str:
        text = fmt_cell(self.samples.get(who), self.unit)
        if parts := self.parts.get(who):
            text += "; " + ", ".join(f"{k} {fmt_value(statistics.median(v), self.unit)}"
                                     for k, v in parts.items())
        return text


def p99(samples: list[float]) -> float:
    """Nearest rank: with fewer than 100 samples, the largest."""
    ordered = sorted(samples)
    return ordered[max(0, -(-99 * len(ordered) // 100) - 1)]


def fmt_value(v: float, unit: str) -> str:
    if unit == "ms":
        return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 1000 else f"{v:.0f}"
    if unit == "/s":
        return f"{v:.0f}"
    return f"{v:.1f}"


def fmt_cell(samples: list[float] | None, unit: str) -> str:
    if not samples:
        return "—"
    med = statistics.median(samples)
    if len(samples) == 1:
        return f"{fmt_value(med, unit)} {unit} (n=1)"
    return (f"{fmt_value(med, unit)} {unit} ({fmt_value(min(samples), unit)}–"
            f"{fmt_value(max(samples), unit)}, n={len(samples)})")


def ratio(a: list[float] | None, b: list[float] | None) -> str:
    if not a or not b:
        return "—"
    r = statistics.median(a) / statistics.median(b)
    text = f"{r:.2f}" if r >= 0.1 else f"{r:.3f}"
    return f"**{text}**" if r > 1 else text


class Results:
    def __init__(self):
        self.rows: dict[str, Row] = {}
        self.solo: dict[str, Row] = {}
        self.raw: dict = {}

    def row(self, name: str, unit: str) -> Row:
        return self.rows.setdefault(name, Row(name, unit))

    def add(self, name: str, unit: str, who: str, value: float,
            parts: dict[str, float] | None = None) -> None:
        self.row(name, unit).add(who, value, parts)

    def median(self, name: str, who: str) -> float | None:
        row = self.rows.get(name)
        samples = row.samples.get(who) if row else None
        return statistics.median(samples) if samples else None

    def add_solo(self, name: str, unit: str, value: float) -> None:
        self.solo.setdefault(name, Row(name, unit)).add("flowctl", value)


# --------------------------------------------------------------------------
# Scenarios

#: Every manager this script can drive; `args.managers` is those of a run
#: (flowctl first; oxmgr only with a binary).
MANAGERS = ("flowctl", "pm2", "supervisord", "oxmgr")


MANAGER_CLASSES: dict[str, type[Manager]] = {
    "flowctl": Flowctl, "pm2": Pm2, "supervisord": Supervisord, "oxmgr": Oxmgr}


def make(who: str, args) -> Manager:
    return MANAGER_CLASSES[who](args)


def read_rss(m: Manager, res: Results, label: str) -> None:
    """The daemon's VmRSS (RssAnon and RssFile beside it); its helper
    processes' VmRSS (flowctl: the guard; whatever else of the manager's
    world is alive and is not a managed `sleep`, for the peers); and the
    manager total, daemon + helpers, as VmRSS and as PSS (shared pages
    divided among the processes sharing them)."""
    main = rss(m.daemon_pid())
    helpers = {k: rss(p) for k, p in m.helper_pids().items()}
    res.raw.setdefault("rss", []).append({"who": m.name, "when": label, "daemon": main,
                                          "helpers": helpers})
    counted = res.raw.setdefault("helpers_counted", {}).setdefault(m.name, [])
    for name in helpers:
        if (name := re.sub(r" \(\d+\)$", "", name)) not in counted:
            counted.append(name)
    mib = lambda kib: kib / 1024  # noqa: E731
    res.add(f"daemon VmRSS, {label}", "MiB", m.name, mib(main["VmRSS"]),
            {"anon": mib(main.get("RssAnon", 0)), "file": mib(main.get("RssFile", 0))})
    if helpers:
        res.add(f"… helper processes' VmRSS summed (flowctl: the guard), {label}", "MiB",
                m.name, mib(sum(r["VmRSS"] for r in helpers.values())))
    procs = [main, *helpers.values()]
    res.add(f"… manager total (daemon + helpers), VmRSS summed, {label}",
            "MiB", m.name, mib(sum(r["VmRSS"] for r in procs)))
    res.add(f"… the same, PSS summed, {label}", "MiB", m.name,
            mib(sum(r.get("Pss", 0) for r in procs)))


def cold_start(args, res: Results) -> None:
    """No daemon -> the first answer; then the idle daemon's memory.

    Each sample is a fresh world in which the daemon has been started and
    stopped once, untimed (so the home/state directory exists, as after
    first use); the timed start follows. A first untimed round per manager
    puts the binaries and modules in the page cache."""
    for rep in range(args.cold_reps + 1):
        for who in args.managers:
            m = make(who, args)
            try:
                m.start()
                m.shutdown()
                ms = m.start()
                m.status_table()  # one answer before reading the memory: "warm idle"
                if rep:
                    res.add("cold start: no daemon → first answer", "ms", who, ms)
                    read_rss(m, res, IDLE)
                m.shutdown()
            finally:
                for note in m.cleanup():
                    print(f"cleanup: {note}", file=sys.stderr)


def wait_all_running(m: Manager, n: int, t0: float):
    """Polls the manager's status until n programs run; returns
    (ms since t0, polls, pids)."""
    polls = 0
    while True:
        st = m.status()
        polls += 1
        up = [pid for ok, pid in st.values() if ok and pid]
        if len(up) == n:
            return (time.perf_counter() - t0) * 1000, polls, up
        if time.perf_counter() - t0 > READY_TIMEOUT_S:
            raise BenchError(f"{m.name}: {len(up)} of {n} running after {READY_TIMEOUT_S}s: "
                             f"{dict(list(st.items())[:10])}")
        time.sleep(POLL_GAP_S)  # the polling period


def start_one(m: Manager, n: int, res: Results | None, rtt_per_rep: int = 0) -> list[int]:
    """Submit n, wait until all run (by status and in /proc), optionally
    read the round trips and memory with n running, then stop (→ all gone)
    and remove. `res` None: an untimed warm-up."""
    daemon = m.daemon_pid()
    watcher = Watcher(daemon, lambda kids: len(kids) >= n)
    watcher.start()
    t0 = time.perf_counter()
    submit_ms = m.submit(n)
    ready_ms, polls, pids = wait_all_running(m, n, t0)
    seen = watcher.finish()
    if res is not None:
        res.add(f"N={n}: submit command returns", "ms", m.name, submit_ms)
        res.add(f"N={n}: submit → status shows all running", "ms", m.name, ready_ms)
        if seen is not None:
            res.add(f"N={n}: submit → all {n} exec'd (seen in /proc)", "ms", m.name,
                    (seen - t0) * 1000)
        res.raw.setdefault("polls", []).append({"who": m.name, "n": n, "polls": polls})
        if rtt_per_rep:
            for _ in range(rtt_per_rep):
                res.add(f"status round trip with {n} running, table", "ms", m.name,
                        m.status_table())
                if m.json_label:
                    res.add(f"status round trip with {n} running, JSON", "ms", m.name,
                            m.status_json())
            read_rss(m, res, f"{n} running")
    t1 = time.perf_counter()
    stop_ms = m.stop_all()
    still = [p for p in pids if fb._alive(p)]
    if not wait_gone(pids, 30):
        raise BenchError(f"{m.name}: pids {[p for p in pids if fb._alive(p)]} outlived stop")
    gone_ms = (time.perf_counter() - t1) * 1000
    if res is not None:
        res.add(f"N={n}: stop → all exited", "ms", m.name, gone_ms)
        res.raw.setdefault("stop", []).append({"who": m.name, "n": n, "command_ms": stop_ms,
                                               "gone_ms": gone_ms,
                                               "alive_when_command_returned": len(still)})
    m.remove_all()
    return pids


def start_wait(m: Flowctl, n: int, res: Results | None) -> None:
    """flowctl only: `run --wait FILE`, the time of that one command (it
    returns once all n are ready), and, watched in /proc as in start_one,
    the time until all n programs have exec'd: `readiness: started` may be
    declared before that (a component starts through a `flowctld
    --in-cgroup` trampoline that then execs it). Then stop (→ all gone)."""
    daemon = m.daemon_pid()
    watcher = Watcher(daemon, lambda kids: len(kids) >= n)
    watcher.start()
    t0 = time.perf_counter()
    ms = m.submit_wait(n)
    execd_at_return = len(children_running(daemon))
    seen = watcher.finish()
    st = m.status()
    pids = [pid for ok, pid in st.values() if ok and pid]
    if len(pids) != n:
        raise BenchError(f"flowctl: {len(pids)} of {n} running after `run --wait`: {st}")
    if seen is None:
        raise BenchError(f"flowctl: not all {n} programs exec'd after `run --wait`")
    if res is not None:
        res.add(WAIT_ROW.format(n=n), "ms", m.name, ms)
        res.add(f"N={n}: `flowctl run --wait FILE` → all {n} exec'd (seen in /proc)", "ms",
                m.name, (seen - t0) * 1000)
        res.raw.setdefault("run_wait_execd_at_return", []).append(
            {"n": n, "execd": execd_at_return})
    m.stop_all()
    if not wait_gone(pids, 30):
        raise BenchError(f"flowctl: pids {[p for p in pids if fb._alive(p)]} outlived stop")
    m.remove_all()


WAIT_ROW = "N={n}: `flowctl run --wait FILE` returns, all ready (flowctl only)"


def one_kill(m: Manager, poll: bool) -> tuple[float | None, float | None]:
    """kill -9 the one supervised `sleep`; returns (ms until the manager's
    status shows a new pid, or None if not polled; ms until a new child has
    exec'd, seen in /proc). With poll False nothing talks to the manager
    until the new child exists: some managers (supervisord) act on a
    child's exit only when their loop wakes, which a client's request does."""
    _, old = m.status()["c0"]
    daemon = m.daemon_pid()
    before = children_running(daemon)
    if old not in before:
        raise BenchError(f"{m.name}: status pid {old} is not a running child: {before}")
    watcher = Watcher(daemon, lambda kids: bool(kids - before), 30)
    watcher.start()
    t0 = time.perf_counter()
    os.kill(old, signal.SIGKILL)
    if not poll:
        seen = watcher.finish(30)
        if seen is None:
            raise BenchError(f"{m.name}: no new child 30 s after kill -9 {old}")
    status_ms = None
    while True:
        ok, pid = m.status()["c0"]
        if ok and pid and pid != old:
            break
        if time.perf_counter() - t0 > 30:
            raise BenchError(f"{m.name}: status shows no new pid 30 s after kill -9 {old}")
        time.sleep(POLL_GAP_S)  # the polling period
    if poll:
        status_ms = (time.perf_counter() - t0) * 1000
        seen = watcher.finish(30)
    return status_ms, None if seen is None else (seen - t0) * 1000


def crash_restart(managers: dict[str, Manager], args, res: Results) -> None:
    """One supervised `sleep` per manager, killed again and again: once
    left alone (new child seen in /proc), once with its status polled."""
    for m in managers.values():
        m.define(1)
        m.submit(1)
        wait_all_running(m, 1, time.perf_counter())
    for k in range(args.kills + 1):
        for who, m in managers.items():
            _, quiet = one_kill(m, poll=False)
            time.sleep(0.02)  # let the new child settle before the next kill
            status_ms, polled = one_kill(m, poll=True)
            if k:  # the first round is a warm-up
                for name, value in (
                        ("kill -9 → new child exec'd, manager left alone (seen in /proc)", quiet),
                        ("kill -9 → status shows the new pid (status polled)", status_ms)):
                    res.add(name, "ms", who, value)
                    res.rows[name].p99 = True
                res.raw.setdefault("crash_polled_proc_ms", []).append({"who": who,
                                                                       "ms": polled})
        time.sleep(0.02)
    for m in managers.values():
        pids = [pid for _, pid in m.status().values()]
        m.stop_all()
        if not wait_gone(pids, 30):
            raise BenchError(f"{m.name}: {pids} outlived stop")
        m.remove_all()


IDLE = "idle (no programs)"
IDLE_AGAIN = "idle again after those runs ended"


def warm(args, res: Results) -> None:
    managers = {who: make(who, args) for who in args.managers}
    try:
        for m in managers.values():
            m.start()
            for n in args.sizes:
                m.define(n)
        big = max(args.sizes)
        rtt_per_rep = max(1, -(-args.rtt_samples // args.reps))
        for n in args.sizes:
            print(f"... N={n}", file=sys.stderr)
            for m in managers.values():
                start_one(m, n, None)  # warm-up, untimed
            if args.has_wait:
                start_wait(managers["flowctl"], n, None)
            for _ in range(args.reps):
                for m in managers.values():
                    start_one(m, n, res, rtt_per_rep if n == big else 0)
                if args.has_wait:
                    start_wait(managers["flowctl"], n, res)
        for m in managers.values():
            read_rss(m, res, IDLE_AGAIN)
        print("... crash → restart", file=sys.stderr)
        crash_restart(managers, args, res)
        for m in managers.values():
            read_rss(m, res, "idle again after the kills too")
        for m in managers.values():
            m.shutdown()
    finally:
        for m in managers.values():
            for note in m.cleanup():
                print(f"cleanup: {note}", file=sys.stderr)


def submissions(args, res: Results) -> None:
    """flowctl only: M sequential `run --detach` of a one-`sleep` pipeline,
    runs/s, with the default persistence and with --no-persistence."""
    for rep in range(args.reps):
        for label, extra in (("persistent (redb, fsync)", []),
                             ("--no-persistence", ["--no-persistence"])):
            m = Flowctl(args, extra)
            try:
                m.start()
                m.define(1)
                m.submit(1)  # warm-up
                t0 = time.perf_counter()
                for _ in range(args.submissions):
                    m.submit(1)
                took = time.perf_counter() - t0
                res.add_solo(f"{args.submissions} × `run --detach` in a row, {label}", "/s",
                             args.submissions / took)
                m.shutdown()
            finally:
                for note in m.cleanup():
                    print(f"cleanup: {note}", file=sys.stderr)


def relay(args, res: Results) -> None:
    env = {k: v for k, v in os.environ.items()}
    env[fb.MARK_NAME] = MARK_VALUE
    build = ["cargo", "build", "--release", "-p", "flowctl-example-components"]
    test = ["cargo", "test", "--release", "-p", "flowctld", "--test", "relay",
            "relay_throughput", "--", "--ignored", "--nocapture"]
    for cmd in (build, test):
        cp = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=1800)
        if cp.returncode:
            raise BenchError(_describe(cmd, cp.returncode, cp.stdout, cp.stderr))
    res.raw["relay_output"] = cp.stdout
    for line in cp.stdout.splitlines():
        if m := re.match(r"\s*(.+?):\s+(\d+) events/s", line):
            res.add_solo(f"relay: {m.group(1)}", "/s", float(m.group(2)))


# --------------------------------------------------------------------------
# Installing the peers, versions, report


def ensure_peers(args) -> None:
    PEERS_DIR.mkdir(exist_ok=True)
    if "pm2" in args.managers and not PM2_BIN.exists():
        print(f"... installing {args.pm2} into {NPM_PREFIX}", file=sys.stderr)
        cmd = ["npm", "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund",
               "--loglevel=error", args.pm2]
        cp = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if cp.returncode or not PM2_BIN.exists():
            raise BenchError(_describe(cmd, cp.returncode, cp.stdout, cp.stderr))
    if "supervisord" in args.managers and not SUPERVISORD_BIN.exists():
        print(f"... installing {args.supervisor} into {VENV}", file=sys.stderr)
        for cmd in ([sys.executable, "-m", "venv", str(VENV)],
                    [str(VENV / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                     args.supervisor]):
            cp = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
            if cp.returncode:
                raise BenchError(_describe(cmd, cp.returncode, cp.stdout, cp.stderr))


def versions(args) -> dict[str, str]:
    out = {}
    m = Flowctl(args)
    try:
        m.start()
        text = fb.one_line_versions(m.world.run("version")[1].stdout)
        out["flowctl"] = re.sub(r" \(pid \d+\)", "", text)
        m.shutdown()
    finally:
        m.cleanup()
    runtimes = []
    if "pm2" in args.managers:
        # `pm2 --version` starts a God daemon of its own: in a world, stopped after.
        p = Pm2(args)
        try:
            p.start()
            out["pm2"] = "pm2 " + p.pm2("--version")[1].stdout.strip().splitlines()[-1]
            p.shutdown()
        finally:
            p.cleanup()
        node = subprocess.run(["node", "--version"], capture_output=True,
                              text=True).stdout.strip()
        runtimes.append(f"node {node} (pm2)")
    if "supervisord" in args.managers:
        cp = subprocess.run([str(SUPERVISORD_BIN), "--version"], capture_output=True, text=True)
        out["supervisord"] = "supervisord " + cp.stdout.strip()
        python = subprocess.run([str(VENV / "bin" / "python"), "--version"],
                                capture_output=True, text=True).stdout.strip()
        runtimes.append(f"{python} (supervisord)")
    if "oxmgr" in args.managers:
        cp = subprocess.run([args.oxmgr, "--version"], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_S)
        out["oxmgr"] = f"{cp.stdout.strip()} ({args.oxmgr})"
    out["runtimes"] = ", ".join(runtimes)
    return out


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    git = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO,
                         capture_output=True, text=True).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)), "cpu": cpu,
        "mem_gib": int(mem) / 1024 / 1024, "kernel": os.uname().release,
        "git": git, "loadavg_start": Path("/proc/loadavg").read_text().split()[:3],
    }


COMMANDS = {
    "flowctl": "cold start `flowctl daemon start`; submit `flowctl run --detach FILE`; "
               "status polled `flowctl -o json pipelines run-info RUN`; stop "
               "`flowctl pipelines stop RUN`",
    "pm2": "cold start `pm2 ping`; submit `pm2 start ECOSYSTEM`; status polled `pm2 jlist`; "
           "stop `pm2 stop all` (then `pm2 delete all`, untimed)",
    "supervisord": "cold start `supervisord -c CONF`, its socket polled in-process, then "
                   "`supervisorctl status`; submit `supervisorctl update` (the group's file "
                   "just put in the include directory); status polled `supervisorctl status`; "
                   "stop `supervisorctl stop all`",
    "oxmgr": "cold start `oxmgr list` (its client spawns `oxmgr daemon run` and pings it "
             "every 100 ms); submit `oxmgr start 'sleep 100000' --name c0 …` for N=1, "
             "`oxmgr apply OXFILE` for more; status polled `oxmgr list --json`; stop "
             "`oxmgr stop all` (then `oxmgr delete all`, untimed)",
}


def issue_table(res: Results, args) -> list[str]:
    """The figures of issue #17 ("Lean"), flowctl next to every peer, with
    the issue's targets and by how much flowctl misses each."""
    peers = args.managers[1:]
    big = max(args.sizes)
    idle = f"daemon VmRSS, {IDLE}"
    again = f"daemon VmRSS, {IDLE_AGAIN}"
    rows = [
        ("daemon RSS idle", idle, 5.5, "≤ 5.5 MiB"),
        (f"daemon RSS, {big} running", f"daemon VmRSS, {big} running",
         8.5 if big == 100 else None, "≤ 8.5 MiB" if big == 100 else "—"),
        ("daemon RSS idle again after those runs ended", again, None,
         "within 0.5 MiB of idle"),
        ("start 1 → status shows it running (CLI + 5 ms polls)",
         "N=1: submit → status shows all running", 4.0, "≤ 4 ms median"),
        ("start 1 with `flowctl run --wait FILE` (that one command)", WAIT_ROW.format(n=1),
         4.0, "≤ 4 ms median"),
        (f"start {big} → all running (CLI + 5 ms polls)",
         f"N={big}: submit → status shows all running",
         70.0 if big == 100 else None, "≤ 70 ms median" if big == 100 else "—"),
        (f"start {big} with `flowctl run --wait FILE`", WAIT_ROW.format(n=big), None, "—"),
        ("helper processes' RSS, idle (flowctl: the guard)",
         f"… helper processes' VmRSS summed (flowctl: the guard), {IDLE}", None, "—"),
        ("manager total (daemon + helpers) RSS, idle",
         f"… manager total (daemon + helpers), VmRSS summed, {IDLE}", None, "—"),
        (f"manager total RSS, {big} running",
         f"… manager total (daemon + helpers), VmRSS summed, {big} running", None, "—"),
        ("manager total RSS, idle again after those runs ended",
         f"… manager total (daemon + helpers), VmRSS summed, {IDLE_AGAIN}", None, "—"),
    ]
    lines = ["| figure | flowctl | " + " | ".join(peers) + " | target | flowctl met? |",
             "|---|---|" + "---|" * len(peers) + "---|---|"]
    for label, name, target, target_text in rows:
        if "--wait" in label and not args.has_wait:
            label += " (not in this flowctl)"
        row = res.rows.get(name)
        cells = [row.cell(w) if row else "—" for w in args.managers]
        ours = res.median(name, "flowctl")
        met = "—"
        if name == again and ours is not None and (base := res.median(idle, "flowctl")):
            over = ours - base
            met = "yes" if over <= 0.5 else f"**no**: {over:.1f} MiB above idle"
        elif target is not None and ours is not None:
            unit = row.unit
            met = ("yes" if ours <= target else
                   f"**no**: by {fmt_value(ours - target, unit)} {unit}")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target_text} | {met} |")
    return lines


def report(info: dict, vers: dict, res: Results, elapsed: float, args) -> str:
    peers = args.managers[1:]
    skipped = ""
    if "oxmgr" not in args.managers:
        skipped = " (oxmgr skipped: set OXMGR_BIN=/path/to/oxmgr or pass --oxmgr PATH)"
    lines = [
        f"- date: {info['date']}",
        f"- machine: {info['nproc']} CPUs ({info['cpu'] or 'unknown CPU'}), "
        f"{info['mem_gib']:.1f} GiB, Linux {info['kernel']}",
        f"- versions: {vers['flowctl']} (git {info['git']})"
        + "".join(f"; {vers[w]}" for w in peers)
        + (f"; {vers['runtimes']}" if vers["runtimes"] else "") + skipped,
        f"- whole run: {elapsed:.0f} s; repetitions: cold starts {args.cold_reps}, "
        f"each size {args.reps}, kills {args.kills}; load average (1, 5, 15 min) before "
        f"{' '.join(info['loadavg_start'])}, after {' '.join(info['loadavg_end'])}",
        "",
        "Issue #17 figures: median (min–max, n); memory in MiB, VmRSS with the "
        "daemon's RssAnon and RssFile medians beside it.",
        "",
        *issue_table(res, args),
        "",
        "Every figure: median (min–max, n); ratio = flowctl median / peer median "
        "(below 1: flowctl is faster or smaller; above 1 in bold).",
        "",
        "| figure | " + " | ".join(args.managers) + " | "
        + " | ".join(f"flowctl / {w}" for w in peers) + " |",
        "|---|" + "---|" * len(args.managers) + "---:|" * len(peers),
    ]
    for row in res.rows.values():
        name = row.name
        if row.name.startswith("status round trip"):
            json_row = "JSON" in row.name
            labels = [f"{w}: {m.json_label if json_row else m.status_label}"
                      for w in args.managers
                      if (m := MANAGER_CLASSES[w]) and (m.json_label or not json_row)]
            name += " (" + "; ".join(labels) + ")"
        f = row.samples.get("flowctl")
        lines.append(f"| {name} | " + " | ".join(row.cell(w) for w in args.managers) + " | "
                     + " | ".join(ratio(f, row.samples.get(w)) for w in peers) + " |")
        if row.p99:
            tails = {w: [p99(v)] if (v := row.samples.get(w)) else None for w in args.managers}
            cell = lambda v: f"{fmt_value(v[0], row.unit)} {row.unit}" if v else "—"  # noqa: E731
            lines.append("| … its p99 (nearest rank: the largest of fewer than 100) | "
                         + " | ".join(cell(tails[w]) for w in args.managers) + " | "
                         + " | ".join(ratio(tails["flowctl"], tails[w]) for w in peers) + " |")
    counted = res.raw.get("helpers_counted", {})
    lines += ["", "Commands: " + "; ".join(f"{w}: {COMMANDS[w]}" for w in args.managers)
              + ". Children: `sleep 100000`; restart delay 0 everywhere.",
              "", "Helper processes counted in the manager total (every live process of the "
              "manager's world that is neither its daemon nor a managed `sleep`): "
              + "; ".join(f"{w}: {', '.join(counted.get(w) or []) or 'none'}"
                          for w in args.managers) + "."]
    if res.solo:
        lines += ["", "flowctl only:", "", "| figure | median | min | max | n |",
                  "|---|---:|---:|---:|---:|"]
        for row in res.solo.values():
            v = row.samples["flowctl"]
            lines.append(f"| {row.name} | {fmt_value(statistics.median(v), row.unit)} "
                         f"{row.unit} | {fmt_value(min(v), row.unit)} | "
                         f"{fmt_value(max(v), row.unit)} | {len(v)} |")
    return "\n".join(lines)


def cleanup_everything() -> list[str]:
    notes = []
    for world in list(PEER_WORLDS):
        notes += world.sweep()
    notes += fb.cleanup_all()  # flowctl worlds, then every process with the marker
    return notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    release = REPO / "target" / "release"
    parser.add_argument("--flowctl", default=str(release / "flowctl"))
    parser.add_argument("--flowctld", default=str(release / "flowctld"))
    parser.add_argument("--quick", action="store_true",
                        help="few repetitions, for trying the script (not for figures)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per size (≥ 5)")
    parser.add_argument("--cold-reps", type=int, default=10, help="cold starts per manager")
    parser.add_argument("--kills", type=int, default=20, help="kill -9 per manager (≥ 20)")
    parser.add_argument("--rtt-samples", type=int, default=20,
                        help="status round trips with the largest size running")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 25, 100])
    parser.add_argument("--submissions", type=int, default=50,
                        help="runs submitted in a row (flowctl only)")
    parser.add_argument("--with-relay", action="store_true",
                        help="also the relay's events/s (cargo test … relay_throughput)")
    parser.add_argument("--pm2", default=PM2_SPEC, help="npm spec installed on first use")
    parser.add_argument("--supervisor", default=SUPERVISOR_SPEC,
                        help="pip spec installed on first use")
    parser.add_argument("--oxmgr", metavar="PATH", default=os.environ.get("OXMGR_BIN"),
                        help="an oxmgr binary, to compare with it too (default: $OXMGR_BIN; "
                             "neither set: oxmgr is skipped)")
    parser.add_argument("--peers", nargs="+", choices=MANAGERS[1:],
                        help="the peers to compare with (default: pm2 and supervisord, and "
                             "oxmgr when it has a binary)")
    parser.add_argument("--json", metavar="FILE", help="also every raw sample ('-': stdout)")
    args = parser.parse_args()
    if args.quick:
        args.reps, args.cold_reps, args.kills, args.rtt_samples, args.submissions = 2, 2, 4, 4, 10
    args.flowctl = str(Path(args.flowctl).resolve())
    args.flowctld = str(Path(args.flowctld).resolve())
    peers = args.peers or ["pm2", "supervisord"] + (["oxmgr"] if args.oxmgr else [])
    args.managers = ["flowctl"] + [w for w in MANAGERS[1:] if w in peers]
    if "oxmgr" in args.managers:
        if not args.oxmgr:
            print("error: --peers oxmgr needs its binary: set OXMGR_BIN=/path/to/oxmgr or "
                  "pass --oxmgr PATH", file=sys.stderr)
            return 2
        args.oxmgr = str(Path(args.oxmgr).resolve())
    else:
        print("... oxmgr skipped: set OXMGR_BIN=/path/to/oxmgr (or --oxmgr PATH) to include it",
              file=sys.stderr)
    for binary in (args.flowctl, args.flowctld) + ((args.oxmgr,) if "oxmgr" in peers else ()):
        if not os.access(binary, os.X_OK):
            print(f"error: {binary} is not an executable; build it with "
                  "`cargo build --release --workspace --bins` or pass its path", file=sys.stderr)
            return 2

    def on_term(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    started = time.perf_counter()
    res = Results()
    print(f"... marker {fb.MARK.decode()}", file=sys.stderr)
    try:
        args.has_wait = fb.has_run_wait(args.flowctl, args.flowctld)
        if not args.has_wait:
            print("... this flowctl has no `run --wait`: its rows are skipped",
                  file=sys.stderr)
        ensure_peers(args)
        info = machine()
        vers = versions(args)
        for step in (cold_start, warm, submissions) + ((relay,) if args.with_relay else ()):
            print(f"... {step.__name__}", file=sys.stderr)
            step(args, res)
    except BenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for note in cleanup_everything():
            print(f"cleanup: {note}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    info["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    print(report(info, vers, res, elapsed, args))
    if args.json:
        dump = json.dumps({"machine": info, "versions": vers, "elapsed_s": elapsed,
                           "managers": args.managers,
                           "rows": {r.name: r.samples for r in res.rows.values()},
                           "row_parts": {r.name: r.parts for r in res.rows.values() if r.parts},
                           "flowctl_only": {r.name: r.samples["flowctl"]
                                            for r in res.solo.values()},
                           "raw": res.raw}, indent=1)
        if args.json == "-":
            print(dump)
        else:
            Path(args.json).write_text(dump + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
