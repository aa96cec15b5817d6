/** Off-heap keyed state for streaming operators, in Chronicle Maps ({@code ember.streaming.stateStore=offheap}). */
package io.ember.operators.state.offheap;
