package dev.skillpath.support.graphql;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay connection built from one page fetched with one row more than asked for, which
 * tells whether a next page exists without a second query.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Integer totalCount) {

	public static <T> Connection<T> of(List<T> rowsPlusOne, int size, boolean hasPrevious, Function<T, String> cursor,
			Integer totalCount) {
		boolean hasNext = rowsPlusOne.size() > size;
		List<T> page = hasNext ? rowsPlusOne.subList(0, size) : rowsPlusOne;
		List<Edge<T>> edges = page.stream().map((node) -> new Edge<>(cursor.apply(node), node)).toList();
		PageInfo info = new PageInfo(hasNext, hasPrevious, edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new Connection<>(edges, info, totalCount);
	}

}
