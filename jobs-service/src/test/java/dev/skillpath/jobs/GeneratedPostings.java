package dev.skillpath.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic partner postings for the push benchmark, generated from a seed so every run
 * pushes the same data: varied titles (seniority, stack, gender markers, noise),
 * thousands of companies with legal forms, locations in several spellings, HTML
 * descriptions of about 1–2 KB with requirement and nice-to-have sections, salaries in
 * the text or as fields, and explicit skills.
 */
public final class GeneratedPostings {

	private static final String[] SENIORITY = { "", "", "Senior ", "Junior ", "Lead ", "Staff ", "Principal ",
			"Mid-level ", "Sr. ", "" };

	private static final String[][] STACKS = { { "Java", "Spring Boot", "PostgreSQL", "Kafka", "Docker" },
			{ "Python", "Django", "PostgreSQL", "Redis", "Celery" },
			{ "Go", "gRPC", "Kubernetes", "Prometheus", "Terraform" },
			{ "Node.js", "TypeScript", "Express", "MongoDB", "AWS" }, { "C#", ".NET", "SQL Server", "Azure", "Docker" },
			{ "Ruby", "Rails", "MySQL", "Sidekiq", "Heroku" }, { "PHP", "Laravel", "MySQL", "Redis", "Nginx" },
			{ "Kotlin", "Spring", "PostgreSQL", "RabbitMQ", "Kubernetes" },
			{ "Rust", "Tokio", "PostgreSQL", "Linux", "Git" }, { "Scala", "Akka", "Cassandra", "Kafka", "Spark" },
			{ "Python", "FastAPI", "Elasticsearch", "Docker", "GCP" },
			{ "Java", "Quarkus", "Oracle", "Jenkins", "OpenShift" } };

	private static final String[] ROLES = { "Backend Engineer", "Backend Developer", "Software Engineer",
			"Platform Engineer", "API Developer", "Server-side Developer", "Site Reliability Engineer", "Data Engineer",
			"Full Stack Developer", "Integration Engineer" };

	private static final String[] TITLE_NOISE = { "", "", "", " (m/f/d)", " (all genders)", " - Remote", " - URGENT",
			" (Hybrid)", "", " !!" };

	private static final String[] COMPANY_A = { "Blue", "North", "Bright", "Open", "Quantum", "Silver", "Rapid",
			"Green", "Iron", "Cloud", "Pixel", "Delta", "Nova", "Atlas", "Summit", "Harbor", "Vertex", "Lumen", "Cedar",
			"Orbit", "Maple", "Crimson", "Echo", "Falcon", "Granite", "Horizon", "Indigo", "Juniper", "Kestrel",
			"Lattice" };

	private static final String[] COMPANY_B = { "Labs", "Systems", "Software", "Data", "Analytics", "Networks",
			"Health", "Logistics", "Payments", "Commerce", "Robotics", "Media", "Energy", "Mobility", "Security",
			"Learning", "Travel", "Insurance", "Foods", "Cloud" };

	private static final String[] LEGAL = { "", " GmbH", " Inc.", " Ltd", " LLC", " AG", " B.V.", " SAS", " Oy",
			" Corp." };

	private static final String[] PLACES = { "Berlin, Germany", "Munich, DE", "Hamburg, Germany", "Austin, TX",
			"New York, NY", "Seattle, WA", "San Francisco, CA", "London, UK", "Manchester, United Kingdom",
			"Paris, France", "Toronto, ON", "Vancouver, BC", "Amsterdam, Netherlands", "Madrid, Spain",
			"Barcelona, Spain", "Lisbon, Portugal", "Dublin, Ireland", "Stockholm, Sweden", "Warsaw, Poland",
			"Zurich, Switzerland", "Remote - United States", "Remote (EU)", "Vienna, Austria (Hybrid)",
			"Sydney, Australia", "Bengaluru, India", "Singapore" };

	private static final String[] INTROS = {
			"%s builds software that thousands of businesses rely on every day. Our engineering team of %d people ships small changes many times a day and owns what it runs.",
			"At %s we are growing our platform team (%d engineers today) and are looking for someone who enjoys clean APIs, careful data modelling and calm on-call rotations.",
			"%s is a profitable, employee-owned company. Our %d engineers work in small product squads with a lot of autonomy and a strong writing culture.",
			"Join %s! We process millions of events per day and our %d-person engineering group is rebuilding the core services for the next ten years of growth." };

	private static final String[] DUTIES = { "Design, build and operate backend services and public APIs",
			"Write automated tests and review your colleagues' code", "Take part in a fair on-call rotation",
			"Improve performance and reliability of our data pipelines",
			"Work closely with product managers and designers on new features",
			"Own features from the first sketch to production monitoring",
			"Mentor other engineers and help shape our engineering practices",
			"Migrate legacy modules to a cleaner service architecture" };

	private static final String[] EXTRAS = { "Terraform", "GraphQL", "Grafana", "CI/CD pipelines", "OAuth",
			"Elasticsearch", "RabbitMQ", "gRPC", "Linux", "event sourcing", "domain-driven design", "TDD" };

	private static final String[] BENEFITS = { "30 days of paid holiday", "a yearly learning budget",
			"flexible working hours", "a company pension plan", "home office equipment", "parental leave",
			"a public transport ticket", "team offsites twice a year" };

