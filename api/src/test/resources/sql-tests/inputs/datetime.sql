-- Date and timestamp functions (Spark's sql-ref-functions-builtin, "Date and Timestamp Functions"; the session
-- time zone is UTC). Dates of the seeded table lie in 2023-2024; timestamps have whole seconds.

-- !schema struct<n:bigint,nk:bigint,sk:bigint,sv:bigint,ns:bigint,ls:bigint,sdec:decimal(18,2),ndt:bigint,mindt:date,maxts:timestamp,nb:bigint,sbig:bigint,mind:double,maxd:double>
SELECT count(*) AS n, count(k) AS nk, sum(k) AS sk, sum(v) AS sv, count(s) AS ns, sum(length(s)) AS ls,
  sum(dec) AS sdec, count(dt) AS ndt, min(dt) AS mindt, max(ts) AS maxts, count(b) AS nb, sum(big) AS sbig,
  min(d) AS mind, max(d) AS maxd
FROM t;

-- !schema struct<id:int,a:date,b:date,c:int,d:int>
-- !sqlite SELECT id, date_add(dt, 5), date_add(dt, -3), datediff(dt, '2023-01-01'), datediff('2023-01-01', dt) FROM t WHERE id <= 20
SELECT id, date_add(dt, 5) AS a, date_sub(dt, 3) AS b, datediff(dt, DATE '2023-01-01') AS c,
  datediff(DATE '2023-01-01', dt) AS d FROM t WHERE id <= 20;

-- add_months keeps the day of month, clamped to the target month's last day; a month's last day is not kept
-- as the last day (Spark 3.0 migration guide: add_months(DATE'2019-02-28', 1) is 2019-03-28).
-- !schema struct<a:date,b:date,c:date,d:date,e:date>
-- !sqlite SELECT '2024-02-29', '2023-02-28', '2024-03-29', '2023-12-15', '2024-02-28'
SELECT add_months(DATE '2024-01-31', 1) AS a, add_months(DATE '2023-01-31', 1) AS b, add_months(DATE '2024-02-29', 1) AS c,
  add_months(DATE '2024-01-15', -1) AS d, add_months(DATE '2023-02-28', 12) AS e;

-- !schema struct<id:int,a:date,b:date,c:date>
-- !sqlite SELECT id, add_months(dt, 1), last_day(dt), next_day(dt, 'Mon') FROM t WHERE id <= 20
SELECT id, add_months(dt, 1) AS a, last_day(dt) AS b, next_day(dt, 'Mon') AS c FROM t WHERE id <= 20;

-- !schema struct<a:date,b:date,c:date>
-- !sqlite SELECT '2024-01-08', '2024-01-09', '2024-02-29'
SELECT next_day(DATE '2024-01-01', 'monday') AS a, next_day(DATE '2024-01-02', 'TU') AS b, last_day(DATE '2024-02-10') AS c;

-- Field extraction: dayofweek 1 = Sunday, weekday 0 = Monday, weekofyear is ISO 8601.
-- !schema struct<id:int,y:int,m:int,d:int,dow:int,wd:int,doy:int,woy:int,q:int>
-- !sqlite SELECT id, year(dt), month(dt), day(dt), dayofweek(dt), weekday(dt), dayofyear(dt), weekofyear(dt), quarter(dt) FROM t WHERE id <= 24
SELECT id, year(dt) AS y, month(dt) AS m, dayofmonth(dt) AS d, dayofweek(dt) AS dow, weekday(dt) AS wd,
  dayofyear(dt) AS doy, weekofyear(dt) AS woy, quarter(dt) AS q FROM t WHERE id <= 24;

-- !schema struct<a:int,b:int,c:int,d:int>
-- !sqlite SELECT 53, 1, 52, 1
SELECT weekofyear(DATE '2021-01-03') AS a, weekofyear(DATE '2024-01-01') AS b, weekofyear(DATE '2023-12-31') AS c,
  dayofweek(DATE '2023-12-31') AS d;

-- !schema struct<id:int,h:int,mi:int,s:int,y:int,d:int>
-- !sqlite SELECT id, hour(ts), minute(ts), second(ts), year(ts), day(ts) FROM t WHERE id <= 24
SELECT id, hour(ts) AS h, minute(ts) AS mi, second(ts) AS s, year(ts) AS y, day(ts) AS d FROM t WHERE id <= 24;

-- !schema struct<id:int,y:int,m:int>
-- !sqlite SELECT id, year(dt), month(ts) FROM t WHERE id <= 12
SELECT id, EXTRACT(YEAR FROM dt) AS y, EXTRACT(MONTH FROM ts) AS m FROM t WHERE id <= 12;

