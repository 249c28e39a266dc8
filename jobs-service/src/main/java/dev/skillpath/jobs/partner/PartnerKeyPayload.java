package dev.skillpath.jobs.partner;

/** A partner and its new API key, shown this once. */
public record PartnerKeyPayload(Partner partner, String apiKey) {
}
