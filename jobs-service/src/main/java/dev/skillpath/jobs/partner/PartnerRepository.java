package dev.skillpath.jobs.partner;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Partners and the hashes of their keys. */
@Repository
public class PartnerRepository {

	private static final String PARTNER_SELECT = """
			SELECT p.id, p.name, p.created_at,
			  coalesce((SELECT array_agg(k.key_prefix ORDER BY k.created_at) FROM partner_key k
			            WHERE k.partner_id = p.id AND k.revoked_at IS NULL), '{}'::text[]) AS prefixes,
			  (SELECT count(*) FROM job_source s WHERE s.partner_id = p.id AND s.removed_at IS NULL) AS listings
			FROM partner p
			""";

	private final DatabaseClient db;

	public PartnerRepository(DatabaseClient db) {
		this.db = db;
	}

	public Flux<Partner> findAll() {
		return this.db.sql(PARTNER_SELECT + " ORDER BY p.id").map(PartnerRepository::map).all();
	}

	public Mono<Partner> find(String id) {
		return this.db.sql(PARTNER_SELECT + " WHERE p.id = :id").bind("id", id).map(PartnerRepository::map).one();
	}

	/** Inserts the partner; false when the id is taken. */
	public Mono<Boolean> insert(String id, String name, String createdBy) {
		return this.db
			.sql("INSERT INTO partner (id, name, created_by) VALUES (:id, :name, :by) ON CONFLICT (id) DO NOTHING")
			.bind("id", id)
			.bind("name", name)
			.bind("by", createdBy)
			.fetch()
			.rowsUpdated()
			.map((n) -> n > 0);
	}

	public Mono<Void> addKey(String partnerId, String key) {
		return this.db.sql("""
				INSERT INTO partner_key (id, partner_id, key_hash, key_prefix) VALUES (:id, :partner, :hash, :prefix)
				""")
			.bind("id", UUID.randomUUID())
			.bind("partner", partnerId)
			.bind("hash", ApiKeys.hash(key))
			.bind("prefix", ApiKeys.displayPrefix(key))
			.then();
	}

	public Mono<Long> revokeKeys(String partnerId) {
		return this.db
			.sql("UPDATE partner_key SET revoked_at = now() WHERE partner_id = :partner AND revoked_at IS NULL")
			.bind("partner", partnerId)
			.fetch()
			.rowsUpdated();
	}

	/** The partner a key belongs to, if the key is valid. */
	public Mono<String> partnerOfKey(String key) {
		return this.db.sql("SELECT partner_id FROM partner_key WHERE key_hash = :hash AND revoked_at IS NULL")
			.bind("hash", ApiKeys.hash(key))
			.map((row) -> row.get("partner_id", String.class))
			.one();
	}

	private static Partner map(io.r2dbc.spi.Readable row) {
		String[] prefixes = row.get("prefixes", String[].class);
		return new Partner(row.get("id", String.class), row.get("name", String.class),
				row.get("created_at", OffsetDateTime.class).toInstant().toString(),
				prefixes == null ? List.of() : Arrays.asList(prefixes), row.get("listings", Long.class).intValue());
	}

}
