/** The stateful final phase of streaming aggregations (update, complete and append output modes). */
package io.ember.operators.stream.aggregate;
