package io.ember.runtime.local;

import io.ember.connectors.sink.CommitMessage;
import io.ember.core.errors.EmberRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Sink commit messages as bytes in an epoch's checkpoint, so that recovery commits a checkpointed epoch again.
 * Only messages that are {@link Serializable} (e.g. the file sink's staged file names) can be stored; reading
 * accepts only Ember's and the JDK's collection and value classes.
 */
final class CommitMessages {
  private static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter("maxdepth=20;io.ember.**;java.util.*;java.lang.*;!*");

  private CommitMessages() {}

  /** Whether {@code message} can be stored. */
  static boolean storable(CommitMessage message) {
    return message instanceof Serializable;
  }

  /** {@code message} as bytes; it must be {@link #storable}. */
  static byte[] encode(CommitMessage message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(message);
    } catch (IOException e) {
      throw new EmberRuntimeException("INTERNAL_ERROR", "Cannot store the sink commit message " + message + ": "
          + e, e);
    }
    return bytes.toByteArray();
  }

  /**
   * The message {@link #encode} wrote.
   *
   * @throws EmberRuntimeException {@code CHECKPOINT_CORRUPT} when the bytes are not such a message
   */
  static CommitMessage decode(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(FILTER);
      return (CommitMessage) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new EmberRuntimeException("CHECKPOINT_CORRUPT", "A sink commit message stored in the checkpoint"
          + " cannot be read (" + e + "); the checkpoint location was damaged or written by another version.", e);
    }
  }
}
