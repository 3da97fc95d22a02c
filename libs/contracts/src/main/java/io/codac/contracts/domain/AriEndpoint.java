package io.codac.contracts.domain;

import java.net.URI;

/** Where a telephony server's Asterisk REST Interface answers and how a dialer adapter logs in. */
public record AriEndpoint(String url, String username, String password, String app) {

    public AriEndpoint {
        if (url == null || url.isBlank()) {
            throw new FleetValidationException("ARI endpoint without a url");
        }
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FleetValidationException("ARI url '" + url + "' is not a URI: " + e.getMessage());
        }
        if (parsed.getHost() == null || parsed.getPort() <= 0
                || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
            throw new FleetValidationException("ARI url '" + url + "' must be http(s)://host:port/");
        }
        if (username == null || username.isBlank()) {
            throw new FleetValidationException("ARI endpoint " + url + " without a username");
        }
        password = password == null ? "" : password;
        app = app == null || app.isBlank() ? "codac" : app;
    }

    public int port() {
        return URI.create(url).getPort();
    }

    public String host() {
        return URI.create(url).getHost();
    }

    @Override
    public String toString() {
        return "AriEndpoint[url=" + url + ", username=" + username + ", app=" + app + "]";
    }
}
