package dev.skillpath.router.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sharing rules of {@link InFlightDeduplication} that HTTP cannot show: answers that
 * requests may change independently, cancellation, and no answer kept once a call is
 * over. The gateway's tests show the same rules over real HTTP.
 */
class InFlightDeduplicationTest {

	private final HeldCalls calls = new HeldCalls();

	private final AtomicInteger shared = new AtomicInteger();

	private final InFlightDeduplication client = new InFlightDeduplication(this.calls, (subgraph) -> true,
			(subgraph) -> this.shared.incrementAndGet());

	private static final RequestContext ANONYMOUS = new RequestContext(Map.of("traceparent", "00-a-b-01"), false);

	@Test
	void requestsThatShareACallEachGetAnAnswerOfTheirOwn() {
		List<Map<String, Object>> answers = new ArrayList<>();
		ask(ANONYMOUS).subscribe(answers::add);
		// another trace, same request: shared
		ask(new RequestContext(Map.of("traceparent", "00-c-d-01"), false)).subscribe(answers::add);
		assertThat(this.calls.pending).hasSize(1);
		assertThat(this.shared).hasValue(1);

		this.calls.answer(0, Map.of("data", Map.of("skills", List.of(Map.of("id", "java")))));

		assertThat(answers).hasSize(2);
		assertThat(answers.get(0)).isEqualTo(answers.get(1)).isNotSameAs(answers.get(1));
		skills(answers.get(0)).get(0).put("name", "Java");
		assertThat(skills(answers.get(1)).get(0)).doesNotContainKey("name");
		assertThat(this.client.inFlight()).isZero();
	}

	@Test
	void aCallOverIsNotShared() {
		ask(ANONYMOUS).subscribe();
		this.calls.answer(0, Map.of("data", Map.of()));
		ask(ANONYMOUS).subscribe();
		assertThat(this.calls.pending).hasSize(2);
		assertThat(this.shared).hasValue(0);
	}

	@Test
	void theCallGoesOnWhileAnyRequestWaitsAndStopsWhenNoneDoes() {
		List<Map<String, Object>> answers = new ArrayList<>();
		Disposable first = ask(ANONYMOUS).subscribe(answers::add);
		Disposable second = ask(ANONYMOUS).subscribe(answers::add);
		first.dispose();
		assertThat(this.calls.cancelled).hasValue(0);
		second.dispose();
		assertThat(this.calls.cancelled).hasValue(1);
		assertThat(this.client.inFlight()).isZero();

		Disposable third = ask(ANONYMOUS).subscribe(answers::add);
		assertThat(this.calls.pending).as("a new call, not the abandoned one").hasSize(2);
		this.calls.answer(1, Map.of("data", Map.of()));
		assertThat(answers).hasSize(1);
		third.dispose();
	}

	@Test
	void differentHeadersAndUnsharedContextsMakeCallsOfTheirOwn() {
		ask(ANONYMOUS).subscribe();
		ask(new RequestContext(Map.of("authorization", "Bearer ada"), false)).subscribe();
		ask(ANONYMOUS.unshared()).subscribe();
		this.client.execute("content", "http://content/graphql", "mutation { touch }", Map.of(), ANONYMOUS).subscribe();
		this.client.execute("content", "http://content/graphql", "mutation { touch }", Map.of(), ANONYMOUS).subscribe();
		assertThat(this.calls.pending).hasSize(5);
		assertThat(this.shared).hasValue(0);
	}

	@Test
	void aFailedCallFailsEveryWaitingRequest() {
		List<Throwable> errors = new ArrayList<>();
		ask(ANONYMOUS).subscribe((answer) -> {
		}, errors::add);
		ask(ANONYMOUS).subscribe((answer) -> {
		}, errors::add);
		this.calls.pending.get(0).tryEmitError(new SubgraphFailure("HTTP 500"));
		assertThat(errors).hasSize(2).allSatisfy((error) -> assertThat(error).hasMessage("HTTP 500"));
		assertThat(this.client.inFlight()).isZero();
	}

	@Test
	void aCallThatThrowsAsItIsMadeFailsItsRequestsAndLeavesNothingBehind() {
		InFlightDeduplication throwing = new InFlightDeduplication((subgraph, url, document, variables, context) -> {
			throw new IllegalArgumentException("bad subgraph URL");
		}, (subgraph) -> true, (subgraph) -> this.shared.incrementAndGet());
		List<Throwable> errors = new ArrayList<>();
		throwing.execute("content", "not a url", "{ a }", Map.of(), ANONYMOUS).subscribe((answer) -> {
		}, errors::add);
		throwing.execute("content", "not a url", "{ a }", Map.of(), ANONYMOUS).subscribe((answer) -> {
		}, errors::add);
		assertThat(errors).hasSize(2).allSatisfy((error) -> assertThat(error).hasMessage("bad subgraph URL"));
		assertThat(throwing.inFlight()).isZero();
	}

	@Test
	void aSubgraphCanBeLeftOut() {
		InFlightDeduplication some = new InFlightDeduplication(this.calls, (subgraph) -> !subgraph.equals("content"),
				(subgraph) -> this.shared.incrementAndGet());
		some.execute("content", "u", "{ a }", Map.of(), ANONYMOUS).subscribe();
		some.execute("content", "u", "{ a }", Map.of(), ANONYMOUS).subscribe();
		some.execute("jobs", "u", "{ a }", Map.of(), ANONYMOUS).subscribe();
		some.execute("jobs", "u", "{ a }", Map.of(), ANONYMOUS).subscribe();
		assertThat(this.calls.pending).hasSize(3);
		assertThat(this.shared).hasValue(1);
	}

	private Mono<Map<String, Object>> ask(RequestContext context) {
		return this.client
			.execute("content", "http://content/graphql", "query($n: Int) { skills(first: $n) { id } }",
					Map.of("n", 10), context)
			.timeout(Duration.ofSeconds(5));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> skills(Map<String, Object> answer) {
		return (List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("skills");
	}

	/** Calls that wait until the test answers them; answers are mutable JSON trees. */
	private static final class HeldCalls implements SubgraphClient {

		final List<Sinks.One<Map<String, Object>>> pending = new ArrayList<>();

		final AtomicInteger cancelled = new AtomicInteger();

		@Override
		public Mono<Map<String, Object>> execute(String subgraph, String url, String document,
				Map<String, Object> variables, RequestContext context) {
			Sinks.One<Map<String, Object>> sink = Sinks.one();
			this.pending.add(sink);
			return sink.asMono().doOnCancel(this.cancelled::incrementAndGet);
		}

		@SuppressWarnings("unchecked")
		void answer(int call, Map<String, Object> answer) {
			this.pending.get(call).tryEmitValue((Map<String, Object>) PlanExecutor.copy(answer));
		}

	}

}
