-- ORDER BY (Spark: NULLS FIRST is the default for ASC and NULLS LAST for DESC; sql-ref-syntax-qry-select-orderby),
-- by alias, ordinal and expression, and LIMIT / OFFSET. Every ordered query here breaks ties by a unique key.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<id:int,v:int>
SELECT id, v FROM t ORDER BY v, id;

-- !schema struct<id:int,v:int>
SELECT id, v FROM t ORDER BY v DESC, id;

-- !schema struct<id:int,v:int>
SELECT id, v FROM t ORDER BY v ASC NULLS LAST, id;

-- !schema struct<id:int,v:int>
SELECT id, v FROM t ORDER BY v DESC NULLS FIRST, id DESC;

-- !schema struct<id:int,k:int,v:int>
SELECT id, k, v FROM t ORDER BY k DESC, v ASC, id;

-- Strings order by their bytes.
-- !schema struct<id:int,s:string>
SELECT id, s FROM t ORDER BY s, id;

-- !schema struct<id:int,d:double>
SELECT id, d FROM t ORDER BY d DESC, id;

-- !schema struct<id:int,dt:date,ts:timestamp>
SELECT id, dt, ts FROM t ORDER BY dt DESC NULLS LAST, ts, id LIMIT 15;

-- !schema struct<id:int,b:boolean>
SELECT id, b FROM t ORDER BY b, id;

-- !schema struct<id:int,dec:decimal(8,2)>
SELECT id, dec FROM t ORDER BY dec, id;

-- By alias, ordinal, and an expression not in the select list.
-- !schema struct<id:int,x:int>
SELECT id, v * -1 AS x FROM t ORDER BY x, id;

-- !schema struct<id:int,w:string>
SELECT id, w FROM u ORDER BY 2 DESC, 1;

-- !schema struct<id:int>
SELECT id FROM u ORDER BY amt % 10, id;

-- !schema struct<id:int,s:string>
SELECT id, s FROM t WHERE s IS NOT NULL ORDER BY length(s) DESC, s, id;

-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM t GROUP BY k ORDER BY n DESC, k;

-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM t GROUP BY k ORDER BY sum(v), k;

-- !schema struct<k:int>
SELECT DISTINCT k FROM t ORDER BY k DESC;

-- LIMIT and OFFSET.
-- !schema struct<id:int,v:int>
SELECT id, v FROM t ORDER BY v DESC, id LIMIT 5;

-- !schema struct<id:int,v:int>
SELECT id, v FROM t ORDER BY v, id LIMIT 5 OFFSET 3;

-- !schema struct<id:int>
SELECT id FROM t ORDER BY id LIMIT 0;

-- !schema struct<id:int>
-- !sqlite SELECT id FROM u ORDER BY id LIMIT -1 OFFSET 27
SELECT id FROM u ORDER BY id OFFSET 27;

-- !schema struct<id:int>
SELECT id FROM u ORDER BY id LIMIT 5 OFFSET 40;

-- LIMIT without ORDER BY returns that many rows (which ones is not defined).
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM (SELECT * FROM t LIMIT 10) x;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM (SELECT * FROM t LIMIT 100) x;

-- Top-N per outer query over a subquery.
-- !schema struct<id:int,amt:int>
SELECT id, amt FROM (SELECT id, amt FROM u ORDER BY amt DESC, id LIMIT 10) x ORDER BY id;

-- !schema struct<k:int,v:int,id:int>
SELECT k, v, id FROM t WHERE k IS NOT NULL ORDER BY k, v DESC NULLS LAST, id;

-- CASE in ORDER BY.
-- !schema struct<id:int,w:string>
SELECT id, w FROM u ORDER BY CASE WHEN w = 'red' THEN 0 WHEN w IS NULL THEN 2 ELSE 1 END, id;

-- !error ORDER_BY_POS_OUT_OF_RANGE 3
SELECT id, v FROM t ORDER BY 3;

-- !error INVALID_LIMIT_LIKE_EXPRESSION -1
SELECT id FROM t LIMIT -1;
