package dev.skillpath.support.database;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * Every service's transactions (TransactionalOperator, {@code @Transactional}) go through
 * a {@link CancellationSafeTransactionManager}, in place of Spring Boot's plain R2DBC
 * manager.
 */
@AutoConfiguration(after = R2dbcAutoConfiguration.class, before = R2dbcTransactionManagerAutoConfiguration.class)
@ConditionalOnClass({ R2dbcTransactionManager.class, ConnectionFactory.class })
@ConditionalOnSingleCandidate(ConnectionFactory.class)
public class CancellationSafeTransactionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ReactiveTransactionManager.class)
	CancellationSafeTransactionManager transactionManager(ConnectionFactory connectionFactory) {
		return new CancellationSafeTransactionManager(new R2dbcTransactionManager(connectionFactory));
	}

}
