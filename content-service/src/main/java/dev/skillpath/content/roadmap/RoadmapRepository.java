package dev.skillpath.content.roadmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Reads roadmaps and their stages, a batch of roadmaps per statement. */
@Repository
public class RoadmapRepository {

	private final DatabaseClient db;

	public RoadmapRepository(DatabaseClient db) {
		this.db = db;
	}

	public Flux<Roadmap> findAll() {
		return this.db.sql("SELECT id, title, description FROM roadmap ORDER BY id").map(this::map).all();
	}

	public Flux<Roadmap> findByIds(Collection<String> ids) {
		return this.db.sql("SELECT id, title, description FROM roadmap WHERE id = ANY(:ids::text[])")
			.bind("ids", ids.toArray(String[]::new))
			.map(this::map)
			.all();
	}

	/** Stages of each roadmap, in order, each with its skill ids in order. */
	public Mono<Map<String, List<Stage>>> stagesOf(Collection<String> roadmapIds) {
		return this.db
			.sql("""
					SELECT st.roadmap_id, st.position, st.title,
					  coalesce((SELECT array_agg(ss.skill_id ORDER BY ss.position, ss.skill_id) FROM roadmap_stage_skill ss
					            WHERE ss.roadmap_id = st.roadmap_id AND ss.stage_position = st.position), '{}'::text[]) AS skills
					FROM roadmap_stage st WHERE st.roadmap_id = ANY(:ids::text[])
					ORDER BY st.roadmap_id, st.position
					""")
			.bind("ids", roadmapIds.toArray(String[]::new))
			.map((row) -> new Stage(row.get("roadmap_id", String.class), row.get("position", Integer.class),
					row.get("title", String.class), Arrays.asList(row.get("skills", String[].class))))
			.all()
			.collect(LinkedHashMap::new, (Map<String, List<Stage>> map,
					Stage stage) -> map.computeIfAbsent(stage.roadmapId(), (k) -> new ArrayList<>()).add(stage));
	}

	private Roadmap map(io.r2dbc.spi.Readable row) {
		return new Roadmap(row.get("id", String.class), row.get("title", String.class),
				row.get("description", String.class));
	}

}
