package io.tfgrpo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL that tests and the local sandbox use, chosen once per JVM:
 * <ol>
 * <li>{@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USERNAME}/{@code _PASSWORD}) when set — e.g. the server
 * on 127.0.0.1:5432;</li>
 * <li>otherwise a Testcontainers PostgreSQL where Docker runs;</li>
 * <li>otherwise an embedded PostgreSQL (zonky: real PostgreSQL binaries from Maven Central), so that tests need
 * neither Docker nor a database server.</li>
 * </ol>
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    enum Kind {
        URL, DOCKER, EMBEDDED;

        static final Kind CHOSEN = choose();

        private static Kind choose() {
            if (System.getenv("TEST_DATABASE_URL") != null) {
                return URL;
            }
            boolean dockerConfigured = System.getenv("DOCKER_HOST") != null
                    || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
            return dockerConfigured && DockerClientFactory.instance().isDockerAvailable() ? DOCKER : EMBEDDED;
        }
    }

    @Bean
    @ServiceConnection
    @Conditional(DockerChosen.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    @Bean
    @Conditional(DockerNotChosen.class)
    JdbcConnectionDetails postgresConnection() {
        if (Kind.CHOSEN == Kind.URL) {
            return connection(System.getenv("TEST_DATABASE_URL"), env("TEST_DATABASE_USERNAME", "postgres"),
                    env("TEST_DATABASE_PASSWORD", ""));
        }
        String url = Embedded.INSTANCE.getJdbcUrl("postgres", "postgres");
        log.info("Using an embedded PostgreSQL at {} (no Docker found; its data is discarded on exit)", url);
        return connection(url, "postgres", "postgres");
    }

    private static JdbcConnectionDetails connection(String url, String username, String password) {
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return url;
            }

            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /**
     * One embedded server per JVM, stopped when the JVM exits: after the application contexts have closed (a
     * handler of Spring Boot's shutdown hook), not in a hook of its own that would race them and pull the
     * database from under the jobs and connection pools still stopping.
     */
    private static final class Embedded {

        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
                SpringApplication.getShutdownHandlers().add(() -> {
                    try {
                        postgres.close();
                    }
                    catch (IOException ignored) {
                        // the JVM is exiting
                    }
                });
                return postgres;
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        }
    }

    static final class DockerChosen implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Kind.CHOSEN == Kind.DOCKER;
        }
    }

    static final class DockerNotChosen implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Kind.CHOSEN != Kind.DOCKER;
        }
    }
}
