package dev.skillpath.jobs.partner;

import java.util.List;

/**
 * A partner that sends listings, with the prefixes of its valid keys (never the keys).
 */
public record Partner(String id, String name, String createdAt, List<String> activeKeyPrefixes, int listingCount) {
}
