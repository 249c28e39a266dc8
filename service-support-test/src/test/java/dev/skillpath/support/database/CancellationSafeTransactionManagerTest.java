package dev.skillpath.support.database;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.skillpath.support.testing.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions cancelled at every moment of their start, against a real PostgreSQL: the
 * work never ends ({@code Mono.never()}), so only the cancel ends each transaction, and
 * it comes after a random delay spread over how long a short transaction takes (most land
 * while the connection is acquired or BEGIN is under way, where Spring's own manager can
 * lose the connection: spring-framework#36344). Nothing may stay checked out of the pool
 * or idle in a transaction, and the manager still commits.
 */
class CancellationSafeTransactionManagerTest {

	static final int TRANSACTIONS = 300;

	static DatabaseCoordinates database;

	ConnectionPool pool;

	DatabaseClient db;

	@BeforeAll
	static void database() {
		database = TestDatabase.get().createDatabase("cancel");
	}

	@BeforeEach
	void pool() {
		PostgresqlConnectionFactory postgres = new PostgresqlConnectionFactory(
				PostgresqlConnectionConfiguration.builder()
					.host(database.host())
					.port(database.port())
					.database(database.database())
					.username(database.username())
					.password(database.password() == null ? "" : database.password())
					.build());
		// the services' pool settings (skillpath-defaults.properties)
		this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
			.initialSize(1)
			.maxSize(20)
			.maxAcquireTime(Duration.ofSeconds(5))
			.build());
		this.db = DatabaseClient.create(this.pool);
	}

	@AfterEach
	void close() {
		this.pool.dispose();
	}

	@Test
	void aTransactionCancelledWhileBeginningGivesItsConnectionBack() throws InterruptedException {
		ReactiveTransactionManager manager = new CancellationSafeTransactionManager(
				new R2dbcTransactionManager(this.pool));
		cancelWhileBeginning(manager);
		assertThat(leftAcquired()).as("connections never returned to the pool").isZero();
		assertThat(idleInTransaction()).as("sessions idle in a transaction").isZero();
		// and a transaction that is not cancelled still commits
		Integer answer = this.db.sql("SELECT 42")
			.map((row) -> row.get(0, Integer.class))
			.one()
			.as(TransactionalOperator.create(manager)::transactional)
			.block(Duration.ofSeconds(5));
		assertThat(answer).isEqualTo(42);
	}

	void cancelWhileBeginning(ReactiveTransactionManager manager) throws InterruptedException {
		TransactionalOperator transactional = TransactionalOperator.create(manager);
		long begin = timeToBegin(transactional);
		for (int i = 0; i < TRANSACTIONS; i++) {
			Disposable running = Mono.never().as(transactional::transactional).subscribe();
			LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2 * begin));
			running.dispose();
		}
		// rollbacks of cancelled transactions run asynchronously: give them a moment
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (leftAcquired() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	/**
	 * How long a transaction takes to begin here (median of a few, with an empty commit).
	 */
	long timeToBegin(TransactionalOperator transactional) {
		long[] took = new long[9];
		for (int i = 0; i < took.length; i++) {
			long start = System.nanoTime();
			Mono.just(1).as(transactional::transactional).block(Duration.ofSeconds(5));
			took[i] = System.nanoTime() - start;
		}
		java.util.Arrays.sort(took);
		return took[took.length / 2];
	}

	int leftAcquired() {
		return this.pool.getMetrics().orElseThrow().acquiredSize();
	}

	long idleInTransaction() {
		return this.db.sql("""
				SELECT count(*) AS n FROM pg_stat_activity
				WHERE datname = current_database() AND state LIKE 'idle in transaction%'""")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

}
