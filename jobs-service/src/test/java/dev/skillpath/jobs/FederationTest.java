package dev.skillpath.jobs;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The subgraph as a federation router sees it: SDL, Job/Skill/Learner entities, and
 * search.
 */
class FederationTest extends JobsServiceTest {

	private static final String ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { %s } }";

	/** A posting whose only skills are the explicit ones (its text names none). */
	private static String posting(String externalId, String title, String company, String skills, String extra) {
		return """
				{"externalId": "%s", "title": "%s", "company": "%s", "location": "Lyon, France",
				 "description": "A friendly team in a sunny office.", "skills": [%s]%s}""".formatted(externalId, title,
				company, skills, extra == null ? "" : ", " + extra);
	}

	@Test
	void theSdlDeclaresTheEntitiesOfTheContract() {
		assertThat(serviceSdl()).containsPattern("type Job @key\\(fields ?: ?\"id\"")
			.containsPattern("type Skill @key\\(fields ?: ?\"id\"")
			.containsPattern("type Learner @key\\(fields ?: ?\"id\"")
			.containsPattern("completedSkillIds: \\[ID!\\]! @external")
			.containsPattern("skippedSkillIds: \\[ID!\\]! @external")
			.containsPattern("@requires\\(fields ?: ?\"completedSkillIds skippedSkillIds\"\\)")
			.contains("federation/v2.7");
	}

	@Test
	void matchingJobsRanksByTheShareOfRequiredSkillsCompleted() {
		String key = registerPartner("match");
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON,
				"[" + posting("m-all", "Platform Engineer", "Matchmakers", "\"CherryPy\", \"HBase\"",
						"\"salary\": {\"min\": 70000, \"max\": 90000, \"currency\": \"USD\"}") + ","
						+ posting("m-third", "Site Builder", "Matchmakers", "\"Joomla\", \"Wix\", \"HBase\"", null)
						+ "," + posting("m-none", "Shop Builder", "Matchmakers", "\"Magento\"", null) + "]");
		assertThat(counts(report)).containsEntry("created", 3);

		Map<String, Object> learner = Map.of("__typename", "Learner", "id", "learner-lena", "completedSkillIds",
				List.of("cherrypy", "hbase"));
		List<Map<String, Object>> entities = this.anonymous.document(ENTITIES.formatted("""
				... on Learner { matchingJobs(first: 20) { totalCount edges { score
				  node { title company { name } salary { min max currency } requiredSkills { id } }
				  missingSkills { id } } } }"""))
			.variable("r", List.of(learner))
			.execute()
			.path("_entities[0].matchingJobs.totalCount")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("_entities[0].matchingJobs.edges")
			.entityList(MAP_CLASS)
			.get();
		assertThat(entities).hasSize(2);
		Map<String, Object> best = entities.get(0);
		assertThat((Double) best.get("score")).isEqualTo(1.0);
		assertThat(best.get("node").toString()).contains("Platform Engineer")
			.contains("currency=USD")
			.contains("name=Matchmakers");
		assertThat(best.get("missingSkills")).isEqualTo(List.of());
		Map<String, Object> second = entities.get(1);
		assertThat((Double) second.get("score")).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(second.get("missingSkills").toString()).contains("joomla").contains("wix").doesNotContain("hbase");

		// minScore and paging
		this.anonymous.document(ENTITIES.formatted(
				"... on Learner { matchingJobs(first: 1, minScore: 0.5) { totalCount pageInfo { hasNextPage } edges { score } } }"))
			.variable("r", List.of(learner))
			.execute()
			.path("_entities[0].matchingJobs.totalCount")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("_entities[0].matchingJobs.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(false);
		String cursor = this.anonymous
			.document(ENTITIES
				.formatted("... on Learner { matchingJobs(first: 1) { pageInfo { hasNextPage endCursor } } }"))
			.variable("r", List.of(learner))
			.execute()
			.path("_entities[0].matchingJobs.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("_entities[0].matchingJobs.pageInfo.endCursor")
			.entity(String.class)
			.get();
		this.anonymous
			.document("query($r: [_Any!]!, $after: String) { _entities(representations: $r) { "
					+ "... on Learner { matchingJobs(first: 5, after: $after) { edges { node { title } } } } } }")
			.variable("r", List.of(learner))
			.variable("after", cursor)
			.execute()
			.path("_entities[0].matchingJobs.edges[*].node.title")
			.entityList(String.class)
			.containsExactly("Site Builder");
	}

	@Test
	void aSkippedSkillAndAChoiceSettledByOneOfItsOptionsAreNotMissing() {
		String key = registerPartner("choice");
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON, "[" + posting("c-db", "Data Engineer",
				"Choosers", "\"Relational databases\", \"Redis\", \"Memcached\"", null) + "]");
		assertThat(counts(report)).containsEntry("created", 1);
		String query = ENTITIES.formatted(
				"... on Learner { matchingJobs(first: 5) { edges { score node { title } missingSkills { id } } } }");
		// PostgreSQL done settles "Pick a relational database"; Redis skipped; Kafka
		// still to learn
		Map<String, Object> learner = Map.of("__typename", "Learner", "id", "learner-chooser", "completedSkillIds",
				List.of("postgresql"), "skippedSkillIds", List.of("redis"));
		List<Map<String, Object>> edges = this.anonymous.document(query)
			.variable("r", List.of(learner))
			.execute()
			.path("_entities[0].matchingJobs.edges")
			.entityList(MAP_CLASS)
			.get();
		Map<String, Object> dataEngineer = edges.stream()
			.filter((edge) -> edge.get("node").toString().contains("Data Engineer"))
			.findFirst()
			.orElseThrow();
		assertThat((Double) dataEngineer.get("score")).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(dataEngineer.get("missingSkills")).isEqualTo(List.of(Map.of("id", "memcached")));

		// without them, the same learner meets neither: the choice is not settled by a
		// skip,
		// and nothing else is done
		Map<String, Object> skippingOnly = Map.of("__typename", "Learner", "id", "learner-skipper", "completedSkillIds",
				List.of(), "skippedSkillIds", List.of("postgresql"));
		this.anonymous.document(query)
			.variable("r", List.of(skippingOnly))
			.execute()
			.path("_entities[0].matchingJobs.edges[*].node.title")
			.entityList(String.class)
			.doesNotContain("Data Engineer");
	}

	@Test
	void aLearnerRepresentationWithoutCompletedSkillsIsABadInput() {
		this.anonymous.document(ENTITIES.formatted("... on Learner { matchingJobs { totalCount } }"))
			.variable("r", List.of(Map.of("__typename", "Learner", "id", "x")))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT")
				.containsEntry("field", "completedSkillIds"));
	}

	@Test
	void jobEntitiesOfABatchAreLoadedWithOneStatementInKeyOrder() {
		String key = registerPartner("batch");
		StringBuilder batch = new StringBuilder("[");
		for (int i = 0; i < 5; i++) {
			batch.append(i == 0 ? "" : ",").append(posting("b-" + i, "Engineer " + i, "Batch Co", "\"SQL\"", null));
		}
		Map<String, Object> report = push(key, MediaType.APPLICATION_JSON, batch.append("]").toString());
		List<Map<String, Object>> representations = new java.util.ArrayList<>();
		for (int i = 4; i >= 0; i--) {
			representations.add(Map.of("__typename", "Job", "id", jobId(report, i)));
		}
		representations.add(Map.of("__typename", "Job", "id", UUID.randomUUID().toString()));
		representations.add(Map.of("__typename", "Job", "id", "not-a-uuid"));
		this.sql.reset();
		List<Object> titles = this.anonymous.document(ENTITIES.formatted("... on Job { title requiredSkills { id } }"))
			.variable("r", representations)
			.execute()
			.path("_entities[*].title")
			.entityList(Object.class)
			.get();
		assertThat(titles).containsExactly("Engineer 4", "Engineer 3", "Engineer 2", "Engineer 1", "Engineer 0");
		assertThat(this.sql.matching("FROM job j")).hasSize(1);
	}

	@Test
	void skillEntitiesCarryOpenJobsCountsAndSalariesBesideTheSeedFigures() {
		String key = registerPartner("skills");
		push(key, MediaType.APPLICATION_JSON,
				"[" + posting("s-1", "Cassandra Engineer", "Wide Columns", "\"Cassandra\"",
						"\"salary\": {\"min\": 100000, \"max\": 120000, \"currency\": \"USD\"}") + ","
						+ posting("s-2", "Cassandra Admin", "Wide Columns", "\"Cassandra\"",
								"\"salary\": {\"min\": 50, \"max\": 50, \"currency\": \"USD\", \"period\": \"HOUR\"}")
						+ "," + posting("s-3", "Cassandra Lead", "Wide Columns", "\"Cassandra\", \"DynamoDB\"",
								"\"salary\": \"$140k-$160k\"")
						+ "]");
		this.sql.reset();
		Map<String, Object> data = this.anonymous.document(ENTITIES.formatted("""
				... on Skill { id jobCount openJobs(first: 2) { totalCount edges { node { title } } }
				  salaryStats { count min median max currency reference { id figure medianDifferencePercent } } }"""))
			.variable("r",
					List.of(Map.of("__typename", "Skill", "id", "cassandra"),
							Map.of("__typename", "Skill", "id", "dynamodb"),
							Map.of("__typename", "Skill", "id", "no-such-skill")))
			.execute()
			.path("")
			.entity(MAP)
			.get();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> skills = (List<Map<String, Object>>) data.get("_entities");
		assertThat(skills).extracting((s) -> s.get("jobCount")).containsExactly(3, 1, 0);
		assertThat(this.sql.matching("unnest(j.required_skills)")).as("jobCount of a batch").hasSize(1);
		assertThat(this.sql.matching("count(*) OVER ()")).as("openJobs of a batch").hasSize(1);
		assertThat(this.sql.matching("percentile_cont")).as("salaryStats of a batch").hasSize(1);
		// each skill gets its own page and figures out of the one statement
		assertThat(skills).extracting((s) -> (Object) ((Map<?, ?>) s.get("openJobs")).get("totalCount"))
			.containsExactly(3, 1, 0);
		assertThat(skills).extracting((s) -> (Object) ((Map<?, ?>) s.get("salaryStats")).get("count"))
			.containsExactly(3, 1, 0);
		assertThat(skills).extracting((s) -> (Object) ((Map<?, ?>) s.get("salaryStats")).get("median"))
			.containsExactly(110000.0, 150000.0, null);
		@SuppressWarnings("unchecked")
		Map<String, Object> open = (Map<String, Object>) skills.get(0).get("openJobs");
		assertThat(open.get("totalCount")).isEqualTo(3);
		assertThat((List<?>) open.get("edges")).hasSize(2);
		@SuppressWarnings("unchecked")
		Map<String, Object> stats = (Map<String, Object>) skills.get(0).get("salaryStats");
		// annual midpoints: 104,000 (50/hour), 110,000, 150,000
		assertThat(stats).containsEntry("count", 3)
			.containsEntry("min", 104000.0)
			.containsEntry("median", 110000.0)
			.containsEntry("max", 150000.0)
			.containsEntry("currency", "USD");
		assertThat(stats.get("reference").toString()).contains("id=entry-salary, figure=61042.0")
			.contains("medianDifferencePercent=80.2");
	}

	@Test
	void searchFiltersByTextSkillRemoteCountryAndSalary() {
		String key = registerPartner("search");
		push(key, MediaType.APPLICATION_JSON,
				"[" + posting("q-1", "Kafka Streaming Engineer", "Searchable Ltd", "\"Kafka\"",
						"\"remote\": \"REMOTE\", \"salary\": {\"min\": 130000, \"max\": 150000, \"currency\": \"USD\"}")
						+ ","
						+ posting("q-2", "Kafka Support Engineer", "Searchable Ltd", "\"Kafka\", \"RabbitMQ\"",
								"\"location\": \"Toronto, ON\", \"salary\": {\"min\": 60000, \"currency\": \"CAD\"}")
						+ "," + posting("q-3", "Expired Kafka role", "Searchable Ltd", "\"Kafka\"",
								"\"postedAt\": \"2020-01-01\", \"validThrough\": \"2020-02-01\"")
						+ "]");
		String query = "query($f: JobFilter, $sort: JobSort) { jobs(filter: $f, sort: $sort) { totalCount edges { node { title } } } }";
		assertThat(titles(query, Map.of("text", "kafka streaming"))).containsExactly("Kafka Streaming Engineer");
		assertThat(titles(query, Map.of("skills", List.of("kafka"), "remote", "REMOTE")))
			.containsExactly("Kafka Streaming Engineer");
		assertThat(titles(query, Map.of("skills", List.of("kafka"), "country", "ca")))
			.containsExactly("Kafka Support Engineer");
		assertThat(titles(query, Map.of("skills", List.of("kafka"), "minAnnualSalary", 100000)))
			.containsExactly("Kafka Streaming Engineer");
		this.anonymous.document(query)
			.variable("f", Map.of("skills", List.of("kafka")))
			.variable("sort", "SALARY")
			.execute()
			.path("jobs.totalCount")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("jobs.edges[0].node.title")
			.entity(String.class)
			.isEqualTo("Kafka Streaming Engineer");
		this.anonymous.document(query)
			.variable("f", Map.of("postedAfter", "last tuesday"))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT")
				.containsEntry("field", "postedAfter"));
		this.anonymous.document("{ jobs(after: \"bogus\") { totalCount } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT"));
	}

	@Test
	void marketStatsListsTheMostDemandedSkills() {
		push(registerPartner("market"), MediaType.APPLICATION_JSON,
				posting("mk-1", "Engineer", "Market Co", "\"SQL\"", null));
		this.anonymous
			.document("{ marketStats(topSkills: 3) { openJobs topSkills { skill { id } jobCount } "
					+ "salary { currency reference { id } } } }")
			.execute()
			.path("marketStats.topSkills")
			.entityList(Object.class)
			.satisfies((top) -> assertThat(top).hasSizeBetween(1, 3))
			.path("marketStats.salary.currency")
			.entity(String.class)
			.isEqualTo("USD")
			.path("marketStats.salary.reference[*].id")
			.entityList(String.class)
			.contains("entry-salary", "mid-career-salary", "senior-median-salary");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP_CLASS = (Class) Map.class;

	/** The titles of the jobs {@code query} finds with filter {@code filter}. */
	private List<String> titles(String query, Map<String, Object> filter) {
		return this.anonymous.document(query)
			.variable("f", filter)
			.execute()
			.path("jobs.edges[*].node.title")
			.entityList(String.class)
			.get();
	}

}
