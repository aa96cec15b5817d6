"""Client of the JVM bridge process (see api-python-bridge/docs/PROTOCOL.md).

The JVM is started as ``<EMBER_HOME>/bin/ember bridge`` starts it; it prints ``EMBER_BRIDGE_PORT=<port>`` and
accepts one client presenting the random token it got through ``EMBER_BRIDGE_TOKEN``. When the launcher's
class data sharing archive is fresh, this client runs ``java`` itself with the launcher's flags (``bin/jvm-flags``)
and saves the shell hop; otherwise it goes through the launcher, which records a new archive. Its stdin is a pipe
this process keeps open and never writes, so the JVM exits whenever this process ends, even on ``kill -9``.
"""

from __future__ import annotations

import atexit
import collections
import json
import os
import queue
import secrets
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ember.errors import BridgeException, from_bridge_error

PROTOCOL_VERSION = 1
_PORT_PREFIX = "EMBER_BRIDGE_PORT="
_POLL_SECONDS = 0.5
# How long close() waits for the JVM to exit before killing it; the launcher may be writing the start-up
# archive at exit (several seconds on a busy machine).
_EXIT_WAIT_DIRECT = 5.0
_EXIT_WAIT_LAUNCHER = 60.0


def ember_home() -> Path:
    """EMBER_HOME from the environment, else the repository this package lives in."""
    env = os.environ.get("EMBER_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3]


def jvm_flags(home: Path) -> List[str]:
    """The flags of ``<home>/bin/jvm-flags`` (one per line; blank lines and ``#`` comments skipped), which
    ``bin/ember`` passes to every JVM."""
    flags = []
    for line in (home / "bin" / "jvm-flags").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            flags.append(line)
    return flags


def direct_command(home: Path) -> Optional[List[str]]:
    """The ``java`` command line ``bin/ember bridge`` runs when its start-up archive is fresh, or None (no
    archive, a stale one, ``EMBER_CDS=off``, or this is the launcher's training run, ``EMBER_CDS_RECORD``):
    the launcher must then run, and records a new archive first.

    Fresh means the stamp next to the archive lists exactly the jars of the lib dir, with their sizes and
    modification times, as the launcher's ``jar_stamp`` writes them.
    """
    if os.environ.get("EMBER_CDS", "on") == "off" or os.environ.get("EMBER_CDS_RECORD"):
        return None
    lib = home / "dist" / "target" / "lib"
    archive = home / "dist" / "target" / "ember-cds.jsa"
    try:
        stamp = (home / "dist" / "target" / "ember-cds.jsa.stamp").read_text(encoding="utf-8").splitlines()
        jars = []
        for name in os.listdir(lib):
            if name.endswith(".jar") and not name.startswith("."):
                st = os.stat(lib / name)
                jars.append("%s %d %d" % (name, st.st_size, int(st.st_mtime)))
        if sorted(stamp) != sorted(jars) or archive.stat().st_size == 0:
            return None
        flags = jvm_flags(home)
    except OSError:
        return None
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else "java"
    return ([java] + flags + ["-XX:SharedArchiveFile=%s" % archive] + os.environ.get("EMBER_JAVA_OPTS", "").split()
            + ["-Dember.home=%s" % home, "-cp", "%s/*" % lib, "io.ember.bridge.BridgeServer"])


def _start_timeout() -> float:
    return float(os.environ.get("EMBER_BRIDGE_START_TIMEOUT", "180"))


class Bridge:
    """A connection to a JVM bridge process this client started; requests are answered in order."""

    def __init__(self, master: str, app_name: str):
        home = ember_home()
        launcher = home / "bin" / "ember"
        if not launcher.exists():
            raise BridgeException("Cannot start the Ember JVM: launcher %s not found (set EMBER_HOME to the Ember "
                                  "installation)." % launcher, "BRIDGE_START_FAILED")
        self.token = secrets.token_hex(16)
        env = dict(os.environ, EMBER_BRIDGE_TOKEN=self.token, EMBER_MASTER=master, EMBER_APP_NAME=app_name,
                   EMBER_HOME=str(home))
        self._stderr_tail: collections.deque = collections.deque(maxlen=40)
        self.process = self._start(home, launcher, env)
        self._lock = threading.RLock()
        self._next_id = 0
        self._closed = False
        self._why_closed = ""
        self.sock: Optional[socket.socket] = None
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        threading.Thread(target=self._drain_stdout, args=(lines,), daemon=True, name="ember-jvm-stdout").start()
        threading.Thread(target=self._drain_stderr, daemon=True, name="ember-jvm-stderr").start()
        atexit.register(self.close)
        try:
            port = self._await_port(lines)
            self._connect(port)
        except BaseException:
            self._kill()
            raise

    # ---- process ----

    def _start(self, home: Path, launcher: Path, env: Dict[str, str]) -> subprocess.Popen:
        """Runs java directly when the launcher's start-up archive is fresh, else the launcher."""
        command = direct_command(home)
        if command is not None:
            self._exit_wait = _EXIT_WAIT_DIRECT
            try:
                return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=env, cwd=os.getcwd())
            except OSError:
                pass  # no such java: the launcher says what is missing
        self._exit_wait = _EXIT_WAIT_LAUNCHER
        return subprocess.Popen([str(launcher), "bridge"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=os.getcwd())

    def _drain_stdout(self, lines: "queue.Queue[Optional[str]]") -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
        lines.put(None)

    def _drain_stderr(self) -> None:
        """Keep the JVM's last stderr lines for error messages and pass them on to this process's stderr
        (the JVM logs warnings and errors only), as PySpark shows its JVM's log."""
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self._stderr_tail.append(line)
            try:
                if sys.stderr is not None:
                    sys.stderr.write(line + "\n")
            except (OSError, ValueError):
                pass

    def stderr_tail(self) -> str:
        """The last lines the JVM wrote to stderr."""
        return "\n".join(self._stderr_tail)

    def _await_port(self, lines: "queue.Queue[Optional[str]]") -> int:
        timeout = _start_timeout()
        deadline = _now() + timeout
        while True:
            remaining = deadline - _now()
            if remaining <= 0:
                raise BridgeException("The Ember JVM did not report its port within %.0f s (EMBER_BRIDGE_START_TIMEOUT)."
                                      "%s" % (timeout, self._tail_text()), "BRIDGE_START_FAILED")
            try:
                line = lines.get(timeout=min(remaining, _POLL_SECONDS))
            except queue.Empty:
                continue
            if line is None:
                code = self.process.wait(timeout=5)
                raise BridgeException("The Ember JVM exited with code %s before reporting its port.%s"
                                      % (code, self._tail_text()), "BRIDGE_START_FAILED")
            if line.startswith(_PORT_PREFIX):
                return int(line[len(_PORT_PREFIX):].strip())

    def _tail_text(self) -> str:
        import time
        time.sleep(0.2)  # let the stderr reader catch the last lines
        tail = self.stderr_tail()
        return ("\nJVM stderr (last lines):\n" + tail) if tail else ""

    def _connect(self, port: int) -> None:
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=_start_timeout())
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.settimeout(_POLL_SECONDS)
        self._send_json({"protocol": PROTOCOL_VERSION, "token": self.token})
        answer = self._recv_json()
        if not answer.get("ok"):
            raise from_bridge_error(answer.get("error") or {"message": "handshake refused"})
        self.version: str = answer.get("version", "")
        self.default_parallelism: int = int(answer.get("defaultParallelism", 1))

    # ---- frames ----

    def _send_frame(self, kind: bytes, payload: bytes) -> None:
        assert self.sock is not None
        data = struct.pack(">I", len(payload) + 1) + kind + payload
        self.sock.settimeout(None)
        try:
            self.sock.sendall(data)
        except OSError as e:
            raise self._died("while sending a request", e) from None
        finally:
            self.sock.settimeout(_POLL_SECONDS)

    def _send_json(self, obj: Dict[str, Any]) -> None:
        self._send_frame(b"J", json.dumps(obj, separators=(",", ":")).encode("utf-8"))

    def _recv_exact(self, n: int) -> bytes:
        assert self.sock is not None
        buf = bytearray()
        while len(buf) < n:
            try:
                chunk = self.sock.recv(min(n - len(buf), 1 << 20))
            except socket.timeout:
                if self.process.poll() is not None:
                    raise self._died("while waiting for an answer", None) from None
                continue
            except OSError as e:
                raise self._died("while reading an answer", e) from None
            if not chunk:
                raise self._died("while reading an answer", None)
            buf += chunk
        return bytes(buf)

    def _recv_frame(self) -> Tuple[bytes, bytes]:
        (n,) = struct.unpack(">I", self._recv_exact(4))
        body = self._recv_exact(n)
        return body[:1], body[1:]

    def _recv_json(self) -> Dict[str, Any]:
        kind, payload = self._recv_frame()
        if kind != b"J":
            raise BridgeException("Protocol error: expected a JSON frame, got %r" % kind, "BRIDGE_PROTOCOL")
        return json.loads(payload.decode("utf-8"))

    def _died(self, when: str, cause: Optional[BaseException]) -> BridgeException:
        self._closed = True
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        state = "exited with code %s" % code if code is not None else "closed the connection"
        reason = " (%s)" % cause if cause else ""
        return BridgeException("The Ember JVM %s %s%s; the session is no longer usable, start a new one.%s"
                               % (state, when, reason, self._tail_text()), "BRIDGE_DIED")

    # ---- requests ----

    def request(self, op: str, batches: Optional[List[bytes]] = None, **args: Any) -> Tuple[Dict[str, Any], List[bytes]]:
        """Send one request (and its B frames), return the answer header and the B frames that follow it.

        An interruption mid-exchange (Ctrl-C, a protocol error) leaves the stream out of step: the JVM is then
        stopped and later requests raise a BridgeException saying why.
        """
        with self._lock:
            if self._closed:
                raise BridgeException("The Ember session is stopped%s; create a new one with "
                                      "SparkSession.builder.getOrCreate()." % self._why_closed, "BRIDGE_CLOSED")
            self._next_id += 1
            req = {"id": self._next_id, "op": op}
            req.update(args)
            if batches is not None:
                req["batches"] = len(batches)
            try:
                header, received = self._exchange(req, batches or [])
            except BridgeException:
                self._abandon("after a bridge error")
                raise
            except BaseException as e:
                self._abandon("after %s interrupted a request" % type(e).__name__)
                raise
            if not header.get("ok"):
                raise from_bridge_error(header.get("error") or {})
            return header, received

    def _exchange(self, req: Dict[str, Any], batches: List[bytes]) -> Tuple[Dict[str, Any], List[bytes]]:
        self._send_json(req)
        for b in batches:
            self._send_frame(b"B", b)
        header = self._recv_json()
        if header.get("id") != req["id"]:
            raise BridgeException("Protocol error: answer id %s for request %s" % (header.get("id"), req["id"]),
                                  "BRIDGE_PROTOCOL")
        received = []
        for _ in range(int(header.get("batches", 0) or 0)):
            kind, payload = self._recv_frame()
            if kind != b"B":
                raise BridgeException("Protocol error: expected a batch frame, got %r" % kind, "BRIDGE_PROTOCOL")
            received.append(payload)
        return header, received

    def _abandon(self, why: str) -> None:
        if not self._why_closed:
            self._why_closed = " (" + why + ")"
        self._kill()

    @property
    def closed(self) -> bool:
        """Whether the bridge is stopped or dead."""
        return self._closed

    def close(self) -> None:
        """Send ``stop``, close the connection and wait for the JVM to exit (killing it if it does not)."""
        with self._lock:
            if self._closed:
                self._kill()
                return
            self._closed = True
            try:
                if self.sock is not None:
                    self._next_id += 1
                    self._send_json({"id": self._next_id, "op": "stop"})
                    self._recv_json()
            except Exception:
                pass
            self._kill()

    def _kill(self) -> None:
        self._closed = True
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        try:
            if self.process.stdin:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=self._exit_wait)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        atexit.unregister(self.close)


def _now() -> float:
    import time
    return time.monotonic()
