/**
 * Cluster mode's membership layer: Ember nodes on Pekko Cluster (Artery TCP).
 *
 * <ul>
 *   <li>{@link io.ember.runtime.cluster.EmberNode} starts a node from a {@link io.ember.runtime.cluster.NodeConfig}
 *       ({@link io.ember.runtime.cluster.NodeConfigParser} reads flags and files; every option is declared in
 *       {@link io.ember.runtime.cluster.NodeOptions}); {@link io.ember.runtime.cluster.ClusterPekkoConfig} turns it
 *       into Pekko's configuration (split-brain resolver, secret check, serialization).</li>
 *   <li>Each node runs a {@link io.ember.runtime.cluster.NodeAgent} (its resources as
 *       {@link io.ember.runtime.cluster.NodeInfo}, the cluster's status for clients) and an
 *       {@link io.ember.runtime.cluster.AdmissionGuard}.</li>
 *   <li>Security: a {@link io.ember.runtime.cluster.ClusterSecret}'s digest is checked when a node joins
 *       ({@link io.ember.runtime.cluster.SecretCompatChecker}), proven by every member after it is up
 *       ({@link io.ember.runtime.cluster.AdmissionGuard}) and by clients
 *       ({@link io.ember.runtime.cluster.AdminClient}).</li>
 *   <li>Every message that crosses the network is a {@link io.ember.runtime.cluster.ClusterMessage}, serialized by
 *       {@link io.ember.runtime.cluster.ClusterMessageSerializer}; Java serialization is off.</li>
 *   <li>{@code cli}: {@code bin/ember cluster start|status|stop} and the node processes they manage, which the
 *       test kit's {@code ClusterExtension} reuses.</li>
 * </ul>
 * Jobs do not run across nodes yet: this package forms the cluster that the coordinator will place tasks on.
 */
package io.ember.runtime.cluster;
