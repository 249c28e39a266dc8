package dev.skillpath.systemtests.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.skillpath.gateway.GatewayApplication;
import dev.skillpath.support.security.Role;
import dev.skillpath.support.testing.Actuator;
import dev.skillpath.support.testing.RunningService;
import dev.skillpath.support.testing.TestClients;
import dev.skillpath.systemtests.SuiteGatewayTest;
import dev.skillpath.systemtests.SuiteServices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The files under {@code deploy/} against the real suite: every metric an alert rule or a
 * dashboard panel names exists in a real scrape of the services (started here as in
 * {@code SuiteThroughGatewayTest}, each on its own PostgreSQL database), every YAML and
 * JSON file parses, the Prometheus files pass {@code promtool} when it is installed, and
 * the Compose and Kubernetes files agree with the services (ports, URLs, probes).
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.NAME, "skillpath.gateway.poll-interval=1s",
				// one partner request per window, so that the test can see a rate-limit
				// rejection counted
				// (and a day's window, which the two requests cannot straddle)
				"skillpath.gateway.rate-limit.partner-per-window=1", "skillpath.gateway.rate-limit.window=1d",
				SuiteServices.GATEWAY_EXCLUSIONS })
@ActiveProfiles("test")
class DeployFilesTest extends SuiteGatewayTest {

	static final Path DEPLOY = repositoryRoot().resolve("deploy");

	static final Path OPERATIONS_DOC = repositoryRoot().resolve("docs/operations.md");

