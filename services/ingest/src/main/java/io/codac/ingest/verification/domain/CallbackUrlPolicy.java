package io.codac.ingest.verification.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where we may send webhooks. Results carry personal data and a signature, so they travel over
 * {@code https} only; and a callback must not make our servers call into their own network (SSRF), so
 * loopback, private and link-local address literals are refused. The local stack relaxes both
 * ({@code allowInsecure}): {@code http} to loopback, so anyone can watch webhooks arrive on a laptop.
 *
 * <p>Host names are not resolved here (that would put DNS on the request path); a name that resolves to
 * a private address must be caught where the webhook is delivered.
 */
public final class CallbackUrlPolicy {

    public static final int MAX_LENGTH = 2048;

    private final boolean allowInsecure;

    public CallbackUrlPolicy(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /** Why {@code url} cannot be a callback, or empty when it can. */
    public Optional<String> violation(String url) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("callbackUrl must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("callbackUrl is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("callbackUrl must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("callbackUrl must not carry credentials");
        }
        boolean internal = isInternalHost(uri.getHost());
        return switch (scheme) {
            case "https" -> internal && !allowInsecure
                    ? Optional.of("callbackUrl must not point at a loopback, private or link-local address")
                    : Optional.empty();
            case "http" -> allowInsecure && isLoopbackHost(uri.getHost())
                    ? Optional.empty()
                    : Optional.of("callbackUrl must use https");
            default -> Optional.of("callbackUrl must use https");
        };
    }

    private static boolean isLoopbackHost(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        return literalAddress(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static boolean isInternalHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return true;
        }
        return literalAddress(host).map(CallbackUrlPolicy::isInternal).orElse(false);
    }

    private static boolean isInternal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc); // fc00::/7
    }

    /** The address when {@code host} is an IP literal; never a DNS lookup. */
    private static Optional<InetAddress> literalAddress(String host) {
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        boolean ipv4 = host.matches("[0-9.]+");
        if (!ipv6 && !ipv4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
