/**
 * Functions over Spark's binary type: lengths in bytes, {@code hex}/{@code unhex}, {@code base64}/{@code unbase64},
 * {@code encode}/{@code decode} with a charset, {@code to_binary}/{@code try_to_binary}, {@code concat} of binary
 * values, and the hashes {@code md5}, {@code sha1}/{@code sha}, {@code sha2} and {@code crc32}: each such call is a
 * {@link io.ember.core.expr.binary.BinaryFunction} of a {@link io.ember.core.expr.binary.BinaryKind} or
 * {@link io.ember.core.expr.binary.HashKind}. Spark's {@code hash} and {@code xxhash64} of any number of values of
 * any type are a {@link io.ember.core.expr.binary.HashExpression} of a
 * {@link io.ember.core.expr.binary.HashAlgorithm}.
 */
package io.ember.core.expr.binary;
