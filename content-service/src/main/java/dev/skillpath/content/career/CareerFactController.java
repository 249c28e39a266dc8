package dev.skillpath.content.career;

import java.math.BigDecimal;

import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;

/** {@code careerFacts}: the source article's salary, demand and learning figures. */
@Controller
public class CareerFactController {

	private final DatabaseClient db;

	public CareerFactController(DatabaseClient db) {
		this.db = db;
	}

	@QueryMapping
	public Flux<CareerFact> careerFacts() {
		return this.db
			.sql("SELECT id, statement, figure, unit, source, source_url FROM career_fact ORDER BY position, id")
			.map((row) -> {
				BigDecimal figure = row.get("figure", BigDecimal.class);
				return new CareerFact(row.get("id", String.class), row.get("statement", String.class),
						figure == null ? null : figure.doubleValue(), row.get("unit", String.class),
						row.get("source", String.class), row.get("source_url", String.class));
			})
			.all();
	}

}
