package dev.skillpath.support.observability;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Spring for GraphQL's observations, with {@code graphql.datafetcher} kept to root
 * fields: the queries, the mutations and {@code _entities}, which the dashboards chart. A
 * nested field ({@code Skill.myProgress} under {@code _entities}, say) is fetched once
 * per parent object, so observing it meant an observation, a timer sample, an (unsampled)
 * span and a new context map for every object of every answer, to time work that its root
 * field's observation and the batch loader's own {@code graphql.dataloader} observation
 * already cover. Requests, root fields and batch loads are observed as before
 * (docs/decisions/0014).
 */
public class RootFieldObservationInstrumentation extends GraphQlObservationInstrumentation {

	public RootFieldObservationInstrumentation(ObservationRegistry registry,
			ExecutionRequestObservationConvention requestConvention,
			DataFetcherObservationConvention dataFetcherConvention,
			DataLoaderObservationConvention dataLoaderConvention) {
		super(registry, requestConvention, dataFetcherConvention, dataLoaderConvention);
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		if (parameters.getExecutionStepInfo().getPath().getLevel() > 1) {
			return dataFetcher;
		}
		return super.instrumentDataFetcher(dataFetcher, parameters, state);
	}

}
