package io.ember.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.api.Session;
import io.ember.bridge.udf.PythonWorkerPool;
import io.ember.bridge.udf.WorkerLauncher;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM side of the Python bridge ({@code docs/PROTOCOL.md}): listens on {@code 127.0.0.1} on a free port,
 * accepts a client that presents the token and {@link #PROTOCOL_VERSION}, and answers its requests in order
 * through a {@link RequestDispatcher}.
 *
 * <p>Every connection is served on a thread of its own, so a client may run requests concurrently on several
 * connections (a streaming query's Python callback runs batch queries while the main thread waits in
 * {@code awaitTermination}); one connection's requests are answered in order. A connection that sends
 * {@code callbacks} becomes the {@link CallbackChannel} over which the JVM calls the client. A client that sends
 * no handshake within {@link #HANDSHAKE_TIMEOUT_MS} is dropped, so it cannot hold a thread. Handles and plan ids
 * outlive connections (they live as long as the bridge).
 *
 * <p>{@link #main} is the process entry ({@code bin/ember bridge}); tests start a server in-process with
 * {@link #bind} and {@link #serve} on a thread of their own.
 */
public final class BridgeServer implements AutoCloseable {
  /** The protocol version this server speaks. */
  public static final int PROTOCOL_VERSION = 1;
  /** How long a new connection may take to send its handshake. */
  public static final int HANDSHAKE_TIMEOUT_MS = 10_000;
  /** How long the bridge process may take to stop its session once told to stop before it exits regardless. */
  static final int STOP_LIMIT_SECONDS = 60;

  private final ServerSocket socket;
  private final Session session;
  private final byte[] token;
  private final Runnable onStop;
  private final ObjectMapper mapper;
  private final RequestDispatcher dispatcher;
  private final PythonWorkerPool workers;
  private final CallbackChannel callbacks = new CallbackChannel();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private BridgeServer(ServerSocket socket, Session session, String token, Runnable onStop) {
    this.socket = socket;
    this.session = session;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.onStop = onStop;
    this.mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    Handles handles = new Handles();
    this.workers = new PythonWorkerPool(WorkerLauncher.fromEnvironment(), Math.max(1, session.defaultParallelism()));
    this.dispatcher = new RequestDispatcher(session, handles, new PlanDecoder(handles, workers, session), mapper,
        callbacks);
  }

  /**
   * Binds {@code 127.0.0.1} on a free port.
   *
   * @param onStop run after a {@code stop} request has been answered (the process stops the session and exits)
   */
  public static BridgeServer bind(Session session, String token, Runnable onStop) throws IOException {
    if (token == null || token.isEmpty()) {
      throw new EmberIllegalArgumentException("BRIDGE_TOKEN_MISSING", "The bridge needs a non-empty token.");
    }
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    return new BridgeServer(s, session, token, onStop);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Accepts clients until {@link #close()}, serving each connection on a daemon thread of its own. */
  public void serve() {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          System.err.println("Bridge accept failed: " + e);
        }
        continue;
      }
      Thread t = new Thread(() -> serveConnection(client), "ember-bridge-conn-" + connections.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serveConnection(Socket client) {
    open.add(client);
    try (client) {
      if (socket.isClosed()) {
        return;
      }
      serveClient(client);
    } catch (SocketException e) {
      if (!socket.isClosed()) {
        System.err.println("Bridge connection failed: " + e);
      }
    } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // The client sees its connection closed; the bridge keeps serving the others.
      System.err.println("Bridge connection failed: " + e);
    } finally {
      open.remove(client);
    }
  }

  private void serveClient(Socket client) throws IOException {
    client.setTcpNoDelay(true);
    DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 1 << 16));
    OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
    client.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
    try {
      if (!handshake(in, out)) {
        return;
      }
    } catch (SocketTimeoutException e) {
      return;
    }
    client.setSoTimeout(0);
    while (true) {
      Frame f;
      try {
        f = Frame.read(in);
      } catch (EmberIllegalArgumentException e) {
        dispatcher.writeError(out, null, e);
        return;
      }
      if (f == null) {
        return;
      }
      if (!f.isJson()) {
        dispatcher.writeError(out, null, new EmberIllegalArgumentException(
            "BRIDGE_INVALID_REQUEST", "Expected a 'J' request frame, got a 'B' frame no request announced."));
        return;
      }
      JsonNode request;
      try {
        request = mapper.readTree(f.payload());
      } catch (JsonProcessingException e) {
        request = null;
      }
      if (request == null || !request.isObject()) {
        dispatcher.writeError(out, null, new EmberIllegalArgumentException(
            "BRIDGE_INVALID_REQUEST", "A request must be a JSON object {\"id\": ..., \"op\": ...}."));
        continue;
      }
      if ("callbacks".equals(request.path("op").asText())) {
        // The connection now carries the JVM's calls to the client until it closes.
        callbacks.serve(request.get("id"), in, out, mapper);
        return;
      }
      if (dispatcher.handle(request, in, out)) {
        onStop.run();
        return;
      }
    }
  }

  /** Reads the client's handshake and answers it; false (after the refusal is sent) when it is refused. */
  private boolean handshake(DataInputStream in, OutputStream out) throws IOException {
    Frame f;
    JsonNode hello = null;
    try {
      f = Frame.read(in);
      if (f == null) {
        return false;
      }
      if (f.isJson()) {
        hello = mapper.readTree(f.payload());
      }
    } catch (EmberIllegalArgumentException | IOException e) {
      if (e instanceof SocketTimeoutException timeout) {
        throw timeout;
      }
    }
    String problem = refusal(hello);
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    reply.put("ok", problem == null);
    if (problem == null) {
      reply.put("protocol", PROTOCOL_VERSION);
      reply.put("version", session.version());
      reply.put("defaultParallelism", session.defaultParallelism());
    } else {
      reply.set("error", BridgeErrors.toJson(new EmberIllegalArgumentException("BRIDGE_HANDSHAKE_REFUSED", problem)));
    }
    Frame.json(mapper.writeValueAsBytes(reply)).write(out);
    out.flush();
    return problem == null;
  }

  private String refusal(JsonNode hello) {
    if (hello == null || !hello.isObject()) {
      return "The first frame must be the handshake J{\"protocol\": " + PROTOCOL_VERSION + ", \"token\": \"...\"}.";
    }
    JsonNode t = hello.get("token");
    byte[] given = t != null && t.isTextual() ? t.asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      return "Wrong bridge token: the client must present the EMBER_BRIDGE_TOKEN the bridge was started with.";
    }
    JsonNode p = hello.get("protocol");
    if (p == null || !p.isInt() || p.asInt() != PROTOCOL_VERSION) {
      return "Unsupported bridge protocol " + p + ": this bridge speaks protocol " + PROTOCOL_VERSION
          + "; use the ember Python package of the same Ember version.";
    }
    return null;
  }

  /** Stops accepting clients, cuts off the connections being served and kills the Python UDF workers. */
  @Override
  public void close() throws IOException {
    callbacks.close();
    workers.close();
    socket.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // Already closed by its client.
      }
    }
  }

  /**
   * Starts the bridge process: reads {@code EMBER_BRIDGE_TOKEN} (required), {@code EMBER_MASTER},
   * {@code EMBER_APP_NAME} and {@code EMBER_SESSION_START_CONF} (options the session starts with, one
   * {@code key=value} a line: an {@code ember://} master's {@code spark.ember.cluster.*}), starts the session, prints {@code EMBER_BRIDGE_PORT=<port>} as the only line on
   * stdout (everything else goes to stderr), and exits when stdin reaches end of file or a client sends
   * {@code stop}.
   */
  public static void main(String[] args) throws IOException {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    String token = System.getenv("EMBER_BRIDGE_TOKEN");
    if (token == null || token.isBlank()) {
      System.err.println("ember bridge: EMBER_BRIDGE_TOKEN is not set; the bridge only serves a client that"
          + " presents it. Start the bridge from the ember Python package (SparkSession.builder.getOrCreate()).");
      System.exit(2);
    }
    Session.Builder builder = Session.builder().appName(envOr("EMBER_APP_NAME", "ember"));
    String master = System.getenv("EMBER_MASTER");
    if (master != null && !master.isBlank()) {
      builder.master(master);
    }
    // options the session needs to start (an ember:// master's spark.ember.cluster.*), one key=value a line
    for (String line : envOr("EMBER_SESSION_START_CONF", "").split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        builder.config(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    Session session;
    try {
      session = builder.getOrCreate();
    } catch (RuntimeException e) {
      System.err.println("ember bridge: cannot start the session: " + e.getMessage());
      System.exit(1);
      return;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable exit = () -> {
      if (stopping.compareAndSet(false, true)) {
        // A client that exits does not wait for this process: it ends itself, once the session stopped, or after
        // STOP_LIMIT_SECONDS should stopping hang.
        Thread limit = new Thread(() -> {
          try {
            Thread.sleep(STOP_LIMIT_SECONDS * 1000L);
          } catch (InterruptedException e) {
            return;
          }
          System.err.println("ember bridge: the session did not stop within " + STOP_LIMIT_SECONDS + " s; exiting");
          Runtime.getRuntime().halt(1);
        }, "ember-bridge-stop-limit");
        limit.setDaemon(true);
        limit.start();
        int status = 0;
        try {
          session.stop();
        } catch (RuntimeException e) {
          System.err.println("ember bridge: stopping the session failed: " + e.getMessage());
          status = 1;
        }
        System.exit(status);
      }
    };
    BridgeServer server = bind(session, token, exit);
    watchStdin(System.in, exit);
    stdout.println("EMBER_BRIDGE_PORT=" + server.port());
    stdout.flush();
    server.serve();
  }

  private static String envOr(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }

  /** Runs {@code atEof} on a daemon thread when {@code in} reaches end of file (or fails). */
  static Thread watchStdin(InputStream in, Runnable atEof) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[256];
      try {
        while (in.read(buf) >= 0) {
          // The parent never writes; whatever arrives is ignored.
        }
      } catch (IOException e) {
        // A broken pipe means the parent is gone, as end of file does.
      }
      atEof.run();
    }, "ember-bridge-stdin");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
