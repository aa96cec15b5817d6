/**
 * The local runtime's actors and the pure planning beneath them.
 *
 * <p>Planning: {@link io.ember.runtime.local.ExecutionPlan} fuses forward chains of a job graph and numbers
 * every task-to-task connection as an input channel of its receiver; {@link io.ember.runtime.local.HashPartitioner}
 * splits batches for hash exchanges.
 *
 * <p>Protocol, per job:
 * <ul>
 *   <li>{@link io.ember.runtime.local.LocalJobs} (the guardian) spawns a {@link io.ember.runtime.local.JobCoordinator}
 *       per job; the coordinator plans, calls {@code Sink.setup}, spawns the task actors downstream first and
 *       watches them.</li>
 *   <li>Between tasks flow {@link io.ember.runtime.local.TaskActor.Deliver} messages carrying an in-band
 *       {@link io.ember.runtime.local.TaskMessage} (data or end of input; epoch barriers will be a third kind,
 *       ordered with the data), and {@link io.ember.runtime.local.TaskActor.Credit} messages flowing back.</li>
 *   <li>Tasks report {@link io.ember.runtime.local.JobCoordinator.TaskFinished} (with the sink writer's commit
 *       message) or {@link io.ember.runtime.local.JobCoordinator.TaskFailed}; the coordinator commits or
 *       aborts the sinks and stops, which stops every task.</li>
 * </ul>
 */
package io.ember.runtime.local;
