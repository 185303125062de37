"""benchmarks/scaling.py keeps working (at sizes too small to time anything)."""
from __future__ import annotations

import importlib.util

from .conftest import REPO


def test_scaling_benchmark_prints_a_row_per_shape_and_size(capsys):
    spec = importlib.util.spec_from_file_location("scaling", REPO / "benchmarks" / "scaling.py")
    scaling = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scaling)
    assert scaling.main(["--start", "4", "--steps", "2", "--repeat", "1"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 2 * len(scaling.SHAPES)
    assert scaling.exponents([(1, 1.0), (2, 4.0)]) == [None, 2.0]
    assert scaling.make("items", 1000).lines[-2].text == "§ 1000 Ärende 1000"
