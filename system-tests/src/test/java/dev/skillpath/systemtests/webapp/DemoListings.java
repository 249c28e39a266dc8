package dev.skillpath.systemtests.webapp;

/**
 * Job listings the browser tests look for, pushed once per JVM the way a partner does: an
 * ADMIN registers the partner through GraphQL, the partner pushes through the gateway's
 * partner route. Their skills (Go, Redis; Python, Django) differ from those other gateway
 * tests push (Java, SQL), so that what a learner matches here is known whatever ran
 * before.
 */
final class DemoListings {

	static final String GO_JOB = "Go Backend Developer";

	static final String PYTHON_JOB = "Python API Developer";

	private static boolean pushed;

	private DemoListings() {
	}

	static synchronized void ensurePushed(BrowserTest test) {
		if (pushed) {
			return;
		}
		String apiKey = test.registerPartner("webapp-admin", "webapp-board", "Web App Board");
		String listings = """
				{"jobs": [
				 {"externalId": "webapp-go-1", "title": "%s", "company": "Gopher Works",
				  "location": "Lisbon, Portugal", "remote": "REMOTE", "description": "<p>Services in Go, caches in Redis.</p><p>Remote in Europe.</p>",
				  "url": "https://jobs.example.com/gopher-works/1",
				  "salary": {"min": 70000, "max": 90000, "currency": "USD", "period": "YEAR"}, "skills": ["Go", "Redis"]},
				 {"externalId": "webapp-py-1", "title": "%s", "company": "Snake Oil Ltd",
				  "location": "Leeds, United Kingdom", "description": "<p>Django and Python.</p>",
				  "salary": {"min": 50000, "max": 60000, "currency": "USD", "period": "YEAR"}, "skills": ["Python", "Django"]}
				]}"""
			.formatted(GO_JOB, PYTHON_JOB);
		test.pushListings(apiKey, listings, 2);
		pushed = true;
	}

}
