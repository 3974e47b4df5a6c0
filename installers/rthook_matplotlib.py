"""PyInstaller runtime hook of the frozen desk: matplotlib is not bundled (kyc-desk.spec excludes it; about
30 MB with kiwisolver, fontTools and contourpy).

mediapipe 0.10.21 imports ``matplotlib.pyplot`` when ``mediapipe.python.solutions`` is imported, for its
drawing helpers (``drawing_utils.plot_landmarks``), which the desk never calls. These stand-ins let that
import succeed; any real use of matplotlib fails loudly with ImportError instead of drawing nothing.
"""

import sys
import types


class _NotBundled(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError(f"matplotlib is not part of the frozen desk ({self.__name__}.{name})")


def _install() -> None:
    if "matplotlib" in sys.modules:
        return
    package = _NotBundled("matplotlib")
    package.__path__ = []
    pyplot = _NotBundled("matplotlib.pyplot")
    package.__dict__["pyplot"] = pyplot
    sys.modules["matplotlib"] = package
    sys.modules["matplotlib.pyplot"] = pyplot


_install()
