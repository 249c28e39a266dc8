package dev.skillpath.jobs.ingest;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.jobs.JobsProperties;
import dev.skillpath.jobs.partner.PartnerRepository;
import dev.skillpath.support.error.ApiException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The partner push API (documented in {@code /partner/v1/openapi.yaml}). Every call names
 * its partner with the {@code X-Api-Key} header and sees only that partner's records.
 */
@RestController
@RequestMapping("/partner/v1")
public class PartnerApiController {

	static final String API_KEY_HEADER = "X-Api-Key";

	private final PartnerRepository partners;

	private final IngestionService ingestion;

	private final PartnerListings listings;

	private final JobWriter writer;

	private final JsonMapper json;

	private final JobsProperties.Push limits;

	PartnerApiController(PartnerRepository partners, IngestionService ingestion, PartnerListings listings,
			JobWriter writer, JsonMapper json, JobsProperties properties) {
		this.partners = partners;
		this.ingestion = ingestion;
		this.listings = listings;
		this.writer = writer;
		this.json = json;
		this.limits = properties.push();
	}

	@PostMapping("/jobs")
	public Mono<IngestionReport> push(@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey,
			ServerHttpRequest request) {
		return partnerOf(apiKey).flatMap((partnerId) -> {
			String format = format(request.getHeaders().getContentType());
			long declared = request.getHeaders().getContentLength();
			long maxBytes = this.limits.maxBytes().toBytes();
			if (declared > maxBytes) {
				return Mono.error(PushLimits.tooManyBytes(maxBytes));
			}
			return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
				.onErrorMap(DataBufferLimitException.class, (ex) -> PushLimits.tooManyBytes(maxBytes))
				.switchIfEmpty(Mono
					.error(() -> ApiException.badUserInput("The request body is empty", Map.of("field", "body"))))
				.publishOn(Schedulers.boundedElastic())
				// a push cancelled while its joined body waits for the parsing thread:
				// free the buffer
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
				.map((buffer) -> parse(format, buffer))
				.flatMap((records) -> this.ingestion.ingest(partnerId, format, records));
		});
	}

	@DeleteMapping("/jobs/{externalId}")
	public Mono<ResponseEntity<Void>> delete(@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey,
			@PathVariable String externalId) {
		return partnerOf(apiKey).flatMap((partnerId) -> this.writer.remove(partnerId, externalId)
			.map((jobId) -> ResponseEntity.noContent().<Void>build())
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("You have no open listing '" + externalId + "'"))));
	}

	public record ListingPage(List<PartnerListing> listings, boolean hasMore) {
	}

	@GetMapping("/jobs")
	public Mono<ListingPage> changed(@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey,
			@RequestParam(required = false) String updatedSince, @RequestParam(defaultValue = "500") int limit) {
		if (limit < 1 || limit > 1000) {
			return Mono.error(ApiException.badUserInput("limit must be between 1 and 1000", Map.of("field", "limit")));
		}
		OffsetDateTime since;
		try {
			since = updatedSince == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z")
					: OffsetDateTime.parse(updatedSince);
		}
		catch (DateTimeParseException ex) {
			return Mono.error(ApiException.badUserInput(
					"updatedSince must be an ISO-8601 date-time with offset, e.g. " + "2026-01-31T00:00:00Z",
					Map.of("field", "updatedSince")));
		}
		return partnerOf(apiKey).flatMap((partnerId) -> this.listings.changedSince(partnerId, since, limit + 1)
			.collectList()
			.map((rows) -> new ListingPage(rows.size() > limit ? rows.subList(0, limit) : rows, rows.size() > limit)));
	}

	@GetMapping("/ingestions/{id}")
	public Mono<IngestionReport> ingestion(@RequestHeader(name = API_KEY_HEADER, required = false) String apiKey,
			@PathVariable String id) {
		return partnerOf(apiKey).flatMap((partnerId) -> {
			UUID uuid;
			try {
				uuid = UUID.fromString(id);
			}
			catch (IllegalArgumentException ex) {
				return Mono.error(ApiException.notFound("No ingestion '" + id + "'"));
			}
			return this.listings.ingestion(partnerId, uuid)
				.switchIfEmpty(Mono.error(() -> ApiException.notFound("No ingestion '" + id + "'")));
		});
	}

	private Mono<String> partnerOf(String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			return Mono
				.error(ApiException.unauthenticated("Send your partner API key in the " + API_KEY_HEADER + " header"));
		}
		return this.partners.partnerOfKey(apiKey.strip())
			.switchIfEmpty(Mono.error(() -> ApiException.unauthenticated("The API key is unknown or revoked")));
	}

	/** JSON, JSONLD or XML by Content-Type; anything else is refused with 415. */
	static String format(MediaType type) {
		if (type != null) {
			String subtype = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
			if (type.getType().equals("application") && subtype.equals("ld+json")) {
				return "JSONLD";
			}
			if (type.getType().equals("application") && subtype.equals("json")) {
				return "JSON";
			}
			if ((type.getType().equals("application") || type.getType().equals("text")) && subtype.equals("xml")) {
				return "XML";
			}
		}
		throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"Send application/json (our format), application/ld+json (schema.org JobPosting) or application/xml "
						+ "(Indeed-style), not " + type);
	}

	private List<ParsedRecord> parse(String format, DataBuffer buffer) {
		try (InputStream body = buffer.asInputStream(true)) {
			if (format.equals("XML")) {
				List<ParsedRecord> records = new ArrayList<>();
				IndeedXmlFormat.read(body, this.limits.maxRecords(), records::add);
				return records;
			}
			JsonNode root;
			try {
				root = this.json.readTree(body);
			}
			catch (JacksonException ex) {
				throw ApiException.badUserInput("Malformed JSON: " + ex.getOriginalMessage(), Map.of("field", "body"));
			}
			if (root == null || root.isMissingNode()) {
				throw ApiException.badUserInput("The request body is empty", Map.of("field", "body"));
			}
			List<JsonNode> nodes = format.equals("JSONLD") ? JsonLdFormat.records(root) : OurJsonFormat.records(root);
			if (nodes.size() > this.limits.maxRecords()) {
				throw PushLimits.tooManyRecords(this.limits.maxRecords());
			}
			List<ParsedRecord> records = new ArrayList<>(nodes.size());
			for (int i = 0; i < nodes.size(); i++) {
				records.add(format.equals("JSONLD") ? JsonLdFormat.read(i, nodes.get(i))
						: OurJsonFormat.read(i, nodes.get(i)));
			}
			return records;
		}
		catch (java.io.IOException ex) {
			throw ApiException.badUserInput("The request body could not be read", Map.of("field", "body"));
		}
	}

}
