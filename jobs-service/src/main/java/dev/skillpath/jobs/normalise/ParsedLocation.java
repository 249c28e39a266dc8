package dev.skillpath.jobs.normalise;

/**
 * City, region and ISO 3166-1 alpha-2 country of a listing, and the remote type its
 * location implies, if any.
 */
public record ParsedLocation(String city, String region, String country, String remoteHint) {
}
