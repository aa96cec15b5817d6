-- Joins of every kind with ON and USING. NULL keys never match with '=' (they do with '<=>'); outer joins fill
-- the missing side with NULLs; USING keeps one key column (Spark: the left's for inner and left joins, the
-- right's for right joins, coalesce(left, right) for full joins), placed first.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<n:bigint,sk:bigint,nw:bigint,lw:bigint,sa:bigint>
SELECT count(*) AS n, sum(k) AS sk, count(w) AS nw, sum(length(w)) AS lw, sum(amt) AS sa FROM u;

-- !schema struct<id:int,v:int,w:string>
SELECT t.id, t.v, u.w FROM t JOIN u ON t.id = u.id WHERE t.id % 3 = 0;

-- Many-to-many on a key with duplicates and NULLs.
-- !schema struct<tid:int,uid:int,k:int>
SELECT t.id AS tid, u.id AS uid, t.k FROM t INNER JOIN u ON t.k = u.k WHERE t.id <= 12;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t JOIN u ON t.k = u.k;

-- !schema struct<tid:int,uid:int,amt:int>
SELECT t.id AS tid, u.id AS uid, u.amt FROM t LEFT JOIN u ON t.k = u.k AND u.amt > 40 WHERE t.id <= 16;

-- !schema struct<tid:int,uid:int,w:string>
SELECT t.id AS tid, u.id AS uid, u.w FROM t RIGHT JOIN u ON t.k = u.k AND t.id <= 6;

-- !schema struct<tid:int,uid:int,tk:int,uk:int>
SELECT t.id AS tid, u.id AS uid, t.k AS tk, u.k AS uk FROM (SELECT * FROM t WHERE id <= 10) t
FULL OUTER JOIN (SELECT * FROM u WHERE id <= 10) u ON t.k = u.k;

-- A filter on the outer side in WHERE (after the join) differs from one in ON.
-- !schema struct<n1:bigint,n2:bigint>
-- !sqlite SELECT (SELECT count(*) FROM t LEFT JOIN u ON t.id = u.id AND u.amt > 25), (SELECT count(*) FROM t LEFT JOIN u ON t.id = u.id WHERE u.amt > 25)
SELECT a.n AS n1, b.n AS n2 FROM (SELECT count(*) AS n FROM t LEFT JOIN u ON t.id = u.id AND u.amt > 25) a
CROSS JOIN (SELECT count(*) AS n FROM t LEFT JOIN u ON t.id = u.id WHERE u.amt > 25) b;

-- LEFT SEMI keeps left rows with a match (once); LEFT ANTI those without, including NULL keys.
-- !schema struct<id:int,k:int>
-- !sqlite SELECT id, k FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w = 'red')
SELECT id, k FROM t LEFT SEMI JOIN u ON t.k = u.k AND u.w = 'red';

-- !schema struct<id:int,k:int>
-- !sqlite SELECT id, k FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w = 'red')
SELECT id, k FROM t LEFT ANTI JOIN u ON t.k = u.k AND u.w = 'red';

-- !schema struct<n:bigint>
-- !sqlite SELECT count(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM e0 WHERE e0.k = t.k)
SELECT count(*) AS n FROM t LEFT ANTI JOIN e0 ON t.k = e0.k;

-- Null-safe equality matches NULL keys.
-- !schema struct<n:bigint>
-- !sqlite SELECT count(*) FROM t JOIN u ON t.k IS u.k
SELECT count(*) AS n FROM t JOIN u ON t.k <=> u.k;

-- USING: one key column, first.
-- !schema struct<id:int,k:int,w:string,amt:int,v:int>
-- !sqlite SELECT u.id, u.k, u.w, u.amt, t.v FROM u JOIN t ON u.id = t.id WHERE u.id <= 6
SELECT * FROM u JOIN (SELECT id, v FROM t) x USING (id) WHERE id <= 6;

