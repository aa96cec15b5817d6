package io.ember.runtime.cluster;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One typed node or cluster option, declared once in {@link NodeOptions}: its configuration key, the
 * command-line flag that sets it (null when only the configuration file or {@code --conf key=value} does),
 * its default, a parser that validates, and its documentation.
 *
 * @param <T> the value type
 * @param key the key in a configuration file and in {@code --conf}
 * @param flag the command-line flag, as {@code --port}, or null
 * @param defaultValue the value when nothing sets it (computed when asked: cores and memory depend on the machine)
 * @param parser turns the text of a flag or file entry into a value; throws IllegalArgumentException saying what
 *     is expected
 * @param doc one sentence for users
 */
public record NodeOption<T>(String key, String flag, Supplier<T> defaultValue, Function<String, T> parser, String doc) {

  /** Parses {@code raw}; the exception's message says what is expected (the caller names the key). */
  public T parse(String raw) {
    return parser.apply(raw.strip());
  }

  /** How users set this option: the flag, else the key. */
  public String setBy() {
    return flag != null ? flag + " (or " + key + ")" : key;
  }
}
