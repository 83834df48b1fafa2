package org.rebound.correlate;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource that counts the statements executed through it, so that a test or a metric can hold the pipeline
 * to its query budget (issue 5: at most one lookup query per hundred bounces). Every {@code execute*} call on a
 * statement from one of its connections counts once; a batch counts once.
 */
public final class CountingDataSource implements DataSource {

    private final DataSource delegate;
    private final AtomicLong executed = new AtomicLong();

    public CountingDataSource(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Statements executed since creation or the last {@link #reset()}. */
    public long statementsExecuted() {
        return executed.get();
    }

    public void reset() {
        executed.set(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counting(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counting(delegate.getConnection(username, password));
    }

    private Connection counting(Connection connection) {
        return proxy(Connection.class, connection, (method, result) -> {
            if (result instanceof CallableStatement statement) {
                return proxy(CallableStatement.class, statement, this::counted);
            }
            if (result instanceof PreparedStatement statement) {
                return proxy(PreparedStatement.class, statement, this::counted);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, this::counted);
            }
            return result;
        });
    }

    private Object counted(Method method, Object result) {
        if (method.getName().startsWith("execute")) {
            executed.incrementAndGet();
        }
        return result;
    }

    /** What a proxy does with each call's result: counts it, wraps it, or passes it through. */
    private interface AfterCall {
        Object after(Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return after.after(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