-- !schema struct<id:int,k:int,w:string,amt:int,k:int,w:string,amt:int>
-- !sqlite SELECT u.id, u.k, u.w, u.amt, e0.k, e0.w, e0.amt FROM u JOIN e0 ON u.id = e0.id
SELECT * FROM u JOIN e0 USING (id);

-- !schema struct<k:int,id:int,n:bigint>
-- !sqlite SELECT u.k, u.id, x.n FROM u LEFT JOIN (SELECT k, count(*) AS n FROM t GROUP BY k) x ON u.k = x.k
SELECT k, id, n FROM u LEFT JOIN (SELECT k, count(*) AS n FROM t GROUP BY k) x USING (k);

-- !schema struct<k:int,id:int,n:bigint>
-- !sqlite SELECT x.k, u.id, x.n FROM u RIGHT JOIN (SELECT k, count(*) AS n FROM t GROUP BY k) x ON u.k = x.k WHERE u.id IS NULL OR u.id <= 8
SELECT k, id, n FROM u RIGHT JOIN (SELECT k, count(*) AS n FROM t GROUP BY k) x USING (k) WHERE id IS NULL OR id <= 8;

-- !schema struct<k:int,id:int,n:bigint>
-- !sqlite SELECT coalesce(u.k, x.k), u.id, x.n FROM (SELECT * FROM u WHERE k <> 3) u FULL JOIN (SELECT k, count(*) AS n FROM t WHERE k < 3 GROUP BY k) x ON u.k = x.k
SELECT k, id, n FROM (SELECT * FROM u WHERE k <> 3) u FULL JOIN (SELECT k, count(*) AS n FROM t WHERE k < 3 GROUP BY k) x USING (k);

-- CROSS JOIN and the comma form.
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t CROSS JOIN u;

-- !schema struct<g:string,w:string>
-- !sqlite SELECT DISTINCT dup.g, u.w FROM dup, u WHERE dup.n = u.k
SELECT DISTINCT dup.g, u.w FROM dup, u WHERE dup.n = u.k;

-- Non-equi joins.
-- !schema struct<tid:int,uid:int>
SELECT t.id AS tid, u.id AS uid FROM t JOIN u ON t.v > u.amt + 60 AND u.id <= 5;

-- !schema struct<tid:int,n:bigint>
SELECT t.id AS tid, count(u.id) AS n FROM t LEFT JOIN u ON u.amt BETWEEN t.v AND t.v + 5 WHERE t.id <= 16 GROUP BY t.id;

-- Self join and an expression key.
-- !schema struct<a:int,b:int,dv:int>
SELECT x.id AS a, y.id AS b, y.v - x.v AS dv FROM t x JOIN t y ON y.id = x.id + 1 WHERE x.id <= 20;

-- Three tables.
-- !schema struct<tid:int,w:string,g:string>
SELECT t.id AS tid, u.w, dup.g FROM t JOIN u ON t.id = u.id JOIN dup ON u.k = dup.n WHERE t.id <= 15;

-- Outer join with an empty side.
-- !schema struct<id:int,w:string>
SELECT u.id, e0.w FROM u LEFT JOIN e0 ON u.id = e0.id WHERE u.id <= 5;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM e0 FULL JOIN u ON e0.id = u.id;

-- Join then aggregate.
-- !schema struct<w:string,n:bigint,sv:bigint>
SELECT u.w, count(*) AS n, sum(t.v) AS sv FROM t JOIN u ON t.k = u.k GROUP BY u.w;

-- A column in both sides must be qualified.
-- !error AMBIGUOUS_REFERENCE `k`
SELECT k FROM t JOIN u ON t.id = u.id;

-- NATURAL JOIN joins on the common columns (here id and k).
-- !schema struct<id:int,k:int,w:string>
-- !sqlite SELECT t.id, t.k, u.w FROM t JOIN u ON t.id = u.id AND t.k = u.k
SELECT id, k, w FROM t NATURAL JOIN u;

