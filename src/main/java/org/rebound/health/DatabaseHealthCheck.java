package org.rebound.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while Rebound's database cannot be reached, naming the driver's reason. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("rebound", "database");
        this.dataSource = dataSource;
    }

    /** Whether the database answers within 2 s now. */
    public static boolean answers(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                builder.up();
            } else {
                builder.message("database: the connection did not answer within 2 s").down();
            }
        } catch (SQLException e) {
            builder.message("database unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
