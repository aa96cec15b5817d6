/**
 * Functions over Spark's binary type: lengths in bytes, {@code hex}/{@code unhex}, {@code base64}/{@code unbase64},
 * {@code encode}/{@code decode} with a charset, {@code concat} of binary values, and the hashes {@code md5},
 * {@code sha1}/{@code sha}, {@code sha2} and {@code crc32}.
 */
package io.ember.core.expr.binary;
