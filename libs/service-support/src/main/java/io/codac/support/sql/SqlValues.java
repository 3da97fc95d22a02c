package io.codac.support.sql;

import io.r2dbc.spi.Parameters;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one conversion between our instants and the database's {@code DATETIME(3)} columns, which hold
 * UTC wall-clock time to the millisecond (MySQL and MariaDB keep no zone), and the one way to bind a
 * value that may be null (R2DBC needs the type of a null).
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** An instant as the UTC wall-clock time a {@code DATETIME(3)} column stores; null stays null. */
    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    /** A {@code DATETIME(3)} read back as the instant it stands for; null stays null. */
    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    public static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /**
     * Named values gathered first and bound in one step ({@link GenericExecuteSpec#bindValues(Map)}). A statement of
     * many values — a multi-row {@code INSERT} — must be bound this way: each {@link GenericExecuteSpec#bind} returns a
     * new spec holding a copy of every value bound before, so binding a hundred rows of a dozen values one by one
     * copies about a million map entries (it took nearly all of the scheduler's request-consumer CPU).
     */
    public static final class Bindings {

        private final Map<String, Object> values = new LinkedHashMap<>();

        /** A value that is never null. */
        public Bindings value(String name, Object value) {
            values.put(name, Objects.requireNonNull(value, () -> "value of parameter " + name));
            return this;
        }

        /** A value that may be null (R2DBC needs the type of a null). */
        public <T> Bindings nullable(String name, T value, Class<T> type) {
            values.put(name, value == null ? Parameters.in(type) : value);
            return this;
        }

        public GenericExecuteSpec to(GenericExecuteSpec spec) {
            return spec.bindValues(values);
        }
    }
}
