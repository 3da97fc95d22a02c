package io.codac.support.sql;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

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
}
