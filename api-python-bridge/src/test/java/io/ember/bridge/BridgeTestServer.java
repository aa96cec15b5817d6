package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ember.api.Session;
import java.io.IOException;

/**
 * A bridge server over a session, serving on a daemon thread, for tests that talk the protocol through
 * {@link BridgeClient}. Closing it closes the server, not the session.
 */
final class BridgeTestServer implements AutoCloseable {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private final BridgeServer server;

  private BridgeTestServer(BridgeServer server) {
    this.server = server;
  }

  /** Binds a server to {@code session} and serves it on a daemon thread named after {@code name}. */
  static BridgeTestServer serve(Session session, String name) throws IOException {
    BridgeServer server = BridgeServer.bind(session, TOKEN, () -> { });
    Thread t = new Thread(server::serve, name + "-server");
    t.setDaemon(true);
    t.start();
    return new BridgeTestServer(server);
  }

  /** A client that has passed the handshake (asserted). */
  BridgeClient connect() throws IOException {
    BridgeClient c = new BridgeClient(server.port());
    JsonNode hello = c.handshake(TOKEN, BridgeServer.PROTOCOL_VERSION);
    assertTrue(hello.path("ok").asBoolean(), hello.toString());
    return c;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
