package io.ember.runtime.cluster;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of a cluster: every node and every client of one cluster holds the same secret, read
 * from a file ({@code --secret-file}) or from the environment variable {@value #ENV}.
 *
 * <p>The secret itself never leaves the process: what travels (in the join handshake's configuration and
 * in admin requests) is {@link #digest()}, an HMAC-SHA256 keyed by the secret over a fixed context string.
 * A peer that knows the digest is admitted, so the digest is a bearer token: over an untrusted network run
 * Artery with TLS so that it cannot be read off the wire (see the README's cluster section).
 *
 * <p>{@link #toString()} never shows the secret.
 */
public final class ClusterSecret {
  /** The environment variable holding the secret itself (not a file name). */
  public static final String ENV = "EMBER_CLUSTER_SECRET";
  /** Secrets shorter than this are refused: they are too easy to guess. */
  public static final int MIN_LENGTH = 16;
  /** The HMAC message; a new version of the handshake changes it, so old and new digests never match. */
  private static final String CONTEXT = "ember-cluster-join-v1";
  private static final String PROOF_CONTEXT = "ember-admission-v1";

  private final String digest;
  private final String origin;

  private ClusterSecret(byte[] secret, String origin) {
    this.digest = hmac(secret, CONTEXT);
    this.origin = origin;
  }

  /**
   * The secret from {@code text}, trimmed of surrounding white space (a trailing newline of a file).
   *
   * @param origin where it came from, for messages ("file /x/secret", "environment variable ...")
   * @throws EmberIllegalArgumentException if it is shorter than {@link #MIN_LENGTH} characters
   */
  public static ClusterSecret of(String text, String origin) {
    String trimmed = text.strip();
    if (trimmed.length() < MIN_LENGTH) {
      throw new EmberIllegalArgumentException("INVALID_CLUSTER_SECRET", "The cluster secret from " + origin
          + " has " + trimmed.length() + " characters; it needs at least " + MIN_LENGTH + ". " + howToCreate());
    }
    return new ClusterSecret(trimmed.getBytes(StandardCharsets.UTF_8), origin);
  }

  /**
   * Reads the secret from {@code file}.
   *
   * @throws EmberIllegalArgumentException if the file is missing, unreadable or too short
   */
  public static ClusterSecret fromFile(Path file) {
    try {
      return of(Files.readString(file, StandardCharsets.UTF_8), "file " + file);
    } catch (NoSuchFileException e) {
      throw new EmberIllegalArgumentException("INVALID_CLUSTER_SECRET",
          "The cluster secret file " + file + " does not exist. " + howToCreate());
    } catch (IOException e) {
      throw new EmberIllegalArgumentException("INVALID_CLUSTER_SECRET",
          "The cluster secret file " + file + " cannot be read: " + e + ". Check its permissions.", e);
    }
  }

  /**
   * The secret from {@code secretFile} when given, else from {@value #ENV} in {@code env}.
   *
   * @throws EmberIllegalArgumentException if neither is set, or the one used is invalid
   */
  public static ClusterSecret resolve(Path secretFile, Map<String, String> env) {
    if (secretFile != null) {
      return fromFile(secretFile);
    }
    String value = env.get(ENV);
    if (value != null && !value.isBlank()) {
      return of(value, "environment variable " + ENV);
    }
    throw new EmberIllegalArgumentException("MISSING_CLUSTER_SECRET", "No cluster secret: pass --secret-file <file> "
        + "or set " + ENV + "; every node and client of a cluster needs the same secret. " + howToCreate());
  }

  /** The hex HMAC-SHA256 of the handshake context keyed by the secret: what peers compare. */
  public String digest() {
    return digest;
  }

  /** Where the secret came from (a file name or the environment variable), never the secret. */
  public String origin() {
    return origin;
  }

  /**
   * The answer to an admission challenge: an HMAC-SHA256 keyed by the cluster's {@code digest} over the
   * challenge's {@code nonce} and the answering node's {@code address}, so that an answer proves knowledge of
   * the digest without revealing it and cannot be replayed for another nonce or node.
   */
  public static String proof(String digest, String nonce, String address) {
    return hmac(digest.getBytes(StandardCharsets.US_ASCII), PROOF_CONTEXT + "|" + nonce + "|" + address);
  }

  /** Compares two digests in time independent of where they differ. */
  public static boolean digestsEqual(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "ClusterSecret(from " + origin + ")";
  }

  static String howToCreate() {
    return "Create one with: head -c 32 /dev/urandom | base64 > cluster.secret && chmod 600 cluster.secret";
  }

  private static String hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
