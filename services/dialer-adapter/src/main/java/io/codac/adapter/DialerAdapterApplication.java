package io.codac.adapter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** One dialer adapter: {@code --codac.adapter.server-id=<server>} names the telephony server it drives. */
@SpringBootApplication
public class DialerAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(DialerAdapterApplication.class, args);
    }
}
