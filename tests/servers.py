"""Real triple-store servers that the tests start on a free local port and stop afterwards.

Import the fixtures into a test module (`from tests.servers import oxigraph_server`). Each
server runs from a fresh temporary directory, is polled until it answers a query, and is
terminated by its own process id when the session ends.

- Oxigraph: the `oxigraph` CLI installed in the virtualenv (PyPI package `oxigraph`).
- Oxigraph behind nginx with HTTP Basic authentication, the usual way to put a password on a
  store that has none: Debian's `nginx` package.
- Virtuoso Open Source 7: `virtuoso-t` from Debian's `virtuoso-opensource-7` package. It is a
  different code base from Oxigraph (C, its own SPARQL-to-SQL compiler, Digest auth on its
  authenticated services), which is the point of testing against it. Outside CI a machine
  without it (or nginx) skips those tests with the install line; under CI (CI=true) fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

VIRTUOSO_INSTALL = "apt-get install -y virtuoso-opensource-7-bin"
NGINX_INSTALL = "apt-get install -y nginx"


@dataclass(frozen=True)
class Server:
    name: str
    base: str  # http://127.0.0.1:PORT
    query_url: str
    user: str | None = None
    password: str | None = None
    log: Path | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_answers(
    proc: subprocess.Popen[bytes],
    url: str,
    log: Path,
    limit: float = 60.0,
    auth: tuple[str, str] | None = None,
) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"{url}: server exited with {proc.returncode}:\n{log.read_text(errors='replace')}"
            )
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2, auth=auth).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url}: no answer within {limit:g} s:\n{log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def oxigraph_binary() -> str:
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server CLI is not installed (pip install oxigraph)")
    return found


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = root / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(root / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answers(proc, f"{base}/query", log)
        yield Server("oxigraph", base, f"{base}/query", log=log)
    finally:
        _stop(proc)


def _need(binary: str, install: str) -> str:
    found = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists() else None)
    if not found:
        message = f"{binary} is not installed ({install})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


_NGINX_CONF = """\
{user}daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  client_max_body_size 200m;
  server {{
    listen 127.0.0.1:{port};
    auth_basic "conflict-kg test store";
    auth_basic_user_file {root}/htpasswd;
    location / {{ proxy_pass http://127.0.0.1:{upstream}; }}
  }}
}}
"""


@pytest.fixture(scope="session")
def oxigraph_basic_auth(
    oxigraph_server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The session's Oxigraph server, reachable only with user `analyst`, password `s3cret x&%`."""
    binary = _need("nginx", NGINX_INSTALL)
    root = tmp_path_factory.mktemp("nginx")
    port = free_port()
    user, password = "analyst", "s3cret x&%"
    (root / "htpasswd").write_text(f"{user}:{{PLAIN}}{password}\n")
    upstream = oxigraph_server.base.rsplit(":", 1)[1]
    conf = root / "nginx.conf"
    as_root = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the password file
    conf.write_text(_NGINX_CONF.format(user=as_root, root=root, port=port, upstream=upstream))
    log = root / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "-c", str(conf), "-p", str(root), "-e", str(root / "error.log")],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answers(proc, f"{base}/query", log, auth=(user, password))
        yield Server("nginx+oxigraph", base, f"{base}/query", user=user, password=password, log=log)
    finally:
        _stop(proc)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {root}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = _need("virtuoso-t", VIRTUOSO_INSTALL)
    root = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(root=root, sql_port=sql_port, http_port=http_port))
    log = root / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "-f", "-c", str(ini)], cwd=root, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_answers(proc, f"{base}/sparql", log)
        # a fresh database's administrator is dba/dba; its authenticated services use Digest
        yield Server("virtuoso", base, f"{base}/sparql", user="dba", password="dba", log=log)
    finally:
        _stop(proc)