	/** Series Prometheus makes itself rather than scraping them. */
	static final Set<String> SYNTHETIC = Set.of("up");

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		SuiteServices.register(registry);
	}

	@Test
	void everyMetricNamedByAnAlertOrADashboardExistsInARealScrape() {
		WebTestClient gateway = gateway();
		awaitSupergraph();
		causeTrafficThatEveryPanelShows(gateway);
		Map<String, Set<String>> scraped = new TreeMap<>();
		scraped.put("gateway", metricNames(Actuator.scrape(gateway)));
		scraped.put("content-service",
				metricNames(Actuator.scrape(TestClients.http(SuiteServices.get().content.baseUrl()))));
		scraped.put("progress-service",
				metricNames(Actuator.scrape(TestClients.http(SuiteServices.get().progress.baseUrl()))));
		scraped.put("jobs-service", metricNames(Actuator.scrape(TestClients.http(SuiteServices.get().jobs.baseUrl()))));
		Set<String> anywhere = new TreeSet<>();
		scraped.values().forEach(anywhere::addAll);

		Map<String, String> expressions = new LinkedHashMap<>(alertExpressions());
		expressions.putAll(dashboardExpressions());
		assertThat(expressions).hasSizeGreaterThan(40);
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, String> entry : expressions.entrySet()) {
			List<Selector> selectors = PromQl.selectors(entry.getValue());
			assertThat(selectors).as("metrics named by %s", entry.getKey()).isNotEmpty();
			for (Selector selector : selectors) {
				if (SYNTHETIC.contains(selector.metric())) {
					continue;
				}
				// a selector naming one service must find the metric in that service's
				// own scrape
				String application = selector.equalities().get("application");
				Set<String> names = application != null && scraped.containsKey(application) ? scraped.get(application)
						: anywhere;
				if (!names.contains(selector.metric())) {
					missing.add(entry.getKey() + ": " + selector.metric()
							+ (application == null ? "" : " (in " + application + ")"));
				}
			}
		}
		assertThat(missing).as("metrics no scrape shows").isEmpty();
		// the latency histograms the p50/p99 panels and the p99 alert need are on in the
		// shared defaults
		assertThat(scraped.get("content-service")).contains("http_server_requests_seconds_bucket");
		assertThat(scraped.get("gateway")).contains("http_client_requests_seconds_bucket");
	}

	/**
	 * The existence check is only as good as the names it finds: aggregations, groupings,
	 * strings and offsets are not metrics.
	 */
	@Test
	void metricNamesAreFoundInPromQlAndNothingElse() {
		String expression = """
				sum by (application, le) (rate(a_seconds_bucket{uri!~"/actuator/{*path}", application="gateway"}[$__rate_interval]))
				  / on (application) group_left max without (instance) (b_total offset 1h) > 0.5
				and histogram_quantile(0.99, c:recorded) unless count(d{__name__!="x"}) bool == 2
				or {__name__="e_total", job="skillpath"}
				""";
		assertThat(PromQl.selectors(expression)).containsExactly(
				new Selector("a_seconds_bucket", Map.of("application", "gateway")), new Selector("b_total", Map.of()),
				new Selector("c:recorded", Map.of()), new Selector("d", Map.of()),
				new Selector("e_total", Map.of("__name__", "e_total", "job", "skillpath")));
		assertThat(metricNames("""
				# HELP up_seconds x
				# TYPE up_seconds gauge
				a_seconds_bucket{le="0.1",uri="/x y"} 1
				b_total 2.0
				""")).containsExactly("a_seconds_bucket", "b_total");
	}

	/**
	 * The probes the Kubernetes Deployments use: readiness of a subgraph includes its
	 * database.
	 */
	@Test
	void subgraphsAreReadyOnlyWithTheirDatabase() {
		SuiteServices suite = SuiteServices.get();
		for (RunningService service : List.of(suite.content, suite.progress, suite.jobs)) {
			TestClients.http(service.baseUrl())
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.r2dbc.status")
				.isEqualTo("UP")
				.jsonPath("$.components.readinessState.status")
				.isEqualTo("UP");
			TestClients.http(service.baseUrl())
				.get()
				.uri("/actuator/health/liveness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.r2dbc")
				.doesNotExist();
		}
	}

	@Test
	void everyDashboardPanelQueriesTheProvisionedPrometheus() {
		Map<String, Object> datasource = yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml"))
			.get(0);
		Object uid = at(datasource, "datasources", 0, "uid");
		List<Path> dashboards = files(DEPLOY.resolve("grafana/dashboards"), ".json");
		assertThat(dashboards).hasSizeGreaterThanOrEqualTo(4);
		Set<String> uids = new LinkedHashSet<>();
		for (Path file : dashboards) {
			Map<String, Object> dashboard = json(file);
			assertThat(uids.add((String) dashboard.get("uid"))).as("unique uid in %s", file).isTrue();
			for (Map<String, Object> panel : list(dashboard.get("panels"))) {
				if ("row".equals(panel.get("type"))) {
					continue;
				}
				String name = file.getFileName() + " / " + panel.get("title");
				assertThat(at(panel, "datasource", "uid")).as(name).isEqualTo(uid);
				List<Map<String, Object>> targets = list(panel.get("targets"));
				assertThat(targets).as("no panel may point at nothing: %s", name).isNotEmpty();
				targets.forEach((target) -> assertThat((String) target.get("expr")).as(name).isNotBlank());
			}
		}
	}

	@Test
	void everyAlertSaysWhatHappenedAndLinksARunbookThatExists() {
		Set<String> anchors = markdownAnchors(read(OPERATIONS_DOC));
		List<Map<String, Object>> rules = alertRules();
		assertThat(rules).extracting((rule) -> rule.get("alert"))
			.contains("SkillpathServiceDown", "SkillpathHigh5xxRate", "SkillpathHighP99Latency",
					"SkillpathDatabasePoolSaturated", "SkillpathJobsFeedStale", "SkillpathJobsRejectedListingsSpike");
		for (Map<String, Object> rule : rules) {
			Map<String, Object> annotations = map(rule.get("annotations"));
			assertThat(annotations).as("annotations of %s", rule.get("alert"))
				.containsKeys("summary", "description", "runbook");
			assertThat(map(rule.get("labels"))).as("labels of %s", rule.get("alert")).containsKey("severity");
			String runbook = (String) annotations.get("runbook");
			assertThat(runbook).startsWith("docs/operations.md#");
			assertThat(anchors).as("runbook section of %s", rule.get("alert"))
				.contains(runbook.substring(runbook.indexOf('#') + 1));
		}
	}

	@Test
	void everyYamlAndJsonFileUnderDeployParses() throws IOException {
		int yamlDocuments = 0;
		int jsonFiles = 0;
		try (Stream<Path> paths = Files.walk(DEPLOY)) {
			for (Path file : paths.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".yaml") || name.endsWith(".yml")) {
					List<Map<String, Object>> documents = yaml(file);
					assertThat(documents).as("%s", file).isNotEmpty().doesNotContainNull();
					yamlDocuments += documents.size();
				}
				else if (name.endsWith(".json")) {
					assertThat(json(file)).as("%s", file).isNotEmpty();
					jsonFiles++;
				}
			}
		}
		assertThat(yamlDocuments).isGreaterThan(30);
		assertThat(jsonFiles).isGreaterThanOrEqualTo(4);
	}

	@Test
	void prometheusConfigAndRulesPassPromtool() {
		File promtool = onPath("promtool");
		Assumptions.assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus)");
		Path prometheus = DEPLOY.resolve("prometheus");
		run(prometheus, promtool.getPath(), "check", "config", "prometheus.yml");
		run(prometheus, promtool.getPath(), "check", "rules", "alerts.yml");
		// each alert fires on the series it is meant for, with the annotations filled in
		run(prometheus, promtool.getPath(), "test", "rules", "alerts.test.yml");
	}

	@Test
	void composeWiresEveryServiceToItsDatabaseThePrometheusTargetsAndTheGateway() {
		Map<String, Object> services = map(yaml(DEPLOY.resolve("compose.yaml")).get(0).get("services"));
		assertThat(services).containsKeys("postgres", "redis", "content-service", "progress-service", "jobs-service",
				"gateway", "identity-service", "prometheus", "grafana");
		Map<String, String> ports = new TreeMap<>();
		for (String service : List.of("content-service", "progress-service", "jobs-service", "gateway",
				"identity-service")) {
			Map<String, Object> environment = map(at(services, service, "environment"));
			ports.put(service, (String) environment.get("PORT"));
			assertThat(at(services, service, "build", "args", "SERVICE")).as(service).isEqualTo(service);
			if (!service.equals("gateway")) {
				assertThat((String) environment.get("SKILLPATH_DATABASE_URL"))
					.isEqualTo("postgresql://postgres:5432/" + service.replace("-service", ""));
			}
		}
		assertThat(ports).isEqualTo(Map.of("content-service", "8081", "progress-service", "8082", "jobs-service",
				"8083", "gateway", "8080", "identity-service", "8084"));
		Map<String, Object> gateway = map(at(services, "gateway", "environment"));
		assertThat(gateway).containsEntry("CONTENT_URL", "http://content-service:8081/graphql")
			.containsEntry("PROGRESS_URL", "http://progress-service:8082/graphql")
			.containsEntry("JOBS_URL", "http://jobs-service:8083/graphql");
		// sign-in: one issuer URL for the gateway, the services (demo.env) and
		// identity-service's tokens
		Map<String, Object> identity = map(at(services, "identity-service", "environment"));
		String issuer = (String) identity.get("SKILLPATH_IDENTITY_ISSUER");
		assertThat(gateway).containsEntry("SKILLPATH_GATEWAY_SIGN_IN_ISSUER_URI", issuer);
		assertThat(read(DEPLOY.resolve("demo.env"))).contains("SKILLPATH_SECURITY_JWT_ISSUER_URI=" + issuer + "\n");
		assertThat((String) identity.get("SKILLPATH_IDENTITY_WEB_REDIRECT_URIS"))
			.isEqualTo("http://localhost:8080/login/oauth2/code/skillpath");
		assertThat(read(DEPLOY.resolve("postgres/init-databases.sh"))).contains("SKILLPATH_DATABASES");
		assertThat((String) map(at(services, "postgres", "environment")).get("SKILLPATH_DATABASES"))
			.contains("identity");

		List<Map<String, Object>> scrapeConfigs = list(
				yaml(DEPLOY.resolve("prometheus/prometheus.yml")).get(0).get("scrape_configs"));
		Set<String> targets = new TreeSet<>();
		for (Map<String, Object> config : scrapeConfigs) {
			if ("skillpath".equals(config.get("job_name"))) {
				assertThat(config).containsEntry("metrics_path", "/actuator/prometheus");
				for (Map<String, Object> group : list(config.get("static_configs"))) {
					targets.addAll(stringList(group.get("targets")));
				}
			}
		}
		Set<String> expected = new TreeSet<>();
		ports.forEach((service, port) -> expected.add(service + ":" + port));
		assertThat(targets).isEqualTo(expected);
		String home = (String) map(at(services, "grafana", "environment"))
			.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
		assertThat(DEPLOY.resolve("grafana/dashboards").resolve(Path.of(home).getFileName())).exists();
	}

	@Test
	void kubernetesBaseGivesEveryServiceProbesResourcesAnAutoscalerAndABudget() {
		Map<String, List<Map<String, Object>>> byKind = new TreeMap<>();
		for (Path file : files(DEPLOY.resolve("k8s/base"), ".yaml")) {
			for (Map<String, Object> resource : yaml(file)) {
				if (resource.containsKey("kind")) {
					byKind.computeIfAbsent((String) resource.get("kind"), (kind) -> new ArrayList<>()).add(resource);
				}
			}
		}
		Set<String> deployments = new TreeSet<>();
		for (Map<String, Object> deployment : byKind.get("Deployment")) {
			String name = (String) at(deployment, "metadata", "name");
			deployments.add(name);
			Map<String, Object> container = map(at(deployment, "spec", "template", "spec", "containers", 0));
			assertThat(at(container, "livenessProbe", "httpGet", "path")).as(name)
				.isEqualTo("/actuator/health/liveness");
			assertThat(at(container, "readinessProbe", "httpGet", "path")).as(name)
				.isEqualTo("/actuator/health/readiness");
			assertThat(map(at(container, "resources", "requests"))).as(name).containsKeys("cpu", "memory");
			assertThat(map(at(container, "resources", "limits"))).as(name).containsKey("memory");
		}
		assertThat(deployments).containsExactlyInAnyOrder("content-service", "progress-service", "jobs-service",
				"gateway");
		assertThat(names(byKind.get("Service"))).isEqualTo(deployments);
		assertThat(names(byKind.get("HorizontalPodAutoscaler"))).isEqualTo(deployments);
		assertThat(names(byKind.get("PodDisruptionBudget"))).isEqualTo(deployments);
		byKind.get("HorizontalPodAutoscaler")
			.forEach((hpa) -> assertThat(at(hpa, "spec", "scaleTargetRef", "name"))
				.isEqualTo(at(hpa, "metadata", "name")));

		// only the gateway takes traffic from outside the namespace (Prometheus scrapes
		// aside)
		for (Map<String, Object> policy : byKind.get("NetworkPolicy")) {
			for (Map<String, Object> rule : list(at(policy, "spec", "ingress"))) {
				if (!rule.containsKey("from")) {
					assertThat(at(policy, "spec", "podSelector", "matchLabels"))
						.isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
				}
			}
		}
		for (Map<String, Object> path : list(at(byKind.get("Ingress").get(0), "spec", "rules", 0, "http", "paths"))) {
			assertThat(at(path, "backend", "service", "name")).isEqualTo("gateway");
		}
		File kubectl = onPath("kubectl");
		if (kubectl != null) {
			for (String overlay : List.of("local", "prod")) {
				run(DEPLOY.resolve("k8s/overlays").resolve(overlay), kubectl.getPath(), "kustomize", ".");
			}
		}
	}

	/**
	 * Every path the learner app loads (its page, each file it is built from, each URL
	 * its scripts fetch) is served by the gateway and routed by the Ingress; what stays
	 * inside the cluster is not routed.
	 */
	@Test
	void theIngressRoutesEveryPathTheAppLoadsAndNothingInternal() throws IOException {
		Map<String, Object> ingress = yaml(DEPLOY.resolve("k8s/base/ingress.yaml")).get(0);
		List<Map<String, Object>> routes = list(at(ingress, "spec", "rules", 0, "http", "paths"));
		Path app = repositoryRoot().resolve("gateway/src/main/resources/static");
		Set<String> loaded = new TreeSet<>(List.of("/"));
		Pattern fetched = Pattern.compile("fetch\\('([^'$]+)'");
		try (Stream<Path> files = Files.walk(app)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				loaded.add("/" + app.relativize(file).toString().replace(File.separatorChar, '/'));
				Matcher matcher = fetched.matcher(read(file));
				while (matcher.find()) {
					loaded.add("/" + matcher.group(1));
				}
			}
		}
		// the app asks for development tokens only where the gateway offers them (local)
		Set<String> internal = Set.of("/dev/tokens", "/actuator/health", "/actuator/prometheus", "/graphiql");
		loaded.removeAll(internal);
		assertThat(loaded).as("the app's files were found").contains("/index.html", "/js/main.js", "/webapp/settings");
		WebTestClient gateway = gateway();
		for (String path : loaded) {
			assertThat(routedBy(routes, path)).as("the Ingress routes %s, which the app loads", path).isTrue();
			if (!path.equals("/graphql")) {
				assertThat(
						gateway.get().uri(path).exchange().expectBody(String.class).returnResult().getStatus().value())
					.as("the gateway serves %s", path)
					.isEqualTo(200);
			}
		}
		// where the app sends the browser to sign in and out, and where the provider
		// sends it back
		for (String path : List.of("/oauth2/authorization/skillpath", "/login/oauth2/code/skillpath", "/logout")) {
			assertThat(routedBy(routes, path)).as("the Ingress routes %s, for sign-in", path).isTrue();
		}
		for (String path : internal) {
			assertThat(routedBy(routes, path)).as("the Ingress keeps %s inside the cluster", path).isFalse();
		}
	}

	/** Kubernetes path matching: Exact is the whole path, Prefix whole path elements. */
	private static boolean routedBy(List<Map<String, Object>> routes, String path) {
		for (Map<String, Object> route : routes) {
			String routed = (String) route.get("path");
			boolean matches = switch ((String) route.get("pathType")) {
				case "Exact" -> path.equals(routed);
				case "Prefix" -> routed.equals("/") || path.equals(routed)
						|| path.startsWith(routed.endsWith("/") ? routed : routed + "/");
				default -> throw new IllegalStateException("pathType " + route.get("pathType") + " of " + routed);
			};
			if (matches) {
				return true;
			}
		}
		return false;
	}

	// --- traffic and scrapes

	/**
	 * Requests after which every series a panel names has been created (most appear on
	 * first use).
	 */
	private void causeTrafficThatEveryPanelShows(WebTestClient gateway) {
		String learner = "Bearer " + token("ops-learner", Role.LEARNER);
		graphql(gateway, null, "{ roadmap(id: \"backend\") { title skills { id } } }");
		graphql(gateway, learner,
				"mutation { setSkillStatus(input: { skillId: \"internet\", status: DONE, clientMutationId: \"ops-1\" }) { progress { status } } }");
		graphql(gateway, learner,
				"{ me { completedSkillIds } skill(id: \"internet\") { name myProgress { status } } }");
		// an error raised by a subgraph, counted per subgraph and code at the gateway
		String refused = graphql(gateway, learner,
				"mutation { setSkillStatus(input: { skillId: \"no-such-skill\", status: DONE }) { progress { status } } }");
		assertThat(refused).contains("BAD_USER_INPUT");
		// the partner route, twice with one key: the second is over the test's limit of
		// one per window
		int first = partnerRequest(gateway);
		int second = partnerRequest(gateway);
		assertThat(second).as("second partner request after %s", first).isEqualTo(429);
		causeJobsIngestion();
	}

	/**
	 * jobs-service's business metrics have series once a partner sent a listing and has a
	 * feed.
	 */
	private void causeJobsIngestion() {
		WebTestClient jobs = TestClients.http(SuiteServices.get().jobs.baseUrl());
		String admin = "Bearer " + token("ops-admin", Role.ADMIN);
		String partner = "ops-" + Long.toHexString(System.nanoTime());
		Matcher key = Pattern.compile("\"apiKey\":\"([^\"]+)\"")
			.matcher(graphql(jobs, admin,
					"mutation { registerPartner(input: {id: \"" + partner + "\", name: \"Ops\"}) { apiKey } }"));
		assertThat(key.find()).isTrue();
		jobs.post()
			.uri("/partner/v1/jobs")
			.header("X-Api-Key", key.group(1))
			.header("Content-Type", "application/json")
			.bodyValue("[{\"externalId\": \"ops-1\", \"title\": \"Backend Engineer\", \"company\": \"Ops Co\", "
					// skills no other gateway test's learner has (their matching jobs
					// share this database)
					+ "\"description\": \"<p>Ruby on Rails and MongoDB.</p>\", "
					+ "\"salary\": {\"min\": 60000, \"max\": 80000, \"currency\": \"USD\", \"period\": \"YEAR\"}}]")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Void.class);
		graphql(jobs, admin, "mutation { addFeed(input: {partnerId: \"" + partner
				+ "\", kind: INDEED_XML, url: \"http://localhost:9/jobs.xml\"}) { id } }");
	}

	private static String graphql(WebTestClient gateway, String authorization, String query) {
		WebTestClient.RequestBodySpec request = gateway.post().uri("/graphql");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		String body = TestClients.okText(request.bodyValue(Map.of("query", query)));
		assertThat(body).contains("\"data\"");
		return body;
	}

	private static int partnerRequest(WebTestClient gateway) {
		return gateway.get()
			.uri("/partner/v1/jobs")
			.header("X-Api-Key", "ops-test-key")
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	/**
	 * Names of the samples in a Prometheus text exposition (histograms give _bucket,
	 * _count, _sum).
	 */
	static Set<String> metricNames(String exposition) {
		Set<String> names = new TreeSet<>();
		for (String line : exposition.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int end = 0;
			while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
				end++;
			}
			names.add(line.substring(0, end));
		}
		return names;
	}

	// --- the expressions in the deploy files

	private static List<Map<String, Object>> alertRules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : list(yaml(DEPLOY.resolve("prometheus/alerts.yml")).get(0).get("groups"))) {
			rules.addAll(list(group.get("rules")));
		}
		return rules;
	}

	private static Map<String, String> alertExpressions() {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Map<String, Object> rule : alertRules()) {
			expressions.put("alerts.yml " + rule.get("alert"), (String) rule.get("expr"));
		}
		return expressions;
	}

	/** Every panel target, and every query variable (whose metric feeds a drop-down). */
	private static Map<String, String> dashboardExpressions() {
		Map<String, String> expressions = new LinkedHashMap<>();
		Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");
		for (Path file : files(DEPLOY.resolve("grafana/dashboards"), ".json")) {
			Map<String, Object> dashboard = json(file);
			for (Map<String, Object> panel : list(dashboard.get("panels"))) {
				for (Map<String, Object> target : list(panel.get("targets"))) {
					expressions.put(file.getFileName() + " " + panel.get("title") + " " + target.get("refId"),
							(String) target.get("expr"));
				}
			}
			for (Map<String, Object> variable : list(at(dashboard, "templating", "list"))) {
				Matcher matcher = labelValues.matcher((String) variable.get("definition"));
				assertThat(matcher.matches()).as("variable %s", variable.get("name")).isTrue();
				expressions.put(file.getFileName() + " variable " + variable.get("name"), matcher.group(1));
			}
		}
		return expressions;
	}

	static Set<String> markdownAnchors(String markdown) {
		Set<String> anchors = new TreeSet<>();
		for (String line : markdown.split("\n")) {
			if (line.startsWith("#")) {
				String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
				anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
			}
		}
		return anchors;
	}

	// --- small readers

	static Path repositoryRoot() {
		return dev.skillpath.systemtests.RepositoryRoot.path();
	}

	private static List<Path> files(Path dir, String suffix) {
		try (Stream<Path> paths = Files.list(dir)) {
			return paths.filter((path) -> path.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** All documents of a YAML file (Kubernetes files hold several). */
	private static List<Map<String, Object>> yaml(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(read(file))) {
			documents.add(map(document));
		}
		return documents;
	}

	private static Map<String, Object> json(Path file) {
		return map(JsonMapper.builder().build().readValue(read(file), Map.class));
	}

	/** Walks maps by key and lists by index. */
	private static Object at(Object node, Object... path) {
		Object current = node;
		for (Object step : path) {
			if (step instanceof Integer index) {
				current = list(current).get(index);
			}
			else {
				current = current == null ? null : map(current).get(step);
			}
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return node == null ? Map.of() : (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object node) {
		return node == null ? List.of() : (List<Map<String, Object>>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<String> stringList(Object node) {
		return node == null ? List.of() : (List<String>) node;
	}

	private static Set<String> names(List<Map<String, Object>> resources) {
		Set<String> names = new TreeSet<>();
		resources.forEach((resource) -> names.add((String) at(resource, "metadata", "name")));
		return names;
	}

	private static File onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, command);
			if (candidate.canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	private static void run(Path dir, String... command) {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(String.join(" ", command) + " did not finish in 60 s");
			}
			assertThat(process.exitValue()).as("%s in %s:%n%s", String.join(" ", command), dir, output).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A metric named in a PromQL expression, with the label equalities its selector asks
	 * for.
	 */
	record Selector(String metric, Map<String, String> equalities) {
	}

	/**
	 * Just enough PromQL to find the metric names in an expression: strings, range and
	 * offset durations, grouping label lists, functions and keywords are skipped; an
	 * identifier left over is a metric, and the braces after it are its selector.
	 */
	static final class PromQl {

		private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
				"group_right");

		private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

		private static final Pattern GROUPING_AHEAD = Pattern.compile("(by|without)\\s*\\(");

		private static final Pattern MATCHER = Pattern
			.compile("\\s*([a-zA-Z_]\\w*)\\s*(=~|!=|!~|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

		private final String text;

		private int at;

		private PromQl(String expression) {
			// Grafana's variables stand for durations or label values; $__rate_interval
			// only appears in ranges
			this.text = expression.replaceAll("\\[[^\\]]*\\]", " ");
		}

		static List<Selector> selectors(String expression) {
			return new PromQl(expression).parse();
		}

		private List<Selector> parse() {
			List<Selector> selectors = new ArrayList<>();
			while (this.at < this.text.length()) {
				char c = this.text.charAt(this.at);
				if (c == '"' || c == '\'' || c == '`') {
					skipString(c);
				}
				else if (Character.isDigit(c) || c == '.') {
					while (this.at < this.text.length() && (Character.isLetterOrDigit(this.text.charAt(this.at))
							|| this.text.charAt(this.at) == '.')) {
						this.at++;
					}
				}
				else if (Character.isLetter(c) || c == '_' || c == ':') {
					String word = identifier();
					char next = peek();
					if (GROUPING.contains(word)) {
						if (next == '(') {
							skipParenthesised();
						}
					}
					else if (word.equals("offset")) {
						skipSpaces();
						identifierOrNumber();
					}
					else if (next != '(' && !KEYWORDS.contains(word) && !groupingFollows()) {
						selectors.add(new Selector(word, next == '{' ? matchers() : Map.of()));
					}
				}
				else if (c == '{') {
					Map<String, String> matchers = matchers();
					if (matchers.containsKey("__name__")) {
						selectors.add(new Selector(matchers.get("__name__"), matchers));
					}
				}
				else {
					this.at++;
				}
			}
			return selectors;
		}

		private String identifier() {
			int start = this.at;
			while (this.at < this.text.length() && (Character.isLetterOrDigit(this.text.charAt(this.at))
					|| this.text.charAt(this.at) == '_' || this.text.charAt(this.at) == ':')) {
				this.at++;
			}
			return this.text.substring(start, this.at);
		}

		/**
		 * Whether {@code by} or {@code without} comes next: the word before was an
		 * aggregation ({@code sum by (x) (...)}).
		 */
		private boolean groupingFollows() {
			return GROUPING_AHEAD.matcher(this.text).region(this.at, this.text.length()).lookingAt();
		}

		private void identifierOrNumber() {
			while (this.at < this.text.length() && Character.isLetterOrDigit(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private char peek() {
			skipSpaces();
			return this.at < this.text.length() ? this.text.charAt(this.at) : 0;
		}

		private void skipSpaces() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private void skipString(char quote) {
			this.at++;
			while (this.at < this.text.length() && this.text.charAt(this.at) != quote) {
				this.at += this.text.charAt(this.at) == '\\' ? 2 : 1;
			}
			this.at++;
		}

		private void skipParenthesised() {
			int close = this.text.indexOf(')', this.at);
			this.at = close < 0 ? this.text.length() : close + 1;
		}

		/**
		 * Reads {@code {a="x", b=~"y"}} from the opening brace; equalities only are
		 * returned.
		 */
		private Map<String, String> matchers() {
			Map<String, String> equalities = new LinkedHashMap<>();
			this.at++;
			Matcher matcher = MATCHER.matcher(this.text);
			while (this.at < this.text.length() && this.text.charAt(this.at) != '}') {
				if (!matcher.find(this.at) || matcher.start() != this.at) {
					throw new IllegalArgumentException("unreadable label matcher at " + this.at + " in " + this.text);
				}
				if (matcher.group(2).equals("=")) {
					equalities.put(matcher.group(1), matcher.group(3));
				}
				this.at = matcher.end();
				skipSpaces();
			}
			this.at++;
			return equalities;
		}

	}

}
