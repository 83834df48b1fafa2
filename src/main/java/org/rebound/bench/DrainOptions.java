package org.rebound.bench;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options the bench and the failover drill share: the jar they run, how many messages, the generator's seed,
 * PostgreSQL.
 */
public final class DrainOptions {

    @Option(names = "--messages", defaultValue = "10000", description = "How many messages (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--postgres-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "postgres")
    String postgresUser;

    @Option(names = "--jar", defaultValue = "target/rebound.jar")
    Path jar;
}
