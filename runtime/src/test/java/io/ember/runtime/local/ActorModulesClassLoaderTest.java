package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.runtime.LocalRuntime;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorModulesClassLoaderTest {
  private final ClassLoader parent = getClass().getClassLoader();
  private final ActorModulesClassLoader loader = new ActorModulesClassLoader(parent,
      org.apache.pekko.actor.ActorSystem.class, org.apache.pekko.actor.typed.ActorSystem.class);

  private static List<URL> list(java.util.Enumeration<URL> urls) {
    return Collections.list(urls);
  }

  @Test
  void classesAreTheParentsOwn() throws Exception {
    assertSame(LocalRuntime.class, loader.loadClass(LocalRuntime.class.getName()));
    assertSame(org.apache.pekko.stream.SystemMaterializer.class,
        Class.forName("org.apache.pekko.stream.SystemMaterializer", false, loader));
  }

  @Test
  void whileFilteringOnlyTheActorModulesReferenceAndManifestAreSeen() throws Exception {
    List<URL> everyReference = list(parent.getResources("reference.conf"));
    assertTrue(everyReference.stream().anyMatch(u -> u.toString().contains("pekko-remote")),
        "the test class path has pekko-remote: " + everyReference);

    List<URL> references = loader.filtering(() -> uncheckedList(loader, "reference.conf"));
    assertEquals(2, references.size(), references.toString());
    assertTrue(references.stream().allMatch(u -> u.toString().contains("pekko-actor")), references.toString());
    List<URL> manifests = loader.filtering(() -> uncheckedList(loader, "META-INF/MANIFEST.MF"));
    assertEquals(2, manifests.size(), manifests.toString());
    URL single = loader.filtering(() -> loader.getResource("reference.conf"));
    assertTrue(references.contains(single));

    // Other resources, and every resource outside filtering (other threads), are the parent's.
    assertEquals(list(parent.getResources("version.conf")),
        loader.filtering(() -> uncheckedList(loader, "version.conf")));
    assertEquals(everyReference, list(loader.getResources("reference.conf")));
    assertNotNull(loader.getResource("reference.conf"));
  }

  private static List<URL> uncheckedList(ClassLoader loader, String name) {
    try {
      return list(loader.getResources(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
