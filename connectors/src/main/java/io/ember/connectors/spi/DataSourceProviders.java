package io.ember.connectors.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The {@link DataSourceProvider}s on the class path, by short name. The class path is scanned once, on the first
 * look-up (a query that names a format the api does not know itself), never at session start.
 */
public final class DataSourceProviders {
  private static volatile Map<String, DataSourceProvider> byName;

  private DataSourceProviders() {}

  /** Formats the api implements itself: looking them up never scans the class path. */
  private static final java.util.Set<String> BUILT_IN = java.util.Set.of("csv", "json", "text", "rate", "socket",
      "memory", "console", "noop", "foreach", "foreachbatch");

  /**
   * The provider whose short name is {@code format} (case-insensitive), if one is on the class path; empty for the
   * api's own formats (csv, json, text, rate, socket, memory, console, noop, foreach, foreachBatch).
   */
  public static Optional<DataSourceProvider> find(String format) {
    if (format == null) {
      return Optional.empty();
    }
    String name = format.trim().toLowerCase(Locale.ROOT);
    if (BUILT_IN.contains(name)) {
      return Optional.empty();
    }
    return Optional.ofNullable(providers().get(name));
  }

  /** The file format named {@code format} from a provider on the class path ({@link DataSourceProvider#fileFormat()}), if any. */
  public static Optional<FileFormatSupport> fileFormat(String format) {
    return find(format).map(DataSourceProvider::fileFormat);
  }

  /** The short names of the providers on the class path, sorted (for error messages). */
  public static java.util.Set<String> names() {
    return providers().keySet();
  }

  private static Map<String, DataSourceProvider> providers() {
    Map<String, DataSourceProvider> found = byName;
    if (found == null) {
      synchronized (DataSourceProviders.class) {
        found = byName;
        if (found == null) {
          found = new TreeMap<>();
          ClassLoader loader = Thread.currentThread().getContextClassLoader();
          if (loader == null) {
            loader = DataSourceProviders.class.getClassLoader();
          }
          for (DataSourceProvider p : ServiceLoader.load(DataSourceProvider.class, loader)) {
            found.putIfAbsent(p.shortName().toLowerCase(Locale.ROOT), p);
          }
          found = java.util.Collections.unmodifiableMap(found);
          byName = found;
        }
      }
    }
    return found;
  }
}
