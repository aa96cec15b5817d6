package io.ember.runtime.cluster.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags every Ember JVM starts with, read from {@code bin/jvm-flags} as {@code bin/ember} reads it: one flag
 * per line, surrounding white space trimmed, blank lines and lines starting with {@code #} skipped, no quoting.
 */
public final class JvmFlags {
  private JvmFlags() {}

  /** The flags in {@code file}; none when it does not exist. */
  public static List<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<String> flags = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String f = line.strip();
        if (!f.isEmpty() && !f.startsWith("#")) {
          flags.add(f);
        }
      }
      return List.copyOf(flags);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
