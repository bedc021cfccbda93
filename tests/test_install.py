"""Installing and starting like MkDocs: a wheel with the theme inside, and `sitegen new`.

The wheel test builds sitegen's wheel from a copy of the sources, installs it into a
fresh virtual environment and builds a new archive with that environment's ``sitegen``,
from a folder far from the checkout. Offline, with no package index: the new venv gets
the dependencies by a ``.pth`` line naming the development venv's site-packages, and
the wheel is installed with ``--no-deps``. (``--system-site-packages`` would not do:
a venv made from ``.venv``'s interpreter sees the *base* interpreter's packages, which
lack spaCy; ``--no-index --find-links`` would need a wheel of every dependency.) A
``.pth`` line adds that folder only: the ``.pth`` files inside it, among them the
editable install of this checkout, are not run, so the new venv imports the wheel's
sitegen and finds the theme in it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, broken_links

from sitegen.cli import main
from sitegen.config import SETTINGS, Config, load_config

SOURCES = ("pyproject.toml", "README.md", "sitegen", "templates", "static")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sitegen's wheel, built from a copy of the sources (the checkout is left as it is)."""
    copy = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--no-index", "-q", "-w", str(dist), str(copy)], check=True, timeout=300)
    (built,) = dist.glob("sitegen-*.whl")
    return built


def test_the_wheel_holds_the_theme_and_the_new_site_files(wheel: Path) -> None:
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (REPO / "templates").rglob("*.html"):
        assert f"sitegen/theme/templates/{template.relative_to(REPO / 'templates')}" in names
    for static in (REPO / "static").iterdir():
        assert f"sitegen/theme/static/{static.name}" in names
    assert "sitegen/scaffold/files/pages.yml" in names and "sitegen/cli.py" in names


def test_the_installed_wheel_builds_a_new_archive(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (site_packages / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True, timeout=300)
    where = subprocess.run([str(python), "-c", "import sitegen.config as c; print(c.__file__); "
                                               "print(c.THEME_DIR)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.split()
    assert all(Path(path).is_relative_to(venv) for path in where), where
    sitegen = venv / "bin" / "sitegen"
    subprocess.run([str(sitegen), "new", "archive"], check=True, cwd=tmp_path, timeout=60)
    result = subprocess.run([str(sitegen), "build", "-q"], cwd=tmp_path / "archive",
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    output = tmp_path / "archive" / "build"
    assert len(list(output.glob("articles/*/index.html"))) == 1
    assert (output / "static" / "site.css").read_bytes() == (REPO / "static" / "site.css").read_bytes()
    assert broken_links(output) == []


def test_new_makes_a_ready_archive_with_every_setting(tmp_path: Path, monkeypatch) -> None:
    assert main(["new", str(tmp_path / "archive"), "-q"]) == 0
    archive = tmp_path / "archive"
    made = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file())
    assert made[0] == ".github/workflows/pages.yml" and ".gitignore" in made
    assert "sitegen.toml" in made and "templates/README.md" in made
    assert [m for m in made if m.startswith("seeds/")] and list((archive / "templates").glob("*.html")) == []
    text = (archive / "sitegen.toml").read_text(encoding="utf-8")
    fields = {f for f in Config.__dataclass_fields__ if f not in ("root", "source")}
    assert fields == set(SETTINGS)
    for name in fields - {"aliases", "topics", "sections", "banned_topics"}:
        assert re.search(rf"^# {name} = ", text, re.M), name
    assert "# [aliases]" in text and "# [topics]" in text and "# [sections]" in text
    assert '# "CNN" = false' in text  # banned_topics: a topic set to false in [topics]
    # Uncommented, every line is a valid setting.
    uncommented = re.sub(r'^# (?=\w+ = |\[\w+\]$|"[^"]+" = (\[|false))', "", text, flags=re.M)
    tomllib.loads(uncommented)
    (archive / "all.toml").write_text(uncommented, encoding="utf-8")
    load_config(archive / "all.toml")
    assert main(["new", str(archive)]) == 1  # not over an existing archive


def test_a_new_archive_serves(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "archive"), "-q"]) == 0
    server = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--port", "0"],
                              cwd=tmp_path / "archive", stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        for line in server.stdout:
            match = re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", line)
            if match:
                break
        else:
            pytest.fail("the server never said where it serves")
        with urllib.request.urlopen(match[1], timeout=30) as response:
            home = response.read().decode("utf-8")
        assert "Welcome to your archive" in home
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()
