package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaSystemException;

/** Which errors are an outage of the database (503, a job pauses) rather than a fault (500, a job fails). */
class DatabaseUnavailableTest {

    @Test
    void aRollbackOnAConnectionThePoolClosedIsAnOutage() {
        // seen when the server stopped under a read: the read's error is replaced by the failed rollback's
        var rollback = new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")));
        assertThat(DatabaseUnavailable.causes(rollback)).isTrue();
    }

    @Test
    void otherErrorsAreNot() {
        assertThat(DatabaseUnavailable.causes(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("Connection is closed", "42000"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("Connection is closed"))).isFalse();
    }
}
