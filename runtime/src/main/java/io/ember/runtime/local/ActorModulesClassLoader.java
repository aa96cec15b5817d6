package io.ember.runtime.local;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader a local runtime's actor system is given: it delegates every class and resource to its parent,
 * except that {@code reference.conf} and {@code META-INF/MANIFEST.MF} are found only in the jars of Pekko's actor
 * modules ({@code pekko-actor}, {@code pekko-actor-typed}).
 *
 * <p>Why: Ember's class path also holds Pekko's remoting, cluster, distributed-data and streams modules, which
 * cluster mode needs. A Pekko actor system reads every {@code reference.conf} its class loader finds, loads the
 * library extensions they list at start ({@code pekko-stream} starts its system materializer), instantiates the
 * serializers they declare, and reads every jar's manifest to check that the Pekko modules' versions agree
 * (opening over a hundred jars, verifying the signed ones). A local runtime uses none of those modules, and
 * skipping them halves the actor system's start.
 *
 * <p>Only the thread that builds the actor system sees the filtered resources ({@link #filtering}): Pekko makes
 * this loader the context class loader of its dispatcher threads, where user code (a function calling
 * {@code ConfigFactory.load()}) must still find every library's {@code reference.conf}. Classes are never
 * defined here, so every class is its parent's: a class loaded through this loader is the same {@link Class}
 * the rest of the JVM sees. When the actor modules' locations are unknown (no code source), nothing is filtered.
 */
final class ActorModulesClassLoader extends ClassLoader {
  /** The resources answered from the actor modules only. */
  static final List<String> FILTERED = List.of("reference.conf", "META-INF/MANIFEST.MF");

  private final List<String> moduleLocations;
  private final ThreadLocal<Boolean> filteringHere = ThreadLocal.withInitial(() -> false);

  /**
   * @param parent the loader classes and other resources come from
   * @param modules one class of each module whose {@code reference.conf} and manifest are kept
   */
  ActorModulesClassLoader(ClassLoader parent, Class<?>... modules) {
    super("ember-local-actors", Objects.requireNonNull(parent, "parent"));
    List<String> locations = new ArrayList<>();
    for (Class<?> module : modules) {
      CodeSource source = module.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        locations = null;
        break;
      }
      locations.add(source.getLocation().toExternalForm());
    }
    this.moduleLocations = locations == null ? null : List.copyOf(locations);
  }

  /**
   * Runs {@code action} on this thread with the resources filtered (building the actor system's configuration
   * and the actor system itself); other threads meanwhile see every resource.
   */
  <T> T filtering(java.util.function.Supplier<T> action) {
    boolean outer = filteringHere.get();
    filteringHere.set(true);
    try {
      return action.get();
    } finally {
      filteringHere.set(outer);
    }
  }

  private boolean filters(String name) {
    return moduleLocations != null && FILTERED.contains(name) && filteringHere.get();
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Enumeration<URL> all = getParent().getResources(name);
    if (!filters(name)) {
      return all;
    }
    List<URL> kept = new ArrayList<>();
    while (all.hasMoreElements()) {
      URL url = all.nextElement();
      if (inModule(url, name)) {
        kept.add(url);
      }
    }
    return Collections.enumeration(kept);
  }

  @Override
  public URL getResource(String name) {
    if (!filters(name)) {
      return getParent().getResource(name);
    }
    try {
      Enumeration<URL> kept = getResources(name);
      return kept.hasMoreElements() ? kept.nextElement() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether {@code url}, a resource {@code name}, lies in one of the modules (a jar, or a class directory). */
  private boolean inModule(URL url, String name) {
    String text = url.toExternalForm();
    for (String location : moduleLocations) {
      if (text.equals("jar:" + location + "!/" + name) || text.equals(location + name)) {
        return true;
      }
    }
    return false;
  }
}
