/**
 * Window (analytic) functions over partitions of a batch input: ranking, offset and aggregate functions
 * computed per row over a frame of its partition ({@link io.ember.operators.analytic.WindowSpec}).
 */
package io.ember.operators.analytic;
