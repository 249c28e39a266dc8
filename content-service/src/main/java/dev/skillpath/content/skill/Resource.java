package dev.skillpath.content.skill;

/** A place to learn a skill. */
public record Resource(String title, String url, ResourceKind kind, boolean free) {
}
