#!/usr/bin/env python3
"""Regenerates the golden files results/<topic>.sql.out from inputs/<topic>.sql.

The expected results are derived independently of Ember: every query runs on SQLite (the standard library's
sqlite3) over the same seeded tables the Java runner registers (tables.py mirrors DiffTables.java), and the
SQLite values are written in Spark's string forms for the schema the input file states.

Where Spark's semantics differ from SQLite's, the input file says so next to the query and supplies what Spark
means, with a comment citing the Spark rule:

  -- !schema struct<a:int,b:double>   the Spark result schema (simpleString), derived by hand from Spark's
                                     type rules (literal types, arithmetic widening, decimal precision/scale)
  -- !sqlite SELECT ...              the query SQLite runs instead (several lines are joined); it may call the
                                     Spark-semantics helpers registered below (sp_*), or be a literal SELECT
                                     of a hand-derived value
  -- !error CLASS fragment           the query must fail: CLASS is Spark's error class (or exception type),
                                     fragment a part of the message
  -- !known-gap reason               Ember does not do this yet; the runner skips the query (reported)

SQLite and Spark agree on what the suite relies on otherwise: three-valued logic, NULLs first for ascending
and last for descending order (Spark: NULLS FIRST is the default for ASC, NULLS LAST for DESC; SQLite: NULL
is smaller than every value), integer '%' with the sign of the dividend, GROUP BY/DISTINCT treating NULLs as
equal, window frames (ROWS/RANGE, default RANGE UNBOUNDED PRECEDING..CURRENT ROW with ORDER BY), binary string
order. LIKE is made case-sensitive (PRAGMA case_sensitive_like) as Spark's is.

Ordered queries (a top-level ORDER BY) are checked for ties that make the order ambiguous by running them
again with PRAGMA reverse_unordered_selects; the generator refuses an ambiguous ordered query.

Usage: python3 gen_golden.py [topic ...]   (from any directory; standard library only)
"""
import calendar
import datetime
import math
import os
import re
import sqlite3
import sys
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN

sys.dont_write_bytecode = True  # no __pycache__ among the test resources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tables  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------------------------------------
# Spark semantics that SQLite lacks, written from Spark's documentation (docs/sql-ref-functions-builtin).
# ---------------------------------------------------------------------------------------------------------

def _date(s):
    return None if s is None else datetime.date.fromisoformat(s[:10])


def _ts(s):
    return None if s is None else datetime.datetime.fromisoformat(s)


def sp_round(x, n=0):
    """round(expr, d): HALF_UP on the value's decimal form (Spark rounds a double through BigDecimal)."""
    if x is None:
        return None
    q = Decimal(1).scaleb(-n)
    r = (Decimal(repr(x)) / q).quantize(Decimal(1), rounding=ROUND_HALF_UP) * q
    return float(r) if isinstance(x, float) else int(r)


def sp_bround(x, n=0):
    """bround(expr, d): HALF_EVEN."""
    if x is None:
        return None
    r = Decimal(repr(x)).quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_EVEN)
    return float(r) if isinstance(x, float) else int(r)


def sp_substr(s, pos, length=None):
    """substr(str, pos[, len]): 1-based; pos 0 acts as 1; negative pos counts from the end (Spark's
    UTF8String.substringSQL)."""
    if s is None or pos is None:
        return None
    n = len(s)
    if pos > 0:
        start = pos - 1
    elif pos < 0:
        start = n + pos
    else:
        start = 0
    if length is None:
        end = n
    else:
        end = start + length if length > 0 else start
    start = max(start, 0)
    end = min(max(end, 0), n)
    return s[start:end] if start < end else ''


def sp_lpad(s, n, pad=' '):
    """lpad(str, len, pad): truncated to len when longer; with an empty pad, str (cut to len)."""
    if s is None or n is None or pad is None:
        return None
    if n <= 0:
        return ''
    if len(s) >= n or pad == '':
        return s[:n]
    fill = (pad * n)[:n - len(s)]
    return fill + s


