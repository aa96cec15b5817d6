package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.nio.charset.Charset;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo's class resolver with {@link WireClasses}' allow-list: an unregistered class is checked before it is
 * written by name, and a name read from the wire is checked before it is loaded. Every typed {@link ActorRef}
 * implementation shares the registration of {@code ActorRef} itself, so refs are written through Pekko's
 * resolver whatever their class ({@link ActorRefSerializer}); every {@link Throwable} shares the registration of
 * {@code Throwable} ({@link ThrowableSerializer}); likewise every {@link Charset} (by name) and every {@link Path}
 * (as its string: a path names a file every node can read, such as a shared file system's).
 */
final class WireClassResolver extends DefaultClassResolver {
  @Override
  public Registration getRegistration(Class type) {
    Registration registration = super.getRegistration(type);
    if (registration == null) {
      if (ActorRef.class.isAssignableFrom(type)) {
        registration = super.getRegistration(ActorRef.class);
      } else if (Throwable.class.isAssignableFrom(type)) {
        registration = super.getRegistration(Throwable.class);
      } else if (Charset.class.isAssignableFrom(type)) {
        registration = super.getRegistration(Charset.class);
      } else if (Path.class.isAssignableFrom(type)) {
        registration = super.getRegistration(Path.class);
      }
    }
    return registration;
  }

  @Override
  public Registration registerImplicit(Class type) {
    WireClasses.check(type);
    return super.registerImplicit(type);
  }

  @Override
  protected Class<?> getTypeByName(String className) {
    if (!WireClasses.allowedName(className)) {
      throw WireClasses.refusedName(className);
    }
    return super.getTypeByName(className);
  }
}
