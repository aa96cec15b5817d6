-- Subqueries in expressions (Spark's sql-ref-syntax-qry-select-subqueries): IN / NOT IN, EXISTS / NOT EXISTS,
-- scalar subqueries, correlated or not. NOT IN is NULL-aware: a NULL in the subquery's result makes NOT IN NULL
-- (so false in WHERE) for every value not found; a correlated count over no rows is 0 (the "count bug" handled).

-- !schema struct<n:bigint,sk:bigint,nw:bigint,lw:bigint,sa:bigint>
SELECT count(*) AS n, sum(k) AS sk, count(w) AS nw, sum(length(w)) AS lw, sum(amt) AS sa FROM u;

-- !schema struct<id:int,k:int>
SELECT id, k FROM t WHERE k IN (SELECT k FROM u WHERE w = 'red');

-- !schema struct<id:int,k:int>
SELECT id, k FROM t WHERE k NOT IN (SELECT k FROM u WHERE w = 'red' AND k IS NOT NULL);

-- u.k has NULLs, so NOT IN is never true.
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE k NOT IN (SELECT k FROM u);

-- An empty subquery: IN is false, NOT IN true (also for a NULL value).
-- !schema struct<a:bigint,b:bigint>
-- !sqlite SELECT (SELECT count(*) FROM t WHERE k IN (SELECT k FROM e0)), (SELECT count(*) FROM t WHERE k NOT IN (SELECT k FROM e0))
SELECT x.a, y.b FROM (SELECT count(*) AS a FROM t WHERE k IN (SELECT k FROM e0)) x
CROSS JOIN (SELECT count(*) AS b FROM t WHERE k NOT IN (SELECT k FROM e0)) y;

-- !schema struct<id:int,k:int>
SELECT id, k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.amt > 40);

-- !schema struct<id:int,k:int>
SELECT id, k FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.amt > 40);

-- !schema struct<id:int,v:int>
SELECT id, v FROM t WHERE v > (SELECT avg(amt) FROM u) + 40;

-- !schema struct<id:int,mx:int,diff:int>
SELECT id, (SELECT max(amt) FROM u) AS mx, v - (SELECT min(amt) FROM u) AS diff FROM t WHERE id <= 10;

-- Correlated scalar subqueries: count over no rows is 0, max is NULL.
-- !schema struct<id:int,k:int,n:bigint,mx:int>
SELECT id, k, (SELECT count(*) FROM u WHERE u.k = t.k) AS n, (SELECT max(amt) FROM u WHERE u.k = t.k) AS mx FROM t;

-- !schema struct<id:int,v:int>
SELECT id, v FROM t WHERE v > (SELECT avg(v) FROM t t2 WHERE t2.k = t.k);

-- A scalar subquery must return at most one row.
-- !error SCALAR_SUBQUERY_TOO_MANY_ROWS
SELECT id, (SELECT amt FROM u WHERE amt > 10) AS x FROM t;

-- !schema struct<x:int>
-- !sqlite SELECT NULL
SELECT (SELECT amt FROM u WHERE amt > 1000) AS x;

-- Multi-column IN.
-- !schema struct<id:int,k:int,w:string>
-- !sqlite SELECT id, k, w FROM u WHERE (k, w) IN (SELECT n, g FROM dup)
SELECT id, k, w FROM u WHERE (k, w) IN (SELECT n, g FROM dup);

-- In HAVING, and nested.
-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM t GROUP BY k HAVING count(*) > (SELECT count(*) FROM u WHERE k = 1);

-- !schema struct<id:int>
SELECT id FROM u WHERE k IN (SELECT k FROM t WHERE v IN (SELECT amt FROM u WHERE amt > 30));

-- !schema struct<w:string,n:bigint>
SELECT w, count(*) AS n FROM u WHERE EXISTS (SELECT 1 FROM t WHERE t.id = u.id AND t.b) GROUP BY w;

-- A subquery and a CTE together.
-- !schema struct<id:int,amt:int>
WITH big AS (SELECT id, amt FROM u WHERE amt > (SELECT avg(amt) FROM u)) SELECT id, amt FROM big WHERE id IN (SELECT id FROM t WHERE v > 0);
