package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import org.apache.pekko.cluster.Valid$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses a node whose cluster secret differs from the cluster's. Pekko Cluster runs this checker on a seed
 * node when another node asks to join through the seed-node handshake: the joining node sends the values of
 * {@link #requiredKeys()} from its configuration, which is {@link ClusterPekkoConfig#SECRET_DIGEST_KEY}, the
 * {@linkplain ClusterSecret#digest() digest} of its secret (never the secret). When the digests differ the seed
 * logs the message below and answers "incompatible configuration"; the joining node then shuts down (with
 * {@code configuration-compatibility-check.enforce-on-join = on}, which Ember never turns off) and
 * {@link EmberNode} reports why.
 *
 * <p>This check stops nodes with a wrong or missing secret at the door. A program that skips the seed-node
 * handshake (sending Pekko's join message directly) is not checked here; {@link AdmissionGuard} downs it once it is
 * up. Both rest on the digest: on an untrusted network use Artery TLS with mutual authentication as well.
 *
 * <p>Registered under {@code pekko.cluster.configuration-compatibility-check.checkers}; Pekko creates it
 * through its public no-argument constructor.
 */
public final class SecretCompatChecker extends JoinConfigCompatChecker {
  /** Logged by the refusing node (Pekko prefixes "Found incompatible settings when [address] tried to join"). */
  static final String MISMATCH = "the cluster secret of the joining node differs from this cluster's ("
      + ClusterPekkoConfig.SECRET_DIGEST_KEY + " does not match): start it with this cluster's --secret-file or "
      + ClusterSecret.ENV;
  static final String MISSING = "the joining node has no cluster secret (" + ClusterPekkoConfig.SECRET_DIGEST_KEY
      + " is missing): it is not an Ember node of this version, or was started without --secret-file or "
      + ClusterSecret.ENV;

  public SecretCompatChecker() {}

  @Override
  public scala.collection.immutable.Seq<String> requiredKeys() {
    return CollectionConverters.asScala(List.of(ClusterPekkoConfig.SECRET_DIGEST_KEY)).toList();
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actualConfig) {
    if (!toCheck.hasPath(ClusterPekkoConfig.SECRET_DIGEST_KEY)) {
      return invalid(MISSING);
    }
    String theirs = toCheck.getString(ClusterPekkoConfig.SECRET_DIGEST_KEY);
    String ours = actualConfig.hasPath(ClusterPekkoConfig.SECRET_DIGEST_KEY)
        ? actualConfig.getString(ClusterPekkoConfig.SECRET_DIGEST_KEY) : null;
    return ClusterSecret.digestsEqual(theirs, ours) ? Valid$.MODULE$ : invalid(MISMATCH);
  }

  private static ConfigValidation invalid(String message) {
    return new Invalid(CollectionConverters.asScala(List.of(message)).toList());
  }
}
