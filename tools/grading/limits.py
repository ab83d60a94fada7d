"""The limits a hand-in runs within, beyond what bubblewrap's namespaces give (``sandbox.py`` applies them).

* **Per hand-in, as root:** a control group of its own holds every process the hand-in starts, so that its
  memory (its processes and its in-memory folders together) and its number of processes have one ceiling
  each. Linux's control groups come in two versions; :class:`ControlGroup` uses whichever this machine has
  (version 2, the unified tree most systems now mount, or version 1's ``memory`` and ``pids`` trees), and
  where neither can be used it says so and the limits fall back to those of each process.
* **Per process** (``runner.py`` sets them): address space, file size, open files, processes of its user.
* **System calls** (:func:`seccomp_filter`): the kernel's keyrings are not separated by namespaces, so a key
  one hand-in stores could be read by another; the filter refuses the keyring calls, and the calls that make
  new namespaces (new user namespaces widen what the kernel exposes), as container runtimes' default
  filters do.
"""

from __future__ import annotations

import os
import platform
import struct
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    seconds: float = 300  # the whole notebook
    memory_mb: int = 2048  # the hand-in's memory: each process, and (as root) all of them with their folders
    output_kb: int = 2048  # what the notebook prints
    file_mb: int = 50  # any one file it writes
    disk_mb: int = 512  # its writable folder; /tmp and /dev/shm have a quarter and an eighth of this
    processes: int = 256  # processes and threads

    def __post_init__(self):
        for name in ("seconds", "memory_mb", "output_kb", "file_mb", "disk_mb", "processes"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
                raise ValueError(f"the {name.replace('_', ' ')} limit must be a positive number, got {v!r}")


# ------------------------------------------------------------------------------------ control groups
CGROUP = Path("/sys/fs/cgroup")


class ControlGroup:
    """One hand-in's control group: :meth:`files` are the files a process writes its id into to join it
    (``sandbox.py`` has bwrap's parent join before bwrap starts, so every process of the hand-in is in it)."""

    def __init__(self, name: str, limits: Limits, root: Path = CGROUP):
        self.dirs: list[Path] = []
        self.version = 0
        self.root = root
        memory, pids = str(limits.memory_mb * 2**20), str(limits.processes)
        if (root / "cgroup.controllers").exists():  # version 2
            available = (root / "cgroup.controllers").read_text().split()
            if not {"memory", "pids"} <= set(available):
                raise OSError("the memory and pids controllers are not available")
            parent = root / "course-grader"
            parent.mkdir(exist_ok=True)
            enabled = (root / "cgroup.subtree_control").read_text().split()
            if not {"memory", "pids"} <= set(enabled):
                (root / "cgroup.subtree_control").write_text("+memory +pids")
            (parent / "cgroup.subtree_control").write_text("+memory +pids")
            group = parent / name
            group.mkdir()
            self.dirs, self.version = [group], 2
            (group / "memory.max").write_text(memory)
            if (group / "memory.swap.max").exists():
                (group / "memory.swap.max").write_text("0")
            (group / "pids.max").write_text(pids)
        else:  # version 1: a group in the memory tree and one in the pids tree, below this process's own
            self.version = 1
            for controller, settings in (("memory", {"memory.limit_in_bytes": memory}), ("pids", {"pids.max": pids})):
                group = self._v1_home(controller) / f"course-grader-{name}"
                group.mkdir()
                self.dirs.append(group)
                for key, value in settings.items():
                    (group / key).write_text(value)

    def _v1_home(self, controller: str) -> Path:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, names, path = line.split(":", 2)
            if controller in names.split(","):
                return self.root / controller / path.lstrip("/")
        raise OSError(f"no {controller} control group tree")

    def files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs]

    def ran_out_of_memory(self) -> bool:
        try:
            if self.version == 2:
                events = dict(line.split() for line in (self.dirs[0] / "memory.events").read_text().splitlines())
                return int(events.get("oom_kill", "0")) > 0
            return int((self.dirs[0] / "memory.failcnt").read_text()) > 0
        except (OSError, ValueError, IndexError):
            return False

    def remove(self) -> None:
        for d in self.dirs:
            try:
                d.rmdir()
            except OSError:
                pass


def control_groups_problem(limits: Limits) -> str:
    """"" if this process can give each hand-in a control group of its own, else why not."""
    if os.geteuid() != 0:
        return "the grader does not run as root"
    try:
        group = ControlGroup(f"probe-{os.getpid()}", limits)
    except (OSError, ValueError) as exc:
        return f"no control groups ({exc})"
    group.remove()
    return ""


# ------------------------------------------------------------------------------------ system calls
# (audit architecture, system call numbers), from the kernel's tables for each architecture.
_ARCHES = {
    "x86_64": (0xC000003E, {"keyctl": 250, "add_key": 248, "request_key": 249, "unshare": 272, "setns": 308,
                            "clone": 56, "clone3": 435}),
    "aarch64": (0xC00000B7, {"keyctl": 219, "add_key": 217, "request_key": 218, "unshare": 97, "setns": 268,
                             "clone": 220, "clone3": 435}),
}
_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _EPERM, _ENOSYS = 0x7FFF0000, 0x00050000 | 1, 0x00050000 | 38
_CLONE_NEWUSER = 0x10000000


def seccomp_filter(machine: str | None = None) -> bytes | None:
    """A seccomp program (classic BPF, as bwrap's ``--seccomp`` reads it) that refuses the kernel keyring's
    calls, ``unshare``, ``setns`` and a ``clone`` that makes a user namespace, and any call of another
    architecture's numbering; ``clone3``, whose flags a filter cannot read, answers "not implemented", and
    the C library falls back to ``clone``. None on an architecture this table does not know."""
    if (machine or platform.machine()) not in _ARCHES:
        return None
    arch, nr = _ARCHES[machine or platform.machine()]
    ins: list[tuple[int, int, int, int]] = []

    def op(code, k, jt=0, jf=0):
        ins.append((code, jt, jf, k))

    op(_LD_ABS, 4)  # the calling convention's architecture
    op(_JEQ, arch, 1, 0)
    op(_RET, _EPERM)
    op(_LD_ABS, 0)  # the call's number
    op(_JGE, 0x40000000, 0, 1)  # x32 numbering
    op(_RET, _EPERM)
    op(_JEQ, nr["clone3"], 0, 1)
    op(_RET, _ENOSYS)
    for name in ("keyctl", "add_key", "request_key", "unshare", "setns"):
        op(_JEQ, nr[name], 0, 1)
        op(_RET, _EPERM)
    op(_JEQ, nr["clone"], 0, 3)
    op(_LD_ABS, 16)  # clone's flags (their low 32 bits)
    op(_JSET, _CLONE_NEWUSER, 0, 1)
    op(_RET, _EPERM)
    op(_RET, _ALLOW)
    return b"".join(struct.pack("<HBBI", *i) for i in ins)
