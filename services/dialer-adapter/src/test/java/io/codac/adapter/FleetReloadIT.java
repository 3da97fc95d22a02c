package io.codac.adapter;

import io.codac.adapter.kafka.DialCommandPartitions;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fleet file that gains a trunk for this server reassigns the adapter's partitions without a restart. */
class FleetReloadIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aTrunkAddedToTheFleetFileIsConsumedAndDialedWithoutARestart() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        Topics topics = namespace.topics();
        Fleet full = TestFleets.fleet(1, 2, 20, 5);
        TelephonyServer srv1 = full.servers().getFirst();
        Trunk added = srv1.trunks().get(1);
        Fleet before = new Fleet(List.of(new TelephonyServer(srv1.id(), srv1.ari(), List.of(srv1.trunks().getFirst()),
                srv1.dids())));
        Path fleetFile = TestFleets.write(before);
        infra.createTopics(topics, full, 3);
        var codec = new EventCodec();
        try (SimulatedFleet sim = SimulatedFleet.start(full, SimSettings.fast().withSeed(5));
             var producer = new KafkaProducer<String, String>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
            properties.put("codac.adapter.server-id", srv1.id());
            properties.put("codac.adapter.flash-hangup-delay", "200ms");
            properties.put("codac.adapter.fleet-reload-interval", "200ms");
            try (var adapter = new SpringApplicationBuilder(DialerAdapterApplication.class)
                    .run(ServiceProperties.asArgs(properties))) {
                DialCommandPartitions partitions = adapter.getBean(DialCommandPartitions.class);
                assertThat(partitions.partitions()).containsExactly(srv1.trunks().getFirst().partition());

                String number = sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst();
                DialCommand command = new DialCommand(UUID.randomUUID().toString(), Instant.now(),
                        "att-" + UUID.randomUUID(), "ver-" + UUID.randomUUID(), number, added.id(), srv1.id(), 1,
                        null, 10, Instant.now().plusSeconds(60));
                producer.send(new ProducerRecord<>(topics.dialCommands(), added.partition(), command.key(),
                        codec.encode(command))).get();
                assertThat(sim.cdr(number)).isEmpty();

                Files.writeString(fleetFile, Files.readString(TestFleets.write(full)));

                await().atMost(BOUND).until(() -> !sim.cdr(number).isEmpty());
                assertThat(sim.cdr(number)).singleElement()
                        .satisfies(record -> assertThat(record.trunk()).isEqualTo(added.id()));
                assertThat(partitions.partitions()).containsExactlyInAnyOrder(0, 1);
                assertThat(adapter.getBean(io.codac.adapter.dialing.Trunks.class).all()).extracting(Trunk::id)
                        .containsExactly(srv1.trunks().get(0).id(), added.id());
            }
        }
    }
}
