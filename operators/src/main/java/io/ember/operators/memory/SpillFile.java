package io.ember.operators.memory;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import io.ember.operators.internal.BatchCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One spill file: a sequence of batches in {@link BatchCodec}'s columnar encoding, written once front to back, then
 * read front to back any number of times, then {@linkplain #delete() deleted}. Layout: a format version byte, then
 * for each batch a {@code true} flag and the batch, then a {@code false} flag. The schema is not written: readers
 * pass it. Owned by one operator; not thread-safe.
 */
public final class SpillFile {
  private static final int FORMAT_VERSION = 1;
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final Path directory;
  private Output writer;
  private long bytes;
  private long batches;
  private boolean finished;
  private boolean deleted;

  SpillFile(Path path, Path directory) {
    this.path = path;
    this.directory = directory;
  }

  /** Appends {@code batch}. */
  public void append(Batch batch) {
    if (finished) {
      throw new IllegalStateException("Spill file " + path + " is already finished");
    }
    try {
      if (writer == null) {
        writer = new Output(Files.newOutputStream(path), BUFFER_BYTES);
        writer.writeByte(FORMAT_VERSION);
      }
      writer.writeBoolean(true);
      BatchCodec.write(writer, batch);
      batches++;
    } catch (IOException | KryoException | UncheckedIOException e) {
      throw fail(e);
    }
  }

  /** Ends writing (flushes and closes the file); the file can then be read. Returns its size in bytes. */
  public long finish() {
    if (finished) {
      return bytes;
    }
    try {
      if (writer == null) {
        writer = new Output(Files.newOutputStream(path), BUFFER_BYTES);
        writer.writeByte(FORMAT_VERSION);
      }
      writer.writeBoolean(false);
      writer.close();
      finished = true;
      bytes = Files.size(path);
      return bytes;
    } catch (IOException | KryoException | UncheckedIOException e) {
      throw fail(e);
    }
  }

  /** Opens a reader of the batches written, which have {@code schema}. Requires {@link #finish()}. */
  public Reader open(StructType schema) {
    if (!finished) {
      throw new IllegalStateException("Spill file " + path + " is still being written");
    }
    try {
      Input in = new Input(Files.newInputStream(path), BUFFER_BYTES);
      int version = in.readByte();
      if (version != FORMAT_VERSION) {
        in.close();
        throw new IOException("unknown spill format version " + version);
      }
      return new Reader(in, schema);
    } catch (IOException | KryoException e) {
      throw SpillException.reading(path, directory, e);
    }
  }

  /** The bytes written, known once {@linkplain #finish() finished}. */
  public long bytes() {
    return bytes;
  }

  /** The number of batches appended. */
  public long batches() {
    return batches;
  }

  public Path path() {
    return path;
  }

  /** Closes the writer if still open and removes the file; repeated calls do nothing. Never throws. */
  public void delete() {
    if (deleted) {
      return;
    }
    deleted = true;
    if (writer != null && !finished) {
      try {
        writer.close();
      } catch (KryoException ignored) {
        // the file is being dropped; a failed flush changes nothing
      }
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // left to the shutdown hook, which retries every file it still knows
      return;
    }
    SpillDirectory.forget(path);
  }

  private SpillException fail(Exception e) {
    return SpillException.writing(directory, e);
  }

  /** Reads the batches of a finished file in order; close it when done (or let {@link SpillFile#delete()} go on). */
  public final class Reader implements AutoCloseable {
    private final Input in;
    private final StructType schema;
    private boolean closed;

    private Reader(Input in, StructType schema) {
      this.in = in;
      this.schema = schema;
    }

    /** The next batch, or null after the last (the reader is then closed). */
    public Batch next() {
      if (closed) {
        return null;
      }
      try {
        if (!in.readBoolean()) {
          close();
          return null;
        }
        return BatchCodec.read(in, schema);
      } catch (KryoException e) {
        close();
        throw SpillException.reading(path, directory, e);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        in.close();
      }
    }
  }
}
