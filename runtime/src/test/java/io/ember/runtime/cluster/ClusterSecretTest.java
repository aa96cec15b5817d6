package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.Valid$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

class ClusterSecretTest {
  @TempDir
  Path dir;

  @Test
  void digestIsAStableHmacThatNeverContainsTheSecret() {
    ClusterSecret a = ClusterSecret.of("correct horse battery staple", "test");
    assertEquals(a.digest(), ClusterSecret.of("  correct horse battery staple\n", "test").digest());
    assertNotEquals(a.digest(), ClusterSecret.of("correct horse battery stapler", "test").digest());
    assertEquals(64, a.digest().length());
    assertFalse(a.digest().contains("horse"));
    assertFalse(a.toString().contains("horse"));
  }

  @Test
  void shortMissingAndUnreadableSecretsAreRefusedWithHowToFixIt() throws Exception {
    EmberIllegalArgumentException shortOne = assertThrows(EmberIllegalArgumentException.class,
        () -> ClusterSecret.of("short", "test"));
    assertTrue(shortOne.getMessage().contains("needs at least " + ClusterSecret.MIN_LENGTH));
    assertTrue(shortOne.getMessage().contains("head -c 32 /dev/urandom"));
    EmberIllegalArgumentException none = assertThrows(EmberIllegalArgumentException.class,
        () -> ClusterSecret.resolve(null, Map.of()));
    assertEquals("MISSING_CLUSTER_SECRET", none.errorClass());
    Path file = dir.resolve("s");
    Files.writeString(file, "from-the-file-0123456789\n");
    assertEquals(ClusterSecret.of("from-the-file-0123456789", "x").digest(),
        ClusterSecret.resolve(file, Map.of(ClusterSecret.ENV, "from-the-environment-0123")).digest());
    assertEquals(ClusterSecret.of("from-the-environment-0123", "x").digest(),
        ClusterSecret.resolve(null, Map.of(ClusterSecret.ENV, "from-the-environment-0123")).digest());
  }

  @Test
  void admissionProofsDependOnDigestNonceAndAddressAndRevealNone() {
    String d = ClusterSecret.of("correct horse battery staple", "test").digest();
    String p = ClusterSecret.proof(d, "n1", "pekko://ember@h:1");
    assertEquals(p, ClusterSecret.proof(d, "n1", "pekko://ember@h:1"));
    assertNotEquals(p, ClusterSecret.proof(d, "n2", "pekko://ember@h:1"));
    assertNotEquals(p, ClusterSecret.proof(d, "n1", "pekko://ember@h:2"));
    assertNotEquals(p, ClusterSecret.proof(ClusterSecret.of("another secret entirely", "t").digest(), "n1",
        "pekko://ember@h:1"));
    assertFalse(p.contains(d));
  }

  @Test
  void joinCheckerAcceptsTheSameDigestAndRefusesAnotherOrNone() {
    SecretCompatChecker checker = new SecretCompatChecker();
    assertEquals(List.of(ClusterPekkoConfig.SECRET_DIGEST_KEY), CollectionConverters.asJava(checker.requiredKeys()));
    Config ours = digestConfig("the-cluster-secret-123");
    assertEquals(Valid$.MODULE$, checker.check(digestConfig("the-cluster-secret-123"), ours));
    assertEquals(List.of(SecretCompatChecker.MISMATCH),
        CollectionConverters.asJava(((Invalid) checker.check(digestConfig("another-secret-12345"), ours)).errorMessages()));
    assertEquals(List.of(SecretCompatChecker.MISSING),
        CollectionConverters.asJava(((Invalid) checker.check(ConfigFactory.empty(), ours)).errorMessages()));
  }

  private static Config digestConfig(String secret) {
    return ConfigFactory.parseMap(Map.of(ClusterPekkoConfig.SECRET_DIGEST_KEY, ClusterSecret.of(secret, "t").digest()));
  }
}
