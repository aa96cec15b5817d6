-- Common table expressions, subqueries in FROM, and CASE.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<k:int,n:bigint>
WITH c AS (SELECT k, count(*) AS n FROM t GROUP BY k) SELECT k, n FROM c WHERE n > 5;

-- A later CTE may use an earlier one.
-- !schema struct<k:int,n:bigint,share:double>
-- !sqlite WITH c AS (SELECT k, count(*) AS n FROM t GROUP BY k), total AS (SELECT sum(n) AS tn FROM c) SELECT k, n, CAST(n AS REAL) / tn FROM c CROSS JOIN total
WITH c AS (SELECT k, count(*) AS n FROM t GROUP BY k), total AS (SELECT sum(n) AS tn FROM c)
SELECT k, n, n / tn AS share FROM c CROSS JOIN total;

-- A CTE used twice.
-- !schema struct<a:int,b:int>
WITH small AS (SELECT id, k FROM t WHERE id <= 8)
SELECT x.id AS a, y.id AS b FROM small x JOIN small y ON x.k = y.k AND x.id < y.id;

-- A CTE shadows a view of the same name.
-- !schema struct<id:int>
-- !sqlite SELECT 7
WITH t AS (SELECT 7 AS id) SELECT id FROM t;

-- A WITH inside a subquery.
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM (WITH p AS (SELECT * FROM t WHERE v > 0) SELECT * FROM p WHERE k = 2) x;

-- !schema struct<w:string,total:bigint>
WITH j AS (SELECT u.w, t.v FROM t JOIN u ON t.id = u.id) SELECT w, sum(v) AS total FROM j GROUP BY w;

-- !error DUPLICATED_CTE_NAMES `c`
WITH c AS (SELECT 1 AS x), c AS (SELECT 2 AS x) SELECT * FROM c;

-- WITH with a column list.
-- !schema struct<a:int,b:int>
-- !sqlite SELECT id, k FROM t WHERE id <= 3
WITH c(a, b) AS (SELECT id, k FROM t) SELECT a, b FROM c WHERE a <= 3;

-- Subqueries in FROM.
-- !schema struct<k:int,mx:int>
SELECT k, mx FROM (SELECT k, max(v) AS mx FROM t GROUP BY k) m WHERE mx > 50;

-- !schema struct<id:int,z:int>
SELECT id, z FROM (SELECT id, y * 2 AS z FROM (SELECT id, v + 1 AS y FROM t) a) b WHERE z > 150;

-- !schema struct<k:int,avg_v:double,n:bigint>
SELECT a.k, a.avg_v, b.n FROM (SELECT k, avg(v) AS avg_v FROM t GROUP BY k) a
JOIN (SELECT k, count(*) AS n FROM u GROUP BY k) b ON a.k = b.k;

-- !schema struct<a:int,b:int>
-- !sqlite SELECT id, k FROM t WHERE id <= 3
SELECT a, b FROM (SELECT id, k FROM t) AS x(a, b) WHERE a <= 3;

-- !schema struct<a:int,b:int,w:string>
-- !sqlite SELECT x.id, x.k, u.w FROM t x JOIN u ON x.id = u.id WHERE x.id <= 4
SELECT x.a, x.b, u.w FROM (SELECT id, k FROM t) x(a, b) JOIN u ON x.a = u.id WHERE x.a <= 4;

-- !error AnalysisException Number of column aliases does not match number of columns
WITH c(a) AS (SELECT id, k FROM t) SELECT * FROM c;

-- Searched and simple CASE.
-- !schema struct<id:int,sign:string>
SELECT id, CASE WHEN v > 0 THEN 'pos' WHEN v < 0 THEN 'neg' WHEN v = 0 THEN 'zero' ELSE 'null' END AS sign FROM t;

-- !schema struct<id:int,name:string>
SELECT id, CASE k WHEN 0 THEN 'zero' WHEN 1 THEN 'one' ELSE 'many' END AS name FROM t WHERE id <= 20;

-- The first matching branch wins.
-- !schema struct<id:int,c:string>
SELECT id, CASE WHEN v > 50 THEN 'big' WHEN v > 0 THEN 'small' ELSE 'other' END AS c FROM t WHERE id <= 20;

-- Branch types widen: int and double give double; int and bigint give bigint.
-- !schema struct<id:int,x:double,y:bigint>
SELECT id, CASE WHEN b THEN v ELSE d END AS x, CASE WHEN k > 2 THEN k ELSE big END AS y FROM t WHERE id <= 16;

-- Nested CASE and CASE over aggregates.
-- !schema struct<id:int,c:string>
SELECT id, CASE WHEN k IS NULL THEN 'nk' ELSE CASE WHEN v IS NULL THEN 'nv' ELSE 'ok' END END AS c FROM t WHERE id <= 20;

-- !schema struct<k:int,size:string>
SELECT k, CASE WHEN count(*) > 10 THEN 'large' WHEN count(*) > 5 THEN 'medium' ELSE 'small' END AS size
FROM t GROUP BY k;

-- GROUP BY a CASE expression.
-- !schema struct<bucket:string,n:bigint>
-- !sqlite SELECT CASE WHEN amt < 10 THEN 'low' WHEN amt < 30 THEN 'mid' ELSE 'high' END, count(*) FROM u GROUP BY 1
SELECT CASE WHEN amt < 10 THEN 'low' WHEN amt < 30 THEN 'mid' ELSE 'high' END AS bucket, count(*) AS n
FROM u GROUP BY CASE WHEN amt < 10 THEN 'low' WHEN amt < 30 THEN 'mid' ELSE 'high' END;

-- CASE does not evaluate a branch it does not take (no division by zero here).
-- !schema struct<id:int,q:double>
-- !sqlite SELECT id, CASE WHEN k = 0 THEN NULL ELSE CAST(v AS REAL) / k END FROM t WHERE id <= 20
SELECT id, CASE WHEN k = 0 THEN NULL ELSE v / k END AS q FROM t WHERE id <= 20;

-- A CTE feeding a window and a join.
-- !schema struct<k:int,n:bigint,rk:int>
-- !sqlite WITH c AS (SELECT k, count(*) AS n FROM t GROUP BY k) SELECT k, n, rank() OVER (ORDER BY n DESC) FROM c
WITH c AS (SELECT k, count(*) AS n FROM t GROUP BY k) SELECT k, n, rank() OVER (ORDER BY n DESC) AS rk FROM c;

-- Global temporary views live in the database global_temp (DiffTables registers dup as global_temp.gdup).
-- !schema struct<g:string,n:bigint>
SELECT g, count(*) AS n FROM global_temp.gdup GROUP BY g;

-- !schema struct<g:string,n:int,w:string>
SELECT d.g, d.n, u.w FROM global_temp.gdup d JOIN u ON d.n = u.id;

-- !error TABLE_OR_VIEW_NOT_FOUND `gdup`
SELECT * FROM gdup;
