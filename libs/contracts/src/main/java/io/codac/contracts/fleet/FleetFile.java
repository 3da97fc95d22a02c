package io.codac.contracts.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.FleetValidationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the fleet file (for example {@code deploy/local/fleet.yml}) that the simulator, the dialer
 * adapters and the scheduler all share. Unknown keys are refused so that a typo fails at start.
 */
public final class FleetFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private FleetFile() {
    }

    public static Fleet load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new FleetValidationException("fleet file " + path.toAbsolutePath() + " does not exist");
        }
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new FleetValidationException("fleet file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Fleet parse(String yaml, String origin) {
        try {
            Fleet fleet = YAML.readValue(yaml, Fleet.class);
            if (fleet == null) {
                throw new FleetValidationException("fleet file " + origin + " is empty");
            }
            return fleet;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FleetValidationException invalid) {
                throw new FleetValidationException("fleet file " + origin + ": " + invalid.getMessage(), invalid);
            }
            throw new FleetValidationException("fleet file " + origin + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new FleetValidationException("fleet file " + origin + " is not a valid fleet description: "
                    + e.getOriginalMessage() + locationOf(e), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