def sp_rpad(s, n, pad=' '):
    if s is None or n is None or pad is None:
        return None
    if n <= 0:
        return ''
    if len(s) >= n or pad == '':
        return s[:n]
    return s + (pad * n)[:n - len(s)]


def sp_initcap(s):
    """initcap: first letter of each space-separated word upper case, the rest lower case."""
    if s is None:
        return None
    return ' '.join(w[:1].upper() + w[1:].lower() for w in s.split(' '))


def sp_concat_ws(sep, *args):
    """concat_ws(sep, ...): skips NULL arguments; NULL only when sep is NULL."""
    if sep is None:
        return None
    return sep.join(str(a) for a in args if a is not None)


def sp_concat(*args):
    """concat(...): NULL when any argument is NULL."""
    if any(a is None for a in args):
        return None
    return ''.join(str(a) for a in args)


def sp_instr(s, sub):
    """instr(str, substr): 1-based position of the first occurrence, 0 when absent."""
    if s is None or sub is None:
        return None
    return s.find(sub) + 1


def sp_locate(sub, s, pos=1):
    """locate(substr, str[, pos]): 1-based, searching from pos; 0 when absent or pos < 1."""
    if s is None or sub is None or pos is None:
        return None
    if pos < 1:
        return 0
    return s.find(sub, pos - 1) + 1


def sp_repeat(s, n):
    if s is None or n is None:
        return None
    return s * max(n, 0)


def sp_reverse(s):
    return None if s is None else s[::-1]


def sp_translate(s, frm, to):
    """translate(input, from, to): characters of from replaced by the same position in to, removed when to
    is shorter; the first occurrence of a repeated from character wins."""
    if s is None or frm is None or to is None:
        return None
    m = {}
    for i, c in enumerate(frm):
        if c not in m:
            m[c] = to[i] if i < len(to) else None
    return ''.join((m[c] or '') if c in m else c for c in s)


def sp_regexp_extract(s, pattern, idx=1):
    """regexp_extract(str, regexp, idx): the group idx of the first match, '' when there is none."""
    if s is None or pattern is None or idx is None:
        return None
    m = re.search(pattern, s)
    if not m:
        return ''
    g = m.group(idx)
    return '' if g is None else g


def sp_regexp_replace(s, pattern, rep):
    if s is None or pattern is None or rep is None:
        return None
    return re.sub(pattern, rep.replace('$', '\\'), s)


def sp_rlike(s, pattern):
    """rlike: true when the regex matches any part of str (Java's find)."""
    if s is None or pattern is None:
        return None
    return 1 if re.search(pattern, s) else 0


def sp_ascii(s):
    if s is None:
        return None
    return ord(s[0]) if s else 0


def sp_btrim(s, chars=' '):
    if s is None or chars is None:
        return None
    return s.strip(chars)


def sp_date_add(d, n):
    return None if d is None or n is None else (_date(d) + datetime.timedelta(days=n)).isoformat()


def sp_datediff(end, start):
    """datediff(endDate, startDate): days from startDate to endDate."""
    return None if end is None or start is None else (_date(end) - _date(start)).days


def sp_add_months(d, n):
    """add_months: the same day of month, clamped to the last day of the target month."""
    if d is None or n is None:
        return None
    d = _date(d)
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1])).isoformat()


def sp_last_day(d):
    if d is None:
        return None
    d = _date(d)
    return d.replace(day=calendar.monthrange(d.year, d.month)[1]).isoformat()


def sp_dayofweek(d):
    """dayofweek: 1 = Sunday ... 7 = Saturday."""
    return None if d is None else _date(d).isoweekday() % 7 + 1


def sp_weekday(d):
    """weekday: 0 = Monday ... 6 = Sunday."""
    return None if d is None else _date(d).weekday()


def sp_weekofyear(d):
    """weekofyear: ISO 8601 week number."""
    return None if d is None else _date(d).isocalendar()[1]


