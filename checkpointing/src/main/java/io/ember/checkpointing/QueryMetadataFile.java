package io.ember.checkpointing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code metadata} file of a checkpoint location: the query's id and its {@link QueryFingerprint}, as JSON with
 * the format version {@link CheckpointDirectory#METADATA_VERSION} and the fingerprint's hash, which tells an edited
 * file from a written one.
 *
 * @param queryId the id of the query the location belongs to
 * @param fingerprint the query's shape
 */
record QueryMetadataFile(String queryId, QueryFingerprint fingerprint) {

  /** The file's content. */
  byte[] encode() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", queryId);
    json.put("formatVersion", CheckpointDirectory.METADATA_VERSION);
    json.put("fingerprintHash", fingerprint.hash());
    json.put("fingerprint", fingerprint.parts());
    return (Json.write(json) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the metadata file of location {@code dir}.
   *
   * @throws CheckpointCorruptException when it is missing, not valid JSON, lacks a part, or was edited
   * @throws CheckpointVersionException when it has another format version
   * @throws IOException when it cannot be read
   */
  static QueryMetadataFile read(Path dir, CheckpointFiles files) throws IOException {
    Path file = dir.resolve(CheckpointLayout.METADATA);
    byte[] bytes;
    try {
      bytes = files.read(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointCorruptException("The checkpoint location " + dir + " has no " + CheckpointLayout.METADATA
          + " file.");
    }
    Map<String, Object> json;
    try {
      json = Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file + " is not valid JSON ("
          + e.getMessage() + "); start the query with a new checkpoint location.", e);
    }
    Object version = json.get("formatVersion");
    if (!(version instanceof Long v)) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file + " has no formatVersion.");
    }
    if (v != CheckpointDirectory.METADATA_VERSION) {
      throw new CheckpointVersionException("checkpoint metadata file " + file, (int) (long) v,
          CheckpointDirectory.METADATA_VERSION);
    }
    if (!(json.get("id") instanceof String id) || id.isEmpty()
        || !(json.get("fingerprint") instanceof Map<?, ?> parts)) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file
          + " lacks the query id or the query fingerprint.");
    }
    Map<String, String> named = new TreeMap<>();
    for (Map.Entry<?, ?> e : parts.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new CheckpointCorruptException("The checkpoint metadata file " + file + " has a fingerprint part "
            + e.getKey() + " that is not a string.");
      }
      named.put((String) e.getKey(), s);
    }
    QueryFingerprint stored = QueryFingerprint.of(named);
    if (!stored.hash().equals(json.get("fingerprintHash"))) {
      throw new CheckpointCorruptException("The checkpoint metadata file " + file + " was edited: its fingerprint"
          + " does not match its fingerprintHash.");
    }
    return new QueryMetadataFile(id, stored);
  }
}
