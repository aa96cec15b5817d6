-- Set operations: UNION [ALL], INTERSECT [ALL], EXCEPT [ALL] / MINUS. Rows compare with NULL equal to NULL;
-- column names come from the first query; types widen (int with bigint: bigint; int with double: double);
-- INTERSECT binds tighter than UNION and EXCEPT, which are left-associative (Spark's set operation precedence;
-- SQLite gives every compound operator one precedence, so such expectations are written out).
-- SQLite has no INTERSECT ALL / EXCEPT ALL: their expectations number the copies of each row (row_number over
-- the row) and apply the DISTINCT operator to (row, copy number) pairs.

-- !schema struct<n:bigint,g:bigint,sn:bigint,mx:string>
SELECT count(*) AS n, count(g) AS g, sum(n) AS sn, max(g) AS mx FROM dup;

-- !schema struct<k:int>
SELECT k FROM t UNION SELECT k FROM u;

-- !schema struct<k:int>
SELECT k FROM t WHERE id <= 6 UNION ALL SELECT k FROM u WHERE id <= 6;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM (SELECT k, b FROM t UNION ALL SELECT k, b FROM t) x;

-- !schema struct<k:int>
SELECT k FROM t INTERSECT SELECT k FROM u;

-- !schema struct<k:int>
SELECT k FROM u EXCEPT SELECT k FROM t;

-- !schema struct<k:int>
SELECT k FROM u MINUS SELECT k FROM t;

-- NULL rows are equal to each other in set operations.
-- !schema struct<g:string,n:int>
SELECT g, n FROM dup INTERSECT SELECT g, n FROM dup WHERE g IS NULL OR n IS NULL;

-- !schema struct<g:string,n:int>
SELECT g, n FROM dup EXCEPT SELECT g, n FROM dup WHERE g IS NULL;

-- !schema struct<g:string>
-- !sqlite SELECT g FROM (SELECT g, row_number() OVER (PARTITION BY g) AS c FROM dup WHERE n IS NULL OR n <= 2 INTERSECT SELECT g, row_number() OVER (PARTITION BY g) AS c FROM dup WHERE n IS NULL OR n >= 2)
SELECT g FROM dup WHERE n IS NULL OR n <= 2 INTERSECT ALL SELECT g FROM dup WHERE n IS NULL OR n >= 2;

-- !schema struct<g:string>
-- !sqlite SELECT g FROM (SELECT g, row_number() OVER (PARTITION BY g) AS c FROM dup WHERE n IS NULL OR n <= 2 EXCEPT SELECT g, row_number() OVER (PARTITION BY g) AS c FROM dup WHERE n IS NULL OR n >= 2)
SELECT g FROM dup WHERE n IS NULL OR n <= 2 EXCEPT ALL SELECT g FROM dup WHERE n IS NULL OR n >= 2;

-- !schema struct<n:int>
-- !sqlite SELECT n FROM (SELECT n, row_number() OVER (PARTITION BY n) AS c FROM dup EXCEPT SELECT n, row_number() OVER (PARTITION BY n) AS c FROM dup WHERE g = 'x')
SELECT n FROM dup EXCEPT ALL SELECT n FROM dup WHERE g = 'x';

-- !schema struct<g:string,n:int>
SELECT g, n FROM dup INTERSECT DISTINCT SELECT g, n FROM dup WHERE n > 1;

-- Types widen; names come from the first query.
-- !schema struct<v:double>
SELECT v FROM t WHERE id <= 5 UNION ALL SELECT d FROM t WHERE id <= 5;

-- !schema struct<x:bigint>
SELECT k AS x FROM t WHERE id <= 5 UNION SELECT big FROM t WHERE id <= 5;

-- !schema struct<a:int,b:string>
SELECT id AS a, s AS b FROM t WHERE id <= 3 UNION ALL SELECT id, w FROM u WHERE id <= 3;

-- decimal(8,2) with int (decimal(10,0)) widens to decimal(max(s) + max(p - s), max(s)) = decimal(12,2).
-- !schema struct<x:decimal(12,2)>
SELECT dec AS x FROM t WHERE id <= 5 UNION ALL SELECT k FROM t WHERE id <= 5;

-- Precedence: INTERSECT first, then UNION/EXCEPT from left to right.
-- !schema struct<x:int>
-- !sqlite SELECT 1 UNION SELECT 2
SELECT 1 AS x UNION SELECT 2 INTERSECT SELECT 2;

-- !schema struct<x:int>
-- !sqlite SELECT 1
SELECT 1 AS x UNION SELECT 2 EXCEPT SELECT 2;

-- !schema struct<x:int>
-- !sqlite SELECT 2 UNION SELECT 3
SELECT 1 AS x EXCEPT SELECT 1 UNION SELECT 2 UNION ALL SELECT 3;

-- Parentheses group set operations.
-- !schema struct<x:int>
-- !sqlite SELECT 2
(SELECT 1 AS x UNION SELECT 2) INTERSECT SELECT 2;

-- ORDER BY and LIMIT apply to the whole set operation.
-- !schema struct<k:int>
SELECT k FROM t UNION SELECT k FROM u ORDER BY k DESC LIMIT 4;

-- !schema struct<w:string>
SELECT w FROM u UNION SELECT s FROM t WHERE id <= 10 ORDER BY 1;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM (SELECT id FROM t UNION ALL SELECT id FROM u UNION ALL SELECT id FROM e0) x;

-- !error NUM_COLUMNS_MISMATCH UNION
SELECT k, v FROM t UNION SELECT k FROM u;

-- !schema struct<n:int>
SELECT n FROM dup WHERE n IS NOT NULL INTERSECT SELECT k FROM u EXCEPT SELECT amt FROM u;

-- Set operations with an empty side.
-- !schema struct<k:int>
SELECT k FROM u EXCEPT SELECT k FROM e0;

-- !schema struct<k:int>
SELECT k FROM u INTERSECT SELECT k FROM e0;
