package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link NodeConfig} from command-line arguments, an optional configuration file and the environment.
 *
 * <p>Arguments: the flags of {@link NodeOptions} ({@code --port 7355} or {@code --port=7355}; {@code --seed}
 * repeats), {@code --conf key=value} for any option by its key, and {@code --config <file>}: a HOCON
 * ({@code .conf}) or {@code .properties} file with {@code ember.*} options and, optionally, {@code pekko.*}
 * settings applied over Ember's (Artery TLS, failure detector). Flags win over {@code --conf}, which wins over
 * the file. Every problem is collected and reported at once in one {@code INVALID_NODE_CONFIG} error.
 */
public final class NodeConfigParser {
  private NodeConfigParser() {}

  /**
   * Parses {@code args}; the secret comes from the secret file when one is set, else from
   * {@link ClusterSecret#ENV} in {@code env}.
   *
   * @throws EmberIllegalArgumentException listing every invalid flag, key or value, each with what to do
   */
  public static NodeConfig parse(List<String> args, Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    Map<String, String> fromConf = new LinkedHashMap<>();
    Map<String, String> fromFlags = new LinkedHashMap<>();
    List<String> seedFlags = new ArrayList<>();
    Path configFile = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      boolean known = name.equals("--config") || name.equals("--conf") || NodeOptions.byFlag(name) != null;
      if (!known) {
        errors.add("unknown argument '" + arg + "'" + suggestFlag(name) + "; flags: " + flagNames());
        if (arg.startsWith("--") && value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          i++; // its value, so that it is not reported as a second unknown argument
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          errors.add(name + " needs a value");
          continue;
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--config" -> configFile = Path.of(value);
        case "--conf" -> readConf(value, fromConf, errors);
        case "--seed" -> seedFlags.add(value);
        default -> fromFlags.put(NodeOptions.byFlag(name).key(), value);
      }
    }
    Map<String, String> raw = new LinkedHashMap<>();
    Config pekko = ConfigFactory.empty();
    if (configFile != null) {
      pekko = readFile(configFile, raw, errors);
    }
    raw.putAll(fromConf);
    raw.putAll(fromFlags);
    if (!seedFlags.isEmpty()) {
      raw.put(NodeOptions.SEEDS.key(), String.join(",", seedFlags));
    }
    return build(raw, pekko, env, errors);
  }

  private static NodeConfig build(Map<String, String> raw, Config pekko, Map<String, String> env, List<String> errors) {
    String host = value(NodeOptions.HOST, raw, errors);
    Integer port = value(NodeOptions.PORT, raw, errors);
    List<HostPort> seeds = value(NodeOptions.SEEDS, raw, errors);
    Integer cores = value(NodeOptions.CORES, raw, errors);
    Long memory = value(NodeOptions.MEMORY, raw, errors);
    Path secretFile = value(NodeOptions.SECRET_FILE, raw, errors);
    var stableAfter = value(NodeOptions.STABLE_AFTER, raw, errors);
    var joinTimeout = value(NodeOptions.JOIN_TIMEOUT, raw, errors);
    var admissionTimeout = value(NodeOptions.ADMISSION_TIMEOUT, raw, errors);
    ClusterSecret secret = null;
    if (!raw.containsKey(NodeOptions.SECRET_FILE.key()) || secretFile != null) {
      try {
        secret = ClusterSecret.resolve(secretFile, env);
      } catch (EmberIllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new EmberIllegalArgumentException("INVALID_NODE_CONFIG", (errors.size() == 1 ? "A problem" : errors.size()
          + " problems") + " with the node's configuration:\n  - " + String.join("\n  - ", errors));
    }
    return new NodeConfig(host, port, seeds, cores, memory, secret, stableAfter, joinTimeout, admissionTimeout,
        pekko);
  }

  private static <T> T value(NodeOption<T> option, Map<String, String> raw, List<String> errors) {
    String text = raw.get(option.key());
    if (text == null) {
      return option.defaultValue().get();
    }
    try {
      return option.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(option.setBy() + " = '" + text + "' is invalid: " + e.getMessage() + ". " + option.doc());
      return null;
    }
  }

  private static void readConf(String kv, Map<String, String> into, List<String> errors) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      errors.add("--conf needs key=value, got '" + kv + "'");
      return;
    }
    String key = kv.substring(0, eq).strip();
    if (NodeOptions.byKey(key) == null) {
      errors.add("unknown option '" + key + "' in --conf" + suggestKey(key) + "; options: " + keyNames());
      return;
    }
    into.put(key, kv.substring(eq + 1));
  }

  /** Reads the {@code ember.*} options of {@code file} into {@code raw}; returns its {@code pekko.*} part. */
  private static Config readFile(Path file, Map<String, String> raw, List<String> errors) {
    if (!Files.isRegularFile(file)) {
      errors.add("the configuration file " + file + " does not exist (--config)");
      return ConfigFactory.empty();
    }
    Config config;
    try {
      config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      errors.add("the configuration file " + file + " cannot be read: " + e.getMessage());
      return ConfigFactory.empty();
    }
    for (String top : config.root().keySet()) {
      if (!top.equals("ember") && !top.equals("pekko")) {
        errors.add("unknown key '" + top + "' in " + file + ": only ember.* options and pekko.* settings are read");
      }
    }
    if (config.hasPath("ember")) {
      for (Map.Entry<String, ConfigValue> e : config.getConfig("ember").atKey("ember").entrySet()) {
        String key = e.getKey();
        if (NodeOptions.byKey(key) == null) {
          errors.add("unknown option '" + key + "' in " + file + suggestKey(key) + "; options: " + keyNames());
        } else {
          raw.put(key, text(e.getValue()));
        }
      }
    }
    return config.hasPath("pekko") ? config.withOnlyPath("pekko") : ConfigFactory.empty();
  }

  private static String text(ConfigValue value) {
    if (value.valueType() == ConfigValueType.LIST) {
      return ((List<?>) value.unwrapped()).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return String.valueOf(value.unwrapped());
  }

  private static String suggestFlag(String name) {
    List<String> flags = new ArrayList<>(NodeOptions.ALL.stream().map(NodeOption::flag)
        .filter(f -> f != null).toList());
    flags.add("--config");
    flags.add("--conf");
    String best = Suggestions.closest(name, flags);
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static String suggestKey(String key) {
    String best = Suggestions.closest(key, NodeOptions.ALL.stream().map(NodeOption::key).toList());
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static String flagNames() {
    return NodeOptions.ALL.stream().map(NodeOption::flag).filter(f -> f != null).collect(Collectors.joining(", "))
        + ", --config <file>, --conf key=value";
  }

  private static String keyNames() {
    return NodeOptions.ALL.stream().map(NodeOption::key).collect(Collectors.joining(", "));
  }
}
