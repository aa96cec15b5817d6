package io.ember.runtime.cluster.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The flags of one {@code cluster} command: each taken once by name, anything left over is an error. */
final class Args {
  private final List<String> args;
  private final boolean[] used;

  Args(List<String> args) {
    this.args = List.copyOf(args);
    this.used = new boolean[args.size()];
  }

  /** Whether {@code name} is present (a flag without value). */
  boolean flag(String name) {
    boolean found = false;
    for (int i = 0; i < args.size(); i++) {
      if (!used[i] && args.get(i).equals(name)) {
        used[i] = true;
        found = true;
      }
    }
    return found;
  }

  /** The value of the last {@code name value} or {@code name=value}, or {@code def}. */
  String value(String name, String def) {
    List<String> all = values(name);
    return all.isEmpty() ? def : all.get(all.size() - 1);
  }

  /** Every value of a repeatable {@code name}. */
  List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (used[i]) {
        continue;
      }
      if (a.equals(name)) {
        if (i + 1 >= args.size()) {
          throw ClusterCommand.usage(name + " needs a value");
        }
        used[i] = true;
        used[i + 1] = true;
        out.add(args.get(++i));
      } else if (a.startsWith(name + "=")) {
        used[i] = true;
        out.add(a.substring(name.length() + 1));
      }
    }
    return out;
  }

  int positiveInt(String name, int def) {
    String v = value(name, null);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ClusterCommand.usage(name + " needs a positive integer, got '" + v + "'");
  }

  /** A duration as {@code 500ms}, {@code 30s}, {@code 2m}; a plain number is seconds. */
  Duration duration(String name, Duration def) {
    String v = value(name, null);
    if (v == null) {
      return def;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)?").matcher(v.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw ClusterCommand.usage(name + " needs a positive duration such as 30s or 2m, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Fails naming the first argument no flag took. */
  void requireConsumed() {
    for (int i = 0; i < args.size(); i++) {
      if (!used[i]) {
        throw ClusterCommand.usage("unknown argument '" + args.get(i) + "'");
      }
    }
  }
}
