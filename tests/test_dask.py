"""``--executor dask`` on a real Dask cluster: a scheduler and two workers started here.

Each process is a real ``dask scheduler`` / ``dask worker`` on 127.0.0.1 (ports picked by
the scheduler and written to its scheduler file), in its own process group, so a test can
kill a worker with everything it started, and the module's finalizer stops them all. The
one cluster is shared by the module's tests (xdist runs a module on one worker).

A build through the cluster must write exactly the files a local build writes, byte for
byte. Two files are left out of the comparison and never made by annotation: the output
folder's build marker (a random id per build) and Pagefind's index, whose file names
differ between two local builds of the same input too; search is off here (saves time),
so only the marker is left out.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE

from sitegen.cli import main
from sitegen.write.output import MARKER

distributed = pytest.importorskip("distributed", reason="the test extra installs dask[distributed]")

CONTENT = REPO / "tests" / "fixtures" / "jekyll-doiotyourself" / "content"
DASK = [sys.executable, "-m", "dask"]
TIMEOUT = 120  # seconds; a bound for a stuck process, never a wait
SETTINGS = "search = false\n"
ARTICLES = 16  # the fixture site's posts and pages, and the sample


class Cluster:
    """A scheduler and its workers, each a process group of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen[bytes]] = []
        file = folder / "scheduler.json"
        self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(file))
        self.address = _wait_for(lambda: file.exists() and json.loads(file.read_text())["address"])
        self.client = distributed.Client(self.address, timeout=30, set_as_default=False)

    def _start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        with (self.folder / f"{name}.log").open("wb") as log:
            process = subprocess.Popen([*DASK, *args], cwd=self.folder, stdout=log, stderr=log,
                                       start_new_session=True)  # its own group: killed whole
        self.processes.append(process)
        return process

    def start_worker(self, name: str) -> subprocess.Popen[bytes]:
        """A one-thread worker; returns once the scheduler has it."""
        before = len(self.client.scheduler_info()["workers"])
        process = self._start(name, "worker", self.address, "--nthreads", "1", "--nworkers", "1",
                              "--memory-limit", "1GiB", "--no-dashboard", "--host", "127.0.0.1",
                              "--local-directory", str(self.folder / name), "--name", name)
        self.client.wait_for_workers(before + 1, timeout=TIMEOUT)
        return process

    def address_of(self, name: str) -> str:
        """The address of the worker started as ``name``."""
        workers = self.client.scheduler_info()["workers"]
        return next(address for address, info in workers.items() if info.get("name") == name)

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the process and everything it started (a nanny's worker)."""
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=TIMEOUT)

    def stop(self) -> None:
        """Stop every process started here: SIGTERM to each group, SIGKILL to what remains."""
        self.client.close()
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill(process)
        for process in self.processes:  # a nanny's worker may outlive its nanny's exit
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def _wait_for(condition, timeout: float = TIMEOUT):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A scheduler and two workers for the whole module, stopped at its end whatever happens."""
    found = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        found.start_worker("first")
        found.start_worker("second")
        yield found
    finally:
        found.stop()


def _new_site(root: Path) -> Path:
    """The fixture site's posts and the sample article; copies keep the files' times (dates)."""
    shutil.copytree(CONTENT, root / "seeds")
    shutil.copy2(SAMPLE, root / "seeds" / SAMPLE.name)
    (root / "sitegen.toml").write_text(SETTINGS, encoding="utf-8")
    return root


def _files(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*"))
            if path.is_file() and path.name != MARKER}


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every output file of a local build (spaCy here, one process) of the same input."""
    root = _new_site(tmp_path_factory.mktemp("local"))
    with contextlib.chdir(root):
        assert main(["build", "-q", "--jobs", "1"]) == 0
    return _files(root / "build")


def _sitegen(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "sitegen", "build", *args], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_build_on_the_cluster_writes_what_a_local_build_writes(
        cluster: Cluster, local_build: dict[str, bytes], tmp_path: Path) -> None:
    root = _new_site(tmp_path)
    _out, err = _sitegen(root, "--executor", "dask", "--scheduler", cluster.address).communicate(
        timeout=TIMEOUT)
    assert f"Built {ARTICLES} articles" in err, err
    assert f"{ARTICLES} annotated, 0 from cache" in err
    produced = _files(root / "build")
    assert sorted(produced) == sorted(local_build)
    assert [name for name in produced if produced[name] != local_build[name]] == []
    # Both workers took part, and the summary gives each one's articles per second.
    summary = next(line for line in err.splitlines() if "Dask worker(s)" in line)
    assert f"{ARTICLES} articles on 2 Dask worker(s)" in summary
    for name in ("first", "second"):
        assert f"{cluster.address_of(name)} " in summary and "/s" in summary

    # Every annotation is cached now: a build with other settings needs no cluster at all.
    (root / "sitegen.toml").write_text(SETTINGS + "page_size = 5\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--executor", "dask",
                             "--scheduler", f"tcp://127.0.0.1:{_free_port()}"], cwd=root,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert f"0 annotated, {ARTICLES} from cache" in result.stderr


