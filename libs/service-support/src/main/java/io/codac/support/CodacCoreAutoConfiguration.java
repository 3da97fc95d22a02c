package io.codac.support;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.fleet.FleetFile;
import io.codac.contracts.json.CodacJson;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;

/** The fleet, the topic names and the event codec, as beans every service can inject. */
@AutoConfiguration
@EnableConfigurationProperties(CodacProperties.class)
public class CodacCoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Topics codacTopics(CodacProperties properties) {
        return new Topics(properties.topics().namespace());
    }

    /** Loaded and validated at start: a bad fleet file stops the service with a clear message. */
    @Bean
    @ConditionalOnMissingBean
    public Fleet codacFleet(CodacProperties properties) {
        return FleetFile.load(Path.of(properties.fleetFile()));
    }

    @Bean
    @ConditionalOnMissingBean
    public EventCodec codacEventCodec() {
        return new EventCodec();
    }

    /** Spring's own mapper (HTTP bodies) follows the same JSON settings as the event codec. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer codacJsonSettings() {
        return builder -> builder.postConfigurer(CodacJson::configure);
    }
}
