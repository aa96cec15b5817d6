-- Spark syntax being added to Ember's SQL at the time of writing: integral division DIV and named windows
-- (WINDOW w AS (...)). DIV truncates toward zero and gives a bigint (Spark's sql-ref-functions-builtin "div");
-- division by zero is an error under ANSI.

-- !schema struct<n:bigint,sk:bigint,nw:bigint,lw:bigint,sa:bigint>
SELECT count(*) AS n, sum(k) AS sk, count(w) AS nw, sum(length(w)) AS lw, sum(amt) AS sa FROM u;

-- !schema struct<a:bigint,b:bigint,c:bigint,d:bigint>
-- !known-gap the DIV operator is being added
-- !sqlite SELECT 3, -3, -3, 3
SELECT 7 DIV 2 AS a, -7 DIV 2 AS b, 7 DIV -2 AS c, 10 DIV 3 AS d;

-- !schema struct<id:int,v:int,k:int,q:bigint>
-- !known-gap the DIV operator is being added
-- !sqlite SELECT id, v, k, v / k FROM t WHERE k <> 0 AND id <= 20
SELECT id, v, k, v DIV k AS q FROM t WHERE k <> 0 AND id <= 20;

-- !known-gap the DIV operator is being added
-- !error DIVIDE_BY_ZERO Division by zero
SELECT 5 DIV 0;

-- !schema struct<id:int,rn:int,s:bigint>
-- !known-gap named windows (WINDOW w AS ...) are being added
-- !sqlite SELECT id, row_number() OVER (PARTITION BY k ORDER BY id), sum(v) OVER (PARTITION BY k ORDER BY id) FROM t
SELECT id, row_number() OVER w AS rn, sum(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY id);
