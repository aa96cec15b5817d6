/**
 * Cluster mode: Ember nodes on Pekko Cluster (Artery TCP), and sessions that run jobs on them.
 *
 * <ul>
 *   <li>{@link io.ember.runtime.cluster.EmberNode} starts a node from a {@link io.ember.runtime.cluster.NodeConfig}
 *       ({@link io.ember.runtime.cluster.NodeConfigParser} reads flags and files; every option is declared in
 *       {@link io.ember.runtime.cluster.NodeOptions}); {@link io.ember.runtime.cluster.ClusterPekkoConfig} turns it
 *       into Pekko's configuration (split-brain resolver, secret check, serialization).</li>
 *   <li>Each node runs a {@link io.ember.runtime.cluster.NodeAgent} (its resources as
 *       {@link io.ember.runtime.cluster.NodeInfo}, the cluster's status for clients), an
 *       {@link io.ember.runtime.cluster.AdmissionGuard} and a task host that runs tasks for members
 *       ({@link io.ember.runtime.cluster.MemberOnlyHost}).</li>
 *   <li>{@link io.ember.runtime.cluster.ClusterRuntime} is the {@link io.ember.runtime.JobRunner} of a session with
 *       an {@code ember://} master: the driver joins as a member with the role {@code driver}, runs coordinators,
 *       and places tasks on the nodes by free slots ({@link io.ember.runtime.cluster.SlotAssignment} over what the
 *       {@link io.ember.runtime.cluster.NodeDirectory} learns from the agents).</li>
 *   <li>Security: a {@link io.ember.runtime.cluster.ClusterSecret}'s digest is checked when a node joins
 *       ({@link io.ember.runtime.cluster.SecretCompatChecker}), proven by every member after it is up
 *       ({@link io.ember.runtime.cluster.AdmissionGuard}) and by clients
 *       ({@link io.ember.runtime.cluster.AdminClient}).</li>
 *   <li>Every message that crosses the network is a {@link io.ember.runtime.cluster.ClusterMessage}, serialized by
 *       {@link io.ember.runtime.cluster.ClusterMessageSerializer}; Java serialization is off.</li>
 *   <li>{@code cli}: {@code bin/ember cluster start|status|stop} and the node processes they manage, which the
 *       test kit's {@code ClusterExtension} reuses.</li>
 * </ul>
 * Not yet: placing a lost node's tasks on live nodes, and replicas on peers (see the README).
 */
package io.ember.runtime.cluster;