def test_a_worker_killed_mid_batch_changes_nothing(
        cluster: Cluster, local_build: dict[str, bytes], tmp_path: Path) -> None:
    victim = cluster.start_worker("victim")
    address = cluster.address_of("victim")
    root = _new_site(tmp_path)
    build = _sitegen(root, "--executor", "dask", "--scheduler", cluster.address)
    try:
        # The victim's first batch loads spaCy (over a second): it is killed with the batch running.
        _wait_for(lambda: any("annotate_batch" in str(key)
                              for key in cluster.client.processing(workers=[address]).get(address, ())))
        cluster.kill(victim)
        _out, err = build.communicate(timeout=TIMEOUT)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == 0, err
    assert f"{ARTICLES} annotated, 0 from cache" in err
    produced = _files(root / "build")
    assert sorted(produced) == sorted(local_build)
    assert [name for name in produced if produced[name] != local_build[name]] == []
    _wait_for(lambda: address not in cluster.client.scheduler_info()["workers"])


def test_an_interrupted_build_keeps_the_batches_it_finished(cluster: Cluster, tmp_path: Path) -> None:
    root = _new_site(tmp_path)
    build = _sitegen(root, "--executor", "dask", "--scheduler", cluster.address)
    cache = root / ".sitegen" / "cache.sqlite"

    def cached() -> int:
        try:
            with contextlib.closing(sqlite3.connect(cache, timeout=5)) as db:
                return db.execute("SELECT count(*) FROM annotations").fetchone()[0]
        except sqlite3.OperationalError:  # not made yet
            return 0

    try:
        _wait_for(lambda: cached() > 0, timeout=TIMEOUT)
        build.send_signal(signal.SIGINT)  # Ctrl-C, after the first batch came back
        _out, err = build.communicate(timeout=TIMEOUT)
    finally:
        if build.poll() is None:
            build.kill()
    kept = cached()
    assert build.returncode == 130, err
    assert 0 < kept < ARTICLES
    again = _sitegen(root, "--executor", "dask", "--scheduler", cluster.address)
    _out, err = again.communicate(timeout=TIMEOUT)
    assert again.returncode == 0, err
    assert f"{ARTICLES - kept} annotated, {kept} from cache" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    root = _new_site(tmp_path)
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "-q", "--executor", "dask",
                             "--scheduler", address], cwd=root, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot reach the Dask scheduler at {address} (")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 30
    assert not (root / "build").exists()


def test_without_dask_installed_the_error_says_how_to_install_it(tmp_path: Path) -> None:
    root = _new_site(tmp_path)
    # A None entry makes `import distributed` fail, as it does where dask is not installed.
    code = ("import sys; sys.modules['distributed'] = None; from sitegen.cli import main; "
            "sys.exit(main(['build', '-q', '--executor', 'dask', '--scheduler', 'tcp://127.0.0.1:9']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: --executor dask needs Dask distributed, which is not "
                                     "installed: pip install 'sitegen[dask]'")


def test_executor_and_scheduler_are_checked_like_every_setting(tmp_path: Path) -> None:
    root = _new_site(tmp_path)
    with contextlib.chdir(root):
        assert main(["build", "-q", "--executor", "spark"]) == 2
        assert main(["build", "-q", "--executor", "dask"]) == 2  # no scheduler given
        assert main(["build", "-q", "--executor", "dask", "--scheduler", "10.0.0.5"]) == 2
        (root / "sitegen.toml").write_text(SETTINGS + 'executor = "dask"\n', encoding="utf-8")
        assert main(["build", "-q"]) == 2
        (root / "sitegen.toml").write_text(SETTINGS + 'executor = "dask"\nscheduler = 8786\n',
                                           encoding="utf-8")
        assert main(["build", "-q"]) == 1  # a bad settings file is exit code 1, as always


def test_the_progress_note_names_each_worker_or_the_slowest_and_fastest() -> None:
    from sitegen.annotate.cluster import WorkerStats, throughput

    two = {"tcp://a:1": WorkerStats(10, 2.0), "tcp://b:2": WorkerStats(3, 1.0)}
    assert throughput(two, most=4) == "tcp://a:1 5.0/s, tcp://b:2 3.0/s"
    many = {f"tcp://w:{n}": WorkerStats(n, 1.0) for n in range(1, 7)}
    assert throughput(many, most=4) == ("6 workers, 3.5/s each on average, slowest tcp://w:1 1.0/s, "
                                        "fastest tcp://w:6 6.0/s")
    assert throughput(many).count("/s") == 6  # the closing log line names every worker
