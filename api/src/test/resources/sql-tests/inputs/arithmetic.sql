-- Arithmetic: result types, integer and double division, remainders, and ANSI errors.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- '/' on integers is a DOUBLE division in Spark (SQLite divides integers as integers).
-- !schema struct<a:double,b:double,c:double,d:double>
-- !sqlite SELECT 3.5, -3.5, 0.0, 2.0
SELECT 7 / 2 AS a, -7 / 2 AS b, 0 / 5 AS c, 4 / 2 AS d;

-- !schema struct<id:int,v:int,k:int,q:double>
-- !sqlite SELECT id, v, k, CAST(v AS REAL) / k FROM t WHERE k <> 0 AND id <= 20
SELECT id, v, k, v / k AS q FROM t WHERE k <> 0 AND id <= 20;

-- '%' keeps the sign of the dividend; pmod is never negative.
-- !schema struct<a:int,b:int,c:int,d:int,e:int,f:int>
-- !sqlite SELECT 7 % 3, -7 % 3, 7 % -3, -7 % -3, 1, 2
SELECT 7 % 3 AS a, -7 % 3 AS b, 7 % -3 AS c, -7 % -3 AS d, pmod(-7, 4) AS e, pmod(7, 5) AS f;

-- !schema struct<id:int,v:int,m:int,p:int>
-- !sqlite SELECT id, v, v % 7, sp_pmod(v, 7) FROM t WHERE id <= 20
SELECT id, v, v % 7 AS m, pmod(v, 7) AS p FROM t WHERE id <= 20;

-- Division by zero is an error under ANSI (spark.sql.ansi.enabled, Spark 4's default), for every numeric type.
-- !error DIVIDE_BY_ZERO Division by zero
SELECT 1 / 0;

-- !error DIVIDE_BY_ZERO Division by zero
SELECT id / (k - k) FROM t WHERE k IS NOT NULL;

-- !error DIVIDE_BY_ZERO Division by zero
SELECT 5 % 0;

-- !error DIVIDE_BY_ZERO Division by zero
SELECT CAST(1.5 AS DOUBLE) / CAST(0 AS DOUBLE);

-- !error DIVIDE_BY_ZERO Division by zero
SELECT pmod(5, 0);

-- Division by a NULL is NULL, not an error.
-- !schema struct<a:double,b:int>
-- !sqlite SELECT NULL, NULL
SELECT 1 / NULL AS a, 5 % CAST(NULL AS INT) AS b;

-- Integer overflow is an error under ANSI.
-- !error ARITHMETIC_OVERFLOW overflow
SELECT 2147483647 + 1;

-- !error ARITHMETIC_OVERFLOW overflow
SELECT -2147483648 - 1;

-- !error ARITHMETIC_OVERFLOW overflow
SELECT 65536 * 65536;

-- !error ARITHMETIC_OVERFLOW overflow
SELECT 9223372036854775807 + 1;

-- !error ARITHMETIC_OVERFLOW overflow
SELECT big * big * big FROM t WHERE big IS NOT NULL;

-- int + bigint widens to bigint, so no overflow.
-- !schema struct<a:bigint,b:bigint>
-- !sqlite SELECT 2147483648, 4294967296
SELECT 2147483647 + CAST(1 AS BIGINT) AS a, CAST(65536 AS BIGINT) * 65536 AS b;

-- Unary minus of the smallest int overflows.
-- !error ARITHMETIC_OVERFLOW overflow
SELECT -id FROM (SELECT -2147483648 AS id);

-- !error ARITHMETIC_OVERFLOW overflow
SELECT abs(-2147483648);

-- !schema struct<id:int,a:int,n:int,p:int>
SELECT id, abs(v) AS a, -v AS n, +v AS p FROM t WHERE id <= 16;

-- int op double gives double.
-- !schema struct<id:int,x:double,y:double,z:double>
SELECT id, v + d AS x, v * d AS y, d - k AS z FROM t WHERE id <= 20;

-- int op bigint gives bigint.
-- !schema struct<id:int,x:bigint,y:bigint>
SELECT id, big + v AS x, big - k AS y FROM t WHERE id <= 20;

-- !schema struct<id:int,q:double>
-- !sqlite SELECT id, big * 1.0 / 1000 FROM t WHERE id <= 20
SELECT id, big / 1000 AS q FROM t WHERE id <= 20;

-- Double division by zero is also an error; NaN and infinities only come from casts and functions.
-- !schema struct<a:double,b:double,c:double>
-- !sqlite SELECT 9e999, -9e999, 2.5
SELECT CAST('Infinity' AS DOUBLE) AS a, CAST('-Infinity' AS DOUBLE) AS b, CAST(5 AS DOUBLE) / 2 AS c;

-- !schema struct<a:boolean,b:boolean>
-- !sqlite SELECT 1, 1
SELECT CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE) AS a, CAST('NaN' AS DOUBLE) > 1e308 AS b;

