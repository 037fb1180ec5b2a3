"""``make publish`` against a real local index, then the package installed from it and used.

pypiserver runs on 127.0.0.1 (a free port, uploads behind an htpasswd file, packages in a
temporary directory). The wheel and sdist of generated/ are built, published with
``make publish``, installed from the index into a fresh virtual environment and used there
against a tiny local HTTP server. Publishing the same version again is refused.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
USER = "publisher"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def offline_pip_env() -> dict[str, str]:
    """pip with no configured indexes or find-links: only what the command line names."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


@pytest.fixture
def index(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """A running pypiserver: (base URL, upload password, packages directory)."""
    from passlib.apache import HtpasswdFile

    password = secrets.token_hex(16)
    htpasswd = HtpasswdFile(str(tmp_path / "htpasswd"), new=True, default_scheme="apr_md5_crypt")
    htpasswd.set_password(USER, password)
    htpasswd.save()
    packages = tmp_path / "packages"
    packages.mkdir()
    port = free_port()
    log = (tmp_path / "pypiserver.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "pypiserver", "run", "-p", str(port), "-i", "127.0.0.1", "-a", "update",
         "-P", str(tmp_path / "htpasswd"), "--disable-fallback", str(packages)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/simple/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("pypiserver did not start:\n" + (tmp_path / "pypiserver.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield url, password, packages
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture
def api_server() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A tiny API on 127.0.0.1 answering ``[]`` to every GET; records (path, Authorization)."""
    seen: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            seen.append((self.path, self.headers.get("Authorization", "")))
            body = b"[]"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def make_publish(url: str, password: str, dist: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TWINE_USERNAME": USER, "TWINE_PASSWORD": password}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "publish", f"REPOSITORY_URL={url}/", f"DIST={dist}"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
    )


@pytest.mark.filterwarnings("ignore:'crypt' is deprecated:DeprecationWarning")
def test_publish_install_and_use_then_refuse_the_same_version(
    tmp_path: Path, index: tuple[str, str, Path], api_server: tuple[str, list[tuple[str, str]]]
) -> None:
    url, password, packages = index
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(GENERATED)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = next(dist.glob("*.whl"))
    name, version = "vapi-calls", wheel.name.split("-")[1]
    assert sorted(p.suffix for p in dist.iterdir()) == [".gz", ".whl"]

    # Publish: both files reach the index; the password is never shown.
    first = make_publish(url, password, dist)
    assert first.returncode == 0, first.stdout + first.stderr
    assert password not in first.stdout + first.stderr
    assert f"published {name} {version} to {url}/" in first.stdout
    assert sorted(p.name for p in packages.iterdir()) == sorted(p.name for p in dist.iterdir())

    # Install from the index into a fresh virtual environment. httpx and pydantic, the
    # package's dependencies, come from the project's environment (a .pth file), so the test
    # needs no other index; `pip check` then proves the installed versions satisfy them.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    project_site = Path(subprocess.run([sys.executable, "-c", "import httpx, os; print(os.path.dirname(os.path.dirname(httpx.__file__)))"],
                                       check=True, capture_output=True, text=True).stdout.strip())
    (site / "project-deps.pth").write_text(f"{project_site}\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    installed = subprocess.run(
        [*pip, "install", "--no-deps", "--index-url", f"{url}/simple/", f"{name}=={version}"],
        capture_output=True, text=True, env=offline_pip_env(),
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert f"Successfully installed {name}-{version}" in installed.stdout
    check = subprocess.run([*pip, "check"], capture_output=True, text=True, env=offline_pip_env())
    assert check.returncode == 0, check.stdout + check.stderr

    # Use the client there, isolated from this checkout (-I: no PYTHONPATH, no current directory).
    base_url, seen = api_server
    script = (
        "import json, vapi_calls\n"
        "from vapi_calls import Vapi\n"
        f"client = Vapi(api_key='k', base_url={base_url!r})\n"
        "calls = client.calls.list(limit=5)\n"
        "print(json.dumps({'file': vapi_calls.__file__, 'version': vapi_calls.__version__, 'calls': calls}))\n"
    )
    used = subprocess.run([str(python), "-I", "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert used.returncode == 0, used.stderr
    result = json.loads(used.stdout)
    assert result["calls"] == [] and result["version"] == version
    assert Path(result["file"]).resolve().is_relative_to(venv.resolve())
    assert seen == [("/call?limit=5", "Bearer k")]

    # The same version again: refused, clearly, with a non-zero exit; the index is unchanged.
    before = {p.name: p.stat().st_mtime_ns for p in packages.iterdir()}
    again = make_publish(url, password, dist)
    assert again.returncode != 0
    assert f"publish: refused: {name} {version} is already on {url}/" in again.stderr
    assert "Bump `version`" in again.stderr
    assert "<html>" not in again.stderr.lower()  # twine's plain lines, not the index's error page
    assert password not in again.stdout + again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in packages.iterdir()} == before


def test_publish_refuses_without_its_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TWINE_USERNAME", "TWINE_PASSWORD")}
    run = lambda *args: subprocess.run(  # noqa: E731
        ["make", "--no-print-directory", "-C", str(ROOT), "publish", *args], capture_output=True, text=True, env=env
    )
    no_url = run(f"DIST={tmp_path}")
    assert no_url.returncode != 0 and "set REPOSITORY_URL" in no_url.stderr
    no_files = run("REPOSITORY_URL=http://127.0.0.1:9/", f"DIST={tmp_path}")
    assert no_files.returncode != 0 and "run `make build` first" in no_files.stderr
    (tmp_path / "x-1.0-py3-none-any.whl").write_bytes(b"")
    no_credentials = run("REPOSITORY_URL=http://127.0.0.1:9/", f"DIST={tmp_path}")
    assert no_credentials.returncode != 0 and "TWINE_USERNAME and TWINE_PASSWORD" in no_credentials.stderr
