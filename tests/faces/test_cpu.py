"""A processor without the instructions dlib was built for is refused clearly, before dlib is loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from kyc_desk import doctor
from kyc_desk.faces import cpu

# Abridged /proc/cpuinfo of two real processor families: one with AVX, one (Celeron J4125) without.
WITH_AVX = """processor\t: 0
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC
flags\t\t: fpu vme de pse tsc msr pae mce cx8 sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2
"""
WITHOUT_AVX = """processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Celeron(R) J4125 CPU @ 2.00GHz
flags\t\t: fpu vme de pse tsc msr pae mce cx8 sse sse2 ssse3 cx16 sse4_1 sse4_2 movbe popcnt aes rdrand
"""


def test_flags_are_read_from_cpuinfo() -> None:
    assert "avx" in (cpu.cpu_flags_from_cpuinfo(WITH_AVX) or ())
    assert cpu.cpu_flags_from_cpuinfo(WITHOUT_AVX) is not None
    assert cpu.cpu_flags_from_cpuinfo("processor : 0\n") is None


def test_missing_names_avx_only_where_it_is_known_to_lack() -> None:
    assert cpu.missing(cpu.cpu_flags_from_cpuinfo(WITHOUT_AVX), "x86_64") == ("avx",)
    assert cpu.missing(cpu.cpu_flags_from_cpuinfo(WITH_AVX), "x86_64") == ()
    assert cpu.missing(frozenset(), "AMD64") == ("avx",)
    assert cpu.missing(frozenset(), "arm64") == ()  # dlib's ARM builds need no AVX


def test_the_engine_refuses_without_loading_dlib_and_doctor_says_why() -> None:
    code = """
        import sys
        from kyc_desk.faces import cpu, warm_up, ModelUnavailable
        from kyc_desk import doctor
        cpu.missing = lambda *a: ("avx",)
        try:
            warm_up()
        except ModelUnavailable as exc:
            print("refused:", exc.message, "|", exc.ja)
        print("dlib loaded:", "dlib" in sys.modules)
        finding = doctor.check_face_cpu()
        print("doctor:", finding.status.value, finding.detail)
    """
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused: this processor lacks AVX instructions" in done.stdout
    assert "必要とする命令に対応していません" in done.stdout  # the Japanese text names no instruction set
    assert "doctor: fail CPU が AVX 命令に対応していない" in done.stdout  # doctor does, for whoever fixes it
    assert "dlib loaded: False" in done.stdout
    assert "doctor: fail" in done.stdout


def test_doctor_passes_on_this_machine() -> None:
    assert doctor.check_face_cpu().status is doctor.Status.OK


def test_dlib_gets_one_blas_thread_unless_the_user_chose() -> None:
    # OpenBLAS reads the variable once, when dlib loads it: it must be set before the models load.
    code = """
        import os, sys
        from kyc_desk.faces import warm_up
        warm_up()
        assert "dlib" in sys.modules
        print(os.environ.get("OPENBLAS_NUM_THREADS"))
    """
    for preset, expected in ((None, "1"), ("2", "2")):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
        if preset is not None:
            env["OPENBLAS_NUM_THREADS"] = preset
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=240, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.strip() == expected
