-- Decimal arithmetic (Spark's DecimalPrecision rules, spark.sql.decimalOperations.allowPrecisionLoss=true):
--   a + b, a - b: decimal(max(s1,s2) + max(p1-s1, p2-s2) + 1, max(s1,s2))
--   a * b:        decimal(p1 + p2 + 1, s1 + s2)
--   a / b:        decimal(p1 - s1 + s2 + max(6, s1 + p2 + 1), max(6, s1 + p2 + 1))
--   a % b:        decimal(min(p1-s1, p2-s2) + max(s1,s2), max(s1,s2))
--   above 38 digits: precision 38, scale max(38 - integral digits, min(scale, 6)).
-- An int column is decimal(10,0), a bigint decimal(20,0); an integer literal takes the fewest digits that hold
-- it (spark.sql.legacy.literal.pickMinimumPrecision); 1.50 is decimal(3,2). Results round HALF_UP; overflow is
-- an error under ANSI. sum(decimal(p,s)) is decimal(p+10,s), avg is decimal(p+4,s+4). The table's dec is
-- decimal(8,2). Expected values are computed exactly (Python's decimal) by sp_d* helpers.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<id:int,a:decimal(9,2),b:decimal(9,2),c:decimal(10,2),e:decimal(17,4)>
-- !sqlite SELECT id, sp_dadd(dec, dec), sp_dadd(dec, -1.5), sp_dmul(dec, 2), sp_dmul(dec, dec) FROM t WHERE id <= 24
SELECT id, dec + dec AS a, dec - 1.5 AS b, dec * 2 AS c, dec * dec AS e FROM t WHERE id <= 24;

-- !schema struct<id:int,a:decimal(13,2),b:decimal(19,2),c:decimal(29,2),e:double>
-- !sqlite SELECT id, sp_dadd(dec, v), sp_dmul(k, dec), sp_dmul(big, dec), dec + d FROM t WHERE id <= 24
SELECT id, v + dec AS a, k * dec AS b, big * dec AS c, dec + d AS e FROM t WHERE id <= 24;

-- !schema struct<id:int,q:decimal(12,6),m:decimal(3,2)>
-- !sqlite SELECT id, sp_ddiv(dec, 3, 6), sp_dmod(dec, 7) FROM t WHERE id <= 24
SELECT id, dec / 3 AS q, dec % 7 AS m FROM t WHERE id <= 24;

-- !schema struct<id:int,q:decimal(19,11)>
-- !sqlite SELECT x.id, sp_ddiv(x.dec, y.dec, 11) FROM t x JOIN t y ON y.id = x.id + 1 WHERE y.dec <> 0 AND x.id <= 30
SELECT x.id, x.dec / y.dec AS q FROM t x JOIN t y ON y.id = x.id + 1 WHERE y.dec <> 0 AND x.id <= 30;

-- !schema struct<id:int,q:decimal(19,13)>
-- !sqlite SELECT id, sp_ddiv(dec, k, 13) FROM t WHERE k <> 0 AND id <= 24
SELECT id, dec / k AS q FROM t WHERE k <> 0 AND id <= 24;

-- Literals.
-- !schema struct<a:decimal(2,1),b:boolean,c:decimal(7,6),d:decimal(8,5),e:decimal(7,6)>
-- !sqlite SELECT '0.3', 1, '0.333333', '6.00000', '0.666667'
SELECT 0.1 + 0.2 AS a, 0.1 + 0.2 = 0.3 AS b, 1.0 / 3 AS c, 2.00 * 3.000 AS d, 2.00 / 3 AS e;

-- !schema struct<a:decimal(38,6),b:decimal(38,6)>
-- !sqlite SELECT '3.375000', '0.333333'
SELECT CAST(1.5 AS DECIMAL(38,10)) * CAST(2.25 AS DECIMAL(38,10)) AS a,
  CAST(1 AS DECIMAL(38,0)) / CAST(3 AS DECIMAL(38,0)) AS b;

-- !error NUMERIC_VALUE_OUT_OF_RANGE
SELECT CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) * 10;

-- !error DIVIDE_BY_ZERO Division by zero
SELECT dec / 0 FROM t;

-- sum and avg.
-- !schema struct<k:int,s:decimal(18,2),a:decimal(12,6),mn:decimal(8,2),mx:decimal(8,2)>
-- !sqlite SELECT k, sp_decsum(dec), avg(dec), min(dec), max(dec) FROM t GROUP BY k
SELECT k, sum(dec) AS s, avg(dec) AS a, min(dec) AS mn, max(dec) AS mx FROM t GROUP BY k;

-- round keeps a decimal: round(decimal(p,s), n) is decimal(p - s + 1 + n, n); ceil/floor are decimal(p - s + 1, 0).
-- !schema struct<id:int,r1:decimal(8,1),r0:decimal(7,0),c:decimal(7,0),f:decimal(7,0)>
-- !sqlite SELECT id, sp_dround(dec, 1), sp_dround(dec, 0), sp_dround(dec, 0, 'ceil'), sp_dround(dec, 0, 'floor') FROM t WHERE id <= 24
SELECT id, round(dec, 1) AS r1, round(dec, 0) AS r0, ceil(dec) AS c, floor(dec) AS f FROM t WHERE id <= 24;

-- !schema struct<id:int,a:decimal(8,2),n:decimal(8,2)>
-- !sqlite SELECT id, abs(dec), -dec FROM t WHERE id <= 16
SELECT id, abs(dec) AS a, -dec AS n FROM t WHERE id <= 16;

-- Comparisons between decimals of different scales, and with integers and doubles.
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE dec > 100.5 OR dec < -100 OR dec = v;

-- !schema struct<id:int,x:boolean>
-- !sqlite SELECT id, dec > d FROM t WHERE id <= 16
SELECT id, dec > d AS x FROM t WHERE id <= 16;

-- Decimals in CASE and COALESCE widen like union.
-- !schema struct<id:int,x:decimal(12,2)>
-- !sqlite SELECT id, coalesce(dec, k) FROM t WHERE id <= 16
SELECT id, coalesce(dec, k) AS x FROM t WHERE id <= 16;

-- !schema struct<id:int,x:decimal(9,3)>
-- !sqlite SELECT id, CASE WHEN b THEN dec ELSE 0.125 END FROM t WHERE id <= 16
SELECT id, CASE WHEN b THEN dec ELSE 0.125 END AS x FROM t WHERE id <= 16;
