package dev.skillpath.progress.tracking;

import dev.skillpath.progress.skill.SkillStatus;

/**
 * The xAPI verb each kind of statement is exported with: ADL verbs where one fits, a
 * Skillpath IRI where none does.
 */
public enum XapiVerb {

	ATTEMPTED("http://adlnet.gov/expapi/verbs/attempted", "attempted"),
	COMPLETED("http://adlnet.gov/expapi/verbs/completed", "completed"),
	WAIVED("https://w3id.org/xapi/adl/verbs/waived", "waived"),
	RESET("https://skillpath.dev/xapi/verbs/reset", "reset"), VOIDED("http://adlnet.gov/expapi/verbs/voided", "voided");

	private final String iri;

	private final String display;

	XapiVerb(String iri, String display) {
		this.iri = iri;
		this.display = display;
	}

	public String iri() {
		return this.iri;
	}

	public String display() {
		return this.display;
	}

	public static XapiVerb of(StatementRow statement) {
		if (statement.kind() == StatementRow.Kind.VOIDING) {
			return VOIDED;
		}
		return of(statement.status());
	}

	static XapiVerb of(SkillStatus status) {
		return switch (status) {
			case NOT_STARTED -> RESET;
			case LEARNING -> ATTEMPTED;
			case DONE -> COMPLETED;
			case SKIPPED -> WAIVED;
		};
	}

}
