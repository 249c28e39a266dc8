package dev.skillpath.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.apollographql.federation.graphqljava.Federation;
import dev.skillpath.router.execution.RequestContext;
import dev.skillpath.router.execution.SubgraphClient;
import dev.skillpath.router.execution.SubgraphFailure;
import dev.skillpath.router.supergraph.SubgraphComposer;
import dev.skillpath.router.supergraph.SubgraphComposer.SubgraphSchema;
import dev.skillpath.router.supergraph.Supergraph;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import reactor.core.publisher.Mono;

/**
 * Three small federation v2 subgraphs (catalog, learners, jobs) that run in the test JVM
 * on graphql-java with Apollo's federation library, like real subgraphs would: they
 * answer {@code _service} and {@code _entities}, record every request, and can be made to
 * fail. Between them they use every federation feature the router supports.
 */
final class FixtureSubgraphs implements SubgraphClient {

	/** One recorded subgraph request. */
	record Call(String subgraph, String document, Map<String, Object> variables) {

		@SuppressWarnings("unchecked")
		int representations() {
			Object reps = this.variables.get("representations");
			return reps instanceof List<?> list ? list.size() : 0;
		}

	}

	final List<Call> calls = new CopyOnWriteArrayList<>();

	final Set<String> failing = ConcurrentHashMap.newKeySet();

	/** Subgraphs that take requests and never answer them. */
	final Set<String> silent = ConcurrentHashMap.newKeySet();

	final Map<String, GraphQL> subgraphs = new LinkedHashMap<>();

	final Map<String, String> sdl = new LinkedHashMap<>();

	/** How many jobs the jobs subgraph has. */
	volatile int jobCount = 20;

	/** Make learners answer null for the non-null Learner.badge. */
	volatile boolean badgeMissing;

	final Map<String, Map<String, Object>> skills = new LinkedHashMap<>();

	FixtureSubgraphs() {
		skill("java", "Java", "LANGUAGE");
		skill("sql", "SQL", "DATABASE");
		skill("go", "Go", "LANGUAGE");
		add("catalog", catalogWiring(), this::catalogEntity);
		add("learners", learnersWiring(), this::learnersEntity);
		add("jobs", jobsWiring(), this::jobsEntity);
	}

	Supergraph compose() {
		List<SubgraphSchema> schemas = new ArrayList<>();
		this.subgraphs.forEach((name,
				graphql) -> schemas.add(new SubgraphSchema(name, "fixture://" + name,
						String
							.valueOf(execute(name, "{ _service { sdl } }", Map.of()).get("data") instanceof Map<?, ?> d
									? ((Map<?, ?>) d.get("_service")).get("sdl") : null))));
		return SubgraphComposer.compose(schemas);
	}

	Router router() {
		return new Router(compose(), this, 100);
	}

	List<Call> callsTo(String subgraph) {
		return this.calls.stream().filter((c) -> c.subgraph().equals(subgraph)).toList();
	}

	@Override
	public Mono<Map<String, Object>> execute(String subgraph, String url, String document,
			Map<String, Object> variables, RequestContext context) {
		if (this.silent.contains(subgraph)) {
			return Mono.<Map<String, Object>>never()
				.doOnSubscribe((s) -> this.calls.add(new Call(subgraph, document, variables)));
		}
		return Mono.fromCallable(() -> {
			this.calls.add(new Call(subgraph, document, variables));
			if (this.failing.contains(subgraph)) {
				throw new SubgraphFailure("connection refused");
			}
			return execute(subgraph, document, variables);
		});
	}

	Map<String, Object> execute(String subgraph, String document, Map<String, Object> variables) {
		return this.subgraphs.get(subgraph)
			.execute(ExecutionInput.newExecutionInput().query(document).variables(variables))
			.toSpecification();
	}

	private void skill(String id, String name, String category) {
		Map<String, Object> skill = new ConcurrentHashMap<>();
		skill.put("__typename", "Skill");
		skill.put("id", id);
		skill.put("name", name);
		skill.put("category", category);
		skill.put("difficulty", 1);
		skill.put("internalCode", "x-" + id);
		this.skills.put(id, skill);
	}

	private Map<String, Object> course() {
		return Map.of("__typename", "Course", "id", "c1", "title", "Intro to backends");
	}

	private Map<String, Object> me() {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("__typename", "Learner");
		me.put("id", "u1");
		me.put("org", "acme");
		me.put("login", "ada");
		me.put("completedSkillIds", List.of("java", "sql"));
		me.put("streak", 3);
		me.put("badge", this.badgeMissing ? null : "gold");
		return me;
	}

