-- CAST between the types Ember has, under ANSI rules (Spark's sql-ref-ansi-compliance, "Cast"): invalid input
-- and overflow are errors; Date <-> numeric and Date/Timestamp <-> boolean casts are not allowed at all.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- Numbers to int truncate toward zero.
-- !schema struct<id:int,a:int,b:int,c:bigint>
-- !sqlite SELECT id, CAST(d AS INTEGER), CAST(dec AS INTEGER), CAST(d AS INTEGER) FROM t WHERE id <= 20
SELECT id, CAST(d AS INT) AS a, CAST(dec AS INT) AS b, CAST(d AS BIGINT) AS c FROM t WHERE id <= 20;

-- !schema struct<a:int,b:int,c:int,d:int>
-- !sqlite SELECT 3, -3, 1, 0
SELECT CAST(3.7 AS INT) AS a, CAST(-3.7 AS INT) AS b, CAST(true AS INT) AS c, CAST(false AS INT) AS d;

-- !error CAST_OVERFLOW "BIGINT"
SELECT CAST(big * 10 AS INT) FROM t WHERE big IS NOT NULL;

-- !error CAST_OVERFLOW overflow
SELECT CAST(CAST(1e10 AS DOUBLE) AS INT);

-- !error CAST_OVERFLOW overflow
SELECT CAST(CAST('NaN' AS DOUBLE) AS INT);

-- Strings to numbers: surrounding whitespace is trimmed; anything else malformed is an error.
-- !schema struct<a:int,b:bigint,c:double,d:double,e:double,f:int>
-- !sqlite SELECT 42, -7, 1000.0, 0.5, -2.5, 12
SELECT CAST(' 42 ' AS INT) AS a, CAST('-7' AS BIGINT) AS b, CAST('1e3' AS DOUBLE) AS c, CAST('.5' AS DOUBLE) AS d,
  CAST(' -2.5 ' AS DOUBLE) AS e, CAST('+12' AS INT) AS f;

-- A decimal point or an exponent cannot be cast to an integral type.
-- !error CAST_INVALID_INPUT '1.5'
SELECT CAST('1.5' AS INT);

-- !error CAST_INVALID_INPUT 'abc'
SELECT CAST('abc' AS INT);

-- !error CAST_INVALID_INPUT '1e1'
SELECT CAST('1e1' AS BIGINT);

-- !error CAST_INVALID_INPUT "STRING"
SELECT CAST(s AS INT) FROM t WHERE s IS NOT NULL;

-- !error CAST_INVALID_INPUT 'x1'
SELECT CAST('x1' AS DOUBLE);

-- A string out of the target's range is malformed input, not an overflow (Spark's example in the
-- CAST_INVALID_INPUT docs: '50000' to SMALLINT).
-- !error CAST_INVALID_INPUT '2147483648'
SELECT CAST('2147483648' AS INT);

-- !schema struct<a:double,b:double,c:double>
-- !sqlite SELECT 9e999, -9e999, 9e999
SELECT CAST('Infinity' AS DOUBLE) AS a, CAST('-infinity' AS DOUBLE) AS b, CAST('inf' AS DOUBLE) AS c;

-- Numbers to string: doubles as Java prints them, decimals with their scale.
-- !schema struct<id:int,a:string,b:string,c:string,d:string>
-- !sqlite SELECT id, CAST(v AS TEXT), sp_double_str(d), sp_dec(dec, 2), CAST(big AS TEXT) FROM t WHERE id <= 20
SELECT id, CAST(v AS STRING) AS a, CAST(d AS STRING) AS b, CAST(dec AS STRING) AS c, CAST(big AS STRING) AS d
FROM t WHERE id <= 20;

-- !schema struct<a:string,b:string,c:string,d:string,e:string,f:string>
-- !sqlite SELECT '1.0', '1.0E7', '1.0E-4', '0.001', '1.50', '123456.7'
SELECT CAST(CAST(1 AS DOUBLE) AS STRING) AS a, CAST(CAST(1e7 AS DOUBLE) AS STRING) AS b,
  CAST(CAST(0.0001 AS DOUBLE) AS STRING) AS c, CAST(CAST(0.001 AS DOUBLE) AS STRING) AS d,
  CAST(1.50 AS STRING) AS e, CAST(CAST(123456.7 AS DOUBLE) AS STRING) AS f;

-- Booleans.
-- !schema struct<id:int,a:string,b:boolean,c:boolean>
-- !sqlite SELECT id, sp_bool_str(b), k <> 0, d <> 0 FROM t WHERE id <= 16
SELECT id, CAST(b AS STRING) AS a, CAST(k AS BOOLEAN) AS b, CAST(d AS BOOLEAN) AS c FROM t WHERE id <= 16;

-- Strings to boolean: t, true, y, yes, 1 and f, false, n, no, 0, any case, trimmed.
-- !schema struct<a:boolean,b:boolean,c:boolean,d:boolean,e:boolean,f:boolean>
-- !sqlite SELECT 1, 1, 1, 0, 0, 0
SELECT CAST('true' AS BOOLEAN) AS a, CAST(' YES ' AS BOOLEAN) AS b, CAST('1' AS BOOLEAN) AS c,
  CAST('f' AS BOOLEAN) AS d, CAST('No' AS BOOLEAN) AS e, CAST('0' AS BOOLEAN) AS f;

