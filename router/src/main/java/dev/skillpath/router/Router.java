package dev.skillpath.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.skillpath.router.execution.GraphQlError;
import dev.skillpath.router.execution.PlanExecutor;
import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.execution.ResponseShaper;
import dev.skillpath.router.execution.SubgraphClient;
import dev.skillpath.router.planning.PlanningException;
import dev.skillpath.router.planning.QueryPlan;
import dev.skillpath.router.planning.QueryPlanner;
import dev.skillpath.router.supergraph.Supergraph;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import graphql.GraphQLContext;
import graphql.GraphQLException;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import reactor.core.publisher.Mono;

/**
 * The federation router: parse, validate against the API schema, plan (once per document
 * and operation name, kept in a bounded cache), execute the plan against the subgraphs,
 * and shape the response. Plain Java and Reactor, no Spring: the edge adapts HTTP to it.
 */
public final class Router {

	/** A request as clients send it. */
	public record Request(String query, String operationName, Map<String, Object> variables) {
	}

	/**
	 * A plan ready to run, or the errors that stop this document before any subgraph
	 * call.
	 */
	/**
	 * @param pageSizesFromVariables whether the cost limit must be checked again with
	 * each request's variables (a page size given as a variable)
	 */
	public record Prepared(QueryPlan plan, List<GraphQlError> errors, boolean pageSizesFromVariables) {

		Prepared(QueryPlan plan, List<GraphQlError> errors) {
			this(plan, errors, false);
		}

	}

	private record PlanKey(String query, String operationName) {
	}

	private final Supergraph supergraph;

	private final QueryPlanner planner;

	private final PlanExecutor executor;

	private final ResponseShaper shaper;

	private final GraphQL introspection;

	private final Cache<PlanKey, Prepared> plans;

	private final OperationLimits limits;

	public Router(Supergraph supergraph, SubgraphClient client, int planCacheSize) {
		this(supergraph, client, planCacheSize, OperationLimits.DEFAULTS);
	}

	public Router(Supergraph supergraph, SubgraphClient client, int planCacheSize, OperationLimits limits) {
		this.limits = limits;
		this.supergraph = supergraph;
		this.planner = new QueryPlanner(supergraph);
		this.executor = new PlanExecutor(supergraph, client);
		this.shaper = new ResponseShaper(supergraph);
		this.introspection = GraphQL.newGraphQL(supergraph.apiSchema()).build();
		this.plans = Caffeine.newBuilder().maximumSize(planCacheSize).recordStats().build();
	}

	public Supergraph supergraph() {
		return this.supergraph;
	}

	/** Plans a document (from the cache when it was planned before). */
	public Prepared prepare(String query, String operationName) {
		return this.plans.get(new PlanKey(query, operationName), (key) -> prepareUncached(query, operationName));
	}

	/** Plans without the cache: what a cold plan costs. */
	public Prepared prepareUncached(String query, String operationName) {
		Document document;
		try {
			document = Parser.parse(ParserEnvironment.newParserEnvironment()
				.document(query)
				.parserOptions(ParserOptions.getDefaultOperationParserOptions()
					.transform((options) -> options.maxTokens(this.limits.maxTokens())))
				.build());
		}
		catch (InvalidSyntaxException ex) {
			return new Prepared(null, List.of(error(ex.getMessage(), "GRAPHQL_PARSE_FAILED",
					ex.getLocation() == null ? List.of() : List.of(ex.getLocation()))));
		}
		GraphQlError tooBig = this.limits.checkDocument(document);
		if (tooBig != null) {
			return new Prepared(null, List.of(tooBig));
		}
		List<ValidationError> invalid = new Validator().validateDocument(this.supergraph.apiSchema(), document,
				Locale.ENGLISH);
		if (!invalid.isEmpty()) {
			List<GraphQlError> errors = new ArrayList<>();
			for (ValidationError error : invalid) {
				errors.add(error(error.getMessage(), "GRAPHQL_VALIDATION_FAILED", error.getLocations()));
			}
			return new Prepared(null, errors);
		}
		try {
			QueryPlan plan = this.planner.plan(document, operationName);
			OperationLimits.Checked checked = this.limits.check(plan.operation(), this.supergraph);
			return checked.error() == null ? new Prepared(plan, List.of(), checked.pageSizesFromVariables())
					: new Prepared(null, List.of(checked.error()));
		}
		catch (PlanningException ex) {
			return new Prepared(null, List.of(error(ex.getMessage(), ex.code(), List.of())));
		}
	}

