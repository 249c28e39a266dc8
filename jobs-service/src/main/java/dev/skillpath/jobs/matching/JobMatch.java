package dev.skillpath.jobs.matching;

import java.util.List;

import dev.skillpath.jobs.listing.Job;
import dev.skillpath.jobs.listing.Skill;

/**
 * An edge of {@code matchingJobs}: the job, the share of its required skills completed,
 * what is missing.
 */
public record JobMatch(String cursor, double score, Job node, List<Skill> missingSkills) {
}
