package dev.skillpath.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, for the schemas, queries and corpora the benchmarks read. */
final class Repository {

	private Repository() {
	}

	static Path root() {
		String configured = System.getProperty("skillpath.root");
		Path at = Path.of(configured != null ? configured : "").toAbsolutePath();
		for (Path candidate = at; candidate != null; candidate = candidate.getParent()) {
			if (Files.isDirectory(candidate.resolve("bench/queries"))
					&& Files.isRegularFile(candidate.resolve("mvnw"))) {
				return candidate;
			}
		}
		throw new IllegalStateException(
				"Run from the repository (or set -Dskillpath.root): no bench/queries above " + at);
	}

}
