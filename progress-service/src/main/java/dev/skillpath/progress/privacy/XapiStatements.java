package dev.skillpath.progress.privacy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.skillpath.progress.skill.SkillStatus;
import dev.skillpath.progress.tracking.StatementRow;
import dev.skillpath.progress.tracking.XapiVerb;

/**
 * Turns stored statements into xAPI 1.0.3 statements. The actor is an account (the token
 * subject), never a name or a mailbox; each skill is an Activity; mastery becomes a
 * scaled score.
 */
public final class XapiStatements {

	public static final String VERSION = "1.0.3";

	static final String HOME_PAGE = "https://skillpath.dev";

	static final String EXTENSIONS = "https://skillpath.dev/xapi/extensions/";

	private XapiStatements() {
	}

	public static Map<String, Object> of(StatementRow row) {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("id", row.id().toString());
		statement.put("actor",
				Map.of("objectType", "Agent", "account", Map.of("homePage", HOME_PAGE, "name", row.learnerId())));
		XapiVerb verb = XapiVerb.of(row);
		statement.put("verb", Map.of("id", verb.iri(), "display", Map.of("en-US", verb.display())));
		if (row.kind() == StatementRow.Kind.VOIDING) {
			statement.put("object", Map.of("objectType", "StatementRef", "id", row.voidedId().toString()));
		}
		else {
			statement.put("object", activity(row.skillId()));
			statement.put("result", result(row));
		}
		statement.put("context",
				Map.of("platform", "Skillpath", "extensions", Map.of(EXTENSIONS + "source", row.source())));
		statement.put("timestamp", row.occurredAt().toString());
		statement.put("stored", row.storedAt().toString());
		statement.put("version", VERSION);
		return statement;
	}

	static Map<String, Object> activity(String skillId) {
		return Map.of("objectType", "Activity", "id",
				HOME_PAGE + "/skills/" + URLEncoder.encode(skillId, StandardCharsets.UTF_8), "definition",
				Map.of("type", "http://adlnet.gov/expapi/activities/objective", "name", Map.of("en-US", skillId)));
	}

	private static Map<String, Object> result(StatementRow row) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("completion", row.status() == SkillStatus.DONE);
		if (row.masteryLevel() != null) {
			result.put("score", Map.of("scaled", row.masteryLevel().scaledScore()));
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put(EXTENSIONS + "status", row.status().name());
		if (row.masteryLevel() != null) {
			extensions.put(EXTENSIONS + "mastery-level", row.masteryLevel().name());
		}
		if (row.note() != null) {
			extensions.put(EXTENSIONS + "note", row.note());
		}
		result.put("extensions", extensions);
		return result;
	}

}
