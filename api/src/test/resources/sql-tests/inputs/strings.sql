-- String functions (Spark's sql-ref-functions-builtin, "String Functions"). Positions are 1-based; functions
-- of a NULL argument are NULL unless noted.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<id:int,s:string,u:string,l:string,n:int,c:int>
-- !sqlite SELECT id, s, upper(s), lower(s), length(s), length(s) FROM t WHERE id <= 24
SELECT id, s, upper(s) AS u, lower(s) AS l, length(s) AS n, char_length(s) AS c FROM t WHERE id <= 24;

-- !schema struct<u:string,l:string,n:int>
-- !sqlite SELECT 'ABC', 'abc', NULL
SELECT ucase('abc') AS u, lcase('ABC') AS l, length(NULL) AS n;

-- substring/substr: pos 0 acts as 1, a negative pos counts from the end, length cuts (UTF8String.substringSQL).
-- !schema struct<id:int,a:string,b:string,c:string,d:string,e:string>
-- !sqlite SELECT id, sp_substr(s, 2, 3), sp_substr(s, -3), sp_substr(s, 0, 2), sp_substr(s, 3), sp_substr(s, -20, 3) FROM t WHERE id <= 24
SELECT id, substring(s, 2, 3) AS a, substr(s, -3) AS b, substring(s, 0, 2) AS c, substr(s, 3) AS d,
  substr(s, -20, 3) AS e FROM t WHERE id <= 24;

-- !schema struct<a:string,b:string,c:string,d:string,e:string>
-- !sqlite SELECT 'ell', '', 'a', '', 'lo'
SELECT substr('Hello', 2, 3) AS a, substr('Hello', 10) AS b, substr('abc', -5, 3) AS c, substr('Hello', 2, -1) AS d,
  substr('Hello', -2, 5) AS e;

-- !schema struct<a:string,b:string>
-- !sqlite SELECT 'ell', 'llo'
SELECT substring('Hello' FROM 2 FOR 3) AS a, substring('Hello' FROM 3) AS b;

-- concat and || are NULL when any argument is NULL; concat_ws skips NULLs.
-- !schema struct<id:int,a:string,b:string,c:string>
-- !sqlite SELECT u.id, sp_concat(w, '-', amt), w || '/' || k, concat_ws(',', w, k, 'end') FROM u
SELECT id, concat(w, '-', amt) AS a, w || '/' || k AS b, concat_ws(',', w, k, 'end') AS c FROM u;

-- !schema struct<a:string,b:string,c:string,d:string>
-- !sqlite SELECT 'a-b', NULL, 'x', ''
SELECT concat_ws('-', 'a', NULL, 'b') AS a, concat_ws(NULL, 'a', 'b') AS b, concat_ws('-', 'x') AS c,
  concat_ws('-', NULL, NULL) AS d;

-- !schema struct<id:int,t:string,l:string,r:string>
SELECT id, trim(s) AS t, ltrim(s) AS l, rtrim(s) AS r FROM t WHERE id <= 24;

-- !schema struct<a:string,b:string,c:string,d:string>
-- !sqlite SELECT 'abc', 'abcxx', 'xxabc', 'bc'
SELECT trim(BOTH 'x' FROM 'xxabcxx') AS a, trim(LEADING 'x' FROM 'xxabcxx') AS b, trim(TRAILING 'x' FROM 'xxabcxx') AS c,
  btrim('xyxbcyx', 'xy') AS d;

-- lpad/rpad cut a longer string to the length; the pad repeats; the default pad is a space.
-- !schema struct<id:int,a:string,b:string,c:string>
SELECT id, lpad(s, 8, '*') AS a, rpad(s, 3, 'xy') AS b, lpad(s, 5) AS c FROM t WHERE id <= 24;

-- !schema struct<a:string,b:string,c:string,d:string>
-- !sqlite SELECT 'xyxhi', 'hixyx', '', 'h'
SELECT lpad('hi', 5, 'xy') AS a, rpad('hi', 5, 'xy') AS b, lpad('hi', 0, 'x') AS c, rpad('hi', 1, 'x') AS d;

-- instr/locate/position: 1-based position of the first occurrence, 0 when absent.
-- !schema struct<id:int,a:int,b:int,c:int,d:int>
-- !sqlite SELECT id, sp_instr(s, 'a'), locate('a', s, 2), sp_instr(s, 'l'), locate('', s) FROM t WHERE id <= 24
SELECT id, instr(s, 'a') AS a, locate('a', s, 2) AS b, position('l' IN s) AS c, locate('', s) AS d FROM t WHERE id <= 24;

-- !schema struct<a:int,b:int,c:int>
-- !sqlite SELECT 3, 0, 0
SELECT locate('c', 'abcabc') AS a, locate('c', 'abcabc', 0) AS b, instr('abc', 'z') AS c;

-- !schema struct<id:int,i:string,r:string,v:string>
SELECT id, initcap(s) AS i, repeat(s, 2) AS r, reverse(s) AS v FROM t WHERE id <= 24;

-- !schema struct<a:string,b:string,c:string>
-- !sqlite SELECT 'Hello World', '', 'Abc Def'
SELECT initcap('hELLO wORLD') AS a, repeat('ab', 0) AS b, initcap('abc def') AS c;

-- translate replaces characters position by position and drops those without a counterpart.
-- !schema struct<id:int,t:string>
SELECT id, translate(s, 'al', 'A') AS t FROM t WHERE id <= 24;

-- Regular expressions are Java's.
-- !schema struct<id:int,a:string,b:string,c:string>
-- !sqlite SELECT id, regexp_extract(s, '([a-z]+)([0-9]+)', 2), regexp_extract(s, '^([A-Za-z]+)', 1), regexp_replace(s, '[aeiou]', '*') FROM t WHERE id <= 24
SELECT id, regexp_extract(s, '([a-z]+)([0-9]+)', 2) AS a, regexp_extract(s, '^([A-Za-z]+)', 1) AS b,
  regexp_replace(s, '[aeiou]', '*') AS c FROM t WHERE id <= 24;

-- !schema struct<id:int,s:string>
-- !sqlite SELECT id, s FROM t WHERE sp_rlike(s, '^[a-z]+$')
SELECT id, s FROM t WHERE s RLIKE '^[a-z]+$';

-- !schema struct<id:int,s:string>
-- !sqlite SELECT id, s FROM t WHERE sp_rlike(s, 'a.*a')
SELECT id, s FROM t WHERE regexp_like(s, 'a.*a');

-- !schema struct<a:string,b:string>
-- !sqlite SELECT 'x-y-z', 'b'
SELECT regexp_replace('x1y22z', '[0-9]+', '-') AS a, regexp_extract('abc', '(a)(b)(c)', 2) AS b;

-- LIKE with an ESCAPE character.
-- !schema struct<id:int,s:string>
-- !sqlite SELECT id, s FROM t WHERE s LIKE 'a!_%' ESCAPE '!'
SELECT id, s FROM t WHERE s LIKE 'a!_%' ESCAPE '!';

-- !schema struct<id:int,s:string>
-- !sqlite SELECT id, s FROM t WHERE s NOT LIKE '%!%%' ESCAPE '!'
SELECT id, s FROM t WHERE s NOT LIKE '%!%%' ESCAPE '!';

-- !schema struct<id:int,a:string,b:string>
-- !sqlite SELECT id, sp_btrim(s, 'a'), ltrim(s, ' ap') FROM t WHERE id <= 24
SELECT id, trim(BOTH 'a' FROM s) AS a, trim(LEADING ' ap' FROM s) AS b FROM t WHERE id <= 24;

-- !schema struct<id:int,a:boolean,b:boolean,c:boolean>
SELECT id, startswith(s, 'a') AS a, endswith(s, 'a') AS b, contains(s, 'l') AS c FROM t WHERE id <= 24;

-- !schema struct<id:int,a:int>
SELECT id, ascii(s) AS a FROM t WHERE id <= 24;

-- split takes a regex; the result is an array.
-- !schema struct<a:array<string>,b:array<string>,c:int>
-- !sqlite SELECT sp_split('a,b,,c', ','), sp_split('x1y2z', '[0-9]'), 3
SELECT split('a,b,,c', ',') AS a, split('x1y2z', '[0-9]') AS b, size(split('a b c', ' ')) AS c;

-- Strings with numbers: concat casts its arguments to string.
-- !schema struct<id:int,x:string>
-- !sqlite SELECT id, 'id=' || id || ';d=' || sp_double_str(d) FROM t WHERE id <= 12
SELECT id, concat('id=', id, ';d=', d) AS x FROM t WHERE id <= 12;

-- String comparison is binary: upper case before lower case, '' first.
-- !schema struct<a:boolean,b:boolean,c:boolean,d:boolean>
-- !sqlite SELECT 1, 1, 1, 0
SELECT 'B' < 'a' AS a, '' < 'A' AS b, 'ab' < 'b' AS c, 'abc' < 'ab' AS d;

-- !schema struct<mx:string,mn:string,n:bigint>
SELECT max(s) AS mx, min(s) AS mn, count(DISTINCT s) AS n FROM t;

-- !schema struct<s:string,n:bigint>
SELECT upper(s) AS s, count(*) AS n FROM t GROUP BY upper(s);

-- replace(str, search, replace) (Spark's string function).
-- !schema struct<id:int,r:string>
-- !sqlite SELECT id, replace(s, 'a', 'AA') FROM t WHERE id <= 12
SELECT id, replace(s, 'a', 'AA') AS r FROM t WHERE id <= 12;

-- left/right (Spark's string functions).
-- !schema struct<l:string,r:string>
-- !sqlite SELECT 'He', 'lo'
SELECT left('Hello', 2) AS l, right('Hello', 2) AS r;

-- A double-quoted text is a string literal in Spark (unless spark.sql.ansi.doubleQuotedIdentifiers).
-- !schema struct<x:string>
-- !sqlite SELECT 'abc'
SELECT "abc" AS x;

-- Spark's string literals escape with a backslash (sql-ref-literals: "Use \ to escape special characters").
-- !schema struct<x:string,y:string>
-- !sqlite SELECT 'it''s', 'a\b'
SELECT 'it\'s' AS x, 'a\\b' AS y;
