package io.codac.ingest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the OpenAPI description true to the code: its paths are our routes, its codes our codes. */
class OpenApiDescriptionTest {

    private static JsonNode description() throws Exception {
        try (InputStream in = new ClassPathResource(WebConfiguration.OPENAPI_RESOURCE).getInputStream()) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isOpenApi31AndDescribesExactlyTheGatewaysRoutes() throws Exception {
        JsonNode api = description();

        assertThat(api.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> operations = new ArrayList<>();
        api.get("paths").properties().forEach(path ->
                path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(operations).containsExactlyInAnyOrder(
                "POST /v1/verifications",
                "POST /v1/verifications/batch",
                "GET /v1/verifications/{id}",
                "GET /v1/verifications/{id}/deliveries",
                "POST /admin/v1/clients",
                "POST /admin/v1/clients/{id}/keys",
                "DELETE /admin/v1/clients/{id}/keys/{keyId}",
                "GET /v1/openapi.yaml");
    }

    @Test
    void listsEveryProblemCodeTheGatewayCanAnswer() throws Exception {
        List<String> documented = new ArrayList<>();
        description().at("/components/schemas/Problem/properties/code/enum").forEach(code -> documented.add(code.asText()));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProblemCode.values()).map(ProblemCode::code).toList());
    }

    @Test
    void anAttemptsOutcomeIsOneOfTheOutcomeClasses() throws Exception {
        JsonNode api = description();
        List<String> documented = new ArrayList<>();
        api.at("/components/schemas/OutcomeClass/enum").forEach(outcome -> documented.add(outcome.asText()));

        assertThat(api.at("/components/schemas/Attempt/properties/outcome/$ref").asText())
                .isEqualTo("#/components/schemas/OutcomeClass");
        assertThat(documented).containsExactlyElementsOf(
                Arrays.stream(OutcomeClass.values()).map(OutcomeClass::name).toList());
    }

    @Test
    void theStatusesAndMethodsAreTheContractsOnes() throws Exception {
        JsonNode schemas = description().at("/components/schemas");
        List<String> statuses = new ArrayList<>();
        schemas.at("/VerificationStatus/enum").forEach(status -> statuses.add(status.asText()));
        List<String> methods = new ArrayList<>();
        schemas.at("/VerificationMethod/enum").forEach(method -> methods.add(method.asText()));

        assertThat(statuses).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(VerificationStatus.values()).map(VerificationStatus::name).toList());
        assertThat(methods).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(VerificationMethod.values()).map(VerificationMethod::name).toList());
    }

    @Test
    void everyOperationThatTouchesKafkaOrTheDatabaseCanAnswer503() throws Exception {
        JsonNode paths = description().get("paths");

        assertThat(paths.at("/~1v1~1verifications/post/responses").has("503")).isTrue();
        assertThat(paths.at("/~1v1~1verifications~1{id}/get/responses").has("503")).isTrue();
        assertThat(paths.at("/~1admin~1v1~1clients/post/responses").has("503")).isTrue();
    }

    @Test
    void theDocsCopyIsTheSameFile() throws Exception {
        Path docs = Path.of("../../docs/openapi.yaml");
        if (Files.exists(docs)) { // absent when the module is built outside the repository
            assertThat(Files.readString(docs)).isEqualTo(Files.readString(Path.of("src/main/resources/openapi/openapi.yaml")));
        }
    }
}
