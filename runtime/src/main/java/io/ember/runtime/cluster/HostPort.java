package io.ember.runtime.cluster;

/**
 * A node's network address as users write it: {@code host:port}.
 *
 * @param host a host name or IP address (IPv6 in brackets when written, without them here)
 * @param port a TCP port, {@code 0..65535} (0 only for a node's own port: pick a free one)
 */
public record HostPort(String host, int port) {
  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port " + port + " is not in 0..65535");
    }
  }

  /**
   * Parses {@code host:port} ({@code [v6addr]:port} for IPv6).
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  public static HostPort parse(String text) {
    String s = text.strip();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("expected host:port such as 127.0.0.1:7355, got '" + text + "'");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("write an IPv6 address in brackets, as [::1]:7355, got '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the port of '" + text + "' is not a number");
    }
    return new HostPort(host, port);
  }

  /** The scheme of a cluster's master URL. */
  public static final String MASTER_SCHEME = "ember://";

  /**
   * Parses a master URL {@code ember://host:port} (the address of any node of the cluster).
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  public static HostPort parseMasterUrl(String url) {
    String s = url == null ? "" : url.strip();
    if (!s.startsWith(MASTER_SCHEME)) {
      throw new IllegalArgumentException("a cluster master URL starts with " + MASTER_SCHEME + ", as "
          + "ember://127.0.0.1:7355; got '" + url + "'");
    }
    String rest = s.substring(MASTER_SCHEME.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    HostPort hp;
    try {
      hp = parse(rest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the master URL '" + url + "' is not ember://host:port: " + e.getMessage());
    }
    if (hp.host().isEmpty() || hp.port() < 1 || hp.port() > 65535) {
      throw new IllegalArgumentException("the master URL '" + url + "' needs a host and a port between 1 and 65535");
    }
    return hp;
  }

  /** The Pekko address of the Ember node listening here. */
  public String pekkoAddress() {
    return "pekko://" + ClusterPekkoConfig.SYSTEM_NAME + "@" + hostForUri() + ":" + port;
  }

  /** The master URL of a cluster reached through this node: {@code ember://host:port}. */
  public String masterUrl() {
    return "ember://" + hostForUri() + ":" + port;
  }

  private String hostForUri() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return hostForUri() + ":" + port;
  }
}
