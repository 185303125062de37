"""`pip install .` (not editable) carries everything the extraction needs: the wheel's own
copy of models/ and the vocabulary give the same minutes as the checkout."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from .conftest import REPO, SEED_FIXTURES

EXTRACT = ("import json, sys; from pipeline.ingest import ingest; from pipeline.nlp.extract import extract; "
           "import pipeline; print(pipeline.__file__, file=sys.stderr); "
           "print(json.dumps(extract(ingest(sys.argv[1])).to_gold(), ensure_ascii=False))")


def test_the_wheel_gives_the_minutes_of_the_checkout(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                            str(REPO)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("minutes-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "pipeline" / "models_shipped" / "sv_minutes" / "config.cfg").is_file()
    assert not (site / "pipeline" / "models_shipped").is_symlink()
    source = SEED_FIXTURES / "000_fe32352de8e32ae9.docx"
    outputs = []
    for path in (str(site), str(REPO)):
        run = subprocess.run([sys.executable, "-c", EXTRACT, str(source)], capture_output=True, text=True,
                             cwd=tmp_path, env={"PYTHONPATH": path, "HOME": str(tmp_path)}, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
        assert run.stderr.strip().startswith(path)          # the copy under test was the one imported
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1] and outputs[0]["items"]
