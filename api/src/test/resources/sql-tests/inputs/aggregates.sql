-- Aggregation: GROUP BY (columns, expressions, ordinals, aliases), HAVING, DISTINCT and FILTER, result types
-- (count: bigint; sum of int: bigint; avg of int: double; sum/avg of decimal(p,s): decimal(p+10,s) and
-- decimal(p+4,s+4); Spark's sql-ref-functions-builtin "Aggregate Functions"), NULLs and empty inputs.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<k:int,n:bigint,nv:bigint,s:bigint,a:double,mn:int,mx:int>
SELECT k, count(*) AS n, count(v) AS nv, sum(v) AS s, avg(v) AS a, min(v) AS mn, max(v) AS mx FROM t GROUP BY k;

-- !schema struct<k:int,sd:double,ad:double,sdec:decimal(18,2),adec:decimal(12,6)>
-- !sqlite SELECT k, sum(d), avg(d), sp_decsum(dec), avg(dec) FROM t GROUP BY k
SELECT k, sum(d) AS sd, avg(d) AS ad, sum(dec) AS sdec, avg(dec) AS adec FROM t GROUP BY k;

-- !schema struct<k:int,mn:date,mx:date,mnt:timestamp,mxs:string,mxb:boolean,mnb:boolean>
SELECT k, min(dt) AS mn, max(dt) AS mx, min(ts) AS mnt, max(s) AS mxs, max(b) AS mxb, min(b) AS mnb FROM t GROUP BY k;

-- !schema struct<k:int,n:bigint>
-- !sqlite SELECT k, count(*) FROM t GROUP BY k
SELECT k, count(*) AS n FROM t GROUP BY 1;

-- GROUP BY a select-list alias (spark.sql.groupByAliases, on by default).
-- !schema struct<parity:int,n:bigint>
-- !sqlite SELECT v % 2, count(*) FROM t GROUP BY v % 2
SELECT v % 2 AS parity, count(*) AS n FROM t GROUP BY parity;

-- !schema struct<g:int,s:bigint>
-- !sqlite SELECT id / 10, sum(v) FROM t GROUP BY id / 10
SELECT CAST(id / 10 AS INT) AS g, sum(v) AS s FROM t GROUP BY CAST(id / 10 AS INT);

-- !schema struct<w:string,k:int,n:bigint,a:bigint>
SELECT w, k, count(*) AS n, sum(amt) AS a FROM u GROUP BY w, k;

-- !schema struct<n:bigint>
-- !sqlite SELECT count(*) FROM t GROUP BY k, b
SELECT count(*) AS n FROM t GROUP BY k, b;

-- HAVING filters groups; it may use an aggregate that is not selected, or a select-list alias.
-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM t GROUP BY k HAVING sum(v) > 0;

-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM t GROUP BY k HAVING n >= 10;

-- !schema struct<w:string,t:bigint>
SELECT w, sum(amt) AS t FROM u GROUP BY w HAVING max(amt) > 40 OR w IS NULL;

-- A HAVING without GROUP BY makes one group of the whole input.
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t HAVING count(*) > 10;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t HAVING count(*) > 100;

-- DISTINCT inside aggregates.
-- !schema struct<a:bigint,b:bigint,c:bigint,d:double,e:bigint>
SELECT count(DISTINCT k) AS a, count(DISTINCT w) AS b, sum(DISTINCT k) AS c, avg(DISTINCT amt) AS d, count(DISTINCT amt) AS e
FROM u;

-- count(DISTINCT a, b) counts the distinct pairs with no NULL.
-- !schema struct<n:bigint>
-- !sqlite SELECT count(*) FROM (SELECT DISTINCT k, w FROM u WHERE k IS NOT NULL AND w IS NOT NULL)
SELECT count(DISTINCT k, w) AS n FROM u;

-- !schema struct<k:int,nd:bigint,sd:bigint>
SELECT k, count(DISTINCT g) AS nd, sum(DISTINCT n) AS sd FROM t JOIN dup ON t.id = dup.n GROUP BY k;

-- FILTER (WHERE ...) restricts the rows one aggregate sees.
-- !schema struct<k:int,pos:bigint,neg:bigint,s:bigint>
-- !sqlite SELECT k, count(*) FILTER (WHERE v > 0), count(*) FILTER (WHERE v < 0), sum(v) FILTER (WHERE b) FROM t GROUP BY k
SELECT k, count(*) FILTER (WHERE v > 0) AS pos, count(*) FILTER (WHERE v < 0) AS neg, sum(v) FILTER (WHERE b) AS s
FROM t GROUP BY k;

-- A global aggregate, with DISTINCT: no matching row gives count 0 and sum NULL.
-- !schema struct<n:bigint,d:bigint,sd:bigint,z:bigint,sz:bigint>
-- !sqlite SELECT count(*) FILTER (WHERE v > 0), count(DISTINCT k) FILTER (WHERE v > 0), sum(DISTINCT k) FILTER (WHERE b), count(*) FILTER (WHERE v > 1000000), sum(v) FILTER (WHERE v > 1000000) FROM t
SELECT count(*) FILTER (WHERE v > 0) AS n, count(DISTINCT k) FILTER (WHERE v > 0) AS d,
  sum(DISTINCT k) FILTER (WHERE b) AS sd, count(*) FILTER (WHERE v > 1000000) AS z, sum(v) FILTER (WHERE v > 1000000) AS sz
FROM t;

-- Conditional aggregation with CASE.
-- !schema struct<k:int,pos:bigint,sneg:bigint>
SELECT k, sum(CASE WHEN v > 0 THEN 1 ELSE 0 END) AS pos, sum(CASE WHEN v < 0 THEN v END) AS sneg FROM t GROUP BY k;

-- Expressions over aggregates.
-- !schema struct<k:int,r:int,m:double,x:bigint>
-- !sqlite SELECT k, max(v) - min(v), avg(v) * 2, count(*) * 10 + 1 FROM t GROUP BY k
SELECT k, max(v) - min(v) AS r, avg(v) * 2 AS m, count(*) * 10 + 1 AS x FROM t GROUP BY k;

-- Aggregates over no rows: one row for a global aggregate (count 0, others NULL), none per group.
-- !schema struct<n:bigint,s:bigint,a:double,mx:string>
SELECT count(*) AS n, sum(amt) AS s, avg(amt) AS a, max(w) AS mx FROM e0;

-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM e0 GROUP BY k;

-- !schema struct<n:bigint,s:bigint>
SELECT count(*) AS n, sum(v) AS s FROM t WHERE id < 0;

-- stddev and variance are the sample forms; NULL for a single value.
-- !schema struct<k:int,sd:double,var:double>
-- !sqlite SELECT k, sp_stddev(v), sp_variance(v) FROM t GROUP BY k
SELECT k, stddev(v) AS sd, variance(v) AS var FROM t GROUP BY k;

-- !schema struct<sd:double,v1:double>
-- !sqlite SELECT NULL, NULL
SELECT stddev(v) AS sd, variance(v) AS v1 FROM t WHERE id = 2;

-- !schema struct<k:int,n:int,a:bigint>
-- !sqlite SELECT k, count(DISTINCT w), count(DISTINCT k) FROM u GROUP BY k
SELECT k, size(collect_set(w)) AS n, approx_count_distinct(k) AS a FROM u GROUP BY k;

-- Summing bigints past the range is an overflow error under ANSI.
-- !error ARITHMETIC_OVERFLOW overflow
SELECT sum(big * 1000000000) FROM t;

-- A selected column must be grouped or aggregated.
-- !error MISSING_AGGREGATION "v"
SELECT k, v FROM t GROUP BY k;

-- !error GROUP_BY_POS_OUT_OF_RANGE 3
SELECT k, count(*) FROM t GROUP BY 3;

-- bool_and / bool_or (also every / some / any).
-- !schema struct<k:int,a:boolean,o:boolean>
-- !sqlite SELECT k, min(b), max(b) FROM t GROUP BY k
SELECT k, bool_and(b) AS a, bool_or(b) AS o FROM t GROUP BY k;

-- count_if (Spark 3.0+).
-- !schema struct<k:int,c:bigint>
-- !sqlite SELECT k, count(*) FILTER (WHERE v > 0) FROM t GROUP BY k
SELECT k, count_if(v > 0) AS c FROM t GROUP BY k;

-- Spark names them after the call.
-- !schema struct<k:int,bool_and(b):boolean,every(b):boolean,count_if((v > 0)):bigint>
-- !sqlite SELECT k, min(b), min(b), count(*) FILTER (WHERE v > 0) FROM t GROUP BY k
SELECT k, bool_and(b), every(b), count_if(v > 0) FROM t GROUP BY k;

-- An unknown function in an aggregate query is an unknown function.
-- !error UNRESOLVED_ROUTINE nosuch_agg
SELECT k, nosuch_agg(v) AS x FROM t GROUP BY k;

-- GROUP BY ROLLUP: subtotals per k and a grand total (NULL k).
-- !schema struct<k:int,b:boolean,n:bigint>
-- !sqlite SELECT k, b, count(*) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, count(*) FROM t GROUP BY k UNION ALL SELECT NULL, NULL, count(*) FROM t
SELECT k, b, count(*) AS n FROM t GROUP BY ROLLUP(k, b);

-- Aggregating a grouped subquery.
-- !schema struct<groups:bigint,total:bigint,biggest:bigint>
SELECT count(*) AS groups, sum(n) AS total, max(n) AS biggest FROM (SELECT k, count(*) AS n FROM t GROUP BY k) x;

-- SELECT DISTINCT over an aggregate.
-- !schema struct<n:bigint>
SELECT DISTINCT count(*) AS n FROM dup GROUP BY g;
