"""Client of the JVM bridge process (see api-python-bridge/docs/PROTOCOL.md).

The JVM is started as ``<EMBER_HOME>/bin/ember bridge`` starts it; it prints ``EMBER_BRIDGE_PORT=<port>`` and
accepts connections presenting the random token it got through ``EMBER_BRIDGE_TOKEN``: one per thread that has a
request in flight (a pool), plus the callback channel on which the JVM calls foreachBatch functions and
listeners of this process. When the launcher's class data sharing archive is fresh, this client runs ``java``
itself with the launcher's flags (``bin/jvm-flags``) and saves the shell hop; otherwise it goes through the launcher, which records a new archive. Its stdin is a pipe
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
from typing import Any, Callable, Dict, List, Optional, Tuple

from ember.errors import BridgeException, from_bridge_error

PROTOCOL_VERSION = 1
_PORT_PREFIX = "EMBER_BRIDGE_PORT="
_POLL_SECONDS = 0.5
# How long close() waits for the JVM to exit before killing it; the launcher may be writing the start-up
# archive at exit (several seconds on a busy machine).
_EXIT_WAIT_DIRECT = 5.0
_EXIT_WAIT_LAUNCHER = 60.0
# Ops that only wait for a streaming query: interrupting one (Ctrl-C in awaitTermination) drops its connection
# and leaves the session usable, since nothing runs in the JVM on the request's behalf.
_WAITING_OPS = frozenset(["awaitTermination", "awaitAnyTermination", "processAllAvailable"])


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


DEFAULT_DRIVER_MEMORY = "1g"
"""Spark's default ``spark.driver.memory``: the bridge JVM's maximum heap unless configured."""


def driver_memory(configured: Optional[str] = None) -> str:
    """The bridge JVM's heap size as ``-Xmx`` takes it: ``configured`` (``spark.driver.memory``), else
    ``EMBER_DRIVER_MEMORY``, else 1g. Sizes are Spark's memory strings (a number with k, m, g or t, or kb, mb, gb,
    tb, in any case; a bare number is MiB), the same rule as ``bin/ember``'s ``driver_heap_flag``.

    Raises BridgeException (INVALID_DRIVER_MEMORY) for anything else."""
    import re
    size = configured or os.environ.get("EMBER_DRIVER_MEMORY") or DEFAULT_DRIVER_MEMORY
    match = re.fullmatch(r"([0-9]+)([kmgt]?)b?", size.strip().lower())
    if match is None or (not match.group(2) and size.strip().lower().endswith("b")):
        raise BridgeException("Invalid driver memory '%s' (spark.driver.memory or EMBER_DRIVER_MEMORY): give a size "
                              "such as 512m or 2g (k, m, g or t; a bare number is MiB)." % size,
                              "INVALID_DRIVER_MEMORY")
    return match.group(1) + (match.group(2) or "m")


def direct_command(home: Path, memory: str = DEFAULT_DRIVER_MEMORY) -> Optional[List[str]]:
    """The ``java`` command line ``bin/ember bridge`` runs when its start-up archive is fresh, or None (no
    archive, a stale one, ``EMBER_CDS=off``, or this is the launcher's training run, ``EMBER_CDS_RECORD``):
    the launcher must then run, and records a new archive first. ``memory`` is the maximum heap (``-Xmx``); a
    ``-Xmx`` in ``EMBER_JAVA_OPTS`` comes later on the command line and wins, as with the launcher.

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
    return ([java] + flags + ["-XX:SharedArchiveFile=%s" % archive, "-Xmx" + memory]
            + os.environ.get("EMBER_JAVA_OPTS", "").split()
            + ["-Dember.home=%s" % home, "-cp", "%s/*" % lib, "io.ember.bridge.BridgeServer"])


def _start_timeout() -> float:
    return float(os.environ.get("EMBER_BRIDGE_START_TIMEOUT", "180"))


class Bridge:
    """A connection to a JVM bridge process this client started; requests are answered in order."""

    def __init__(self, master: str, app_name: str, cluster_options: Optional[Dict[str, str]] = None,
                 memory: Optional[str] = None):
        """Starts the JVM; ``memory`` is ``spark.driver.memory`` if configured (see :func:`driver_memory`)."""
        self._memory = driver_memory(memory)
        home = ember_home()
        launcher = home / "bin" / "ember"
        if not launcher.exists():
            raise BridgeException("Cannot start the Ember JVM: launcher %s not found (set EMBER_HOME to the Ember "
                                  "installation)." % launcher, "BRIDGE_START_FAILED")
        self.token = secrets.token_hex(16)
        env = dict(os.environ, EMBER_BRIDGE_TOKEN=self.token, EMBER_MASTER=master, EMBER_APP_NAME=app_name,
                   EMBER_HOME=str(home), EMBER_DRIVER_MEMORY=self._memory)
        # options the session needs before it starts (an ember:// master's secret file), one key=value a line
        env["EMBER_SESSION_START_CONF"] = "\n".join("%s=%s" % kv for kv in sorted((cluster_options or {}).items()))
        self._stderr_tail: collections.deque = collections.deque(maxlen=40)
        self.process = self._start(home, launcher, env)
        self._lock = threading.RLock()
        self._pool_lock = threading.Lock()
        self._id_lock = threading.Lock()
        self._callback_lock = threading.Lock()
        self._idle: List[_Connection] = []
        self._all: List[_Connection] = []
        self._callbacks: Optional[_CallbackChannel] = None
        self._next_id = 0
        self._closed = False
        self._why_closed = ""
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        threading.Thread(target=self._drain_stdout, args=(lines,), daemon=True, name="ember-jvm-stdout").start()
        threading.Thread(target=self._drain_stderr, daemon=True, name="ember-jvm-stderr").start()
        atexit.register(self._close_at_exit)
        try:
            port = self._await_port(lines)
            self._connect(port)
        except BaseException:
            self._kill()
            raise

    # ---- process ----

    def _start(self, home: Path, launcher: Path, env: Dict[str, str]) -> subprocess.Popen:
        """Runs java directly when the launcher's start-up archive is fresh, else the launcher."""
        command = direct_command(home, self._memory)
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
        conn = self._open_connection()
        self._idle.append(conn)

    def _open_connection(self) -> "_Connection":
        """A new connection to the JVM, past its handshake (the JVM serves each connection on its own thread)."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=_start_timeout())
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(_POLL_SECONDS)
        conn = _Connection(self, sock)
        try:
            conn.send_json({"protocol": PROTOCOL_VERSION, "token": self.token})
            answer = conn.recv_json()
        except BaseException:
            conn.close()
            raise
        if not answer.get("ok"):
            conn.close()
            raise from_bridge_error(answer.get("error") or {"message": "handshake refused"})
        self.version = answer.get("version", "")
        self.default_parallelism = int(answer.get("defaultParallelism", 1))
        with self._pool_lock:
            self._all.append(conn)
        return conn

    @property
    def sock(self) -> Optional[socket.socket]:
        """The socket of the first connection (None before it is open)."""
        with self._pool_lock:
            return self._all[0].sock if self._all else None

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

    def _acquire(self) -> "_Connection":
        """An idle connection, or a new one when every connection is busy (another thread waits on it, e.g. in
        ``awaitTermination`` while a foreachBatch function runs queries)."""
        with self._pool_lock:
            if self._idle:
                return self._idle.pop()
        try:
            return self._open_connection()
        except BridgeException:
            raise
        except OSError as e:
            raise self._died("while opening a connection", e) from None

    def _release(self, conn: "_Connection") -> None:
        with self._pool_lock:
            if not self._closed:
                self._idle.append(conn)
                return
        conn.close()

    def request(self, op: str, batches: Optional[List[bytes]] = None, **args: Any) -> Tuple[Dict[str, Any], List[bytes]]:
        """Send one request (and its B frames), return the answer header and the B frames that follow it.

        Thread-safe: each request takes a connection of its own for the exchange, so requests of several threads
        run concurrently in the JVM. An interruption mid-exchange (Ctrl-C, a protocol error) leaves a stream out
        of step: the JVM is then stopped and later requests raise a BridgeException saying why; except for the
        ops that only wait for a streaming query (``awaitTermination``, ``awaitAnyTermination``,
        ``processAllAvailable``), whose interruption closes just that connection: the session stays usable.
        """
        if self._closed:
            raise BridgeException("The Ember session is stopped%s; create a new one with "
                                  "SparkSession.builder.getOrCreate()." % self._why_closed, "BRIDGE_CLOSED")
        with self._id_lock:
            self._next_id += 1
            req_id = self._next_id
        req = {"id": req_id, "op": op}
        req.update(args)
        if batches is not None:
            req["batches"] = len(batches)
        conn = self._acquire()
        try:
            header, received = conn.exchange(req, batches or [])
        except BridgeException:
            self._abandon("after a bridge error")
            raise
        except BaseException as e:
            if op in _WAITING_OPS:
                self._discard(conn)
            else:
                self._abandon("after %s interrupted a request" % type(e).__name__)
            raise
        self._release(conn)
        if not header.get("ok"):
            raise from_bridge_error(header.get("error") or {})
        return header, received

    def _discard(self, conn: "_Connection") -> None:
        """Closes a connection that is out of step; the JVM ends its side when it next writes to it."""
        with self._pool_lock:
            if conn in self._all:
                self._all.remove(conn)
        conn.close()

    def open_callbacks(self, handler: Callable[[Dict[str, Any]], Optional[Dict[str, Any]]]) -> None:
        """Opens the callback channel (PROTOCOL.md, "Callbacks") once: a connection on which the JVM sends
        callback requests; each is run by ``handler`` on a thread of its own (it returns the answer's fields or
        raises), and answered on the channel."""
        with self._callback_lock:
            if self._callbacks is not None:
                return
            conn = self._open_connection()
            with self._id_lock:
                self._next_id += 1
                req_id = self._next_id
            conn.send_json({"id": req_id, "op": "callbacks"})
            answer = conn.recv_json()
            if not answer.get("ok"):
                conn.close()
                raise from_bridge_error(answer.get("error") or {})
            conn.make_blocking()
            self._callbacks = _CallbackChannel(conn, handler)

    def _abandon(self, why: str) -> None:
        if not self._why_closed:
            self._why_closed = " (" + why + ")"
        self._kill()

    @property
    def closed(self) -> bool:
        """Whether the bridge is stopped or dead."""
        return self._closed

    def _close_at_exit(self) -> None:
        self.close(wait=False)

    def close(self, wait: bool = True) -> None:
        """Send ``stop``, close the connections and wait for the JVM to exit (killing it if it does not).

        With ``wait=False`` (this process is about to exit: the session was not stopped, or ``submit`` ends) a JVM
        this client started directly is not waited for: it has answered ``stop`` and finishes stopping on its own,
        and its stdin, closed here, ends it in any case. A JVM started through the launcher (which may be recording
        the start-up archive) is still waited for."""
        with self._lock:
            if self._closed:
                self._kill(wait)
                return
            try:
                conn = self._acquire()
                with self._id_lock:
                    self._next_id += 1
                    req_id = self._next_id
                self._closed = True
                conn.send_json({"id": req_id, "op": "stop"})
                conn.recv_json()
            except Exception:
                pass
            self._kill(wait)

    def _kill(self, wait: bool = True) -> None:
        self._closed = True
        with self._pool_lock:
            conns = list(self._all)
            self._idle.clear()
        for conn in conns:
            conn.close()
        try:
            if self.process.stdin:
                self.process.stdin.close()
        except OSError:
            pass
        if wait or self._exit_wait != _EXIT_WAIT_DIRECT:
            try:
                self.process.wait(timeout=self._exit_wait)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        atexit.unregister(self._close_at_exit)


class _Connection:
    """One socket to the JVM with the frame codec; used by one thread at a time, except the callback channel's,
    which one thread reads while others write (its socket is then blocking: see ``make_blocking``)."""

    def __init__(self, bridge: Bridge, sock: socket.socket):
        self.bridge = bridge
        self.sock = sock
        self.blocking = False

    def make_blocking(self) -> None:
        """Reads wait without a timeout and writes leave the socket's mode alone, so that a thread may write
        while another one waits in a read (switching the mode under a waiting read would break it)."""
        self.blocking = True
        self.sock.settimeout(None)

    def send_frame(self, kind: bytes, payload: bytes) -> None:
        data = struct.pack(">I", len(payload) + 1) + kind + payload
        if self.blocking:
            self.sock.sendall(data)
            return
        self.sock.settimeout(None)
        try:
            self.sock.sendall(data)
        except OSError as e:
            raise self.bridge._died("while sending a request", e) from None
        finally:
            try:
                self.sock.settimeout(_POLL_SECONDS)
            except OSError:
                pass

    def send_json(self, obj: Dict[str, Any]) -> None:
        self.send_frame(b"J", json.dumps(obj, separators=(",", ":")).encode("utf-8"))

    def recv_exact(self, n: int) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            if self.blocking:
                chunk = self.sock.recv(min(n - len(buf), 1 << 20))
                if not chunk:
                    raise EOFError("the JVM closed the callback channel")
                buf += chunk
                continue
            try:
                chunk = self.sock.recv(min(n - len(buf), 1 << 20))
            except socket.timeout:
                if self.bridge.process.poll() is not None:
                    raise self.bridge._died("while waiting for an answer", None) from None
                continue
            except OSError as e:
                raise self.bridge._died("while reading an answer", e) from None
            if not chunk:
                raise self.bridge._died("while reading an answer", None)
            buf += chunk
        return bytes(buf)

    def recv_frame(self) -> Tuple[bytes, bytes]:
        (n,) = struct.unpack(">I", self.recv_exact(4))
        body = self.recv_exact(n)
        return body[:1], body[1:]

    def recv_json(self) -> Dict[str, Any]:
        kind, payload = self.recv_frame()
        if kind != b"J":
            raise BridgeException("Protocol error: expected a JSON frame, got %r" % kind, "BRIDGE_PROTOCOL")
        return json.loads(payload.decode("utf-8"))

    def exchange(self, req: Dict[str, Any], batches: List[bytes]) -> Tuple[Dict[str, Any], List[bytes]]:
        self.send_json(req)
        for b in batches:
            self.send_frame(b"B", b)
        header = self.recv_json()
        if header.get("id") != req["id"]:
            raise BridgeException("Protocol error: answer id %s for request %s" % (header.get("id"), req["id"]),
                                  "BRIDGE_PROTOCOL")
        received = []
        for _ in range(int(header.get("batches", 0) or 0)):
            kind, payload = self.recv_frame()
            if kind != b"B":
                raise BridgeException("Protocol error: expected a batch frame, got %r" % kind, "BRIDGE_PROTOCOL")
            received.append(payload)
        return header, received

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes a thread waiting in a read
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass


class _CallbackChannel:
    """The connection on which the JVM calls this process back: a daemon thread reads the callback requests
    (with the B frames a request announces, as ``request["_batches"]``) and runs each on a thread of its own (a foreachBatch function may wait for another callback), answering on
    the same connection."""

    def __init__(self, conn: _Connection, handler: Callable[[Dict[str, Any]], Optional[Dict[str, Any]]]):
        self.conn = conn
        self.handler = handler
        self._write_lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True, name="ember-callbacks").start()

    def _read(self) -> None:
        while True:
            try:
                request = self.conn.recv_json()
                request["_batches"] = [self._recv_batch() for _ in range(int(request.get("batches", 0) or 0))]
            except Exception:
                return  # the bridge stopped or died: requests report it
            threading.Thread(target=self._run, args=(request,), daemon=True,
                             name="ember-callback-%s" % request.get("kind")).start()

    def _recv_batch(self) -> bytes:
        kind, payload = self.conn.recv_frame()
        if kind != b"B":
            raise BridgeException("Protocol error: expected a batch frame after a callback, got %r" % kind,
                                  "BRIDGE_PROTOCOL")
        return payload

    def _run(self, request: Dict[str, Any]) -> None:
        answer: Dict[str, Any] = {"callback": request.get("callback")}
        try:
            fields = self.handler(request)
            answer["ok"] = True
            if fields:
                answer.update(fields)
        except BaseException as e:  # the JVM fails the query with it, whatever it is
            import traceback
            answer["ok"] = False
            answer["error"] = {"type": type(e).__name__, "message": str(e),
                               "traceback": "".join(traceback.format_exception(type(e), e, e.__traceback__))}
        try:
            with self._write_lock:
                self.conn.send_json(answer)
        except Exception:
            pass  # the bridge is gone; nobody waits for this answer


def _now() -> float:
    import time
    return time.monotonic()
