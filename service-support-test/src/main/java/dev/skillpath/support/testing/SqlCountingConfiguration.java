package dev.skillpath.support.testing;

import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Import into a test to count the SQL statements the service sends (needs r2dbc-proxy on
 * the test class path).
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlCountingConfiguration {

	@Bean
	SqlStatementCounter sqlStatementCounter() {
		return new SqlStatementCounter();
	}

	@Bean
	ProxyConnectionFactoryCustomizer sqlStatementCounting(SqlStatementCounter counter) {
		return (builder) -> builder.listener(counter);
	}

}
