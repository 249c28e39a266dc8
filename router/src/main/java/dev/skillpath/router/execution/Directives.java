package dev.skillpath.router.execution;

import java.util.Map;

import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.VariableReference;

/** {@code @skip} and {@code @include}, evaluated with the request's variables. */
final class Directives {

	private Directives() {
	}

	static boolean included(DirectivesContainer<?> node, Map<String, Object> variables) {
		for (Directive directive : node.getDirectives()) {
			if (directive.getName().equals("skip") && condition(directive, variables)) {
				return false;
			}
			if (directive.getName().equals("include") && !condition(directive, variables)) {
				return false;
			}
		}
		return true;
	}

	private static boolean condition(Directive directive, Map<String, Object> variables) {
		var argument = directive.getArgument("if");
		if (argument == null) {
			return false;
		}
		if (argument.getValue() instanceof BooleanValue b) {
			return b.isValue();
		}
		if (argument.getValue() instanceof VariableReference v) {
			return Boolean.TRUE.equals(variables.get(v.getName()));
		}
		return false;
	}

}
