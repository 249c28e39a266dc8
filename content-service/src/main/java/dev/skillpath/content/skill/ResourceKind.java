package dev.skillpath.content.skill;

/** The form a learning resource takes. */
public enum ResourceKind {

	COURSE, ARTICLE, VIDEO, DOCS, BOOK, FORUM, PROJECT

}
