package io.codac.testsupport;

/** The three servers of one infrastructure mode, started once per JVM. */
interface Backends extends AutoCloseable {

    String kafkaBootstrapServers();

    String redisUrl();

    /** Host and port of the database server, and an account allowed to create schemas. */
    DatabaseServer database();

    @Override
    void close();

    record DatabaseServer(String host, int port, String adminUser, String adminPassword,
                          String serviceUser, String servicePassword) {

        String adminJdbcUrl() {
            return "jdbc:mariadb://" + host + ":" + port + "/";
        }
    }
}
