"""Continuous processing, as in Spark's Trigger.Continuous: the rate source's values are filtered and projected
(map-like steps only) and written by a foreach writer while the query checkpoints an epoch every second; an
aggregation is refused with Spark's message. A Python foreach writer gets each epoch's rows of a partition when the
epoch ends (a Java foreach writer or the Kafka sink gets every row as soon as it is processed).

    bin/ember submit examples/python/continuous_trigger.py [seconds]
"""

import sys

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession
from pyspark.sql import functions as F


class Tens:
    """A foreach writer printing every value that is a multiple of ten, tagged with its epoch."""

    def open(self, partition_id, epoch_id):
        self.epoch = epoch_id
        return True

    def process(self, row):
        if row.doubled % 10 == 0:
            print("epoch %d: %d" % (self.epoch, row.doubled), flush=True)

    def close(self, error):
        pass


def main(argv):
    seconds = float(argv[1]) if len(argv) > 1 else 4.0
    spark = SparkSession.builder.appName("continuous-trigger").getOrCreate()
    rate = spark.readStream.format("rate").option("rowsPerSecond", 20).load()
    evens = rate.filter(F.col("value") % 2 == 0).select((F.col("value") * 2).alias("doubled"))

    query = evens.writeStream.foreach(Tens()).trigger(continuous="1 second").start()
    query.awaitTermination(seconds)
    query.stop()
    print("lastProgress of a continuous query:", query.lastProgress)

    try:
        (rate.groupBy("value").count().writeStream.format("console").outputMode("complete")
         .trigger(continuous="1 second").start())
    except AnalysisException as e:
        print("refused:", str(e).splitlines()[0])
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
