package io.ember.checkpointing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shape of a streaming query as far as its checkpoint cares: named parts, each with a description that
 * changes exactly when the stored state or offsets can no longer serve the query. The planner names, for
 * example, {@code "source 0"} → the source's kind and options that fix its offsets, {@code "stateful operator 3"}
 * → the operator, its keys and its state schema. Two fingerprints are compatible when they have the same parts
 * with the same descriptions; {@link #differences} says what changed, in words, for the error a user sees.
 */
public record QueryFingerprint(SortedMap<String, String> parts) {
  public QueryFingerprint {
    for (Map.Entry<String, String> e : parts.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
        throw new IllegalArgumentException("A query fingerprint part needs a name and a description: " + e);
      }
    }
    parts = Collections.unmodifiableSortedMap(new TreeMap<>(parts));
  }

  /** A fingerprint of {@code parts} (name → description). */
  public static QueryFingerprint of(Map<String, String> parts) {
    return new QueryFingerprint(new TreeMap<>(parts));
  }

  /** A hex SHA-256 over the parts, stored beside them in the checkpoint metadata. */
  public String hash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : parts.entrySet()) {
        digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  /**
   * What changed from {@code stored} (the fingerprint a checkpoint was written with) to this one, one sentence
   * per part that was added, removed or changed, in part-name order; empty when compatible.
   */
  public List<String> differences(QueryFingerprint stored) {
    List<String> out = new ArrayList<>();
    TreeMap<String, String> all = new TreeMap<>(stored.parts);
    all.putAll(parts);
    for (String name : all.keySet()) {
      String before = stored.parts.get(name);
      String now = parts.get(name);
      if (before == null) {
        out.add(name + " was added (" + now + ")");
      } else if (now == null) {
        out.add(name + " was removed (was " + before + ")");
      } else if (!before.equals(now)) {
        out.add(name + " changed from " + before + " to " + now);
      }
    }
    return out;
  }
}
