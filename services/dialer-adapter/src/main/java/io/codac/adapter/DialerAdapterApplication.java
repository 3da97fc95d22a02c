package io.codac.adapter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One dialer adapter: {@code --codac.adapter.server-id=<server>} names the telephony server it drives.
 * It owns no table, so database auto-configurations stay off even when a classpath (the end-to-end
 * tests host every service in one JVM) carries their libraries.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration"})
public class DialerAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(DialerAdapterApplication.class, args);
    }
}
