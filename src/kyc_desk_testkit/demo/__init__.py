"""kyc_desk_testkit.demo — demo-mode composition: software card on the virtual reader, demo store, camera stand-in."""

from kyc_desk_testkit.demo.camera import demo_camera
from kyc_desk_testkit.demo.environment import DemoEnvironment, DemoUnavailable, install_demo_trust, open_demo_store

__all__ = ["DemoEnvironment", "DemoUnavailable", "demo_camera", "install_demo_trust", "open_demo_store"]