def sp_dayofyear(d):
    return None if d is None else _date(d).timetuple().tm_yday


def sp_quarter(d):
    return None if d is None else (_date(d).month - 1) // 3 + 1


def sp_months_between(a, b, round_off=1):
    """months_between(t1, t2): whole months when both are the same day of month or both the last day of
    their month; otherwise the difference in months with days (and time) over 31-day months; rounded to 8
    digits (roundOff true)."""
    if a is None or b is None:
        return None
    t1, t2 = _ts(a if len(a) > 10 else a + ' 00:00:00'), _ts(b if len(b) > 10 else b + ' 00:00:00')
    months = (t1.year - t2.year) * 12 + (t1.month - t2.month)
    last1 = t1.day == calendar.monthrange(t1.year, t1.month)[1]
    last2 = t2.day == calendar.monthrange(t2.year, t2.month)[1]
    if t1.day == t2.day or (last1 and last2):
        return float(months)
    secs1 = (t1.day - 1) * 86400 + t1.hour * 3600 + t1.minute * 60 + t1.second
    secs2 = (t2.day - 1) * 86400 + t2.hour * 3600 + t2.minute * 60 + t2.second
    diff = months + (secs1 - secs2) / (31 * 86400)
    return float(Decimal(repr(diff)).quantize(Decimal('1e-8'), rounding=ROUND_HALF_UP)) if round_off else diff


def sp_trunc(d, fmt):
    """trunc(date, fmt): to the first day of the year / quarter / month / week (Monday)."""
    if d is None or fmt is None:
        return None
    d = _date(d)
    f = fmt.lower()
    if f in ('year', 'yyyy', 'yy'):
        return d.replace(month=1, day=1).isoformat()
    if f == 'quarter':
        return d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1).isoformat()
    if f in ('month', 'mm', 'mon'):
        return d.replace(day=1).isoformat()
    if f == 'week':
        return (d - datetime.timedelta(days=d.weekday())).isoformat()
    return None


def sp_date_trunc(fmt, t):
    """date_trunc(fmt, ts): a timestamp truncated to the unit."""
    if t is None or fmt is None:
        return None
    t = _ts(t if len(t) > 10 else t + ' 00:00:00')
    f = fmt.lower()
    if f in ('year', 'yyyy', 'yy', 'quarter', 'month', 'mm', 'mon', 'week'):
        return sp_trunc(t.date().isoformat(), f) + ' 00:00:00'
    if f == 'day' or f == 'dd':
        return t.replace(hour=0, minute=0, second=0).isoformat(' ')
    if f == 'hour':
        return t.replace(minute=0, second=0).isoformat(' ')
    if f == 'minute':
        return t.replace(second=0).isoformat(' ')
    return None


_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']


def sp_date_format(t, fmt):
    """date_format with the datetime pattern letters the suite uses: yyyy, yy, MM, M, MMM, dd, d, HH, mm,
    ss, EEE, and quoted literals."""
    if t is None or fmt is None:
        return None
    t = _ts(t if len(t) > 10 else t + ' 00:00:00')
    out = []
    for tok in re.findall(r"'[^']*'|y+|M+|d+|H+|m+|s+|E+|.", fmt):
        if tok.startswith("'"):
            out.append(tok[1:-1])
        elif tok[0] == 'y':
            out.append('%02d' % (t.year % 100) if len(tok) == 2 else '%04d' % t.year)
        elif tok[0] == 'M':
            out.append(_MONTHS[t.month - 1] if len(tok) == 3 else '%0*d' % (len(tok), t.month))
        elif tok[0] == 'd':
            out.append('%0*d' % (len(tok), t.day))
        elif tok[0] == 'H':
            out.append('%0*d' % (len(tok), t.hour))
        elif tok[0] == 'm':
            out.append('%0*d' % (len(tok), t.minute))
        elif tok[0] == 's':
            out.append('%0*d' % (len(tok), t.second))
        elif tok[0] == 'E':
            out.append(_DAYS[t.weekday()])
        else:
            out.append(tok)
    return ''.join(out)


