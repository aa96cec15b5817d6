package io.ember.checkpointing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What one piece of code allocated on the calling thread: the heap bytes in total (the JVM's count of the thread's
 * allocations) and the largest byte array, as Flight Recorder saw it. A byte array larger than what fits a
 * thread-local allocation buffer (every array of a megabyte or more, and every "humongous" one of G1) is recorded
 * outside such a buffer, and an array that opened a new buffer is recorded too, with its size.
 */
record Allocations<T>(T result, long bytes, long largestByteArray) {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Runs {@code code} on this thread and records its allocations. */
  static <T> Allocations<T> of(Supplier<T> code) {
    Path file;
    try {
      file = Files.createTempFile("allocations", ".jfr");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ObjectAllocationOutsideTLAB");
      recording.enable("jdk.ObjectAllocationInNewTLAB");
      recording.start();
      long thread = Thread.currentThread().getId();
      long before = THREADS.getThreadAllocatedBytes(thread);
      T result = code.get();
      long bytes = THREADS.getThreadAllocatedBytes(thread) - before;
      recording.stop();
      recording.dump(file);
      long largest = 0;
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (e.getThread() != null && e.getThread().getJavaThreadId() == thread
            && isByteArray(e.getClass("objectClass").getName())) {
          largest = Math.max(largest, e.getLong("allocationSize"));
        }
      }
      return new Allocations<>(result, bytes, largest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file; the test's result does not depend on it
      }
    }
  }

  private static boolean isByteArray(String className) {
    return "byte[]".equals(className) || "[B".equals(className);
  }
}
