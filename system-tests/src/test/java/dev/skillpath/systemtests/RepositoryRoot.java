package dev.skillpath.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top directory, found from this module's working directory. */
public final class RepositoryRoot {

	private RepositoryRoot() {
	}

	public static Path path() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
