package io.ember.api;

import io.ember.api.conf.ConfigOption;
import io.ember.api.conf.SessionConf;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A session's configuration as Spark's {@code spark.conf}: string keys and values over {@link SessionConf}.
 * Typed options are validated when set; other keys are kept as given. Thread-safe.
 */
public final class RuntimeConfig {
  private final SessionConf conf;
  private final int defaultParallelism;

  RuntimeConfig(SessionConf conf, int defaultParallelism) {
    this.conf = conf;
    this.defaultParallelism = defaultParallelism;
  }

  /**
   * Sets {@code key} to {@code value}.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_CONF_VALUE} when a typed option rejects the value
   */
  public void set(String key, String value) {
    if (key == null || value == null) {
      throw new EmberIllegalArgumentException(
          "INVALID_CONF_VALUE", "Config key and value must not be null (key: " + key + ").");
    }
    conf.set(key, value);
  }

  public void set(String key, boolean value) {
    set(key, Boolean.toString(value));
  }

  public void set(String key, long value) {
    set(key, Long.toString(value));
  }

  /**
   * The value set for {@code key}, or a typed option's effective default.
   *
   * @throws EmberIllegalArgumentException {@code SQL_CONF_NOT_FOUND} for a key that is neither set nor an option
   */
  public String get(String key) {
    return getOption(key).orElseThrow(() -> new EmberIllegalArgumentException(
        "SQL_CONF_NOT_FOUND", "The SQL config \"" + key + "\" cannot be found. Please verify that the config exists."));
  }

  /** The value set for {@code key}, a typed option's default, or {@code defaultValue}. */
  public String get(String key, String defaultValue) {
    return getOption(key).orElse(defaultValue);
  }

  /** The value set for {@code key} or a typed option's effective default; empty for an unknown unset key. */
  public Optional<String> getOption(String key) {
    Optional<String> raw = conf.getRaw(key);
    if (raw.isPresent()) {
      return raw;
    }
    return typedDefault(key);
  }

  public void unset(String key) {
    conf.unset(key);
  }

  /** Every key set in this session with its value, sorted by key. */
  public Map<String, String> getAll() {
    return new TreeMap<>(conf.getAll());
  }

  /** True for the typed options Ember reads while a session runs; false for other keys. */
  public boolean isModifiable(String key) {
    return SessionConf.ALL.stream().anyMatch(o -> o.key().equals(key));
  }

  private Optional<String> typedDefault(String key) {
    if (key.equals(SessionConf.SHUFFLE_PARTITIONS.key())) {
      return Optional.of(Integer.toString(defaultParallelism));
    }
    for (ConfigOption<?> o : SessionConf.ALL) {
      if (o.key().equals(key)) {
        return Optional.of(String.valueOf(o.defaultValue()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RuntimeConfig" + getAll();
  }
}
