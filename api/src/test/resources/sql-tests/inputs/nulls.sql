-- NULL semantics: three-valued logic, NULL in IN, null-safe equality, COALESCE/NVL/IFNULL/NULLIF/IF.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- Three-valued logic: NULL AND false is false, NULL OR true is true, everything else with NULL is NULL.
-- !schema struct<a:boolean,b:boolean,c:boolean,d:boolean,e:boolean,f:boolean,g:boolean>
-- !sqlite SELECT NULL AND 0, NULL AND 1, NULL OR 1, NULL OR 0, NOT NULL, NULL = NULL, NULL <> 1
SELECT NULL AND false AS a, NULL AND true AS b, NULL OR true AS c, NULL OR false AS d, NOT NULL AS e,
  NULL = NULL AS f, NULL <> 1 AS g;

-- !schema struct<id:int,b:boolean,x:boolean,y:boolean,z:boolean>
SELECT id, b, b AND v > 0 AS x, b OR v > 0 AS y, NOT b AS z FROM t WHERE id <= 16;

-- A WHERE clause keeps only rows where the condition is true (not NULL).
-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE v > 0 OR k > 2;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE NOT (v > 0 OR k > 2);

-- !schema struct<id:int,k:int,isn:boolean,isnn:boolean>
SELECT id, k, k IS NULL AS isn, k IS NOT NULL AS isnn FROM t WHERE id <= 10;

-- IN with a NULL in the list: true when found, else NULL (never false).
-- !schema struct<a:boolean,b:boolean,c:boolean,d:boolean,e:boolean>
-- !sqlite SELECT 1 IN (1, NULL), 2 IN (1, NULL), NULL IN (1, 2), 2 NOT IN (1, NULL), 1 NOT IN (2, 3)
SELECT 1 IN (1, NULL) AS a, 2 IN (1, NULL) AS b, NULL IN (1, 2) AS c, 2 NOT IN (1, NULL) AS d,
  1 NOT IN (2, 3) AS e;

-- !schema struct<n:bigint>
SELECT count(*) AS n FROM t WHERE k NOT IN (1, NULL);

-- !schema struct<id:int,k:int,x:boolean>
SELECT id, k, k IN (0, 4, NULL) AS x FROM t WHERE id <= 12;

-- Null-safe equality <=> is never NULL.
-- !schema struct<a:boolean,b:boolean,c:boolean>
-- !sqlite SELECT NULL IS NULL, 1 IS NULL, 1 IS 1
SELECT NULL <=> NULL AS a, 1 <=> NULL AS b, 1 <=> 1 AS c;

-- !schema struct<id:int,e:boolean>
-- !sqlite SELECT a.id, a.k IS b.k FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.id <= 14
SELECT a.id, a.k <=> b.k AS e FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.id <= 14;

-- !schema struct<id:int,x:boolean>
-- !sqlite SELECT id, k IS NOT 2 FROM t WHERE id <= 12
SELECT id, NOT (k <=> 2) AS x FROM t WHERE id <= 12;

-- !schema struct<id:int,c:int,n:int,i:int>
SELECT id, coalesce(k, v, -1) AS c, nvl(k, 99) AS n, ifnull(v, 0) AS i FROM t WHERE id <= 16;

-- COALESCE widens its arguments to a common type (int and double give double).
-- !schema struct<id:int,c:double>
SELECT id, coalesce(v, d) AS c FROM t WHERE id <= 16;

-- !schema struct<id:int,c:string>
SELECT id, coalesce(s, 'none') AS c FROM t WHERE id <= 16;

-- !schema struct<id:int,n:int>
SELECT id, nullif(k, 2) AS n FROM t WHERE id <= 12;

-- !schema struct<a:int,b:int,c:int>
-- !sqlite SELECT NULL, 1, NULL
SELECT nullif(1, 1) AS a, nullif(1, 2) AS b, coalesce(NULL, NULL, NULL + 1) AS c;

-- IF(cond, a, b): b when cond is false or NULL.
-- !schema struct<id:int,x:string>
-- !sqlite SELECT id, CASE WHEN v > 0 THEN 'pos' ELSE 'not' END FROM t WHERE id <= 14
SELECT id, if(v > 0, 'pos', 'not') AS x FROM t WHERE id <= 14;

-- Arithmetic and comparisons with NULL give NULL.
-- !schema struct<a:int,b:double,c:boolean,d:string>
-- !sqlite SELECT NULL, NULL, NULL, NULL
SELECT 1 + NULL AS a, CAST(2 AS DOUBLE) * NULL AS b, 1 < NULL AS c, concat('a', NULL) AS d;

-- !schema struct<id:int,x:int,y:boolean>
SELECT id, v + k AS x, v > k AS y FROM t WHERE id <= 14;

-- isnull / isnotnull functions.
-- !schema struct<id:int,a:boolean,b:boolean>
-- !sqlite SELECT id, sp_isnull(s), sp_isnotnull(dt) FROM t WHERE id <= 14
SELECT id, isnull(s) AS a, isnotnull(dt) AS b FROM t WHERE id <= 14;

-- CASE without ELSE gives NULL when nothing matches; NULL never equals a WHEN value.
-- !schema struct<id:int,x:string>
SELECT id, CASE k WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS x FROM t WHERE id <= 14;

-- !schema struct<x:string>
-- !sqlite SELECT 'other'
SELECT CASE NULL WHEN NULL THEN 'null' ELSE 'other' END AS x;

-- NULLs are one group in GROUP BY and one value in DISTINCT.
-- !schema struct<k:int,n:bigint>
SELECT k, count(*) AS n FROM t GROUP BY k;

-- !schema struct<n:bigint,m:bigint>
SELECT count(DISTINCT k) AS n, count(DISTINCT s) AS m FROM t;

-- Aggregates skip NULLs; all-NULL input gives NULL (count gives 0).
-- !schema struct<s:bigint,a:double,mn:int,c:bigint,ca:bigint>
SELECT sum(v) AS s, avg(v) AS a, min(v) AS mn, count(v) AS c, count(*) AS ca FROM t WHERE v IS NULL;

-- !schema struct<g:string,n:int>
SELECT g, n FROM dup WHERE g IS NULL OR n IS NULL;

-- greatest / least skip NULLs, NULL only when all are NULL.
-- !schema struct<id:int,g:int,l:int>
SELECT id, greatest(k, v) AS g, least(k, v) AS l FROM t WHERE id <= 16;

-- !schema struct<g:int,l:int>
-- !sqlite SELECT 3, 1
SELECT greatest(1, NULL, 3) AS g, least(NULL, 1, 2) AS l;

-- !schema struct<id:int,s:string,e:boolean,ne:boolean>
SELECT id, s, s = '' AS e, s <> '' AS ne FROM t WHERE id <= 16;
