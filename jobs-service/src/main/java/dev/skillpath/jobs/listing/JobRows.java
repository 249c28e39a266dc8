package dev.skillpath.jobs.listing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;

/** The columns of a job and how a row becomes a {@link Job}. */
public final class JobRows {

	/**
	 * Select list for {@code job j}; the status is derived so expired listings need no
	 * job to close them.
	 */
	public static final String COLUMNS = """
			j.id, j.title, j.company, j.city, j.region, j.country, j.location_text, j.remote, j.employment_type,
			j.seniority, j.salary_min, j.salary_max, j.salary_currency, j.salary_period, j.annual_min, j.annual_max,
			j.salary_source, j.description_html, j.description_text, j.required_skills, j.nice_skills, j.posted_at,
			j.valid_through,
			CASE WHEN j.closed_at IS NOT NULL THEN 'CLOSED' WHEN j.valid_through <= now() THEN 'EXPIRED'
			     ELSE 'OPEN' END AS status
			""";

	/**
	 * A job that search and matching may show: not closed, and not expired (a job without
	 * an expiry, pulled from a feed, is open while the feed carries it).
	 */
	public static final String OPEN = "j.closed_at IS NULL AND (j.valid_through IS NULL OR j.valid_through > now())";

	private JobRows() {
	}

	public static Job map(Readable row) {
		String currency = row.get("salary_currency", String.class);
		Job.Salary salary = currency == null ? null
				: new Job.Salary(dbl(row.get("salary_min", BigDecimal.class)),
						dbl(row.get("salary_max", BigDecimal.class)), currency, row.get("salary_period", String.class),
						dbl(row.get("annual_min", BigDecimal.class)), dbl(row.get("annual_max", BigDecimal.class)),
						row.get("salary_source", String.class));
		return new Job(row.get("id", java.util.UUID.class).toString(), row.get("title", String.class),
				new Job.Company(row.get("company", String.class)),
				new Job.Location(row.get("city", String.class), row.get("region", String.class),
						row.get("country", String.class), row.get("location_text", String.class)),
				row.get("remote", String.class), row.get("employment_type", String.class),
				row.get("seniority", String.class), salary, row.get("description_html", String.class),
				row.get("description_text", String.class), list(row.get("required_skills", String[].class)),
				list(row.get("nice_skills", String[].class)), iso(row.get("posted_at", OffsetDateTime.class)),
				iso(row.get("valid_through", OffsetDateTime.class)), row.get("status", String.class));
	}

	private static Double dbl(BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	private static List<String> list(String[] values) {
		return values == null ? List.of() : Arrays.asList(values);
	}

	private static String iso(OffsetDateTime time) {
		return time == null ? null : time.toInstant().toString();
	}

}
