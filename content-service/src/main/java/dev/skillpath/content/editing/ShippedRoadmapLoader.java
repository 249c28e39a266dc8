package dev.skillpath.content.editing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import dev.skillpath.support.error.ApiException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Applies the shipped roadmap data files at start, before the service reports ready. A
 * file is applied only when its checksum changed since the last start, and then as a
 * shipped import: skills, placements and roadmaps that editors changed through the API
 * are kept as they are. An invalid file stops the start with the file name and every
 * problem in it.
 */
@Component
class ShippedRoadmapLoader implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(ShippedRoadmapLoader.class);

	static final String ACTOR = "system:shipped-data";

	private final List<Resource> files;

	private final ContentWriter writer;

	private final DatabaseClient db;

	private final JsonMapper json;

	ShippedRoadmapLoader(@Value("${skillpath.content.shipped-roadmaps:}") List<Resource> files, ContentWriter writer,
			DatabaseClient db, JsonMapper json) {
		this.files = files;
		this.writer = writer;
		this.db = db;
		this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@Override
	public void run(ApplicationArguments args) {
		for (Resource file : this.files) {
			apply(file).block(Duration.ofMinutes(2));
		}
	}

	Mono<Void> apply(Resource file) {
		byte[] bytes = read(file);
		String name = file.getFilename();
		String checksum = sha256(bytes);
		return this.db.sql("SELECT checksum FROM shipped_content WHERE name = :name")
			.bind("name", name)
			.map((row) -> row.get("checksum", String.class))
			.one()
			.defaultIfEmpty("")
			.flatMap((applied) -> {
				if (applied.equals(checksum)) {
					logger.info("Shipped roadmap " + name + " is up to date (" + checksum.substring(0, 12) + ")");
					return Mono.empty();
				}
				RoadmapDocument document = parse(name, bytes);
				long start = System.nanoTime();
				return this.writer.importDocument(document, true, ACTOR)
					.onErrorMap(ApiException.class,
							(ex) -> new IllegalStateException("The shipped roadmap " + name + " cannot be applied: "
									+ ex.getMessage() + " " + ex.details().get("problems"), ex))
					.flatMap((result) -> this.db.sql("""
							INSERT INTO shipped_content (name, checksum) VALUES (:name, :checksum)
							ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
							""").bind("name", name).bind("checksum", checksum).then().thenReturn(result))
					.doOnNext((result) -> logger.info("Applied shipped roadmap " + name + " in "
							+ (System.nanoTime() - start) / 1_000_000 + " ms: " + result.created() + " skills created, "
							+ result.updated() + " updated, " + result.unchanged() + " unchanged, "
							+ result.keptEditorVersion() + " kept as editors left them"))
					.then();
			});
	}

	private RoadmapDocument parse(String name, byte[] bytes) {
		try {
			return this.json.readValue(bytes, RoadmapDocument.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"The shipped roadmap " + name + " is not valid JSON of the roadmap format: " + ex.getMessage(), ex);
		}
	}

	private static byte[] read(Resource file) {
		try (InputStream in = file.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the shipped roadmap " + file, ex);
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
