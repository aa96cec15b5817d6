/**
 * Functions over Spark's binary type: lengths in bytes, {@code hex}/{@code unhex}, {@code base64}/{@code unbase64},
 * {@code encode}/{@code decode} with a charset, and {@code concat} of binary values.
 */
package io.ember.core.expr.binary;
