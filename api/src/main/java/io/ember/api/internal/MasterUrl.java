package io.ember.api.internal;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Spark's local master strings: {@code local}, {@code local[N]}, {@code local[*]}. */
public final class MasterUrl {
  private static final Pattern LOCAL_N = Pattern.compile("local\\[\\s*([0-9]+|\\*)\\s*]");

  private MasterUrl() {}

  /**
   * The parallelism {@code master} asks for; {@code local[*]} is {@code availableProcessors}.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_MASTER_URL} for anything else, or N of 0
   */
  public static int parallelism(String master, int availableProcessors) {
    String m = master == null ? "" : master.trim();
    if (m.equals("local")) {
      return 1;
    }
    Matcher matcher = LOCAL_N.matcher(m);
    if (matcher.matches()) {
      String n = matcher.group(1);
      if (n.equals("*")) {
        return availableProcessors;
      }
      int threads;
      try {
        threads = Integer.parseInt(n);
      } catch (NumberFormatException e) {
        threads = 0;
      }
      if (threads >= 1) {
        return threads;
      }
      throw new EmberIllegalArgumentException(
          "INVALID_MASTER_URL", "Asked to run locally with " + n + " threads in master '" + master
              + "'; use a positive number, e.g. local[4], or local[*] for one per core.");
    }
    throw new EmberIllegalArgumentException(
        "INVALID_MASTER_URL", "Could not parse Master URL: '" + master
            + "'. Supported: local, local[N] (N threads), local[*] (one per core).");
  }
}
