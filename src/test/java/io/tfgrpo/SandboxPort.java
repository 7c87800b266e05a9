package io.tfgrpo;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The sandbox's HTTP port, looked at before anything starts: when it is taken, the sandbox would start a database
 * and a simulator only for Tomcat to fail after them, so it says so in one line and how to choose another.
 */
final class SandboxPort {

    private static final int DEFAULT = 8080;

    private SandboxPort() {
    }

    /** Why the sandbox cannot start on the port that {@code args}, the system properties or SERVER_PORT name. */
    static Optional<String> taken(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        int port = Binder.get(environment).bind("server.port", Integer.class).orElse(DEFAULT);
        if (port <= 0 || free(port)) {
            return Optional.empty();
        }
        return Optional.of("Port " + port + " is in use (another sandbox?); start on another port with: "
                + "./mvnw spring-boot:test-run -Dspring-boot.run.arguments=--server.port=" + nextFree(port));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }

    private static int nextFree(int port) {
        for (int candidate = port + 1; candidate < Math.min(port + 100, 65536); candidate++) {
            if (free(candidate)) {
                return candidate;
            }
        }
        return port + 1;
    }
}