	private List<Map<String, Object>> jobs() {
		List<Map<String, Object>> jobs = new ArrayList<>();
		for (int i = 1; i <= this.jobCount; i++) {
			Map<String, Object> job = new LinkedHashMap<>();
			job.put("__typename", "Job");
			job.put("id", "j" + i);
			job.put("title", "Job " + i);
			job.put("company", Map.of("name", "Company " + i));
			job.put("requiredSkills", List.of(ref("java"), ref(i % 2 == 0 ? "sql" : "go")));
			job.put("topSkill", Map.of("__typename", "Skill", "id", "java", "name", "Java (provided by jobs)"));
			jobs.add(job);
		}
		return jobs;
	}

	private static Map<String, Object> ref(String id) {
		return Map.of("__typename", "Skill", "id", id);
	}

	private RuntimeWiring catalogWiring() {
		return RuntimeWiring.newRuntimeWiring()
			.type(query().dataFetcher("skills", (env) -> List.copyOf(this.skills.values()))
				.dataFetcher("skill", (env) -> this.skills.get(env.<String>getArgument("id")))
				.dataFetcher("featured", (env) -> List.of(this.skills.get("java"), course()))
				.dataFetcher("nodes", (env) -> List.of(this.skills.get("sql"), course()))
				.dataFetcher("secretSkills", (env) -> List.copyOf(this.skills.values())))
			.type(TypeRuntimeWiring.newTypeWiring("Mutation").dataFetcher("renameSkill", (env) -> {
				Map<String, Object> skill = this.skills.get(env.<String>getArgument("id"));
				skill.put("name", env.getArgument("name"));
				return skill;
			}))
			.type(TypeRuntimeWiring.newTypeWiring("Node").typeResolver(byTypename()))
			.type(TypeRuntimeWiring.newTypeWiring("Featured").typeResolver(byTypename()))
			.build();
	}

	private Object catalogEntity(Map<String, Object> representation) {
		return this.skills.get(representation.get("id"));
	}

	private RuntimeWiring learnersWiring() {
		return RuntimeWiring.newRuntimeWiring()
			.type(query().dataFetcher("me", (env) -> me())
				.dataFetcher("learner", (env) -> "acme".equals(env.getArgument("org")) ? me() : null))
			.type(TypeRuntimeWiring.newTypeWiring("Mutation").dataFetcher("markDone", (env) -> me()))
			.build();
	}

	private Object learnersEntity(Map<String, Object> representation) {
		if ("Learner".equals(representation.get("__typename"))) {
			return me();
		}
		String id = (String) representation.get("id");
		Map<String, Object> skill = new LinkedHashMap<>();
		skill.put("__typename", "Skill");
		skill.put("id", id);
		skill.put("myStatus", List.of("java", "sql").contains(id) ? "DONE" : null);
		skill.put("difficulty", 5);
		return skill;
	}

	private RuntimeWiring jobsWiring() {
		DataFetcher<Object> matching = (env) -> {
			Map<String, Object> learner = env.getSource();
			@SuppressWarnings("unchecked")
			Set<Object> done = new HashSet<>((List<Object>) learner.get("completedSkillIds"));
			int first = env.getArgument("first");
			return jobs().stream()
				.filter((job) -> ((List<?>) job.get("requiredSkills")).stream()
					.allMatch((s) -> done.contains(((Map<?, ?>) s).get("id"))))
				.limit(first)
				.toList();
		};
		return RuntimeWiring.newRuntimeWiring()
			.type(query().dataFetcher("jobs", (env) -> jobs()))
			.type(TypeRuntimeWiring.newTypeWiring("Learner").dataFetcher("matchingJobs", matching))
			.build();
	}

	private Object jobsEntity(Map<String, Object> representation) {
		if ("Learner".equals(representation.get("__typename"))) {
			return new LinkedHashMap<>(representation);
		}
		if ("Job".equals(representation.get("__typename"))) {
			return jobs().stream().filter((j) -> j.get("id").equals(representation.get("id"))).findFirst().orElse(null);
		}
		return ref((String) representation.get("id"));
	}

	private static TypeRuntimeWiring.Builder query() {
		return TypeRuntimeWiring.newTypeWiring("Query");
	}

	private static TypeResolver byTypename() {
		return (env) -> env.getSchema().getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename"));
	}

	private void add(String name, RuntimeWiring wiring, Function<Map<String, Object>, Object> entities) {
		String text = read("/fixtures/" + name + ".graphqls");
		GraphQLSchema schema = Federation.transform(text, wiring).fetchEntities((env) -> {
			List<Map<String, Object>> representations = env.getArgument("representations");
			List<Object> out = new ArrayList<>();
			for (Map<String, Object> representation : representations) {
				out.add(entities.apply(representation));
			}
			return Collections.unmodifiableList(out);
		}).resolveEntityType(byTypename()).build();
		this.subgraphs.put(name, GraphQL.newGraphQL(schema).build());
		this.sdl.put(name, text);
	}

	static String read(String resource) {
		try (var in = FixtureSubgraphs.class.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
