package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The file operations of a {@link CheckpointDirectory}. Every write goes to a hidden temporary file in the target's
 * directory, is forced to disk, and is renamed over the target atomically, and the directory is forced too; so a
 * process killed at any moment leaves the target either absent, as it was, or whole. Temporary files a killed
 * process left behind match {@link #isTemporary(Path)} and are deleted when a writer opens the location.
 *
 * <p>Not final so that tests can inject a crash between (or inside) writes.
 */
class CheckpointFiles {
  /** Suffix of temporary files. */
  static final String TEMP_SUFFIX = ".tmp";

  private final boolean durable;

  /** Files forced to disk before each rename, as checkpoints need. */
  CheckpointFiles() {
    this(true);
  }

  /**
   * Files forced to disk only when {@code durable}; without it writes are still atomic for readers and for a
   * killed process (the page cache survives it), only not for a machine that loses power. Tests use it.
   */
  CheckpointFiles(boolean durable) {
    this.durable = durable;
  }

  /** Writes {@code bytes} to {@code target} atomically, creating its directory if needed. */
  final void writeAtomically(Path target, byte[] bytes) throws IOException {
    writeAtomically(target, ChunkedBytes.wrap(bytes));
  }

  /** Writes {@code bytes} to {@code target} atomically, chunk by chunk, creating its directory if needed. */
  void writeAtomically(Path target, ChunkedBytes bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = tempFor(target);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        try {
          bytes.writeTo((array, offset, length) -> {
            ByteBuffer buf = ByteBuffer.wrap(array, offset, length);
            try {
              while (buf.hasRemaining()) {
                ch.write(buf);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        if (durable) {
          ch.force(true);
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("The file system of " + target + " cannot rename atomically, which checkpoints need",
            e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    if (durable) {
      forceDirectory(target.getParent());
    }
  }

  /** Deletes {@code path} if it exists, and, when durable, forces its directory so the deletion survives a crash. */
  void deleteDurably(Path path) throws IOException {
    delete(path);
    if (durable) {
      forceDirectory(path.getParent());
    }
  }

  /** Deletes {@code path} if it exists. */
  void delete(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  /** The whole content of {@code path}. */
  byte[] read(Path path) throws IOException {
    return Files.readAllBytes(path);
  }

  /** The whole content of {@code path}, in chunks of at most {@link ChunkedBytes#CHUNK_BYTES}. */
  ChunkedBytes readChunked(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      List<ChunkedBytes> chunks = new ArrayList<>();
      for (long left = ch.size(); left > 0; ) {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(ChunkedBytes.CHUNK_BYTES, left));
        while (chunk.hasRemaining()) {
          if (ch.read(chunk) < 0) {
            throw new IOException("The file " + path + " ended while it was read; it is being changed");
          }
        }
        chunks.add(ChunkedBytes.wrap(chunk.array()));
        left -= chunk.capacity();
      }
      return ChunkedBytes.concat(chunks);
    }
  }

  /** A fresh temporary file name beside {@code target}. */
  static Path tempFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
  }

  /** Whether {@code path} names a temporary file of {@link #writeAtomically}. */
  static boolean isTemporary(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }

  /** Makes a rename in {@code dir} durable; file systems that cannot force a directory are left as they are. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported on this platform or file system; the rename itself is still atomic.
    }
  }
}
