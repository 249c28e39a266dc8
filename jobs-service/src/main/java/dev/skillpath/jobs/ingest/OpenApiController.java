package dev.skillpath.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the hand-written OpenAPI document of the partner API, as YAML. */
@RestController
class OpenApiController {

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private final String document;

	OpenApiController() {
		try (InputStream in = new ClassPathResource("openapi/partner-v1.yaml").getInputStream()) {
			this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The partner API's OpenAPI document is missing from the jar", ex);
		}
	}

	@GetMapping("/partner/v1/openapi.yaml")
	ResponseEntity<String> openApi() {
		return ResponseEntity.ok().contentType(YAML).body(this.document);
	}

}