def sp_next_day(d, dow):
    """next_day(date, dayOfWeek): the first later date that is that day of the week (two or three letters, or
    the full name, any case)."""
    if d is None or dow is None:
        return None
    names = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']
    target = names.index(dow.strip().lower()[:2])
    d = _date(d)
    delta = (target - d.weekday() - 1) % 7 + 1
    return (d + datetime.timedelta(days=delta)).isoformat()


def sp_month(d):
    return None if d is None else _date(d).month


def sp_year(d):
    return None if d is None else _date(d).year


def sp_day(d):
    return None if d is None else _date(d).day


def sp_unix_timestamp(t):
    """unix_timestamp(ts): seconds since the epoch, in the session time zone (UTC here)."""
    if t is None:
        return None
    t = _ts(t if len(t) > 10 else t + ' 00:00:00')
    return calendar.timegm(t.timetuple())


def sp_from_unixtime(n):
    return None if n is None else datetime.datetime.utcfromtimestamp(n).strftime('%Y-%m-%d %H:%M:%S')


def sp_pmod(a, b):
    """pmod(a, b): the positive remainder (NULL for b = 0 is an error under ANSI; not used with 0)."""
    if a is None or b is None:
        return None
    r = math.fmod(a, b) if isinstance(a, float) or isinstance(b, float) else int(math.fmod(a, b))
    return r + b if r < 0 else r


def sp_fmod(a, b):
    """'%' on doubles: the remainder with the sign of the dividend (Java's %)."""
    return None if a is None or b is None else math.fmod(a, b)


def sp_dec(x, s):
    """A value as an exact decimal string with scale s, HALF_UP (for decimal arithmetic expectations)."""
    if x is None:
        return None
    return str(Decimal(repr(x) if isinstance(x, float) else str(x)).quantize(Decimal(1).scaleb(-s),
                                                                                 rounding=ROUND_HALF_UP))


def _exact(x):
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(str(x))


def sp_ddiv(a, b, scale):
    """Decimal division rounded HALF_UP to the result scale of Spark's rule (the scale is passed in)."""
    if a is None or b is None:
        return None
    import decimal
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        return str((_exact(a) / _exact(b)).quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP))


def sp_dmul(a, b):
    """Exact decimal product."""
    return None if a is None or b is None else str(_exact(a) * _exact(b))


def sp_dadd(a, b):
    return None if a is None or b is None else str(_exact(a) + _exact(b))


def sp_dmod(a, b):
    """Decimal remainder with the sign of the dividend."""
    if a is None or b is None:
        return None
    import decimal
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        return str(_exact(a) % _exact(b))


def sp_dround(x, scale, mode='up'):
    """round (HALF_UP) / ceil / floor of an exact decimal to scale."""
    if x is None:
        return None
    import decimal
    rounding = {'up': ROUND_HALF_UP, 'ceil': decimal.ROUND_CEILING, 'floor': decimal.ROUND_FLOOR}[mode]
    return str(_exact(x).quantize(Decimal(1).scaleb(-scale), rounding=rounding))


def sp_hour(t):
    return None if t is None else _ts(t).hour


def sp_minute(t):
    return None if t is None else _ts(t).minute


def sp_second(t):
    return None if t is None else _ts(t).second


def sp_ln(x):
    return None if x is None else (math.log(x) if x > 0 else None)


def sp_sqrt(x):
    return None if x is None else (math.sqrt(x) if x >= 0 else float('nan'))


def sp_signum(x):
    return None if x is None else float((x > 0) - (x < 0))


def sp_pow(a, b):
    return None if a is None or b is None else math.pow(a, b)


def sp_exp(x):
    return None if x is None else math.exp(x)


def sp_floor(x):
    return None if x is None else math.floor(x)


def sp_ceil(x):
    return None if x is None else math.ceil(x)


