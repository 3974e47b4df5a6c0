"""CPU instructions the face engine's dlib needs — asked before dlib is loaded, so a PC without them is told so.

Both dlib builds the desk installs are compiled with dlib's ``USE_AVX_INSTRUCTIONS`` (gcc ``-mavx``, no
``-march``): the ``dlib-bin`` wheel (``dlib.USE_AVX_INSTRUCTIONS`` is true) and the BLAS build that
``scripts/setup --fast-dlib`` compiles (docs/faces.md, "Speed"). dlib does not dispatch at run time: on a
processor without AVX it prints one warning and then dies of an illegal instruction (SIGILL) somewhere in
the first model call. AVX is not universal on office PCs: Intel's Celeron, Pentium Silver and (before 2020)
Pentium Gold parts lack it, e.g. the Celeron J4125 of many small office PCs. So :func:`missing` reads the
processor's flags where the operating system states them plainly (Linux ``/proc/cpuinfo``, macOS
``sysctl``) and the model loader refuses with a clear :class:`~kyc_desk.faces.errors.ModelUnavailable`
instead of crashing. Elsewhere (Windows, or flags unreadable) nothing is refused: the window runs the engine
in its own process (``kyc_desk.app.faces``), so a crash there still ends as "compare by eye", not as a
crashed window.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path
from typing import Final

#: What the installed dlib builds are compiled for, on x86-64 (dlib's own names for the instruction sets).
REQUIRED: Final = ("avx",)
_X86: Final = frozenset({"x86_64", "amd64", "i386", "i686", "x86"})


def cpu_flags_from_cpuinfo(text: str) -> frozenset[str] | None:
    """The ``flags`` of the first processor in a Linux ``/proc/cpuinfo`` text (``None`` if there is none)."""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return frozenset(value.split())
    return None


def _flags() -> frozenset[str] | None:
    """The processor's instruction-set flags in Linux's spelling, or ``None`` when not known for sure."""
    if sys.platform.startswith("linux"):
        try:
            return cpu_flags_from_cpuinfo(Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace"))
        except OSError:
            return None
    if sys.platform == "darwin":
        try:
            done = subprocess.run(["/usr/sbin/sysctl", "-n", "hw.optional.avx1_0"], capture_output=True,
                                  text=True, timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        answer = done.stdout.strip()
        return frozenset({"avx"}) if answer == "1" else (frozenset() if answer == "0" else None)
    return None


def missing(flags: frozenset[str] | None = None, machine: str | None = None) -> tuple[str, ...]:
    """The instruction sets in :data:`REQUIRED` this processor is known to lack (empty if all are there,
    if the processor is not x86, or if its flags cannot be read)."""
    if (machine or platform.machine()).lower() not in _X86:
        return ()
    known = _flags() if flags is None else flags
    if known is None:
        return ()
    return tuple(name for name in REQUIRED if name not in known)
