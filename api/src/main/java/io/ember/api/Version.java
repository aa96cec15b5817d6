package io.ember.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Ember's version, as built; {@code bin/ember version} prints it. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the version and the Java runtime. */
  public static void main(String[] args) {
    System.out.println("Ember " + get() + " (Java " + System.getProperty("java.version") + ")");
  }
}