def sp_double_str(x):
    """CAST(double AS STRING): Java's Double.toString."""
    return None if x is None else java_double(float(x))


def sp_bool_str(x):
    return None if x is None else ('true' if x else 'false')


def sp_startswith(s, p):
    return None if s is None or p is None else int(s.startswith(p))


def sp_endswith(s, p):
    return None if s is None or p is None else int(s.endswith(p))


def sp_contains(s, p):
    return None if s is None or p is None else int(p in s)


def sp_split(s, pattern):
    """split(str, regex) as its array's string form '[a, b]' (all pieces, trailing empty ones kept)."""
    if s is None or pattern is None:
        return None
    return '[' + ', '.join(re.split(pattern, s)) + ']'


def sp_greatest(*args):
    """greatest: skips NULLs, NULL only when all are (SQLite's max(a, b) is NULL when any is)."""
    vals = [a for a in args if a is not None]
    return max(vals) if vals else None


def sp_least(*args):
    vals = [a for a in args if a is not None]
    return min(vals) if vals else None


def sp_nvl(a, b):
    return b if a is None else a


def sp_isnull(a):
    return 1 if a is None else 0


def sp_isnotnull(a):
    return 0 if a is None else 1


FUNCTIONS = {name: fn for name, fn in globals().items() if name.startswith('sp_') and callable(fn)}
# Spark functions SQLite does not have are also registered under their Spark names, so queries using them need
# no rewrite. (Functions SQLite has with other semantics - substr, round, instr, max/min of several
# arguments - are only reachable as sp_*, in explicit rewrites.)
SPARK_NAMED = ['greatest', 'least', 'nvl', 'pmod', 'initcap', 'lpad', 'rpad', 'concat_ws',
               'locate', 'repeat', 'reverse', 'translate', 'regexp_extract', 'regexp_replace', 'ascii', 'btrim',
               'date_add', 'datediff', 'add_months', 'last_day', 'dayofweek', 'weekday', 'weekofyear',
               'dayofyear', 'quarter', 'months_between', 'trunc', 'date_trunc', 'date_format',
               'unix_timestamp', 'from_unixtime', 'hour', 'minute', 'second', 'signum', 'bround', 'startswith',
               'endswith', 'contains', 'next_day', 'month', 'year', 'day']


class _Stddev:
    """stddev_samp / var_samp: NULL for fewer than two values (Spark 4's default)."""

    def __init__(self, var=False):
        self.xs = []
        self.var = var

    def step(self, x):
        if x is not None:
            self.xs.append(float(x))

    def finalize(self):
        n = len(self.xs)
        if n < 2:
            return None
        m = math.fsum(self.xs) / n
        v = math.fsum((x - m) ** 2 for x in self.xs) / (n - 1)
        return v if self.var else math.sqrt(v)


class _Var(_Stddev):
    def __init__(self):
        super().__init__(True)


class _DecSum:
    """sum over decimals, exact."""

    def __init__(self):
        self.total = None

    def step(self, x):
        if x is not None:
            self.total = (self.total or Decimal(0)) + Decimal(repr(x) if isinstance(x, float) else str(x))

    def finalize(self):
        return None if self.total is None else str(self.total)


# ---------------------------------------------------------------------------------------------------------
# Spark's string forms of values.
# ---------------------------------------------------------------------------------------------------------

def java_double(x):
    """Java's Double.toString, which Spark uses for doubles: 1.0, 0.001, 1.0E7, 1.0E-4, NaN, Infinity."""
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0:
        return '-0.0' if math.copysign(1, x) < 0 else '0.0'
    a = abs(x)
    if 1e-3 <= a < 1e7:
        s = repr(x)
        if 'e' in s:
            s = format(Decimal(s), 'f')
        return s if '.' in s else s + '.0'
    sign, digits, e = Decimal(repr(x)).as_tuple()
    ds = ''.join(map(str, digits))
    exp = e + len(ds) - 1
    ds = ds.rstrip('0') or '0'
    mant = ds[0] + '.' + (ds[1:] or '0')
    return ('-' if sign else '') + mant + 'E' + str(exp)


