package io.ember.runtime;

import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.Output;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for streaming jobs: {@link #stopTaskActor} stops a task's actor; a pass-through operator ({@link Spec}) that throws {@link InjectedFault} when
 * the fault it names is armed and its trigger comes: at {@code endOfEpoch} of a chosen epoch, or at a row whose
 * long column holds a chosen value. Faults are armed in a shared registry by name, so every task running the spec
 * (every instance, every redeployment) draws on the same budget of failures; a test arms a fault under a name of its
 * own and {@link #disarm}s it after.
 */
final class FaultInjection {
  /** The exception an armed fault throws. */
  static final class InjectedFault extends RuntimeException {
    InjectedFault(String message) {
      super(message);
    }
  }

  /**
   * When fault {@code name} fires: at {@code endOfEpoch(epoch)} (-1: never), or at a row whose column
   * {@code column} (a long) equals {@code value} (column -1: never); at most {@code times} times in all.
   */
  record Plan(long epoch, int column, long value, AtomicInteger remaining, AtomicInteger fired) {
    static Plan atEpoch(long epoch, int times) {
      return new Plan(epoch, -1, 0, new AtomicInteger(times), new AtomicInteger());
    }

    static Plan atValue(int column, long value, int times) {
      return new Plan(-1, column, value, new AtomicInteger(times), new AtomicInteger());
    }

    /** True (and one failure spent) when the plan has a failure left. */
    boolean take() {
      if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        fired.incrementAndGet();
        return true;
      }
      return false;
    }
  }

  private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

  private FaultInjection() {}

  /** Arms fault {@code name} with {@code plan}, replacing an earlier plan of that name; returns the plan. */
  static Plan arm(String name, Plan plan) {
    PLANS.put(name, plan);
    return plan;
  }

  static void disarm(String name) {
    PLANS.remove(name);
  }

  /**
   * Stops the task actors named {@code actorName} (e.g. {@code task-v2-v3-0}: {@code task-}, the chain's name with
   * {@code -} for {@code +}, {@code -} and the task index) of every job of {@code runtime}, as if they stopped on
   * their own; a streaming job recovers from that as from a task failure.
   */
  static void stopTaskActor(LocalRuntime runtime, String actorName) {
    org.apache.pekko.actor.ActorSystem classic = org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(
        runtime.actorSystem());
    classic.actorSelection("/user/*/" + actorName).tell(org.apache.pekko.actor.PoisonPill.getInstance(),
        org.apache.pekko.actor.ActorRef.noSender());
  }

  /** A pass-through operator of rows of {@code schema} that fails as fault {@code fault}'s plan says. */
  record Spec(String fault, StructType schema) implements OperatorSpec {
    @Override
    public Operator create() {
      return new Operator() {
        @Override
        public void process(int input, Batch batch, Output out) {
          Plan plan = PLANS.get(fault);
          if (plan != null && plan.column() >= 0) {
            for (io.ember.core.data.Row row : batch.toRows()) {
              if (row.getLong(plan.column()) == plan.value() && plan.take()) {
                throw new InjectedFault("Injected fault " + fault + " at value " + plan.value());
              }
            }
          }
          out.emit(batch);
        }

        @Override
        public void endOfEpoch(long epoch, Output out) {
          Plan plan = PLANS.get(fault);
          if (plan != null && plan.epoch() == epoch && plan.take()) {
            throw new InjectedFault("Injected fault " + fault + " at epoch " + epoch);
          }
        }
      };
    }

    @Override
    public StructType outputSchema() {
      return schema;
    }

    @Override
    public String explain() {
      return "Fault(" + fault + ")";
    }
  }
}
