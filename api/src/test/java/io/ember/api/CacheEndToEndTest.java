package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.memory.MemorySource;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache}/{@code persist}: lazy, materialized by the first action, read (not recomputed) by later ones. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheEndToEndTest {
  static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("dept", DataTypes.STRING),
      DataTypes.field("amount", DataTypes.INTEGER));

  @TempDir
  Path dir;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("cache").config("ember.batchSize", "3").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  /** A source over rows in memory that counts the readers the runtime creates (one per source task). */
  static final class CountingSource implements Source {
    final MemorySource delegate;
    final AtomicInteger readers = new AtomicInteger();

    CountingSource(List<Batch> batches) {
      this.delegate = new MemorySource(SCHEMA, batches);
    }

    @Override
    public StructType schema() {
      return delegate.schema();
    }

    @Override
    public boolean isBounded() {
      return true;
    }

    @Override
    public List<SourceSplit> planSplits(int parallelismHint) {
      return delegate.planSplits(parallelismHint);
    }

    @Override
    public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
      readers.incrementAndGet();
      return delegate.createReader(splits, context);
    }

    @Override
    public String explain() {
      return "Counting" + delegate.explain();
    }
  }

  static List<Row> rows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.of(i, "d" + (i % 3), i * 10));
    }
    return rows;
  }

  CountingSource countingSource(int n) {
    List<Batch> batches = new ArrayList<>();
    List<Row> all = rows(n);
    for (int from = 0; from < n; from += 4) {
      batches.add(Batch.fromRows(SCHEMA, all.subList(from, Math.min(n, from + 4))));
    }
    return new CountingSource(batches);
  }

  DataFrame over(Session s, Source source) {
    return new DataFrame(s, new LogicalPlan.SourceScan(PlanIds.next(), source));
  }

  @Test
  void derivedQueriesReadTheCacheAfterTheCsvInputIsDeleted() throws Exception {
    Path file = dir.resolve("sales.csv");
    StringBuilder csv = new StringBuilder("id,dept,amount\n");
    for (Row r : rows(20)) {
      csv.append(r.get(0)).append(',').append(r.get(1)).append(',').append(r.get(2)).append('\n');
    }
    Files.writeString(file, csv);
    DataFrame sales = session.read().option("header", "true").schema(SCHEMA).csv(file.toString()).cache();
    assertEquals(20, sales.count());
    Files.delete(file);

    DataFrame big = sales.filter(col("amount").geq(100)).select("id", "dept");
    assertEquals(10, big.count());
    assertEquals(List.of(Row.of(10, "d1"), Row.of(11, "d2")), big.orderBy("id").limit(2).collectAsList());
    List<Row> totals = sales.groupBy("dept").agg(sum("amount").as("total")).orderBy("dept").collectAsList();
    assertEquals(List.of(Row.of("d0", 630L), Row.of("d1", 700L), Row.of("d2", 570L)), totals);

    sales.unpersist();
    assertThrows(EmberException.class, sales::count, "without the cache the deleted input is read again");
  }

  @Test
  void cacheIsLazyAndLaterActionsDoNotReadTheSourceAgain() {
    CountingSource source = countingSource(30);
    DataFrame df = over(session, source);
    DataFrame cached = df.cache();
    assertEquals(df, cached);
    assertEquals(0, source.readers.get(), "cache() runs nothing");

    DataFrame derived = df.filter(col("id").lt(5)).select("id");
    assertEquals(List.of(Row.of(0), Row.of(1), Row.of(2), Row.of(3), Row.of(4)),
        derived.orderBy("id").collectAsList());
    int afterFirst = source.readers.get();
    assertTrue(afterFirst > 0, "the first action materializes the cache");
    assertTrue(session.cacheManager().isMaterialized(df.queryExecution().analyzed()));
    assertTrue(session.cacheManager().cachedBytes() > 0);

    assertEquals(30, df.count());
    assertEquals(rows(30), df.orderBy("id").collectAsList());
    assertEquals(3, df.groupBy("dept").count().count());
    assertEquals(30, df.join(derived, List.of("id"), "left").count());
    assertEquals(afterFirst, source.readers.get(), "later actions read the cached batches");

    df.unpersist(true);
    assertEquals(StorageLevel.NONE, df.storageLevel());
    assertEquals(30, df.count());
    assertTrue(source.readers.get() > afterFirst, "after unpersist the source is read again");
  }

  @Test
  void aResultOverTheBudgetIsRecomputedByEachAction() {
    Session small = session.newSession();
    small.conf().set("ember.cache.maxBytes", "1");
    CountingSource source = countingSource(12);
    DataFrame df = over(small, source).persist(StorageLevel.MEMORY_ONLY);
    assertEquals(12, df.count());
    int afterFirst = source.readers.get();
    assertTrue(afterFirst > 0);
    assertEquals(12, df.count());
    assertTrue(source.readers.get() > afterFirst, "a result over the budget is not kept");
    assertEquals(0, small.cacheManager().cachedBytes());
    assertEquals(StorageLevel.MEMORY_ONLY, df.storageLevel());

    small.conf().set("ember.cache.maxBytes", "1m");
    assertEquals(12, df.count());
    int kept = source.readers.get();
    assertEquals(rows(12), df.orderBy("id").collectAsList());
    assertEquals(kept, source.readers.get(), "with room in the budget the result is kept");
    assertThrows(EmberIllegalArgumentException.class, () -> small.conf().set("ember.cache.maxBytes", "lots"));
  }

  @Test
  void storageLevelFollowsPersistAndUnpersist() {
    DataFrame df = session.createDataFrame(rows(4), SCHEMA);
    assertEquals(StorageLevel.NONE, df.storageLevel());
    df.persist(StorageLevel.MEMORY_ONLY);
    assertEquals(StorageLevel.MEMORY_ONLY, df.storageLevel());
    df.cache();
    assertEquals(StorageLevel.MEMORY_ONLY, df.storageLevel(), "caching again keeps the first level");
    assertEquals(StorageLevel.NONE, df.select("id").storageLevel(), "a derived DataFrame is not itself cached");
    df.unpersist();
    assertEquals(StorageLevel.NONE, df.storageLevel());
    df.cache();
    assertEquals(StorageLevel.MEMORY_AND_DISK, df.storageLevel());
    assertEquals("StorageLevel(disk, memory, deserialized, 1 replicas)", df.storageLevel().toString());
    assertEquals(StorageLevel.MEMORY_ONLY_2, StorageLevel.fromString("memory_only_2"));
    assertThrows(EmberIllegalArgumentException.class, () -> StorageLevel.fromString("SOMEWHERE"));
    df.unpersist();
  }

  @Test
  void cachedViewsServeSqlAndTableReads() {
    CountingSource source = countingSource(9);
    over(session, source).createOrReplaceTempView("cached_sales");
    Catalog catalog = session.catalog();
    assertTrue(!catalog.isCached("cached_sales"));
    catalog.cacheTable("cached_sales");
    assertTrue(catalog.isCached("cached_sales"));
    assertEquals(0, source.readers.get());
    assertEquals(List.of(Row.of(9L)), session.sql("SELECT count(*) FROM cached_sales").collectAsList());
    int afterFirst = source.readers.get();
    assertTrue(afterFirst > 0);
    assertEquals(List.of(Row.of("d0", 90L), Row.of("d1", 120L), Row.of("d2", 150L)),
        session.sql("SELECT dept, sum(amount) FROM cached_sales GROUP BY dept ORDER BY dept").collectAsList());
    assertEquals(9, session.table("cached_sales").count());
    assertEquals(afterFirst, source.readers.get(), "SQL and table() over the cached view read the cache");

    catalog.uncacheTable("cached_sales");
    assertTrue(!catalog.isCached("cached_sales"));
    catalog.cacheTable("cached_sales", StorageLevel.MEMORY_ONLY);
    assertEquals(StorageLevel.MEMORY_ONLY, session.table("cached_sales").storageLevel());
    catalog.clearCache();
    assertTrue(!catalog.isCached("cached_sales"));
    assertThrows(AnalysisException.class, () -> catalog.isCached("no_such_view"));
    catalog.dropTempView("cached_sales");
  }

  @Test
  void cachingAStreamingDataFrameIsSparksError() throws Exception {
    Path in = Files.createDirectories(dir.resolve("stream_in"));
    DataFrame stream = session.readStream().schema(SCHEMA).json(in.toString());
    AnalysisException e = assertThrows(AnalysisException.class, stream::cache);
    assertTrue(e.getMessage().contains("Queries with streaming sources must be executed with writeStream.start()"),
        e.getMessage());
    assertEquals(StorageLevel.NONE, stream.storageLevel());
  }
}