def parse_schema(s):
    """struct<a:int,b:decimal(10,2)> -> [(a, int), (b, decimal(10,2))]."""
    assert s.startswith('struct<') and s.endswith('>'), s
    body, fields, depth, cur = s[7:-1], [], 0, ''
    for c in body:
        if c in '<(':
            depth += 1
        elif c in '>)':
            depth -= 1
        if c == ',' and depth == 0:
            fields.append(cur)
            cur = ''
        else:
            cur += c
    if cur:
        fields.append(cur)
    out = []
    for f in fields:
        name, typ = f.split(':', 1)
        out.append((name, typ))
    return out


def render(v, typ):
    if v is None:
        return 'NULL'
    if typ in ('int', 'bigint'):
        if isinstance(v, float):
            assert v == int(v), (v, typ)
            v = int(v)
        assert isinstance(v, int), (v, typ)
        lo, hi = (-2 ** 31, 2 ** 31 - 1) if typ == 'int' else (-2 ** 63, 2 ** 63 - 1)
        assert lo <= v <= hi, (v, typ)
        return str(v)
    if typ == 'double':
        return java_double(float(v))
    if typ.startswith('decimal('):
        p, s = map(int, typ[8:-1].split(','))
        d = Decimal(repr(v) if isinstance(v, float) else str(v)).quantize(Decimal(1).scaleb(-s),
                                                                           rounding=ROUND_HALF_UP)
        assert len(d.as_tuple().digits) <= max(p, 1) or d == 0, (v, typ)
        return format(abs(d) if d == 0 else d, 'f')  # a decimal has no negative zero
    if typ == 'boolean':
        assert v in (0, 1), (v, typ)
        return 'true' if v else 'false'
    if typ == 'date':
        datetime.date.fromisoformat(v)
        return v
    if typ == 'timestamp':
        t = datetime.datetime.fromisoformat(v)
        s = t.strftime('%Y-%m-%d %H:%M:%S')
        if t.microsecond:
            s += ('.%06d' % t.microsecond).rstrip('0')
        return s
    if typ == 'string' or typ.startswith('array<'):
        v = str(v)
        assert '\t' not in v and '\n' not in v, v
        return v
    raise AssertionError('type not supported by the generator: ' + typ)


# ---------------------------------------------------------------------------------------------------------
# Input files.
# ---------------------------------------------------------------------------------------------------------

class Query:
    def __init__(self, text, directives, line):
        self.text = text
        self.directives = directives
        self.line = line

    def get(self, key):
        vals = [v for k, v in self.directives if k == key]
        return vals


def parse_input(path):
    queries, lines, directives, start = [], [], [], None
    with open(path, encoding='utf-8') as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            stripped = line.strip()
            if stripped.startswith('-- !'):
                key, _, val = stripped[4:].partition(' ')
                directives.append((key, val.strip()))
                continue
            if stripped.startswith('--') and not lines:
                continue
            if not stripped and not lines:
                continue
            if start is None:
                start = no
            lines.append(line)
            if stripped.endswith(';'):
                text = '\n'.join(lines).strip()[:-1].strip()
                queries.append(Query(text, directives, start))
                lines, directives, start = [], [], None
    assert not lines, 'unterminated query at end of ' + path
    return queries


def top_level_order_by(sql):
    """True when ORDER BY appears outside parentheses and string literals (quoted with ' or ", escaped with a backslash)."""
    depth, i, text, quote = 0, 0, [], None
    while i < len(sql):
        c = sql[i]
        if quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
            text.append(' ')
        elif c in '\'"':
            quote = c
            text.append(' ')
        else:
            if c == '(':
                depth += 1
            elif c == ')':
                depth -= 1
            text.append(c if depth == 0 else ' ')
        i += 1
    return re.search(r'\border\s+by\b', ''.join(text), re.IGNORECASE) is not None


