package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.cluster.ClusterSecret;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Masters a session cannot start with, and where a cluster session's secret comes from. */
class RuntimesTest {
  private static final String SECRET = "a-cluster-secret-for-the-test";

  @TempDir
  Path dir;

  @Test
  void aMalformedClusterUrlNamesWhatIsExpected() {
    for (String url : new String[] {"ember://", "ember://host", "ember://host:port", "ember://:7355",
        "ember://h:70000"}) {
      EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
          () -> Runtimes.start(url, Map.of(), Map.of(ClusterSecret.ENV, SECRET)), url);
      assertEquals("INVALID_MASTER_URL", e.errorClass(), url);
      assertTrue(e.getMessage().contains(url) && e.getMessage().contains("ember://host:port"), e.getMessage());
    }
  }

  @Test
  @Timeout(60)
  void anUnreachableMasterFailsNamingTheAddressAndWhatToCheck() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "ember://127.0.0.1:" + port;
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> Runtimes.start(url,
        Map.of(Runtimes.CONNECT_TIMEOUT_KEY, "2s"), Map.of(ClusterSecret.ENV, SECRET)));
    assertEquals("CLUSTER_UNREACHABLE", e.errorClass());
    assertTrue(e.getMessage().contains(url) && e.getMessage().contains("bin/ember cluster status"), e.getMessage());
  }

  @Test
  void theSecretComesFromTheOptionThenTheEnvironmentThenTheClusterStateDirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("secret"), "secret-from-the-file-option\n");
    Map<String, String> env = Map.of(ClusterSecret.ENV, SECRET, "EMBER_CLUSTER_DIR", dir.toString());
    assertEquals(ClusterSecret.of("secret-from-the-file-option", "x").digest(),
        Runtimes.secret(Map.of(Runtimes.SECRET_FILE_KEY, file.toString()), env).digest());
    assertEquals(ClusterSecret.of(SECRET, "x").digest(), Runtimes.secret(Map.of(), env).digest());
    assertEquals(ClusterSecret.of("secret-from-the-file-option", "x").digest(),
        Runtimes.secret(Map.of(), Map.of("EMBER_CLUSTER_DIR", dir.toString())).digest());
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> Runtimes.secret(Map.of(), Map.of("EMBER_CLUSTER_DIR", dir.resolve("none").toString())));
    assertEquals("MISSING_CLUSTER_SECRET", e.errorClass());
  }

  @Test
  void aBadConnectTimeoutIsRefused() {
    assertEquals(Duration.ofSeconds(5), Runtimes.connectTimeout(Map.of(Runtimes.CONNECT_TIMEOUT_KEY, "5s")));
    assertEquals(Duration.ofMillis(700), Runtimes.connectTimeout(Map.of(Runtimes.CONNECT_TIMEOUT_KEY, "700ms")));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> Runtimes.connectTimeout(Map.of(Runtimes.CONNECT_TIMEOUT_KEY, "soon")));
    assertEquals("INVALID_CONF_VALUE", e.errorClass());
  }

  @Test
  void replicasAreOneUnlessConfiguredAndAtLeastOne() {
    assertEquals(1, Runtimes.replicas(Map.of()));
    assertEquals(2, Runtimes.replicas(Map.of("ember.checkpoint.replicas", "2")));
    for (String bad : new String[] {"0", "two"}) {
      EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
          () -> Runtimes.replicas(Map.of("ember.checkpoint.replicas", bad)));
      assertEquals("INVALID_CONF_VALUE", e.errorClass());
    }
  }
}