-- !schema struct<id:int,k:int,v:int,s:string,d:double,dec:decimal(8,2),dt:date,ts:timestamp,b:boolean,big:bigint,w:string,amt:int>
-- !sqlite SELECT t.*, u.w, u.amt FROM t JOIN u ON t.id = u.id AND t.k = u.k WHERE t.id <= 12
SELECT * FROM t NATURAL JOIN u WHERE id <= 12;

-- !schema struct<id:int,w:string,k:int,amt2:int>
-- !sqlite SELECT u.id, u.w, u.k, x.amt2 FROM u LEFT JOIN (SELECT id, w, amt AS amt2 FROM u WHERE amt > 25) x ON u.id = x.id AND u.w = x.w
SELECT id, w, k, amt2 FROM u NATURAL LEFT JOIN (SELECT id, w, amt AS amt2 FROM u WHERE amt > 25) x;

-- The right side's USING key stays reachable by its qualified name (SPARK-34527), NULL where nothing matched.
-- !schema struct<id:int,xid:int>
-- !sqlite SELECT u.id, x.id FROM u LEFT JOIN (SELECT id FROM t WHERE id % 2 = 0) x ON u.id = x.id
SELECT u.id, x.id AS xid FROM u LEFT JOIN (SELECT id FROM t WHERE id % 2 = 0) x USING (id);

-- Inner: the unqualified key is the left's, both sides' keys stay reachable by their qualified names.
-- !schema struct<id:int,uid:int,xid:int,v:int>
-- !sqlite SELECT u.id, u.id, x.id, x.v FROM u JOIN (SELECT id, v FROM t WHERE id % 2 = 0) x ON u.id = x.id
SELECT id, u.id AS uid, x.id AS xid, v FROM u JOIN (SELECT id, v FROM t WHERE id % 2 = 0) x USING (id);

-- Right outer: the unqualified key is the right's; the left's is NULL where nothing matched.
-- !schema struct<id:int,uid:int,xid:int>
-- !sqlite SELECT x.id, u.id, x.id FROM (SELECT id FROM t WHERE id % 3 = 0) x LEFT JOIN u ON u.id = x.id
SELECT id, u.id AS uid, x.id AS xid FROM u RIGHT JOIN (SELECT id FROM t WHERE id % 3 = 0) x USING (id);

-- Full outer: the unqualified key is the coalesce of both, each side's key NULL where that side had no row.
-- !schema struct<id:int,uid:int,xid:int>
-- !sqlite SELECT coalesce(a.id, x.id), a.id, x.id FROM (SELECT id FROM u WHERE id <= 20) a
-- !sqlite   FULL JOIN (SELECT id FROM t WHERE id % 3 = 0) x ON a.id = x.id
SELECT id, a.id AS uid, x.id AS xid FROM (SELECT id FROM u WHERE id <= 20) a
  FULL JOIN (SELECT id FROM t WHERE id % 3 = 0) x USING (id);

-- A NATURAL join's hidden key through WHERE and in GROUP BY.
-- !schema struct<xid:int,n:bigint>
-- !sqlite SELECT x.id, count(*) FROM u LEFT JOIN (SELECT id FROM t WHERE id % 2 = 0) x ON u.id = x.id
-- !sqlite   WHERE u.id <= 30 GROUP BY x.id
SELECT x.id AS xid, count(*) AS n FROM u NATURAL LEFT JOIN (SELECT id FROM t WHERE id % 2 = 0) x
  WHERE u.id <= 30 GROUP BY x.id;

-- JOIN ... USING with several columns.
-- !schema struct<id:int,k:int,v:int,w:string>
-- !sqlite SELECT t.id, t.k, t.v, u.w FROM t JOIN u ON t.id = u.id AND t.k = u.k
SELECT id, k, v, w FROM t JOIN u USING (id, k);
