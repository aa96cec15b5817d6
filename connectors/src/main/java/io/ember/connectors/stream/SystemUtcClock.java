package io.ember.connectors.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock of the JVM it is used in, in UTC: {@link Clock#systemUTC()} as a named Ember class without state.
 * Streaming sources hold it by default so that a source can travel in a plan to another node (the runtime's plan
 * codec writes Ember classes by name, not the JDK's clock classes) and reads that node's clock there. Tests that
 * need control over time give a source their own {@link Clock} instead; such a source runs where it was made.
 *
 * <p>Immutable; all instances are equal.
 */
public final class SystemUtcClock extends Clock {
  /** The one instance sources use; others (made when a plan is read) are equal to it. */
  public static final SystemUtcClock INSTANCE = new SystemUtcClock();

  private SystemUtcClock() {}

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock for {@link ZoneOffset#UTC}; the JDK's system clock of {@code zone} otherwise. */
  @Override
  public Clock withZone(ZoneId zone) {
    return ZoneOffset.UTC.equals(zone) ? this : Clock.system(zone);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SystemUtcClock;
  }

  @Override
  public int hashCode() {
    return SystemUtcClock.class.hashCode();
  }

  @Override
  public String toString() {
    return "SystemUtcClock";
  }
}