def connect():
    con = sqlite3.connect(':memory:')
    con.execute('PRAGMA case_sensitive_like = ON')
    for name, fn in FUNCTIONS.items():
        con.create_function(name, -1, fn, deterministic=True)
    for name in SPARK_NAMED:
        con.create_function(name, -1, FUNCTIONS['sp_' + name], deterministic=True)
    con.create_aggregate('sp_stddev', 1, _Stddev)
    con.create_aggregate('sp_variance', 1, _Var)
    con.create_aggregate('sp_decsum', 1, _DecSum)
    tables.load_sqlite(con)
    return con


def sqlite_dialect(sql):
    """The few spellings SQLite reads differently: DATE '...' and TIMESTAMP '...' literals become the ISO text
    the tables hold dates and timestamps as (ISO text orders as the values do); MINUS is EXCEPT; the DISTINCT of
    a set operator is its default."""
    sql = re.sub(r"\b(?:DATE|TIMESTAMP)\s+('[^']*')", r'\1', sql, flags=re.IGNORECASE)
    sql = re.sub(r'\bMINUS\b', 'EXCEPT', sql, flags=re.IGNORECASE)
    return re.sub(r'\b(INTERSECT|EXCEPT|UNION)\s+DISTINCT\b', r'\1', sql, flags=re.IGNORECASE)


def run_sqlite(con, sql):
    sql = sqlite_dialect(sql)
    con.execute('PRAGMA reverse_unordered_selects = OFF')
    rows = con.execute(sql).fetchall()
    con.execute('PRAGMA reverse_unordered_selects = ON')
    again = con.execute(sql).fetchall()
    return rows, again


def generate(topic):
    inp = os.path.join(HERE, 'inputs', topic + '.sql')
    out = os.path.join(HERE, 'results', topic + '.sql.out')
    con = connect()
    parts = ['-- Generated by gen_golden.py from inputs/%s.sql; do not edit by hand.\n' % topic]
    for q in parse_input(inp):
        where = '%s:%d' % (topic, q.line)
        block = ['-- !query', q.text]
        for gap in q.get('known-gap'):
            block.append('-- !known-gap ' + gap)
        errors = q.get('error')
        if errors:
            cls, _, frag = errors[0].partition(' ')
            block += ['-- !query error', cls, frag]
        else:
            schema = q.get('schema')
            assert len(schema) == 1, where + ': one -- !schema needed'
            fields = parse_schema(schema[0])
            sql = ' '.join(q.get('sqlite')) or q.text
            ordered = top_level_order_by(q.text)
            try:
                rows, again = run_sqlite(con, sql)
            except sqlite3.Error as e:
                raise SystemExit('%s: SQLite failed: %s\n%s' % (where, e, sql))
            rendered = []
            for r in rows:
                assert len(r) == len(fields), '%s: %d columns, schema has %d' % (where, len(r), len(fields))
                rendered.append('\t'.join(render(v, t) for v, (_, t) in zip(r, fields)))
            if ordered:
                again_r = ['\t'.join(render(v, t) for v, (_, t) in zip(r, fields)) for r in again]
                assert again_r == rendered, where + ': ORDER BY leaves ties; make the order total'
            else:
                rendered.sort()
            block += ['-- !query schema', schema[0],
                      '-- !query output %s%d rows' % ('ordered ' if ordered else '', len(rendered))]
            block += rendered
        parts.append('\n'.join(block) + '\n\n')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(parts).rstrip('\n') + '\n')
    return len(parts) - 1


def main(argv):
    topics = argv or sorted(f[:-4] for f in os.listdir(os.path.join(HERE, 'inputs')) if f.endswith('.sql'))
    total = 0
    for t in topics:
        n = generate(t)
        total += n
        print('%-24s %4d queries' % (t, n))
    print('%-24s %4d queries' % ('total', total))


if __name__ == '__main__':
    main(sys.argv[1:])