-- !schema struct<id:int,q:int,w:int,d:int,dow:int,doy:int,h:int,mi:int>
-- !sqlite SELECT id, quarter(dt), weekofyear(dt), day(dt), dayofweek(dt), dayofyear(dt), hour(ts), minute(ts) FROM t WHERE id <= 16
SELECT id, EXTRACT(QUARTER FROM dt) AS q, EXTRACT(WEEK FROM dt) AS w, EXTRACT(DAY FROM dt) AS d,
  EXTRACT(DOW FROM dt) AS dow, EXTRACT(DOY FROM dt) AS doy, EXTRACT(HOUR FROM ts) AS h, EXTRACT(MINUTE FROM ts) AS mi
FROM t WHERE id <= 16;

-- EXTRACT(SECOND ..) and date_part('SECOND', ..) keep the fraction as decimal(8,6) (Spark's SecondWithFraction);
-- DAYOFWEEK_ISO counts Monday 1 to Sunday 7, field names are case-insensitive and have synonyms (SECS, DOW_ISO).
-- !schema struct<id:int,s:decimal(8,6),p:decimal(8,6),f:decimal(8,6),diso:int,secs:decimal(8,6)>
-- !sqlite SELECT id, second(ts), second(ts), 5.25, weekday(dt) + 1, second(ts) FROM t WHERE id <= 12
SELECT id, EXTRACT(SECOND FROM ts) AS s, date_part('SECOND', ts) AS p,
  EXTRACT(SECOND FROM TIMESTAMP '2024-01-01 10:00:05.25') AS f, date_part('dow_iso', dt) AS diso,
  date_part('SECS', ts) AS secs FROM t WHERE id <= 12;

-- date_format with Spark's datetime patterns.
-- !schema struct<id:int,a:string,b:string,c:string>
-- !sqlite SELECT id, date_format(ts, 'yyyy-MM-dd HH:mm'), date_format(dt, 'EEE, d MMM yyyy'), date_format(dt, 'yy/M/dd') FROM t WHERE id <= 20
SELECT id, date_format(ts, 'yyyy-MM-dd HH:mm') AS a, date_format(dt, 'EEE, d MMM yyyy') AS b,
  date_format(dt, 'yy/M/dd') AS c FROM t WHERE id <= 20;

-- !schema struct<a:string,b:string>
-- !sqlite SELECT 'at 09h05', '2024'
SELECT date_format(TIMESTAMP '2024-03-05 09:05:00', "'at' HH'h'mm") AS a, date_format(DATE '2024-03-05', 'yyyy') AS b;

-- to_date / to_timestamp with and without a pattern.
-- !schema struct<a:date,b:date,c:timestamp,d:timestamp,e:date>
-- !sqlite SELECT '2024-03-05', '2024-03-05', '2024-03-05 10:20:30', '2024-03-05 10:20:00', '2024-03-05'
SELECT to_date('2024-03-05') AS a, to_date('05/03/2024', 'dd/MM/yyyy') AS b, to_timestamp('2024-03-05 10:20:30') AS c,
  to_timestamp('05.03.2024 10:20', 'dd.MM.yyyy HH:mm') AS d, to_date(TIMESTAMP '2024-03-05 23:59:59') AS e;

-- Under ANSI, text that does not match the pattern is an error.
-- !error CANNOT_PARSE_TIMESTAMP 2024-13-45
SELECT to_date('2024-13-45', 'yyyy-MM-dd');

-- !schema struct<id:int,a:date,b:timestamp>
-- !sqlite SELECT id, dt, ts FROM t WHERE id <= 12
SELECT id, to_date(CAST(dt AS STRING)) AS a, to_timestamp(CAST(ts AS STRING)) AS b FROM t WHERE id <= 12;

-- unix_timestamp / from_unixtime in the session time zone (UTC).
-- !schema struct<id:int,u:bigint,f:string>
-- !sqlite SELECT id, unix_timestamp(ts), from_unixtime(unix_timestamp(ts)) FROM t WHERE id <= 16
SELECT id, unix_timestamp(ts) AS u, from_unixtime(unix_timestamp(ts)) AS f FROM t WHERE id <= 16;

-- !schema struct<a:bigint,b:string,c:bigint>
-- !sqlite SELECT 86400, '1970-01-01 00:01:40', 1709633730
SELECT unix_timestamp(TIMESTAMP '1970-01-02 00:00:00') AS a, from_unixtime(100) AS b,
  unix_timestamp('2024-03-05 10:15:30') AS c;

-- trunc (dates) and date_trunc (timestamps).
-- !schema struct<id:int,a:date,b:date,c:date,d:date>
-- !sqlite SELECT id, trunc(dt, 'MM'), trunc(dt, 'YEAR'), trunc(dt, 'QUARTER'), trunc(dt, 'WEEK') FROM t WHERE id <= 20
SELECT id, trunc(dt, 'MM') AS a, trunc(dt, 'YEAR') AS b, trunc(dt, 'QUARTER') AS c, trunc(dt, 'WEEK') AS d
FROM t WHERE id <= 20;

-- !schema struct<id:int,a:timestamp,b:timestamp,c:timestamp,d:timestamp>
-- !sqlite SELECT id, date_trunc('HOUR', ts), date_trunc('DAY', ts), date_trunc('MONTH', ts), date_trunc('MINUTE', ts) FROM t WHERE id <= 20
SELECT id, date_trunc('HOUR', ts) AS a, date_trunc('DAY', ts) AS b, date_trunc('MONTH', ts) AS c,
  date_trunc('MINUTE', ts) AS d FROM t WHERE id <= 20;

-- months_between: whole months for the same day of month or two month ends, else days over 31, 8 digits.
-- !schema struct<a:double,b:double,c:double,d:double>
-- !sqlite SELECT months_between('1997-02-28 10:30:00', '1996-10-30'), months_between('2024-03-31', '2024-02-29'), months_between('2024-03-15', '2024-01-15'), months_between('2024-01-01', '2024-03-15')
SELECT months_between(TIMESTAMP '1997-02-28 10:30:00', DATE '1996-10-30') AS a,
  months_between(DATE '2024-03-31', DATE '2024-02-29') AS b, months_between(DATE '2024-03-15', DATE '2024-01-15') AS c,
  months_between(DATE '2024-01-01', DATE '2024-03-15') AS d;

-- !schema struct<id:int,m:double>
-- !sqlite SELECT id, months_between(ts, dt) FROM t WHERE id <= 20
SELECT id, months_between(ts, dt) AS m FROM t WHERE id <= 20;

-- Comparisons, BETWEEN and grouping by date parts.
-- !schema struct<id:int,dt:date>
SELECT id, dt FROM t WHERE dt BETWEEN DATE '2023-03-01' AND DATE '2023-06-30';

-- !schema struct<y:int,q:int,n:bigint>
-- !sqlite SELECT year(dt), quarter(dt), count(*) FROM t GROUP BY 1, 2
SELECT year(dt) AS y, quarter(dt) AS q, count(*) AS n FROM t GROUP BY year(dt), quarter(dt);

-- !schema struct<mn:date,mx:date,mnt:timestamp,mxt:timestamp>
SELECT min(dt) AS mn, max(dt) AS mx, min(ts) AS mnt, max(ts) AS mxt FROM t;

-- A date is compared with a timestamp as a timestamp (midnight).
-- !schema struct<n:bigint>
-- !sqlite SELECT count(*) FROM t WHERE dt || ' 00:00:00' < ts
SELECT count(*) AS n FROM t WHERE dt < ts;

-- date + int adds days; timestamp + interval.
-- !schema struct<a:date,b:date,c:timestamp>
-- !sqlite SELECT '2024-03-01', '2024-02-28', '2024-03-05 11:00:00'
SELECT DATE '2024-02-28' + 2 AS a, DATE '2024-02-29' - 1 AS b, TIMESTAMP '2024-03-05 10:00:00' + INTERVAL '1' HOUR AS c;

-- !schema struct<id:int,a:timestamp>
-- !sqlite SELECT id, sp_from_unixtime(unix_timestamp(ts) + 90061) FROM t WHERE id <= 12
SELECT id, ts + INTERVAL '1 01:01:01' DAY TO SECOND AS a FROM t WHERE id <= 12;

-- current_date and now are today's (the checks hold on any day after 2024).
-- !schema struct<a:boolean,b:boolean>
-- !sqlite SELECT 1, 1
SELECT current_date() > DATE '2024-01-01' AS a, now() > TIMESTAMP '2024-01-01 00:00:00' AS b;

-- make_date (Spark 3.0+); a field out of range is an error under ANSI.
-- !schema struct<a:date>
-- !sqlite SELECT '2024-02-29'
SELECT make_date(2024, 2, 29) AS a;

-- !schema struct<id:int,a:date>
-- !sqlite SELECT id, trunc(dt, 'MM') FROM t WHERE id <= 16
SELECT id, make_date(year(dt), month(dt), 1) AS a FROM t WHERE id <= 16;

-- !error DATETIME_FIELD_OUT_OF_BOUNDS spark.sql.ansi.enabled
SELECT make_date(2023, 2, 29);

-- Literals.
-- !schema struct<a:date,b:timestamp,c:timestamp>
-- !sqlite SELECT '2024-02-29', '2024-02-29 23:59:59.123456', '2024-02-29 00:00:00'
SELECT DATE '2024-02-29' AS a, TIMESTAMP '2024-02-29 23:59:59.123456' AS b, TIMESTAMP '2024-02-29' AS c;
