package io.codac.reporting.webhook.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which callback URLs we call. Production calls only {@code https} URLs with a host; a local stack
 * ({@code codac.reporting.allow-insecure-callbacks}) also calls {@code http} on a loopback host, so a
 * developer can watch webhooks arrive, and never plain {@code http} to anywhere else.
 */
public record CallbackPolicy(boolean allowInsecureLoopback) {

    /** Empty when the URL may be called, else why not. */
    public Optional<String> refusal(String callbackUrl) {
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("no host");
        }
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            if (!allowInsecureLoopback) {
                return Optional.of("http callbacks are not allowed, use https");
            }
            return isLoopback(uri.getHost()) ? Optional.empty() : Optional.of("http callbacks are allowed on loopback only");
        }
        return Optional.of("unsupported scheme '" + scheme + "'");
    }

    /** The circuit breaker's key: one breaker per scheme, host and port, whatever the path. */
    public static String endpoint(String callbackUrl) {
        URI uri = URI.create(callbackUrl);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
