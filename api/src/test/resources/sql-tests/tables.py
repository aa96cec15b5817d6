"""The seeded tables of the differential SQL suite, as DiffTables.java makes them for Ember.

Both sides draw from the same SplitMix64 sequence in the same order (row by row, column by column: first
"is it NULL?" for a nullable column, then the value), so the tables are equal value for value. Every input
file starts with a fingerprint query over the tables it uses, which catches any drift between the two.
"""
import datetime

MASK = (1 << 64) - 1

POOL_S = ['alpha', 'Beta', 'gamma', '', ' padded ', 'a_b%c', 'ALPHA', 'delta42', 'Hello World', 'x']
POOL_W = ['red', 'green', 'blue', '', 'Red']
POOL_G = ['x', 'y', 'z']
EPOCH_DAY_2023 = datetime.date(2023, 1, 1).toordinal()


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return (self.next_long() >> 1) % n

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)


# Column kinds: ('seq',), ('int', lo, hi), ('pick', pool), ('double', lo, hi) = between/100,
# ('decimal', lo, hi) = between/100 at scale 2, ('date', days) = 2023-01-01 + between(0, days),
# ('ts', seconds) = 2023-01-01 00:00:00 + between(0, seconds), ('bool',), ('long', lo, hi).
# Each column: (name, spark type, sqlite type, kind, null_every) - NULL when below(null_every) == 0.
TABLES = {
    't': (1001, 48, [
        ('id', 'int', 'INTEGER', ('seq',), 0),
        ('k', 'int', 'INTEGER', ('int', 0, 4), 8),
        ('v', 'int', 'INTEGER', ('int', -100, 100), 8),
        ('s', 'string', 'TEXT', ('pick', POOL_S), 8),
        ('d', 'double', 'REAL', ('double', -100000, 100000), 8),
        ('dec', 'decimal(8,2)', 'REAL', ('decimal', -99999, 99999), 8),
        ('dt', 'date', 'TEXT', ('date', 730), 8),
        ('ts', 'timestamp', 'TEXT', ('ts', 730 * 86400 - 1), 8),
        ('b', 'boolean', 'INTEGER', ('bool',), 8),
        ('big', 'bigint', 'INTEGER', ('long', -5000000000, 5000000000), 8),
    ]),
    'u': (2002, 30, [
        ('id', 'int', 'INTEGER', ('seq',), 0),
        ('k', 'int', 'INTEGER', ('int', 0, 6), 6),
        ('w', 'string', 'TEXT', ('pick', POOL_W), 6),
        ('amt', 'int', 'INTEGER', ('int', 0, 50), 6),
    ]),
    'dup': (3003, 24, [
        ('g', 'string', 'TEXT', ('pick', POOL_G), 6),
        ('n', 'int', 'INTEGER', ('int', 1, 4), 6),
    ]),
    'e0': (4004, 0, [
        ('id', 'int', 'INTEGER', ('seq',), 0),
        ('k', 'int', 'INTEGER', ('int', 0, 6), 6),
        ('w', 'string', 'TEXT', ('pick', POOL_W), 6),
        ('amt', 'int', 'INTEGER', ('int', 0, 50), 6),
    ]),
}


def value(rng, kind, row):
    k = kind[0]
    if k == 'seq':
        return row + 1
    if k == 'int' or k == 'long':
        return rng.between(kind[1], kind[2])
    if k == 'pick':
        return kind[1][rng.below(len(kind[1]))]
    if k == 'double':
        return rng.between(kind[1], kind[2]) / 100.0
    if k == 'decimal':
        return rng.between(kind[1], kind[2]) / 100.0  # SQLite keeps decimals as REAL; results are rounded
    if k == 'date':
        return datetime.date.fromordinal(EPOCH_DAY_2023 + rng.between(0, kind[1])).isoformat()
    if k == 'ts':
        t = datetime.datetime(2023, 1, 1) + datetime.timedelta(seconds=rng.between(0, kind[1]))
        return t.strftime('%Y-%m-%d %H:%M:%S')
    if k == 'bool':
        return rng.below(2)
    raise ValueError(kind)


def rows(name):
    seed, count, cols = TABLES[name]
    rng = SplitMix64(seed)
    out = []
    for r in range(count):
        vals = []
        for _, _, _, kind, null_every in cols:
            if null_every and rng.below(null_every) == 0:
                vals.append(None)
            else:
                vals.append(value(rng, kind, r))
        out.append(tuple(vals))
    return out


def load_sqlite(con):
    for name, (_, _, cols) in TABLES.items():
        con.execute('CREATE TABLE %s (%s)' % (name, ', '.join('%s %s' % (c[0], c[2]) for c in cols)))
        con.executemany('INSERT INTO %s VALUES (%s)' % (name, ', '.join('?' * len(cols))), rows(name))
    # dup is also the global temporary view global_temp.gdup (an attached database of that name in SQLite)
    con.execute("ATTACH DATABASE ':memory:' AS global_temp")
    con.execute('CREATE TABLE global_temp.gdup AS SELECT * FROM dup')
