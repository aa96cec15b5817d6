package io.ember.runtime.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link StatusReply.ClusterStatus} as {@code cluster status} prints it: a table, or JSON for scripts. */
public final class ClusterStatusFormat {
  private ClusterStatusFormat() {}

  private static final String[] HEADER = {"ADDRESS", "STATUS", "PID", "CORES", "MEMORY", "TASKS", "REPLICA MEM"};

  /** A table with one line per member; a member whose agent did not answer shows {@code ?}. */
  public static String table(StatusReply.ClusterStatus status) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (MemberView m : status.members()) {
      NodeInfo i = m.info();
      rows.add(new String[] {
          hostPort(m.address()), m.status() + (m.reachable() ? "" : " (unreachable)"),
          i == null ? "?" : Long.toString(i.pid()), i == null ? "?" : Integer.toString(i.cores()),
          i == null ? "?" : bytes(i.memoryBytes()), i == null ? "?" : Integer.toString(i.runningTasks()),
          i == null ? "?" : bytes(i.replicaMemoryBytes())});
    }
    int[] width = new int[HEADER.length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        b.append(c == 0 ? "" : "  ").append(c < r.length - 1 ? pad(r[c], width[c]) : r[c]);
      }
      b.append('\n');
    }
    long up = status.up().size();
    b.append(status.members().size()).append(" members, ").append(up).append(" up");
    if (status.leader() != null) {
      b.append("; leader ").append(hostPort(status.leader()));
    }
    return b.toString();
  }

  /** The status as one JSON object: {@code answeredBy}, {@code leader}, {@code members} (unknown figures null). */
  public static String json(StatusReply.ClusterStatus status) {
    StringBuilder b = new StringBuilder("{\"answeredBy\":").append(str(status.answeredBy()))
        .append(",\"leader\":").append(str(status.leader())).append(",\"members\":[");
    for (int k = 0; k < status.members().size(); k++) {
      MemberView m = status.members().get(k);
      NodeInfo i = m.info();
      b.append(k == 0 ? "" : ",").append("{\"address\":").append(str(m.address()))
          .append(",\"hostPort\":").append(str(hostPort(m.address())))
          .append(",\"status\":").append(str(m.status()))
          .append(",\"reachable\":").append(m.reachable())
          .append(",\"roles\":[");
      for (int r = 0; r < m.roles().size(); r++) {
        b.append(r == 0 ? "" : ",").append(str(m.roles().get(r)));
      }
      b.append("],\"pid\":").append(i == null ? "null" : i.pid())
          .append(",\"cores\":").append(i == null ? "null" : i.cores())
          .append(",\"memoryBytes\":").append(i == null ? "null" : i.memoryBytes())
          .append(",\"runningTasks\":").append(i == null ? "null" : i.runningTasks())
          .append(",\"replicaMemoryBytes\":").append(i == null ? "null" : i.replicaMemoryBytes())
          .append('}');
    }
    return b.append("]}").toString();
  }

  /** {@code host:port} of a Pekko address ({@code pekko://ember@host:port}). */
  static String hostPort(String address) {
    int at = address.indexOf('@');
    return at < 0 ? address : address.substring(at + 1);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  private static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }
}
