"""Start an IPython kernel for one hand-in, inside the sandbox the grader asks for (``tools/grade.py`` runs it).

    python tools/grade_kernel.py -f CONNECTION_FILE

Before the kernel starts, this sets the process's limits from the environment — address space
(``GRADER_MEMORY_BYTES``), the size of any file it writes (``GRADER_FILE_BYTES``), open files, processes —
and starts a new session, so that the grader can stop everything the hand-in started.

Run as root on Linux (a JupyterHub grading service, CI), it also gives up root: in a mount namespace of its
own it puts a private, empty ``/tmp``, ``/var/tmp`` and ``/dev/shm`` in place, makes the course folder
(``GRADER_PROTECT``) read-only, keeps Python's own installation readable, and then runs as the unprivileged
user ``GRADER_USER`` (default ``nobody``). Student code then cannot write to the course, the submissions, the
grader's output or another hand-in's folder — only to its own sandbox (``GRADER_SANDBOX``). Where that is not
possible (not root, or no permission to make a mount namespace), the kernel runs as the grader's own user,
and ``GRADER_ISOLATION_REPORT`` receives the reason.
"""

from __future__ import annotations

import ctypes
import os
import resource
import stat
import sys
from pathlib import Path

CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18


def _limit(which: int, value: int) -> None:
    soft, hard = resource.getrlimit(which)
    new = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(which, (new, new))


def apply_limits(env=os.environ) -> None:
    memory = int(env.get("GRADER_MEMORY_BYTES", "0"))
    if memory > 0:
        _limit(resource.RLIMIT_AS, memory)
    file_bytes = int(env.get("GRADER_FILE_BYTES", "0"))
    if file_bytes > 0:
        _limit(resource.RLIMIT_FSIZE, file_bytes)
    _limit(resource.RLIMIT_NOFILE, 1024)
    _limit(resource.RLIMIT_CORE, 0)


# ------------------------------------------------------------------------------------ the mount namespace
_libc = ctypes.CDLL(None, use_errno=True)


def _mount(source, target, fstype, flags, data=None) -> None:
    enc = (lambda s: s.encode() if isinstance(s, str) else s)
    if _libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def _bind_readonly(path: str) -> None:
    _mount(path, path, None, MS_BIND | MS_REC)
    _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _closed_parent(path: Path) -> Path | None:
    """The outermost folder above ``path`` that other users cannot enter (such as /root), if any."""
    closed = None
    for parent in reversed(path.parents):
        if parent != Path("/") and not os.stat(parent).st_mode & stat.S_IXOTH:
            return parent
    return closed


def _keep_reachable(path: Path, staging: Path) -> None:
    """Make ``path`` reachable for other users although a folder above it is closed: bind it aside, cover the
    closed folder with an open, empty one, and bind it back (read-only)."""
    closed = _closed_parent(path)
    if closed is None:
        return
    staging.mkdir(parents=True, exist_ok=True)
    _mount(str(path), str(staging), None, MS_BIND | MS_REC)
    _mount("tmpfs", str(closed), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    path.mkdir(parents=True, exist_ok=True)
    _mount(str(staging), str(path), None, MS_BIND | MS_REC)
    _mount(None, str(path), None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def isolate(env=os.environ) -> str:
    """Give up root inside a private mount namespace; return "" or the reason it could not be done."""
    if os.geteuid() != 0:
        return f"the grader does not run as root, so student code ran as its user ({os.getuid()})"
    import pwd

    sandbox = Path(env["GRADER_SANDBOX"])
    try:
        if _libc.unshare(CLONE_NEWNS) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
        python = Path(sys.base_prefix).resolve()
        executable = Path(sys.executable).resolve().parent
        for i, path in enumerate([python] + ([] if python in executable.parents or executable == python
                                             else [executable])):
            _keep_reachable(path, sandbox / ".reach" / str(i))
        for tmp in ("/tmp", "/var/tmp", "/dev/shm"):
            if os.path.isdir(tmp):
                _mount("tmpfs", tmp, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=256m")
        for path in filter(None, env.get("GRADER_PROTECT", "").split(os.pathsep)):
            if os.path.isdir(path):
                _bind_readonly(path)
    except OSError as exc:
        return f"no mount namespace ({exc}), so student code ran as root"
    user = pwd.getpwnam(env.get("GRADER_USER", "nobody"))
    _limit(resource.RLIMIT_NPROC, 512)  # counted per user: no fork bomb starves the machine
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    if os.geteuid() == 0 or os.getuid() == 0:  # never go on as root
        raise SystemExit("the grading kernel could not give up root")
    return ""


if __name__ == "__main__":
    try:
        os.setsid()  # jupyter_client usually starts the kernel as a session leader already
    except PermissionError:
        pass
    apply_limits()
    problem = isolate()
    report = os.environ.get("GRADER_ISOLATION_REPORT")
    if problem and report:
        Path(report).write_text(problem + "\n")
    os.chdir(os.environ.get("GRADER_WORKDIR", os.getcwd()))
    from ipykernel import kernelapp

    sys.argv[0] = "ipykernel"
    kernelapp.launch_new_instance()
