-- Window functions (Spark's sql-ref-syntax-qry-select-window): ranking, lag/lead, value functions, aggregates over
-- frames. Default frames: with ORDER BY, RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (peers included);
-- without, the whole partition. NULL order keys sort first (ASC). Orders inside windows break ties by id where
-- the result would otherwise depend on the order of peers.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<id:int,k:int,v:int,rn:int,rk:int,drk:int>
SELECT id, k, v, row_number() OVER (PARTITION BY k ORDER BY v, id) AS rn, rank() OVER (PARTITION BY k ORDER BY v) AS rk,
  dense_rank() OVER (PARTITION BY k ORDER BY v) AS drk FROM t;

-- Ranks with ties (k has many duplicates).
-- !schema struct<id:int,k:int,rk:int,drk:int,pr:double,cd:double>
SELECT id, k, rank() OVER (ORDER BY k) AS rk, dense_rank() OVER (ORDER BY k) AS drk, percent_rank() OVER (ORDER BY k) AS pr,
  cume_dist() OVER (ORDER BY k) AS cd FROM t;

-- !schema struct<id:int,k:int,nt:int,nt5:int>
SELECT id, k, ntile(3) OVER (PARTITION BY k ORDER BY id) AS nt, ntile(5) OVER (ORDER BY id) AS nt5 FROM t;

-- !schema struct<id:int,k:int,v:int,lg:int,ld:int,lg0:int,ld3:int>
SELECT id, k, v, lag(v) OVER (PARTITION BY k ORDER BY id) AS lg, lead(v, 2) OVER (PARTITION BY k ORDER BY id) AS ld,
  lag(v, 1, 0) OVER (PARTITION BY k ORDER BY id) AS lg0, lead(v, 3, -1) OVER (ORDER BY id) AS ld3 FROM t;

-- !schema struct<id:int,w:string,prev:string,nxt:string>
SELECT id, w, lag(w) OVER (ORDER BY id) AS prev, lead(w) OVER (ORDER BY id) AS nxt FROM u;

-- lag ... IGNORE NULLS skips NULL values.
-- !schema struct<id:int,k:int,v:int,lg:int>
-- !sqlite SELECT id, k, v, (SELECT t2.v FROM t t2 WHERE t2.k IS t.k AND t2.id < t.id AND t2.v IS NOT NULL ORDER BY t2.id DESC LIMIT 1) FROM t
SELECT id, k, v, lag(v) IGNORE NULLS OVER (PARTITION BY k ORDER BY id) AS lg FROM t;

-- first_value / last_value / nth_value with the default frame: last_value is the current row's last peer.
-- !schema struct<id:int,k:int,v:int,fv:int,lv:int,nv:int>
SELECT id, k, v, first_value(v) OVER (PARTITION BY k ORDER BY id) AS fv, last_value(v) OVER (PARTITION BY k ORDER BY id) AS lv,
  nth_value(v, 2) OVER (PARTITION BY k ORDER BY id) AS nv FROM t;

-- !schema struct<id:int,k:int,lv:int,lvall:int>
SELECT id, k, last_value(id) OVER (ORDER BY k) AS lv,
  last_value(id) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS lvall FROM t;

-- Aggregates: whole partition without ORDER BY, running with it (peers included under the default RANGE frame).
-- !schema struct<id:int,k:int,v:int,tot:bigint,run:bigint,cnt:bigint,runk:bigint>
SELECT id, k, v, sum(v) OVER (PARTITION BY k) AS tot, sum(v) OVER (PARTITION BY k ORDER BY id) AS run,
  count(*) OVER (PARTITION BY k) AS cnt, sum(v) OVER (ORDER BY k) AS runk FROM t;

-- !schema struct<id:int,v:int,mavg:double,mmax:int,mcnt:bigint>
SELECT id, v, avg(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS mavg,
  max(v) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS mmax,
  count(v) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING) AS mcnt FROM t;

-- !schema struct<id:int,v:int,a:bigint,b:bigint>
SELECT id, v, sum(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS a,
  sum(v) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS b FROM t;

-- RANGE frames with offsets compare order-key values.
-- !schema struct<id:int,v:int,n:bigint,s:bigint>
SELECT id, v, count(*) OVER (ORDER BY v RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING) AS n,
  sum(v) OVER (ORDER BY v RANGE BETWEEN 20 PRECEDING AND CURRENT ROW) AS s FROM t WHERE v IS NOT NULL;

-- !schema struct<id:int,amt:int,n:bigint>
SELECT id, amt, count(*) OVER (ORDER BY amt DESC RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS n FROM u WHERE amt IS NOT NULL;

-- ROWS n PRECEDING without BETWEEN ends at the current row.
-- !schema struct<id:int,s:bigint>
-- !sqlite SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t
SELECT id, sum(v) OVER (ORDER BY id ROWS 2 PRECEDING) AS s FROM t;

-- Doubles and decimals over windows.
-- !schema struct<id:int,k:int,sd:double,adec:decimal(12,6),sdec:decimal(18,2)>
SELECT id, k, sum(d) OVER (PARTITION BY k ORDER BY id) AS sd, avg(dec) OVER (PARTITION BY k) AS adec,
  sum(dec) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS sdec FROM t;

-- !schema struct<id:int,k:int,mn:date,mx:string>
SELECT id, k, min(dt) OVER (PARTITION BY k) AS mn, max(s) OVER (PARTITION BY k ORDER BY id) AS mx FROM t;

-- Several partitionings in one query, and a window over a filtered input.
-- !schema struct<id:int,a:int,b:int>
SELECT id, row_number() OVER (PARTITION BY k ORDER BY id) AS a, row_number() OVER (PARTITION BY b ORDER BY id DESC) AS b
FROM t WHERE v > 0;

-- Windows over GROUP BY results run after the aggregation.
-- !schema struct<k:int,n:bigint,rk:int,share:double>
-- !sqlite SELECT k, count(*), rank() OVER (ORDER BY count(*) DESC), CAST(count(*) AS REAL) / sum(count(*)) OVER () FROM t GROUP BY k
SELECT k, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS rk, count(*) / sum(count(*)) OVER () AS share
FROM t GROUP BY k;

-- Top-N per group through a subquery.
-- !schema struct<k:int,id:int,v:int>
SELECT k, id, v FROM (SELECT k, id, v, row_number() OVER (PARTITION BY k ORDER BY v DESC NULLS LAST, id) AS rn FROM t) x
WHERE rn <= 2 ORDER BY k, rn;

-- Partitioning by an expression; ordering by several keys.
-- !schema struct<id:int,rn:int>
SELECT id, row_number() OVER (PARTITION BY id % 3 ORDER BY k DESC NULLS LAST, v, id) AS rn FROM t;

-- A window of a window's input column computed in a subquery.
-- !schema struct<id:int,d1:int,d2:int>
SELECT id, d1, d1 - lag(d1) OVER (ORDER BY id) AS d2 FROM (SELECT id, v - lag(v) OVER (ORDER BY id) AS d1 FROM t) x;

-- A named window (WINDOW w AS (...)).
-- !schema struct<id:int,rn:int,s:bigint>
-- !sqlite SELECT id, row_number() OVER (PARTITION BY k ORDER BY id), sum(v) OVER (PARTITION BY k ORDER BY id) FROM t
SELECT id, row_number() OVER w AS rn, sum(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY id);

-- A window refining a named one with a frame.
-- !schema struct<id:int,s:bigint,m:int>
-- !sqlite SELECT id, sum(v) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), max(v) OVER (PARTITION BY k ORDER BY id) FROM t
SELECT id, sum(v) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s, max(v) OVER w AS m FROM t
WINDOW w AS (PARTITION BY k ORDER BY id);

-- Empty input.
-- !schema struct<id:int,rn:int>
SELECT id, row_number() OVER (ORDER BY id) AS rn FROM e0;

-- Ranking functions need an ORDER BY (Spark 4.0's error class for this is still _LEGACY_ERROR_TEMP_1037).
-- !error _LEGACY_ERROR_TEMP_1037 requires window to be ordered
SELECT id, row_number() OVER (PARTITION BY k) AS rn FROM t;
