"""hcs.settings, but static files are collected inside bench/: the benchmark writes nowhere else."""

from pathlib import Path

from hcs.settings import *  # noqa: F403

STATIC_ROOT = Path(__file__).resolve().parent / "staticfiles"
