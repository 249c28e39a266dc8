package dev.skillpath.jobs.listing;

import java.util.List;
import java.util.Map;

import dev.skillpath.support.error.ApiException;
import dev.skillpath.support.graphql.Connection;
import dev.skillpath.support.graphql.Cursors;
import dev.skillpath.support.graphql.Edge;
import dev.skillpath.support.graphql.PageInfo;

/**
 * Cursors that carry a position. Lists ranked by relevance or match score have no stable
 * key to seek from, so their cursors hold the offset of the row after which the next page
 * starts.
 */
public final class OffsetCursors {

	private OffsetCursors() {
	}

	/** The offset a page after {@code cursor} starts at (0 without a cursor). */
	public static int offsetAfter(String kind, String cursor) {
		String value = Cursors.decode(kind, cursor);
		if (value == null) {
			return 0;
		}
		try {
			int position = Integer.parseInt(value);
			if (position < 0) {
				throw new NumberFormatException();
			}
			return position + 1;
		}
		catch (NumberFormatException ex) {
			throw ApiException.badUserInput("Not a cursor of this list: '" + cursor + "'", Map.of("field", "after"));
		}
	}

	/**
	 * A connection of {@code rows} (which start at {@code offset}) with edges built by
	 * {@code edge}.
	 */
	public static <T, E> PagedEdges<E> page(String kind, List<T> rows, int offset, int size, int total,
			EdgeFactory<T, E> edge) {
		List<E> edges = new java.util.ArrayList<>();
		for (int i = 0; i < rows.size() && i < size; i++) {
			edges.add(edge.create(Cursors.encode(kind, Integer.toString(offset + i)), rows.get(i)));
		}
		return new PagedEdges<>(edges, offset + edges.size() < total, offset > 0);
	}

	public static <T> Connection<T> connection(String kind, List<T> rows, int offset, int size, int total) {
		PagedEdges<Edge<T>> paged = page(kind, rows, offset, size, total, Edge::new);
		List<Edge<T>> edges = paged.edges();
		return new Connection<>(edges,
				new PageInfo(paged.hasNext(), paged.hasPrevious(), edges.isEmpty() ? null : edges.get(0).cursor(),
						edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
				total);
	}

	public interface EdgeFactory<T, E> {

		E create(String cursor, T node);

	}

	public record PagedEdges<E>(List<E> edges, boolean hasNext, boolean hasPrevious) {
	}

}
