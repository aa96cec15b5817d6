package io.ember.connectors.kafka;

import io.ember.kafka.devbroker.DevKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One single-node broker for every Kafka test of this JVM (started on first use, stopped at exit), and helpers to
 * make topics, produce and read back records. Tests use their own topic names, so they do not see each other's data.
 */
final class KafkaTestBroker {
  private static DevKafkaBroker broker;

  private KafkaTestBroker() {}

  /** The broker's {@code host:port}. */
  static synchronized String servers() {
    if (broker == null) {
      broker = DevKafkaBroker.startTemporary();
      DevKafkaBroker started = broker;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-broker-stop"));
    }
    return broker.bootstrapServers();
  }

  static Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", servers()));
  }

  /** Makes {@code topic} with {@code partitions} partitions and waits until it exists. */
  static void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
  }

  static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(Map.of("bootstrap.servers", servers(), "acks", "all"), new StringSerializer(),
        new StringSerializer());
  }

  /** Sends {@code values} with keys {@code k<value>} to the given partitions in turn and waits for every ack. */
  static void produce(String topic, int partitions, List<String> values) throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, i % partitions, "k" + values.get(i), values.get(i))));
      }
      for (var ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    }
  }

  /** Every record of {@code topic} (all partitions, from the beginning up to the end offsets now). */
  static List<ConsumerRecord<String, String>> readAll(String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers()),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(60));
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " up to " + end + " within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
