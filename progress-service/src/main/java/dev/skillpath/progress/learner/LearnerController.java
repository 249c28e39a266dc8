package dev.skillpath.progress.learner;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.skillpath.progress.skill.ProgressReader;
import dev.skillpath.progress.skill.SkillProgress;
import dev.skillpath.progress.skill.SkillStatus;
import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.security.Callers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code me}, the {@code Learner} fields and settings. A Learner object only ever exists
 * for the caller ({@code me}, or an {@code _entities} lookup of the caller's own id), so
 * its fields need no further check.
 */
@Controller
public class LearnerController {

	private static final int MAX_ACTIVITY_DAYS = 366;

	private final ProgressReader progress;

	private final LearnerRepository learners;

	private final Clock clock;

	public LearnerController(ProgressReader progress, LearnerRepository learners, Clock clock) {
		this.progress = progress;
		this.learners = learners;
		this.clock = clock;
	}

	@QueryMapping
	public Mono<Learner> me() {
		return Callers.authenticated().map((caller) -> new Learner(caller.subject()));
	}

	/**
	 * {@code _entities} for Learner: only the caller's own id resolves; another learner's
	 * is FORBIDDEN.
	 */
	@EntityMapping
	public Mono<Learner> learner(@Argument String id) {
		return Callers.authenticated()
			.flatMap((caller) -> caller.subject().equals(id) ? Mono.just(new Learner(id))
					: Mono.error(ApiException.forbidden("A learner's progress is visible to that learner only")));
	}

	@SchemaMapping(typeName = "Learner", field = "timeZone")
	public Mono<String> timeZone(Learner learner) {
		return this.learners.timeZone(learner.id()).map(ZoneId::getId);
	}

	@SchemaMapping(typeName = "Learner", field = "completedSkillIds")
	public Mono<List<String>> completedSkillIds(Learner learner) {
		return this.progress.completedSkillIds(learner.id());
	}

	@SchemaMapping(typeName = "Learner", field = "skippedSkillIds")
	public Mono<List<String>> skippedSkillIds(Learner learner) {
		return this.progress.skillIdsWith(learner.id(), SkillStatus.SKIPPED);
	}

	@SchemaMapping(typeName = "Learner", field = "progress")
	public Flux<SkillProgress> progress(Learner learner, @Argument SkillStatus status) {
		return this.progress.all(learner.id(), status);
	}

	@SchemaMapping(typeName = "Learner", field = "streak")
	public Mono<Streak> streak(Learner learner) {
		return this.learners.timeZone(learner.id())
			.flatMap((zone) -> this.learners.learningPerDay(learner.id(), zone, null, null)
				.map((days) -> Streak.of(new TreeSet<>(days.keySet()), LocalDate.now(this.clock.withZone(zone)))));
	}

	@SchemaMapping(typeName = "Streak", field = "lastActiveDay")
	public String lastActiveDay(Streak streak) {
		return streak.lastActiveDay() == null ? null : streak.lastActiveDay().toString();
	}

	@SchemaMapping(typeName = "Learner", field = "activity")
	public Mono<List<DailyActivity>> activity(Learner learner, @Argument String from, @Argument String to) {
		LocalDate first = date(from, "from");
		LocalDate last = date(to, "to");
		if (last.isBefore(first)) {
			throw ApiException.badUserInput("'to' must not be before 'from'", Map.of("field", "to"));
		}
		if (ChronoUnit.DAYS.between(first, last) >= MAX_ACTIVITY_DAYS) {
			throw ApiException.badUserInput("activity covers at most " + MAX_ACTIVITY_DAYS + " days",
					Map.of("field", "to"));
		}
		return this.learners.timeZone(learner.id())
			.flatMap((zone) -> this.learners
				.learningPerDay(learner.id(), zone, first.atStartOfDay(zone).toInstant(),
						last.plusDays(1).atStartOfDay(zone).toInstant())
				.map((counts) -> {
					List<DailyActivity> days = new ArrayList<>();
					for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
						days.add(new DailyActivity(day, counts.getOrDefault(day, 0)));
					}
					return days;
				}));
	}

	@SchemaMapping(typeName = "DailyActivity", field = "date")
	public String date(DailyActivity activity) {
		return activity.date().toString();
	}

	@MutationMapping
	public Mono<Learner> updateMySettings(@Argument LearnerSettings input) {
		String name = input.timeZone();
		ZoneId zone;
		try {
			zone = ZoneId.of(name.trim());
		}
		catch (DateTimeException ex) {
			return Mono.error(
					ApiException.badUserInput("Unknown time zone '" + name + "': use an IANA name such as Europe/Paris",
							Map.of("field", "timeZone")));
		}
		if (zone instanceof ZoneOffset) {
			// a fixed offset ignores daylight saving time and would shift days twice a
			// year
			return Mono
				.error(ApiException.badUserInput("Use a region time zone such as America/New_York, not an " + "offset",
						Map.of("field", "timeZone")));
		}
		ZoneId chosen = zone;
		return Callers.authenticated()
			.flatMap((caller) -> this.learners.saveTimeZone(caller.subject(), chosen)
				.thenReturn(new Learner(caller.subject())));
	}

	/** What a learner can set. */
	public record LearnerSettings(String timeZone) {
	}

	private static LocalDate date(String text, String field) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badUserInput("'" + field + "' must be a date like 2026-01-31, was '" + text + "'",
					Map.of("field", field));
		}
	}

}
