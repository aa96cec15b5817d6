/** The event-time watermark operator ({@code withWatermark}), which feeds the job's watermark at each epoch. */
package io.ember.operators.stream.watermark;
