"""A 50 MB download through ``with_streaming_response`` keeps the process's peak memory far below 50 MB.

Run in a fresh interpreter (so its peak resident size is the download's alone): the server of
tests/streaming_server.py sends 50 MB in 64 KiB chunks, the media fixture's client writes them to
a file, and the growth of ``ru_maxrss`` over the download must stay under 20 MB.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "media" / "expected"

CHILD = r"""
import asyncio, hashlib, resource, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from tests.streaming_server import Streamed, StreamingServer
import media_lab

SIZE, CHUNK = 50 * 1024 * 1024, bytes(range(256)) * 256   # 64 KiB
server = StreamingServer()
server.route("/files/big/content", lambda seen: Streamed(200, (CHUNK for _ in range(SIZE // len(CHUNK))),
                                                         {"Content-Type": "application/octet-stream"}))
server.route("/files/warm/content", Streamed(200, [CHUNK], {"Content-Type": "application/octet-stream"}))
target, is_async = sys.argv[3], sys.argv[4] == "async"

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

async def download_async():
    async with media_lab.AsyncMediaLab(base_url=server.url) as client:
        async with client.files.with_streaming_response.download("warm") as response:
            await response.read()
        before = peak_mb()
        async with client.files.with_streaming_response.download("big") as response:
            await response.write_to_file(target)
        return before

def download_sync():
    with media_lab.MediaLab(base_url=server.url) as client:
        with client.files.with_streaming_response.download("warm") as response:
            response.read()
        before = peak_mb()
        with client.files.with_streaming_response.download("big") as response:
            response.write_to_file(target)
        return before

before = asyncio.run(download_async()) if is_async else download_sync()
after = peak_mb()
digest = hashlib.sha256()
with open(target, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        digest.update(block)
expected = hashlib.sha256()
for _ in range(SIZE // len(CHUNK)):
    expected.update(CHUNK)
print(after - before, digest.hexdigest() == expected.hexdigest())
server.stop()
"""


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_50_mb_download_streams_to_disk_in_little_memory(flavour: str, tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    child = CHILD.replace('download("warm")', 'download("warm")')
    run = subprocess.run(
        [sys.executable, "-c", child, str(ROOT), str(GOLDEN), str(target), flavour],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    growth, intact = run.stdout.split()
    assert target.stat().st_size == 50 * 1024 * 1024 and intact == "True"
    assert float(growth) < 20, f"peak memory grew by {float(growth):.1f} MB during a 50 MB download"
