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
 *       {@link io.ember.runtime.local.TaskMessage} (data, epoch barriers ordered with the data, end of input),
 *       and {@link io.ember.runtime.local.TaskActor.Credit} messages flowing back.</li>
 *   <li>Tasks report {@link io.ember.runtime.local.JobCoordinator.TaskFinished} (with the sink writer's commit
 *       message) or {@link io.ember.runtime.local.JobCoordinator.TaskFailed}; the coordinator commits or
 *       aborts the sinks and stops, which stops every task.</li>
 *   <li>A streaming job has a {@link io.ember.runtime.local.StreamingCoordinator} instead: it injects barriers
 *       into the streaming source tasks, tasks align them ({@link io.ember.runtime.local.BarrierAligner}) and
 *       acknowledge each epoch, and the coordinator commits the sinks per epoch on the job's commit thread.</li>
 * </ul>
 */
package io.ember.runtime.local;