-- !error CAST_INVALID_INPUT 'maybe'
SELECT CAST('maybe' AS BOOLEAN);

-- Dates and timestamps from strings.
-- !schema struct<a:date,b:date,c:timestamp,d:timestamp,e:timestamp,f:date>
-- !sqlite SELECT '2024-02-29', '2024-01-05', '2024-01-05 10:11:12', '2024-01-05 00:00:00', '2024-01-05 10:11:12.5', '2024-01-05'
SELECT CAST('2024-02-29' AS DATE) AS a, CAST('2024-1-5' AS DATE) AS b, CAST('2024-01-05 10:11:12' AS TIMESTAMP) AS c,
  CAST('2024-01-05' AS TIMESTAMP) AS d, CAST('2024-01-05T10:11:12.500' AS TIMESTAMP) AS e,
  CAST(' 2024-01-05 ' AS DATE) AS f;

-- !error CAST_INVALID_INPUT '2023-02-29'
SELECT CAST('2023-02-29' AS DATE);

-- !error CAST_INVALID_INPUT 'yesterday'
SELECT CAST('yesterday' AS TIMESTAMP);

-- !schema struct<id:int,a:string,b:string,c:date,e:timestamp>
-- !sqlite SELECT id, dt, ts, substr(ts, 1, 10), dt || ' 00:00:00' FROM t WHERE id <= 16
SELECT id, CAST(dt AS STRING) AS a, CAST(ts AS STRING) AS b, CAST(ts AS DATE) AS c, CAST(dt AS TIMESTAMP) AS e
FROM t WHERE id <= 16;

-- Timestamp <-> numeric is allowed in ANSI mode (seconds since the epoch; SPARK-37714).
-- !schema struct<id:int,a:bigint,b:timestamp>
-- !sqlite SELECT id, sp_unix_timestamp(ts), sp_from_unixtime(sp_unix_timestamp(ts) + 60) FROM t WHERE id <= 12
SELECT id, CAST(ts AS BIGINT) AS a, CAST(CAST(ts AS BIGINT) + 60 AS TIMESTAMP) AS b FROM t WHERE id <= 12;

-- !schema struct<a:timestamp,b:double>
-- !sqlite SELECT '1970-01-02 00:00:00', 86400.5
SELECT CAST(86400 AS TIMESTAMP) AS a, CAST(TIMESTAMP '1970-01-02 00:00:00.5' AS DOUBLE) AS b;

-- Date <-> numeric and date <-> boolean casts are refused at analysis.
-- !error DATATYPE_MISMATCH "DATE" to "INT"
SELECT CAST(dt AS INT) FROM t;

-- !error DATATYPE_MISMATCH "INT" to "DATE"
SELECT CAST(k AS DATE) FROM t;

-- !error DATATYPE_MISMATCH "DATE" to "BOOLEAN"
SELECT CAST(dt AS BOOLEAN) FROM t;

-- Decimals: rounding HALF_UP to the target scale; values that do not fit the precision are errors.
-- !schema struct<id:int,a:decimal(10,1),b:decimal(12,4),c:decimal(6,0)>
-- !sqlite SELECT id, sp_dec(d, 1), d, sp_dec(dec, 0) FROM t WHERE id <= 20
SELECT id, CAST(d AS DECIMAL(10,1)) AS a, CAST(d AS DECIMAL(12,4)) AS b, CAST(dec AS DECIMAL(6,0)) AS c
FROM t WHERE id <= 20;

-- !schema struct<a:decimal(4,2),b:decimal(4,2),c:decimal(5,2),d:decimal(3,0),e:decimal(10,0)>
-- !sqlite SELECT '1.24', '-1.24', '12.00', '-3', '123'
SELECT CAST('1.235' AS DECIMAL(4,2)) AS a, CAST(-1.235 AS DECIMAL(4,2)) AS b, CAST(12 AS DECIMAL(5,2)) AS c,
  CAST(-2.5 AS DECIMAL(3,0)) AS d, CAST(123.4 AS DECIMAL) AS e;

-- !error NUMERIC_VALUE_OUT_OF_RANGE 123.45
SELECT CAST(123.45 AS DECIMAL(4,2));

-- !error NUMERIC_VALUE_OUT_OF_RANGE Decimal(2, 1)
SELECT CAST(v AS DECIMAL(2,1)) FROM t WHERE v IS NOT NULL;

-- !schema struct<id:int,a:decimal(4,1)>
-- !sqlite SELECT id, v FROM t WHERE abs(v) < 100 AND id <= 20
SELECT id, CAST(v AS DECIMAL(4,1)) AS a FROM t WHERE abs(v) < 100 AND id <= 20;

-- A string compared with a date is cast to a date.
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE dt >= '2024-06-01';

-- Spark 4's '::' cast syntax.
-- !schema struct<a:string,b:int>
-- !sqlite SELECT '12', 7
SELECT 12::string AS a, '7'::int AS b;

-- CAST of NULL is NULL of the target type.
-- !schema struct<a:int,b:date,c:string>
-- !sqlite SELECT NULL, NULL, NULL
SELECT CAST(NULL AS INT) AS a, CAST(NULL AS DATE) AS b, CAST(NULL AS STRING) AS c;
