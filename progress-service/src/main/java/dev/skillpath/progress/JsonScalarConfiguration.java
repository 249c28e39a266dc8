package dev.skillpath.progress;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;

import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The output-only {@code JSON} scalar: exported xAPI statements are maps and lists that
 * leave the service as they are, so clients receive plain JSON objects rather than
 * strings to parse again.
 */
@Configuration(proxyBeanMethods = false)
class JsonScalarConfiguration {

	@Bean
	RuntimeWiringConfigurer jsonScalar() {
		GraphQLScalarType json = GraphQLScalarType.newScalar()
			.name("JSON")
			.description("Arbitrary JSON (output only)")
			.coercing(new Coercing<Object, Object>() {
				@Override
				public Object serialize(Object value, GraphQLContext context, Locale locale) {
					return value;
				}

				@Override
				public Object parseValue(Object input, GraphQLContext context, Locale locale) {
					throw new CoercingParseValueException("JSON is an output type only");
				}

				@Override
				public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
						Locale locale) {
					throw new CoercingParseLiteralException("JSON is an output type only");
				}
			})
			.build();
		return (wiring) -> wiring.scalar(json);
	}

}
