package dev.skillpath.jobs.matching;

import java.util.List;

import dev.skillpath.support.graphql.PageInfo;

public record JobMatchConnection(List<JobMatch> edges, PageInfo pageInfo, int totalCount) {
}
