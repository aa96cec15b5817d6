package io.ember.connectors.file.sink;

/** Hive-style partition directory names, escaped as Spark's {@code ExternalCatalogUtils.escapePathName}. */
final class PartitionPaths {
  static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
  private static final String SPECIAL = "\"#%'*/:=?\\\u007F{[]^";

  private PartitionPaths() {}

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || SPECIAL.indexOf(c) >= 0) {
        sb.append('%').append(String.format("%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