-- Operator precedence: * and / before + and -, unary minus binds tighter.
-- !schema struct<a:int,b:double,c:int,d:int>
-- !sqlite SELECT 7, 4.0, -5, 1
SELECT 1 + 2 * 3 AS a, 10 - 12 / 2 AS b, -2 - 3 AS c, 10 % 3 * 1 AS d;

-- Math functions.
-- !schema struct<id:int,sq:double,ln:double,ex:double,pw:double>
-- !sqlite SELECT id, sp_sqrt(abs(d)), sp_ln(abs(d) + 1), sp_exp(k), sp_pow(k, 3) FROM t WHERE id <= 16
SELECT id, sqrt(abs(d)) AS sq, ln(abs(d) + 1) AS ln, exp(k) AS ex, pow(k, 3) AS pw FROM t WHERE id <= 16;

-- ceil/floor of a double give bigint.
-- !schema struct<id:int,c:bigint,f:bigint>
-- !sqlite SELECT id, sp_ceil(d), sp_floor(d) FROM t WHERE id <= 16
SELECT id, ceil(d) AS c, floor(d) AS f FROM t WHERE id <= 16;

-- round is HALF_UP, bround HALF_EVEN; both keep a double a double.
-- !schema struct<a:double,b:double,c:double,d:double,e:double,f:double>
-- !sqlite SELECT 2.5, 2.0, -2.5, 3.0, 1.24, 1.2
SELECT round(CAST(2.45 AS DOUBLE), 1) AS a, bround(CAST(2.5 AS DOUBLE), 0) AS b,
  round(CAST(-2.45 AS DOUBLE), 1) AS c, round(CAST(2.5 AS DOUBLE), 0) AS d, round(CAST(1.235 AS DOUBLE), 2) AS e,
  bround(CAST(1.25 AS DOUBLE), 1) AS f;

-- !schema struct<id:int,r:double,r0:double>
-- !sqlite SELECT id, sp_round(d, 1), sp_round(d, 0) FROM t WHERE id <= 20
SELECT id, round(d, 1) AS r, round(d) AS r0 FROM t WHERE id <= 20;

-- round of an int with a negative scale keeps an int.
-- !schema struct<a:int,b:int,c:int>
-- !sqlite SELECT 130, -130, 100
SELECT round(125, -1) AS a, round(-125, -1) AS b, round(149, -2) AS c;

-- !schema struct<id:int,s:double>
-- !sqlite SELECT id, sp_signum(v) FROM t WHERE id <= 12
SELECT id, signum(v) AS s FROM t WHERE id <= 12;

-- !schema struct<a:double,b:double,c:double>
-- !sqlite SELECT 3.0, 2.0, 0.0
SELECT log10(1000) AS a, log2(4) AS b, ln(1) AS c;

-- '%' on doubles is a floating remainder.
-- !schema struct<id:int,m:double>
-- !sqlite SELECT id, sp_fmod(d, 7.5) FROM t WHERE id <= 16
SELECT id, d % CAST(7.5 AS DOUBLE) AS m FROM t WHERE id <= 16;

-- Typed numeric literals: the suffixes D (double), L (bigint), BD (decimal) (Spark's sql-ref-literals).
-- !schema struct<a:double,b:bigint,c:decimal(2,1),e:double>
-- !sqlite SELECT 1.5, 10, 1.5, 5.0
SELECT 1.5D AS a, 10L AS b, 1.5BD AS c, 2.5D * 2 AS e;

-- The exponent form and lower-case suffixes; a value outside the suffix type's range is an error.
-- !schema struct<a:double,b:double,c:bigint>
-- !sqlite SELECT 1000.0, 0.5, -9223372036854775808
SELECT 1e3D AS a, .5d AS b, -9223372036854775808l AS c;

-- !error INVALID_NUMERIC_LITERAL_RANGE 128
SELECT 128Y;

-- DIV is integral division: the quotient truncated toward zero, as a bigint (Spark's sql-ref-functions-builtin
-- "div"); also for decimals. Division by zero is an error under ANSI, as is the one overflowing quotient.
-- !schema struct<a:bigint,b:bigint,c:bigint,d:bigint,e:bigint>
-- !sqlite SELECT 3, -3, -3, 3, 3
SELECT 7 DIV 2 AS a, -7 DIV 2 AS b, 7 DIV -2 AS c, 10 DIV 3 AS d, 7.5 DIV 2 AS e;

-- !schema struct<id:int,v:int,k:int,q:bigint>
-- !sqlite SELECT id, v, k, v / k FROM t WHERE k <> 0 AND id <= 20
SELECT id, v, k, v DIV k AS q FROM t WHERE k <> 0 AND id <= 20;

-- !error DIVIDE_BY_ZERO Division by zero
SELECT 5 DIV 0;

-- !error ARITHMETIC_OVERFLOW overflow
SELECT -9223372036854775808 DIV -1;
