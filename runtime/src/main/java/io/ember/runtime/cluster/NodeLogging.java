package io.ember.runtime.cluster;

/**
 * Logging of a node process: a node is a long-running server, so it logs membership changes at INFO with
 * timestamps (Ember's other JVMs log warnings only). {@code -Dember.log.level=warn} (or debug) overrides.
 * Must run before the first logger is created.
 */
final class NodeLogging {
  private NodeLogging() {}

  static void configure() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("ember.log.level", "info"));
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
  }
}
