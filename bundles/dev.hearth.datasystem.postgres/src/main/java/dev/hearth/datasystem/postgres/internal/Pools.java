package dev.hearth.datasystem.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connection pools to PostgreSQL servers, apart from the engine so that the tests of other bundles
 * can build one without the engine's service types on their class path.
 */
final class Pools {
    private Pools() {}

    /** The pool of connections to one server. */
    static HikariDataSource pool(String name, String url, String user, String password, int size) {
        // The driver's data source, not a JDBC URL: DriverManager would not let the pool's
        // bundle use a driver that its class loader cannot see.
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(url);
        if (!url.contains("reWriteBatchedInserts")) {
            // A batch of document writes goes as one multi-row statement.
            driver.setReWriteBatchedInserts(true);
        }
        driver.setUser(user);
        driver.setPassword(password);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(driver);
        pool.setMaximumPoolSize(size);
        pool.setPoolName("hearth-" + name);
        return new HikariDataSource(pool);
    }
}
