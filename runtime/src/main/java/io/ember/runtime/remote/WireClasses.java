package io.ember.runtime.remote;

import io.ember.checkpointing.ReplicaStore;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import java.util.Set;

/**
 * The allow-list of classes that may travel between nodes by name: what a peer can make this JVM instantiate.
 * Messages on the hot path are registered with fixed ids ({@link WireKryo}); everything else a plan holds
 * (operator specs, expressions, sources, sinks, splits, commit messages) is written with its class name, and
 * only these names are accepted when reading:
 * <ul>
 *   <li>Ember's own classes ({@code io.ember.*}), except lambdas and other hidden or synthetic classes (they have
 *       no stable name) and classes that are node-local by contract ({@link DriverLocal}, {@link ReplicaStore});</li>
 *   <li>the JDK's boxed primitives, {@code String}, {@code BigDecimal}/{@code BigInteger}, {@code java.time} values,
 *       {@code UUID}, {@code Optional}, {@code Pattern}, and the {@code java.util} collections listed in
 *       {@link #JDK}, the immutable and unmodifiable ones included;</li>
 *   <li>enums and arrays of the above, and arrays of primitives.</li>
 * </ul>
 * A name outside the list is refused before {@link Class#forName} runs, so no static initializer of a foreign
 * class runs either. Ember classes are trusted as a whole because the peer runs the same Ember build; their
 * fields are again read through this list.
 */
public final class WireClasses {
  /** JDK classes allowed by name, besides boxed primitives and arrays. */
  static final Set<String> JDK = Set.of(
      "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
      "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Character", "java.lang.Object",
      "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode", "java.math.MathContext",
      "java.time.temporal.ChronoUnit", "java.time.temporal.ChronoField", "java.time.DayOfWeek", "java.time.Month",
      "java.time.format.TextStyle", "java.util.concurrent.TimeUnit",
      "java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime", "java.time.Instant",
      "java.time.Duration", "java.time.Period", "java.time.ZoneId", "java.time.ZoneOffset", "java.time.ZoneRegion",
      "java.time.ZonedDateTime", "java.time.OffsetDateTime",
      "java.util.UUID", "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong",
      "java.util.OptionalDouble", "java.util.BitSet", "java.util.regex.Pattern", "java.util.Locale",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashMap",
      "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
      "java.util.TreeSet", "java.util.EnumMap", "java.util.concurrent.ConcurrentHashMap",
      "java.util.Arrays$ArrayList",
      "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
      "java.util.ImmutableCollections$SubList", "java.util.ImmutableCollections$Set12",
      "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Map1",
      "java.util.ImmutableCollections$MapN",
      "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
      "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
      "java.util.Collections$SingletonMap",
      "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
      "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedSet",
      "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableMap",
      "java.util.Collections$UnmodifiableSortedMap");

  private static final String EMBER = "io.ember.";

  private WireClasses() {}

  /**
   * Whether a class of this name may be loaded from the wire (before loading it).
   *
   * @param name a name as {@link Class#getName()} gives it, arrays included
   */
  public static boolean allowedName(String name) {
    String element = elementName(name);
    if (element == null) {
      return true; // an array of primitives
    }
    if (element.startsWith(EMBER)) {
      return !element.contains("$$Lambda") && !element.contains("/");
    }
    return JDK.contains(element);
  }

  /**
   * Checks that {@code type} may travel, on either side of the wire.
   *
   * @throws EmberRuntimeException {@code NOT_SHIPPABLE} naming the class and what to do
   */
  public static void check(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()) {
      return;
    }
    if (element.isHidden() || element.isSynthetic() || element.getName().contains("$$Lambda")) {
      throw notShippable(type, "it is a lambda or another generated class, which has no name another JVM can load;"
          + " use a named class (a record) instead");
    }
    if (DriverLocal.class.isAssignableFrom(element)) {
      throw notShippable(type, "it is DriverLocal: it holds state of the driver's JVM, so its vertex runs on the"
          + " driver node");
    }
    if (ReplicaStore.class.isAssignableFrom(element)) {
      throw notShippable(type, "a replica store belongs to the node that holds it");
    }
    if (element.isEnum() || (element.getSuperclass() != null && element.getSuperclass().isEnum())) {
      if (element.getName().startsWith(EMBER) || JDK.contains(element.getName())) {
        return;
      }
    }
    if (!allowedName(element.getName())) {
      throw notShippable(type, "only Ember's classes and the JDK values and collections of WireClasses may travel");
    }
  }

  /** The name of the innermost element class of an array name, the name itself otherwise; null for primitives. */
  private static String elementName(String name) {
    int dims = 0;
    while (dims < name.length() && name.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return name;
    }
    if (name.charAt(dims) == 'L' && name.endsWith(";")) {
      return name.substring(dims + 1, name.length() - 1);
    }
    return null;
  }

  static EmberRuntimeException notShippable(Class<?> type, String why) {
    return new EmberRuntimeException("NOT_SHIPPABLE", "Cannot send " + type.getName() + " to another node: " + why
        + ".");
  }

  static EmberRuntimeException refusedName(String name) {
    return new EmberRuntimeException("NOT_SHIPPABLE", "Refusing to load class " + name + " named by a peer: only"
        + " Ember's classes and the JDK values and collections of WireClasses may travel. The peer runs another"
        + " Ember build, or it is not an Ember node.");
  }
}
