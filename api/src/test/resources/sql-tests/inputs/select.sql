-- Selection, projection and expressions over the seeded tables (see tables.py).

-- Fingerprint of the seeded tables: Ember's and SQLite's copies must agree.
-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<n:bigint,sk:bigint,nw:bigint,lw:bigint,sa:bigint>
SELECT count(*) AS n, sum(k) AS sk, count(w) AS nw, sum(length(w)) AS lw, sum(amt) AS sa FROM u;

-- !schema struct<n:bigint,g:bigint,sn:bigint,mx:string>
SELECT count(*) AS n, count(g) AS g, sum(n) AS sn, max(g) AS mx FROM dup;

-- !schema struct<id:int,k:int,v:int>
SELECT id, k, v FROM t WHERE id <= 10;

-- !schema struct<id:int,s:string>
SELECT id, s FROM t WHERE s = 'alpha';

-- !schema struct<id:int,x:int,y:bigint,z:double>
SELECT id, id * 2 + 1 AS x, big - id AS y, d * 2 AS z FROM t WHERE id % 5 = 0;

-- Spark names an unaliased column after the expression's SQL text.
-- !schema struct<(id + 1):int,upper(s):string,k:int>
-- !sqlite SELECT id + 1, upper(s), k FROM t WHERE id < 4
SELECT id + 1, upper(s), k FROM t WHERE id < 4;

-- !schema struct<1:int,a:string,1.5:decimal(2,1),true:boolean,NULL:void>
-- !sqlite SELECT 1, 'a', 1.5, 1, NULL
SELECT 1, 'a', 1.5, true, NULL;

-- !schema struct<a:int,b:string,c:decimal(2,1),d:boolean>
-- !sqlite SELECT 1, 'a', 1.5, 1
SELECT 1 AS a, 'a' AS b, 1.5 AS c, true AS d;

-- Integer literals beyond int are bigint; beyond bigint, decimal (Spark's literal typing).
-- !schema struct<a:bigint,b:bigint,c:decimal(19,0),d:double>
-- !sqlite SELECT 2147483648, -9223372036854775808, '9223372036854775808', 1000.0
SELECT 2147483648 AS a, -9223372036854775808 AS b, 9223372036854775808 AS c, 1e3 AS d;

-- !schema struct<k:int>
SELECT DISTINCT k FROM t;

-- !schema struct<k:int,b:boolean>
SELECT DISTINCT k, b FROM t WHERE k IS NOT NULL;

-- !schema struct<id:int>
SELECT id FROM t WHERE v > 50 AND k <> 2;

-- !schema struct<id:int>
SELECT id FROM t WHERE v > 90 OR s = '';

-- !schema struct<id:int>
SELECT id FROM t WHERE NOT (v < 0);

-- !schema struct<id:int>
SELECT id FROM t WHERE v BETWEEN -10 AND 10;

-- !schema struct<id:int>
SELECT id FROM t WHERE v NOT BETWEEN -90 AND 90;

-- !schema struct<id:int>
SELECT id FROM t WHERE k IN (1, 3);

-- !schema struct<id:int>
SELECT id FROM t WHERE k NOT IN (0, 1, 2);

-- !schema struct<id:int,s:string>
SELECT id, s FROM t WHERE s LIKE 'a%';

-- LIKE is case-sensitive in Spark; '_' matches one character, '%' any sequence.
-- !schema struct<id:int,s:string>
SELECT id, s FROM t WHERE s LIKE '_l%';

-- !schema struct<id:int,s:string>
SELECT id, s FROM t WHERE s NOT LIKE '%a%';

-- !schema struct<id:int>
SELECT id FROM t WHERE b;

-- !schema struct<id:int>
SELECT id FROM t WHERE NOT b;

-- !schema struct<id:int,b:boolean>
SELECT id, b = (v > 0) AS b FROM t WHERE id <= 12;

-- Backtick-quoted identifiers, and a column alias that needs them.
-- !schema struct<the id:int,k:int>
SELECT `id` AS `the id`, t.`k` FROM t WHERE id < 3;

-- !schema struct<id:int,v:int>
SELECT x.id, x.v FROM t AS x WHERE x.id > 45;

-- !schema struct<id:int,v:int>
SELECT x.id, x.v FROM t x WHERE x.id > 45;

-- !schema struct<id:int,k:int,v:int,s:string,d:double,dec:decimal(8,2),dt:date,ts:timestamp,b:boolean,big:bigint>
SELECT * FROM t WHERE id IN (1, 2, 3, 47);

-- !schema struct<id:int,k:int,w:string,amt:int>
SELECT u.* FROM u WHERE amt > 45;

-- !schema struct<id:int,k:int,w:string,amt:int>
SELECT * FROM e0;

-- !schema struct<k:int,w:string>
SELECT k, w FROM u WHERE w = 'red' OR w = 'Red';

-- Comparisons are case-sensitive and binary.
-- !schema struct<id:int,s:string>
SELECT id, s FROM t WHERE s > 'Zeta';

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE dt > DATE '2024-01-01';

-- !schema struct<id:int,ts:timestamp>
SELECT id, ts FROM t WHERE ts < TIMESTAMP '2023-03-01 00:00:00';

-- !schema struct<id:int>
SELECT id FROM t WHERE d > 500.5;

-- !schema struct<id:int>
SELECT id FROM t WHERE dec < -500;

-- A column that does not exist.
-- !error UNRESOLVED_COLUMN `nosuch`
SELECT nosuch FROM t;

-- !error TABLE_OR_VIEW_NOT_FOUND `nosuch_table`
SELECT * FROM nosuch_table;

-- !error UNRESOLVED_ROUTINE nosuch_fn
SELECT nosuch_fn(id) FROM t;

-- !error PARSE_SYNTAX_ERROR FROM
SELECT id FROM FROM t;
