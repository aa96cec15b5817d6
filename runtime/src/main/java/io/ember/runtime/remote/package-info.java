/**
 * Tasks across nodes: the wire format and the data plane between actor systems.
 *
 * <p>Wire: {@link io.ember.runtime.remote.KryoSerializer} is Pekko's serializer for every Ember message that
 * crosses nodes (bound in {@link io.ember.runtime.remote.RemoteSerialization#config()}, Java serialization off);
 * {@link io.ember.runtime.remote.PlanCodec} encodes plans (job graphs, task launches) in the same format. Both use
 * {@link io.ember.runtime.remote.WireKryo}: core's fixed registrations for batches and values, fixed ids for the
 * runtime's messages, and class names for the rest of a plan, read only from
 * {@link io.ember.runtime.remote.WireClasses}' allow-list (Ember's classes, JDK values and collections), so a peer
 * cannot make a node instantiate arbitrary classes. Actor refs travel through Pekko's typed
 * {@code ActorRefResolver}; exceptions as data ({@link io.ember.runtime.remote.ThrowableSerializer}).
 *
 * <p>Data plane, per job:
 * <ol>
 *   <li>{@link io.ember.runtime.remote.RemoteJobs#reserve} asks the {@link io.ember.runtime.remote.TaskHost} of every
 *       node that gets tasks for one {@link io.ember.runtime.remote.TaskShell} per task; vertices that run on the
 *       driver only ({@link io.ember.core.serde.DriverLocal}) stay on the driver.</li>
 *   <li>The job's coordinator runs on the driver with a {@link io.ember.runtime.remote.ShellPlacement} (the runtime's
 *       {@link io.ember.runtime.local.TaskPlacement} seam): downstream tasks first, it sends each remote task its
 *       {@link io.ember.runtime.local.TaskLaunch} and its targets' refs, and the shell becomes the task.</li>
 *   <li>Tasks exchange data, barriers and credits directly, node to node, with the protocol of local mode; a
 *       batch is serialized once per message. Remote tasks report to the coordinator and stop when it stops.</li>
 *   <li>In a streaming job ({@link io.ember.runtime.remote.RemoteJobs#startStreaming}) a remote task copies its
 *       snapshot of each checkpointed epoch to the task hosts of its replica holders, in parallel, before it
 *       acknowledges the epoch: in a cluster session the {@code ember.checkpoint.replicas} nodes other than its own
 *       that {@link io.ember.runtime.remote.ClusterReplicas} chose (the coordinator replicates each epoch's metadata
 *       to them, prunes them and restores lost tasks from them), else the coordinator's node
 *       ({@link io.ember.runtime.remote.HostReplicaTransport}).</li>
 * </ol>
 *
 * <p>Not yet: snapshots larger than one Artery frame (16 MB) cannot be copied between nodes; see the README.
 */
package io.ember.runtime.remote;