	public Mono<Map<String, Object>> execute(Request request, RequestContext context) {
		if (request.query() == null || request.query().isBlank()) {
			return refused(error("A query is required", "BAD_USER_INPUT", List.of()));
		}
		Prepared prepared = prepare(request.query(), request.operationName());
		if (prepared.plan() == null) {
			return Mono.just(GraphQlError.responseOf(prepared.errors()));
		}
		return execute(prepared, request, context);
	}

	private Mono<Map<String, Object>> execute(Prepared prepared, Request request, RequestContext context) {
		QueryPlan plan = prepared.plan();
		Map<String, Object> variables;
		try {
			variables = coerce(plan, request.variables());
		}
		catch (GraphQLException ex) {
			return refused(error(ex.getMessage(), "BAD_USER_INPUT", List.of()));
		}
		if (prepared.pageSizesFromVariables()) {
			GraphQlError exceeded = this.limits.checkCost(plan.operation(), this.supergraph, variables);
			if (exceeded != null) {
				return refused(exceeded);
			}
		}
		return this.executor.execute(plan, variables, context).map((outcome) -> {
			Map<String, Object> data = outcome.data();
			List<GraphQlError> errors = new ArrayList<>(outcome.errors());
			if (plan.hasIntrospection()) {
				introspect(plan.operation(), variables, data, errors);
			}
			Map<String, Object> response = this.shaper.shape(plan.operation(), data, errors, variables);
			response.put("extensions", Map.of("subgraphCalls", outcome.subgraphCalls()));
			return response;
		});
	}

	/** Hit ratio and size of the plan cache, for metrics. */
	public com.github.benmanes.caffeine.cache.stats.CacheStats planCacheStats() {
		return this.plans.stats();
	}

	private void introspect(OperationDefinition operation, Map<String, Object> variables, Map<String, Object> data,
			List<GraphQlError> errors) {
		List<Selection> fields = new ArrayList<>();
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			if (selection instanceof Field field
					&& (field.getName().equals("__schema") || field.getName().equals("__type"))) {
				fields.add(field);
			}
		}
		OperationDefinition introspectionOnly = OperationDefinition.newOperationDefinition()
			.operation(OperationDefinition.Operation.QUERY)
			.variableDefinitions(operation.getVariableDefinitions())
			.selectionSet(SelectionSet.newSelectionSet().selections(fields).build())
			.build();
		ExecutionResult result = this.introspection.execute(ExecutionInput.newExecutionInput()
			.query(AstPrinter.printAst(introspectionOnly))
			.variables(variables)
			.build());
		if (result.getData() instanceof Map<?, ?> map) {
			map.forEach((k, v) -> data.put((String) k, v));
		}
		result.getErrors().forEach((e) -> errors.add(error(e.getMessage(), "GRAPHQL_VALIDATION_FAILED", List.of())));
	}

	/**
	 * Checks the variables against their definitions before any subgraph call (a wrong
	 * type is the client's error) and adds default values; the values the client sent go
	 * on unchanged.
	 */
	private Map<String, Object> coerce(QueryPlan plan, Map<String, Object> given) {
		Map<String, Object> variables = new LinkedHashMap<>(given == null ? Map.of() : given);
		if (plan.variableDefinitions().isEmpty()) {
			return variables;
		}
		Map<String, Object> coerced = ValuesResolver
			.coerceVariableValues(this.supergraph.apiSchema(), List.copyOf(plan.variableDefinitions().values()),
					RawVariables.of(variables), GraphQLContext.getDefault(), Locale.ENGLISH)
			.toMap();
		coerced.forEach(variables::putIfAbsent);
		return variables;
	}

	private static Mono<Map<String, Object>> refused(GraphQlError error) {
		return Mono.just(GraphQlError.responseOf(List.of(error)));
	}

	private static GraphQlError error(String message, String code, List<SourceLocation> locations) {
		return GraphQlError.of(message, code)
			.withLocations(locations.stream().filter(Objects::nonNull).map(GraphQlError.Location::of).toList());
	}

}
