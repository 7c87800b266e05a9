package io.tfgrpo;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * End-to-end tests: the whole application on a random port, against a real PostgreSQL. The job engine hardly
 * polls here, so that a test context never picks up the jobs of another test class (which may lack the model
 * profiles those jobs name); training tests poll quickly (see {@code TrainingTest}). Requests carry the bootstrap
 * key, which has every scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "db-scheduler.polling-interval=1h", "db-scheduler.immediate-execution-enabled=false",
                "tfgrpo.security.bootstrap-key=" + HttpTest.KEY, "tfgrpo.security.inference-requests-per-minute=0" })
@Import(TestDatabase.class)
public abstract class HttpTest {

    /** The bootstrap key of test contexts: every scope, no inference rate limit. */
    public static final String KEY = "test-bootstrap-key-0123456789abcdef";

    /** The header that {@link #http} sends on every request. */
    public static final String BEARER = "Bearer " + KEY;

    protected RestTestClient http;

    @Autowired
    protected JdbcTemplate jdbc;

    @LocalServerPort
    protected int port;

    @BeforeEach
    void authenticate() {
        http = client(port).defaultHeader(HttpHeaders.AUTHORIZATION, BEARER).build();
    }

    /**
     * A client of the instance on {@code port} over the JDK's HTTP client, which follows no redirects and pools
     * no connections between tests; left to itself, Spring would pick Apache HttpClient, which is on the classpath
     * for the gateway.
     */
    public static RestTestClient.Builder<?> client(Object port) {
        return RestTestClient.bindToServer(new JdkClientHttpRequestFactory()).baseUrl("http://localhost:" + port);
    }

    protected long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
