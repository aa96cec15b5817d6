-- GROUP BY ROLLUP, CUBE and GROUPING SETS, grouping() and grouping_id() (Spark's sql-ref-syntax-qry-select-groupby).
-- ROLLUP(a, b) is GROUPING SETS ((a, b), (a), ()); CUBE(a, b) is GROUPING SETS ((a, b), (a), (b), ());
-- GROUP BY a, ROLLUP(b, c) is the cross product (a, b, c), (a, b), (a). A column a set leaves out is NULL in its
-- rows, apart from a NULL of the data (which is a group of its own). grouping(c) is 1 where c is aggregated away;
-- grouping_id() = grouping(c1) << (n-1) | ... | grouping(cn) over the n grouping columns, a bigint, and
-- grouping_id's arguments must be all the grouping columns in order (else GROUPING_ID_COLUMN_MISMATCH).
-- Spark plans them as an Expand of each row per set under one aggregate keyed by the grouping columns and the
-- id, so an empty input has no group at all, not even the grand total (unlike a plain global aggregate).
-- SQLite has none of this: each expectation is the UNION ALL of one plain GROUP BY per set, with NULL for the
-- columns the set leaves out and the set's grouping()/grouping_id() values written as literals.
-- grouping() is an int in Ember (Spark's is a tinyint, a type Ember lacks): it is cast to int where selected.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,nb:bigint,sv:bigint,nw:bigint,sa:bigint>
SELECT count(*) AS n, count(t.k) AS nk, sum(t.k) AS sk, count(b) AS nb, sum(v) AS sv,
  (SELECT count(w) FROM u) AS nw, (SELECT sum(amt) FROM u) AS sa
FROM t;

-- ROLLUP: groups, subtotals per k, a grand total; NULL k of the data stays its own group.
-- !schema struct<k:int,b:boolean,n:bigint,s:bigint>
-- !sqlite SELECT k, b, count(*), sum(v) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, count(*), sum(v) FROM t
-- !sqlite GROUP BY k UNION ALL SELECT NULL, NULL, count(*), sum(v) FROM t
SELECT k, b, count(*) AS n, sum(v) AS s FROM t GROUP BY ROLLUP(k, b);

-- !schema struct<k:int,b:boolean,gid:bigint,n:bigint>
-- !sqlite SELECT k, b, 0, count(*) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, 1, count(*) FROM t GROUP BY k
-- !sqlite UNION ALL SELECT NULL, NULL, 3, count(*) FROM t
SELECT k, b, grouping_id() AS gid, count(*) AS n FROM t GROUP BY ROLLUP(k, b);

-- CUBE: every subset; grouping_id over all the grouping columns equals grouping_id().
-- !schema struct<k:int,b:boolean,gid:bigint,n:bigint>
-- !sqlite SELECT k, b, 0, count(*) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, 1, count(*) FROM t GROUP BY k
-- !sqlite UNION ALL SELECT NULL, b, 2, count(*) FROM t GROUP BY b UNION ALL SELECT NULL, NULL, 3, count(*) FROM t
SELECT k, b, grouping_id(k, b) AS gid, count(*) AS n FROM t GROUP BY CUBE(k, b);

-- !schema struct<k:int,b:boolean,gk:int,gb:int,n:bigint>
-- !sqlite SELECT k, b, 0, 0, count(*) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, 0, 1, count(*) FROM t GROUP BY k
-- !sqlite UNION ALL SELECT NULL, b, 1, 0, count(*) FROM t GROUP BY b UNION ALL SELECT NULL, NULL, 1, 1, count(*) FROM t
SELECT k, b, CAST(grouping(k) AS INT) AS gk, CAST(grouping(b) AS INT) AS gb, count(*) AS n FROM t GROUP BY CUBE(k, b);

-- GROUPING SETS with the empty set.
-- !schema struct<k:int,b:boolean,gid:bigint,n:bigint>
-- !sqlite SELECT k, b, 0, count(*) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, 1, count(*) FROM t GROUP BY k
-- !sqlite UNION ALL SELECT NULL, NULL, 3, count(*) FROM t
SELECT k, b, grouping_id() AS gid, count(*) AS n FROM t GROUP BY GROUPING SETS ((k, b), (k), ());

-- Disjoint sets: a column outside a set is NULL there; the id tells which set a row belongs to.
-- !schema struct<k:int,b:boolean,n:bigint,gid:bigint>
-- !sqlite SELECT k, NULL, count(*), 1 FROM t GROUP BY k UNION ALL SELECT NULL, b, count(*), 2 FROM t GROUP BY b
SELECT k, b, count(*) AS n, grouping_id() AS gid FROM t GROUP BY GROUPING SETS ((k), (b));

-- A NULL of the data (grouping 0) beside the rolled-up NULL (grouping 1).
-- !schema struct<k:int,gk:int,n:bigint>
-- !sqlite SELECT k, 0, count(*) FROM t GROUP BY k UNION ALL SELECT NULL, 1, count(*) FROM t
SELECT k, CAST(grouping(k) AS INT) AS gk, count(*) AS n FROM t GROUP BY ROLLUP(k);

-- Aggregates read the data's values of a grouping column, not the NULL of its rolled-up rows.
-- !schema struct<k:int,sk:bigint,ck:bigint>
-- !sqlite SELECT k, sum(k), count(k) FROM t GROUP BY k UNION ALL SELECT NULL, sum(k), count(k) FROM t
SELECT k, sum(k) AS sk, count(k) AS ck FROM t GROUP BY ROLLUP(k);

-- HAVING over grouping(): the rows of the sets without k.
-- !schema struct<k:int,b:boolean,n:bigint>
-- !sqlite SELECT NULL, b, count(*) FROM t GROUP BY b UNION ALL SELECT NULL, NULL, count(*) FROM t
SELECT k, b, count(*) AS n FROM t GROUP BY CUBE(k, b) HAVING grouping(k) = 1;

-- HAVING over an aggregate applies to the subtotal rows too.
-- !schema struct<k:int,s:bigint>
-- !sqlite SELECT * FROM (SELECT k, sum(v) AS s FROM t GROUP BY k UNION ALL SELECT NULL, sum(v) FROM t) WHERE s > 50
SELECT k, sum(v) AS s FROM t GROUP BY ROLLUP(k) HAVING sum(v) > 50;

-- HAVING over a grouping column keeps data NULLs and rolled-up NULLs alike.
-- !schema struct<k:int,b:boolean,n:bigint>
-- !sqlite SELECT k, b, count(*) FROM t WHERE k IS NULL GROUP BY k, b UNION ALL SELECT k, NULL, count(*) FROM t
-- !sqlite WHERE k IS NULL GROUP BY k UNION ALL SELECT NULL, NULL, count(*) FROM t
SELECT k, b, count(*) AS n FROM t GROUP BY ROLLUP(k, b) HAVING k IS NULL;

-- ORDER BY grouping_id, then the keys (ascending NULLs first): a total order.
-- !schema struct<k:int,b:boolean,n:bigint>
-- !sqlite SELECT k, b, n FROM (SELECT k, b, count(*) AS n, 0 AS g FROM t GROUP BY k, b UNION ALL SELECT k, NULL,
-- !sqlite count(*), 1 FROM t GROUP BY k UNION ALL SELECT NULL, NULL, count(*), 3 FROM t) ORDER BY g, k, b
SELECT k, b, count(*) AS n FROM t GROUP BY ROLLUP(k, b) ORDER BY grouping_id(k, b), k, b;

-- ORDER BY grouping() descending puts the grand total first.
-- !schema struct<w:string,total:bigint>
-- !sqlite SELECT w, total FROM (SELECT w, sum(amt) AS total, 0 AS g FROM u GROUP BY w UNION ALL SELECT NULL,
-- !sqlite sum(amt), 1 FROM u) ORDER BY g DESC, w
SELECT w, sum(amt) AS total FROM u GROUP BY ROLLUP(w) ORDER BY grouping(w) DESC, w;

-- A plain column beside ROLLUP: the cross product of the sets.
-- !schema struct<k:int,b:boolean,s:string,n:bigint>
-- !sqlite SELECT k, b, s, count(*) FROM t GROUP BY k, b, s UNION ALL SELECT k, b, NULL, count(*) FROM t GROUP BY k, b
-- !sqlite UNION ALL SELECT k, NULL, NULL, count(*) FROM t GROUP BY k
SELECT k, b, s, count(*) AS n FROM t GROUP BY k, ROLLUP(b, s);

-- A composite column (k, b) is kept or rolled up whole.
-- !schema struct<k:int,b:boolean,n:bigint>
-- !sqlite SELECT k, b, count(*) FROM t GROUP BY k, b UNION ALL SELECT NULL, NULL, count(*) FROM t
SELECT k, b, count(*) AS n FROM t GROUP BY ROLLUP((k, b));

-- An expression as a grouping column, selected by its alias.
-- !schema struct<parity:int,n:bigint,s:bigint>
-- !sqlite SELECT k % 2, count(*), sum(v) FROM t GROUP BY k % 2 UNION ALL SELECT NULL, count(*), sum(v) FROM t
SELECT k % 2 AS parity, count(*) AS n, sum(v) AS s FROM t GROUP BY ROLLUP(k % 2);

-- A set listed twice gives its groups twice (Spark keeps both, told apart by the set's position).
-- !schema struct<k:int,n:bigint>
-- !sqlite SELECT k, count(*) FROM t GROUP BY k UNION ALL SELECT k, count(*) FROM t GROUP BY k
SELECT k, count(*) AS n FROM t GROUP BY GROUPING SETS ((k), (k));

-- DISTINCT aggregates per set.
-- !schema struct<w:string,k:int,nk:bigint,total:bigint>
-- !sqlite SELECT w, k, count(DISTINCT k), sum(amt) FROM u GROUP BY w, k UNION ALL SELECT w, NULL, count(DISTINCT k),
-- !sqlite sum(amt) FROM u GROUP BY w UNION ALL SELECT NULL, NULL, count(DISTINCT k), sum(amt) FROM u
SELECT w, k, count(DISTINCT k) AS nk, sum(amt) AS total FROM u GROUP BY ROLLUP(w, k);

-- grouping() labels the subtotal rows; the data's own NULL and empty w stay values.
-- !schema struct<label:string,total:bigint>
-- !sqlite SELECT w, sum(amt) FROM u GROUP BY w UNION ALL SELECT 'all', sum(amt) FROM u
SELECT CASE WHEN grouping(w) = 1 THEN 'all' ELSE w END AS label, sum(amt) AS total FROM u GROUP BY ROLLUP(w);

-- WHERE filters rows before the sets are formed.
-- !schema struct<b:boolean,n:bigint>
-- !sqlite SELECT b, count(*) FROM t WHERE v > 0 GROUP BY b UNION ALL SELECT NULL, count(*) FROM t WHERE v > 0
SELECT b, count(*) AS n FROM t WHERE v > 0 GROUP BY CUBE(b);

-- Spark's GROUP BY a, b WITH ROLLUP and WITH CUBE are ROLLUP(a, b) and CUBE(a, b).
-- !schema struct<k:int,b:boolean,n:bigint>
-- !sqlite SELECT k, b, count(*) FROM t GROUP BY k, b UNION ALL SELECT k, NULL, count(*) FROM t GROUP BY k
-- !sqlite UNION ALL SELECT NULL, NULL, count(*) FROM t
SELECT k, b, count(*) AS n FROM t GROUP BY k, b WITH ROLLUP;

-- !schema struct<w:string,gid:bigint,total:bigint>
-- !sqlite SELECT w, 0, sum(amt) FROM u GROUP BY w UNION ALL SELECT NULL, 1, sum(amt) FROM u
SELECT w, grouping_id() AS gid, sum(amt) AS total FROM (SELECT w, amt FROM u) x GROUP BY w WITH CUBE;

-- An empty input has no rows under ROLLUP, CUBE or GROUPING SETS, not even a grand total.
-- !schema struct<k:int,n:bigint>
-- !sqlite SELECT k, count(*) FROM e0 GROUP BY k UNION ALL SELECT NULL, count(*) FROM e0 HAVING count(*) > 0
SELECT k, count(*) AS n FROM e0 GROUP BY ROLLUP(k);

-- !schema struct<n:bigint,total:bigint>
-- !sqlite SELECT count(*), sum(amt) FROM e0 HAVING count(*) > 0
SELECT count(*) AS n, sum(amt) AS total FROM e0 GROUP BY GROUPING SETS (());

-- grouping() of a column that is not a grouping column.
-- !error GROUPING_COLUMN_MISMATCH Column of grouping (v) can't be found in grouping columns k
SELECT k, grouping(v) FROM t GROUP BY ROLLUP(k);

-- grouping_id() must name all the grouping columns in order, or none.
-- !error GROUPING_ID_COLUMN_MISMATCH Columns of grouping_id (b) does not match grouping columns (k,b)
SELECT grouping_id(b) AS g FROM t GROUP BY CUBE(k, b);

-- grouping() without ROLLUP, CUBE or GROUPING SETS.
-- !error UNSUPPORTED_GROUPING_EXPRESSION grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup
SELECT k, grouping(k) FROM t GROUP BY k;
