package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.ember.core.serde.EmberKryo;
import io.ember.core.data.Batch;
import io.ember.runtime.local.ExchangeRelay;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.StreamingCoordinator;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskMessage;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The Kryo configuration of everything that crosses nodes: core's registrations ({@link EmberKryo}: batches,
 * types, row values), then the runtime's wire messages with fixed ids from {@link EmberKryo#FIRST_FREE_ID} on
 * (two JVMs of one Ember build agree on them), then anything else an Ember plan holds by class name, through
 * {@link WireClasses}' allow-list ({@link WireClassResolver}).
 *
 * <p>Registration is not required, so that the many classes of a plan (operator specs, expressions, sources,
 * sinks, splits, commit messages) need no list to maintain; the allow-list is what keeps a peer from making us
 * instantiate arbitrary classes. References are off: plans and messages are trees of values.
 * Objects without a no-argument constructor are created without calling one (Objenesis), as Kryo does for records
 * through their canonical constructor.
 *
 * <p>A {@link Kryo} is not thread-safe: {@link KryoSerializer} and {@link PlanCodec} pool them.
 */
final class WireKryo {
  private WireKryo() {}

  /**
   * A new Kryo for the wire.
   *
   * @param refs the resolver of actor refs of the actor system this Kryo serves; null where refs cannot travel
   */
  static Kryo newKryo(Supplier<ActorRefResolver> refs) {
    Kryo kryo = new Kryo(new WireClassResolver(), null);
    kryo.setRegistrationRequired(false);
    kryo.setReferences(false);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    EmberKryo.register(kryo);
    WireSerializers.UnmodifiableSerializer.addDefaults(kryo);
    int id = EmberKryo.FIRST_FREE_ID;
    kryo.register(ActorRef.class, new ActorRefSerializer(refs), id++);
    kryo.register(Throwable.class, new ThrowableSerializer(), id++);
    kryo.register(TaskMessage.Data.class, new WireSerializers.DataSerializer(), id++);
    kryo.register(TaskMessage.EndOfInput.class, new WireSerializers.EndOfInputSerializer(), id++);
    for (Class<?> type : new Class<?>[] {
        TaskMessage.Barrier.class, TaskActor.Deliver.class, TaskActor.Credit.class, TaskActor.InjectBarrier.class, TaskActor.ReportIdle.class,
        JobCoordinator.TaskFinished.class, JobCoordinator.TaskFailed.class,
        StreamingCoordinator.EpochAck.class, StreamingCoordinator.SourceRows.class,
        StreamingCoordinator.SourceWaiting.class, StreamingCoordinator.SourceEnded.class,
        StreamingCoordinator.SourceIdle.class,
        TaskHost.Reserve.class, TaskHost.Reserved.class, TaskHost.RunningTasks.class, TaskHost.TaskCount.class,
        TaskShell.Start.class, TaskShell.StopTask.class,
        HashMap.class, LinkedHashMap.class, HashSet.class, int[].class, long[].class, boolean[].class,
        double[].class, String[].class, TaskActor.Rollback.class, StreamingCoordinator.FromTask.class,
        StreamingCoordinator.TaskRestored.class, TaskHost.StoreSnapshot.class, TaskHost.SnapshotStored.class,
        TaskHost.CompleteEpoch.class, TaskHost.EpochCompleted.class, TaskHost.PruneReplicas.class,
        TaskHost.Pruned.class, TaskHost.FetchReplica.class, TaskHost.SnapshotFetched.class}) {
      kryo.register(type, id++);
    }
    kryo.register(Charset.class, new DefaultSerializers.CharsetSerializer(), id++);
    kryo.register(Path.class, new WireSerializers.PathSerializer(), id++);
    kryo.register(JobCoordinator.TaskOutputPart.class, id++);
    kryo.register(ExchangeRelay.Forward.class, id++);
    kryo.register(ExchangeRelay.Route.class, id++);
    kryo.register(ExchangeRelay.Route[].class, id++);
    kryo.register(Batch[].class, id++);
    kryo.register(ExchangeRelay.Stats.class, id++);
    kryo.register(ExchangeRelay.Forwarded.class, id++);
    return kryo;
  }
}