	private static final String[][] CURRENCIES = { { "$", "USD" }, { "€", "EUR" }, { "£", "GBP" } };

	private final long seed;

	public GeneratedPostings(long seed) {
		this.seed = seed;
	}

	/**
	 * Posting number {@code i} with external id {@code prefix + i}; the same i always
	 * gives the same posting.
	 */
	public Map<String, Object> posting(String prefix, int i) {
		SplittableRandom random = new SplittableRandom(this.seed * 1_000_003L + i);
		String[] stack = STACKS[random.nextInt(STACKS.length)];
		String role = ROLES[random.nextInt(ROLES.length)];
		String seniority = SENIORITY[random.nextInt(SENIORITY.length)];
		String title = seniority + (random.nextBoolean() ? stack[0] + " " + role : role + " (" + stack[0] + ")")
				+ TITLE_NOISE[random.nextInt(TITLE_NOISE.length)];
		String company = company(random.nextInt(6000));
		String place = PLACES[random.nextInt(PLACES.length)];
		String[] currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
		int low = 45 + random.nextInt(90);
		int high = low + 10 + random.nextInt(40);

		Map<String, Object> posting = new LinkedHashMap<>();
		posting.put("externalId", prefix + i);
		posting.put("title", title);
		posting.put("company", company);
		posting.put("location", place);
		posting.put("description", description(random, company, stack, currency, low, high));
		posting.put("url",
				"https://careers.example/" + company.toLowerCase().replaceAll("[^a-z]+", "-") + "/jobs/" + i);
		posting.put("postedAt", "2026-11-" + (10 + random.nextInt(14)));
		if (random.nextInt(4) == 0) {
			posting.put("employmentType", random.nextBoolean() ? "FULL_TIME" : "CONTRACTOR");
		}
		if (random.nextInt(3) == 0) {
			// a third of the partners send the salary as fields as well as in the text
			posting.put("salary",
					Map.of("min", low * 1000, "max", high * 1000, "currency", currency[1], "period", "YEAR"));
		}
		if (random.nextInt(3) == 0) {
			posting.put("skills", List.of(stack[0], stack[1], stack[2]));
		}
		return posting;
	}

	private static String company(int n) {
		return COMPANY_A[n % COMPANY_A.length] + " " + COMPANY_B[(n / COMPANY_A.length) % COMPANY_B.length]
				+ (n >= 600 ? " " + (n / 600) : "") + LEGAL[n % LEGAL.length];
	}

	private static String description(SplittableRandom random, String company, String[] stack, String[] currency,
			int low, int high) {
		StringBuilder html = new StringBuilder(2048);
		html.append("<p>")
			.append(String.format(INTROS[random.nextInt(INTROS.length)], company, 8 + random.nextInt(200)))
			.append("</p>");
		html.append("<h3>What you will do</h3><ul>");
		for (String duty : pick(random, DUTIES, 3 + random.nextInt(3))) {
			html.append("<li>").append(duty).append("</li>");
		}
		html.append("</ul><h3>Requirements</h3><ul>");
		html.append("<li>")
			.append(2 + random.nextInt(6))
			.append("+ years of experience with ")
			.append(stack[0])
			.append(" in production</li>");
		html.append("<li>Solid knowledge of ").append(stack[1]).append(" and ").append(stack[2]).append("</li>");
		html.append("<li>Experience with ").append(stack[3]).append(", REST APIs and <b>automated testing</b></li>");
		html.append("<li>You communicate clearly in English, in writing as well as in meetings</li></ul>");
		html.append("<h3>Nice to have</h3><ul><li>").append(stack[4]).append("</li>");
		for (String extra : pick(random, EXTRAS, 1 + random.nextInt(3))) {
			html.append("<li>").append(extra).append("</li>");
		}
		html.append("</ul><h3>What we offer</h3><ul>");
		for (String benefit : pick(random, BENEFITS, 3 + random.nextInt(3))) {
			html.append("<li>").append(benefit).append("</li>");
		}
		html.append("</ul><p>Salary: ");
		switch (random.nextInt(3)) {
			case 0 ->
				html.append(currency[0]).append(low).append("k–").append(currency[0]).append(high).append("k per year");
			case 1 -> html.append(currency[0])
				.append(String.format("%,d", low * 1000))
				.append(" - ")
				.append(currency[0])
				.append(String.format("%,d", high * 1000))
				.append(" annually");
			default -> html.append(String.format("%,d", low * 1000).replace(',', '.'))
				.append(" - ")
				.append(String.format("%,d", high * 1000).replace(',', '.'))
				.append(' ')
				.append(currency[1]);
		}
		html.append(", depending on experience.</p><p>Apply with your CV or a link to your GitHub profile; "
				+ "we answer every application within two weeks. <a href=\"https://careers.example/apply\">Apply here</a>"
				+ "</p>");
		return html.toString();
	}

	private static List<String> pick(SplittableRandom random, String[] from, int count) {
		List<String> pool = new ArrayList<>(List.of(from));
		List<String> picked = new ArrayList<>(count);
		for (int k = 0; k < count && !pool.isEmpty(); k++) {
			picked.add(pool.remove(random.nextInt(pool.size())));
		}
		return picked;
	}

}
