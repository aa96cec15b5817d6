package io.ember.connectors.file;

/**
 * Hive-style partition directory names ({@code column=value}), escaped and unescaped as Spark's
 * {@code ExternalCatalogUtils.escapePathName}/{@code unescapePathName} do: a control character or one of
 * {@code "#%'*}{@code /:=?\}, DEL, {@code {[]^} becomes {@code %XX} (its code in two upper-case hex digits), and
 * reading turns every {@code %XX} back into its character. A null or empty value is written as
 * {@link #DEFAULT_PARTITION}.
 */
public final class PartitionPaths {
  /** The directory value of a null (or empty) partition value. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
  private static final String SPECIAL = "\"#%'*/:=?\\\u007F{[]^";

  private PartitionPaths() {}

  /** {@code s} with the characters a path segment cannot hold escaped as {@code %XX}. */
  public static String escape(String s) {
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

  /**
   * {@code s} with each {@code %XX} turned back into its character; a {@code %} not followed by two hex digits
   * stays as it is.
   */
  public static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          sb.append((char) (hi << 4 | lo));
          i += 2;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
