"""Run one hand-in in a sandbox of its own, and bring back plain values only.

The sandbox is **bubblewrap** (``bwrap``; Debian's package ``bubblewrap``), the tool Flatpak builds its
sandboxes with. It was chosen over code of our own (the course's grader used to make its own mount namespace
and change user) because it does the whole job in one well-kept, widely reviewed program, as root and as an
ordinary user alike; over ``firejail`` (a setuid program with a large attack surface and a history of
privilege escalations), ``nsjail`` (not packaged for Debian 12) and containers (a daemon, an image, and often
root). Each hand-in gets, from bwrap:

* its own **process namespace**: it sees only its own processes, and when it ends every process it started
  ends too, however it renamed, detached or emptied its environment;
* its own **network** namespace (no network at all), **IPC** namespace and host name;
* its own **file system view**: the system's ``/usr`` and the Python environment read-only (wherever they
  live: in the temporary folder, under a home folder), the course's models and data *without the answer
  key* read-only (``course.keyless_copy``), and private, in-memory ``/tmp``, ``/dev/shm`` and working folder
  of bounded size, the only places it can write. The course, the submissions, the results and the other
  hand-ins are not in it at all;
* a **system-call filter** and, as root, a **control group** of its own (``limits.py``);
* its own **user**: run as root, the grader has bwrap keep root only long enough for ``runner.py`` to give it
  up for a user id of this hand-in's own (``GRADER_UID_BASE`` + its slot, never a user of the machine), so
  that the limits counted per user (processes) are its own; run as an ordinary user, bwrap puts the hand-in
  in a user namespace of its own (the kernel maps it to the grader's user outside).

Inside, ``runner.py`` sets the limits (memory, file size, open files, processes), runs the cells and writes
the answers as JSON lines to a pipe; what the student's code prints is counted and thrown away. Where bwrap
is missing or the machine forbids namespaces, :func:`probe` says why, and the grader stops unless told to run
hand-ins unsandboxed (``--unsandboxed``), which it then says in every summary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .course import ROOT, keyless_copy
from .limits import ControlGroup, Limits, control_groups_problem, seccomp_filter
from .runner import MAX_ITEMS, MAX_TEXT  # what the runner lets out is what the grader reads back

RUNNER = Path(__file__).resolve().parent / "runner.py"
UID_BASE = int(os.environ.get("GRADER_UID_BASE", "800000"))
MAX_LINE = 1_000_000  # bytes of one line of answers: longer lines are not answers
MAX_ANSWERS = 8_000_000  # bytes of answers one hand-in may send in all (its answers take a few kB)
#: The few files of /etc that Python, NumPy and matplotlib read; nothing else of /etc is in the sandbox.
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "passwd", "group", "hosts",
       "os-release", "mime.types", "fonts")


@dataclass
class Run:
    """What came out of one hand-in's sandbox: how the run ended, each cell's error, and the answers as
    plain values, read after the cells that compute them and at the end."""

    fate: str = "ran"  # ran, timed out, kernel died, output limit, notebook failed
    detail: str = ""
    errors: dict[int, str] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)


def _bwrap() -> str | None:
    return os.environ.get("GRADER_BWRAP") or shutil.which("bwrap")


def _python_paths() -> list[Path]:
    """The folders the runner's Python needs, read-only: its installation, its environment and every folder on
    its import path, but never the course itself."""
    found = {Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    found.add(Path(os.path.realpath(sys.executable)).parent.parent)
    for p in sys.path:
        if p and ("site-packages" in p or "dist-packages" in p or p.startswith(tuple(map(str, found)))):
            found.add(Path(p))
    venv = Path(sys.prefix).resolve()
    keep = set()
    for p in found:
        p = Path(os.path.abspath(p))
        if not p.exists():
            continue
        inside_course = p == ROOT or ROOT in p.parents
        if inside_course and not (p == venv or venv in p.parents):
            continue  # the course's own folders (the editable install points there) stay out
        keep.add(p)
    return sorted(p for p in keep if not any(q in p.parents for q in keep))


class Sandbox:
    """How this machine isolates hand-ins, found once per run; :meth:`run` runs one hand-in."""

    def __init__(self, scratch: Path, limits: Limits, hide=(), unsandboxed: bool = False):
        self.scratch, self.limits = Path(scratch), limits
        self.course = keyless_copy(self.scratch / "course")
        self.hide = [Path(os.path.abspath(h)) for h in (ROOT, self.scratch, *hide)]
        self.root = os.geteuid() == 0
        self.bwrap = _bwrap()
        self.version = ""
        self.problem = self.probe()
        self.sandboxed = not self.problem
        self.groups_problem = control_groups_problem(limits) if self.sandboxed else "no sandbox"
        self.groups = not self.groups_problem
        if self.problem and not unsandboxed:
            raise SystemExit(
                f"cannot sandbox hand-ins on this machine: {self.problem}.\nInstall bubblewrap (Debian, Ubuntu: "
                "sudo apt-get install bubblewrap) or set GRADER_BWRAP to a bwrap program; see docs/instructors.md. "
                "Only if you trust every hand-in, grade with --unsandboxed: student code then runs as you, with your "
                "files and the network.")

    # ---------------------------------------------------------------------------------- the sandbox
    def _mounts(self, workdir: Path) -> list[tuple[str, list[str]]]:
        """(mount point, bwrap arguments) for the system, the Python environment and the hand-in's folders."""
        ops = [("/usr", ["--ro-bind", "/usr", "/usr"])]
        for d in ("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"):
            if os.path.islink(d):
                ops.append((d, ["--symlink", os.readlink(d), d]))
            elif os.path.isdir(d):
                ops.append((d, ["--ro-bind", d, d]))
        ops += [(f"/etc/{n}", ["--ro-bind-try", f"/etc/{n}", f"/etc/{n}"]) for n in ETC if os.path.lexists(f"/etc/{n}")]
        disk = self.limits.disk_mb * 2**20
        ops += [("/proc", ["--proc", "/proc"]), ("/dev", ["--dev", "/dev"]),
                ("/tmp", ["--perms", "1777", "--size", str(disk // 4), "--tmpfs", "/tmp"]),
                ("/dev/shm", ["--perms", "1777", "--size", str(disk // 8), "--tmpfs", "/dev/shm"])]
        python = _python_paths()
        ops += [(str(p), ["--ro-bind", str(p), str(p)]) for p in python]
        # What must never be seen, should it lie inside a bound folder (a course cloned under /usr/local, say):
        # covered by an empty folder, before anything inside it is bound again.
        bound = [Path("/usr"), *python]
        ops += [(str(h), ["--tmpfs", str(h)]) for h in self.hide if any(b in h.parents for b in bound)]
        ops += [("/sandbox/course", ["--ro-bind", str(self.course), "/sandbox/course"]),
                ("/sandbox/runner.py", ["--ro-bind", str(RUNNER), "/sandbox/runner.py"]),
                ("/sandbox/job.json", ["--ro-bind", str(workdir / "job.json"), "/sandbox/job.json"]),
                ("/sandbox/work", ["--perms", "1777", "--size", str(disk), "--tmpfs", "/sandbox/work"])]
        return _in_order(ops)

    def command(self, workdir: Path, seccomp_fd: int | None = None) -> list[str]:
        namespaces = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        if self.root:  # root outside: the runner gives up root itself, for this hand-in's own user
            namespaces += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            namespaces += ["--unshare-user"]
        env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp/home", "TMPDIR": "/tmp", "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
               "JUPYTER_PLATFORM_DIRS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1"}
        if seccomp_fd is not None:
            namespaces += ["--seccomp", str(seccomp_fd)]
        return [self.bwrap, *namespaces, "--die-with-parent", "--new-session", "--hostname", "sandbox",
                *[a for _, op in self._mounts(workdir) for a in op],
                "--chdir", "/sandbox/work", "--clearenv", *[a for k, v in env.items() for a in ("--setenv", k, v)],
                "--", sys.executable, "-E", "-s", "-B", "/sandbox/runner.py", "/sandbox/job.json"]

    def probe(self) -> str:
        """"" if hand-ins can be sandboxed here, else why not."""
        if not sys.platform.startswith("linux"):
            return f"bubblewrap runs on Linux only, and this is {sys.platform}"
        if not self.bwrap:
            return "bubblewrap (bwrap) is not installed"
        try:
            self.version = subprocess.run([self.bwrap, "--version"], capture_output=True, text=True,
                                          timeout=30).stdout.strip()
        except OSError as exc:
            return f"{self.bwrap} cannot run ({exc})"
        workdir = Path(tempfile.mkdtemp(prefix="probe-", dir=self.scratch))
        try:
            (workdir / "work").mkdir()
            (workdir / "job.json").write_text("{}")
            cmd = self.command(workdir)[:-2] + [
                "-c", "import sys; sys.path.insert(0, '/sandbox/course'); import IPython, helpers.exercises; print('ok')"]
            env_probe = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bwrap failed to start ({exc})"
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        if env_probe.stdout.strip() != "ok":
            why = (env_probe.stderr.strip().splitlines() or ["no output"])[-1]
            return f"bwrap could not start a sandbox here ({why})"
        return ""

    def describe(self) -> str:
        if not self.sandboxed:
            return (f"Warning: hand-ins were NOT sandboxed ({self.problem}): student code ran as the grader's user, "
                    "with its files and the network. The answer key was not on its import path, but its code could "
                    "read the course's files on disk.")
        who = ("as a user of its own (not root)" if self.root
               else "in a user namespace of its own (the grader's user outside it)")
        memory = (f"its memory ({self.limits.memory_mb} MB) and processes ({self.limits.processes}) limited as a whole"
                  if self.groups else f"its memory limited per process ({self.limits.memory_mb} MB each: "
                  f"{self.groups_problem}, so no limit for the hand-in as a whole)")
        calls = ("" if seccomp_filter() is not None else
                 " No system-call filter is known for this processor: the kernel keyring is not closed off.")
        return (f"Each hand-in ran in a bubblewrap sandbox ({self.version}) {who}, with its own processes (all "
                "ended with it), no network, the course's environment read-only, nothing writable outside its own "
                f"in-memory folder ({self.limits.disk_mb} MB), {memory}. The answer key was never in the sandbox: the "
                f"grader judged the answers outside it.{calls}")

    # ------------------------------------------------------------------------------------------ a run
    def run(self, cells: list[dict], names: list[str], slot: int, student: str = "") -> Run:
        """Run ``cells`` (``{"source", "probe"}``) in a fresh sandbox; ``slot`` numbers the hand-ins that run at
        the same time (as root, it picks the hand-in's own user id); ``student`` is whose hand-in it is (the
        folder's name: a notebook released to "whoever runs it" shows that student's numbers)."""
        workdir = Path(tempfile.mkdtemp(prefix="hand-in-", dir=self.scratch))
        (workdir / "work").mkdir()
        job = {"cells": cells, "names": sorted(names), "memory_bytes": self.limits.memory_mb * 2**20,
               "file_bytes": self.limits.file_mb * 2**20, "uid": UID_BASE + slot if self.sandboxed else None,
               "processes": self.limits.processes, "student": student}
        result = Run()
        group, pipes, proc = None, [], None
        try:
            read_fd, write_fd = os.pipe()
            pipes += [read_fd, write_fd]
            job["fd"] = write_fd
            pass_fds = [write_fd]
            if self.sandboxed:
                job |= {"course": "/sandbox/course", "workdir": "/sandbox/work"}
                seccomp_fd = self._seccomp(pipes)
                pass_fds += [seccomp_fd] if seccomp_fd is not None else []
                cmd = self.command(workdir, seccomp_fd)
                if self.groups:
                    group = ControlGroup(f"{os.getpid()}-{slot}-{time.monotonic_ns()}", self.limits)
                    # the shell joins the group and becomes bwrap: every process of the hand-in starts inside it
                    cmd = ["/bin/sh", "-c", 'for f in $GRADER_GROUP; do echo $$ > "$f" || exit 97; done; exec "$@"',
                           "sh", *cmd]
            else:
                job |= {"course": str(self.course), "workdir": str(workdir / "work")}
                cmd = [sys.executable, "-E", "-s", "-B", str(RUNNER), str(workdir / "job.json")]
            (workdir / "job.json").write_text(json.dumps(job), encoding="utf-8")
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GRADER_GROUP": " ".join(group.files())} \
                if group else (None if self.sandboxed else _plain_env(workdir))
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    pass_fds=pass_fds, start_new_session=True, cwd=workdir / "work", env=env)
            for fd in pipes[1:]:  # the child has its ends now
                os.close(fd)
            del pipes[1:]
            self._watch(proc, pipes.pop(), result)
            if group and group.ran_out_of_memory() and result.fate == "kernel died":
                result.detail = (f"the hand-in ran out of memory (its limit is {self.limits.memory_mb} MB for all its "
                                 "processes and files together); answers computed before count")
        except OSError as exc:
            result = Run("notebook failed", f"the sandbox could not start: {exc}")
        finally:
            if proc is not None:
                _stop(proc)
            for fd in pipes:
                os.close(fd)
            if group:
                group.remove()
            shutil.rmtree(workdir, ignore_errors=True)
        return result

    def _seccomp(self, pipes: list[int]) -> int | None:
        """A pipe holding the system-call filter, for bwrap to read; None where there is no filter."""
        program = seccomp_filter()
        if program is None:
            return None
        read_fd, write_fd = os.pipe()
        os.write(write_fd, program)
        os.close(write_fd)
        pipes.append(read_fd)
        return read_fd

    def _watch(self, proc: subprocess.Popen, answers_fd: int, result: Run) -> None:
        """Count what the hand-in prints and read its answers while it runs, within the limits; fold the
        answers into ``result`` and say how the run ended."""
        over, tail, sizes = threading.Event(), [b""], {"printed": 0, "answers": 0}
        lines: list[bytes] = []

        def count_output():
            while chunk := proc.stdout.read1(65536):
                sizes["printed"] += len(chunk)
                tail[0] = (tail[0] + chunk)[-400:]
                if sizes["printed"] > self.limits.output_kb * 1024 and not over.is_set():
                    over.set()
                    _stop(proc)

        def read_answers():
            with os.fdopen(answers_fd, "rb") as fh:
                while line := fh.readline(MAX_LINE):
                    sizes["answers"] += len(line)
                    if sizes["answers"] > MAX_ANSWERS:
                        over.set()
                        _stop(proc)
                        break
                    if line.strip():
                        lines.append(line)

        threads = [threading.Thread(target=count_output, daemon=True),
                   threading.Thread(target=read_answers, daemon=True)]
        for t in threads:
            t.start()
        try:
            proc.wait(timeout=self.limits.seconds)
        except subprocess.TimeoutExpired:
            result.fate = "timed out"
            result.detail = f"stopped after {self.limits.seconds:.0f} s (the time limit for the whole notebook)"
        finally:
            _stop(proc)
            for t in threads:
                t.join(timeout=10)
        done = _read(lines, result)
        if over.is_set():
            result.fate = "output limit"
            result.detail = (f"the notebook printed more than {self.limits.output_kb} kB (or sent more than "
                             f"{MAX_ANSWERS // 10**6} MB as answers); it was stopped there, and answers computed "
                             "before count")
        elif result.fate == "ran" and not done:
            result.fate = "kernel died"
            last = tail[0].decode("utf-8", "replace").strip().splitlines()[-1:] or ["nothing"]
            result.detail = ("the notebook's Python stopped before the end (it ran out of memory, or the code ended "
                             f"it; exit {proc.returncode}; its last output: {last[0][:200]}); answers computed before "
                             "count")


MOUNTS = {"--ro-bind", "--ro-bind-try", "--bind", "--tmpfs", "--symlink", "--proc", "--dev", "--dir"}


def _in_order(ops: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The mounts, outermost first, with an open (0755) folder made above each mount point that lies on an
    empty file system (the sandbox's root, or a tmpfs): bwrap would make such a folder readable by root alone,
    and the hand-in's own user could not reach what is mounted below it."""
    kind = {Path(d): next(a for a in op if a in MOUNTS) for d, op in ops}
    made = []
    for above in {a for d in kind for a in d.parents if a != Path("/")} - set(kind):
        enclosing = [d for d in kind if d in above.parents]
        nearest = max(enclosing, key=lambda d: len(d.parts)) if enclosing else None
        if nearest is None or kind[nearest] == "--tmpfs":
            made.append((str(above), ["--perms", "0755", "--dir", str(above)]))
    return sorted(ops + made, key=lambda o: len(Path(o[0]).parts))


def _plain_env(workdir: Path) -> dict:
    """The environment of an unsandboxed hand-in: nothing of the grader's own."""
    home = workdir / "work"
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(home / ".matplotlib"), "IPYTHONDIR": str(home / ".ipython"),
            "TMPDIR": str(home)}


def _stop(proc: subprocess.Popen) -> None:
    """End the sandbox: killing bwrap ends its process namespace, and with it everything the hand-in started
    (unsandboxed, its process group)."""
    try:
        os.killpg(proc.pid, 9)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass


def _read(lines: list[bytes], result: Run) -> bool:
    """Fold the runner's JSON lines into ``result`` (re-checking every value: this came from student-controlled
    code); returns whether the runner reached the end."""
    done = False
    for raw in lines:
        try:
            rec = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        if not isinstance(rec, dict):
            continue
        if isinstance(rec.get("cell"), int) and isinstance(rec.get("error"), str):
            result.errors.setdefault(rec["cell"], rec["error"][:250])
        vals = rec.get("values")
        if isinstance(vals, dict):
            for k, v in vals.items():
                if isinstance(k, str) and len(k) < 100:
                    result.values[k] = checked_value(v)
        if rec.get("done") is True:
            done = True
    return done


def checked_value(v):
    """A value as it may be judged: a number, a short string, None, a bool or a short list of them; anything
    else becomes ``{"unsupported": what}``."""
    if v is None or isinstance(v, (bool, float)):
        return v
    if isinstance(v, int):
        return float(v) if abs(v) < 1e300 else {"unsupported": "a number too large to judge"}
    if isinstance(v, str):
        return v[:MAX_TEXT]
    if isinstance(v, list) and len(v) <= MAX_ITEMS and all(x is None or isinstance(x, (bool, int, float, str))
                                                           for x in v):
        return [x[:MAX_TEXT] if isinstance(x, str) else x for x in v]
    if isinstance(v, dict) and isinstance(v.get("unsupported"), str):
        return {"unsupported": v["unsupported"][:80]}
    return {"unsupported": "a value the grader cannot read"}
