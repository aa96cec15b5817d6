package io.ember.runtime.cluster;

/** The help of {@code bin/ember node}, generated from {@link NodeOptions} so that it cannot drift. */
final class NodeHelp {
  private NodeHelp() {}

  static String text() {
    StringBuilder b = new StringBuilder();
    b.append("Usage: bin/ember node [--seed host:port]... [--host H] [--port P] [--cores C] [--memory M]\n")
        .append("                      [--secret-file F] [--config file.conf] [--conf key=value]...\n\n")
        .append("Runs an Ember cluster node in the foreground. Without --seed it starts a new cluster.\n")
        .append("The cluster secret comes from --secret-file, else from the environment variable ")
        .append(ClusterSecret.ENV).append(".\n\nOptions (flag, configuration key, default):\n");
    for (NodeOption<?> o : NodeOptions.ALL) {
      Object def = o.defaultValue().get();
      b.append("  ").append(o.flag() == null ? "--conf " + o.key() + "=..." : o.flag() + "  (" + o.key() + ")")
          .append(def == null || (def instanceof java.util.List<?> l && l.isEmpty()) ? "" : "  default " + def)
          .append("\n      ").append(o.doc()).append('\n');
    }
    b.append("\nA --config file (HOCON .conf or .properties) holds the same keys, and pekko.* settings applied\n")
        .append("over Ember's (for example Artery TLS). Flags win over --conf, which wins over the file.\n")
        .append("Exit codes: 0 stopped (143 after SIGTERM, as for any JVM), ")
        .append(NodeExit.BAD_CONFIG).append(" bad configuration, ")
        .append(NodeExit.REFUSED).append(" refused by the cluster (secret), ").append(NodeExit.JOIN_TIMEOUT)
        .append(" no seed answered, ").append(NodeExit.DOWNED).append(" downed by the cluster.");
    return b.toString();
  }
}
