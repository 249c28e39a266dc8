package dev.skillpath.router.supergraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

/**
 * Composes Federation v2 subgraph schemas (their {@code _service { sdl }}) into a
 * {@link Supergraph}. It checks what makes a supergraph unusable and names the subgraph,
 * the type and the field in each problem: a type that is an object in one subgraph and an
 * interface in another, a field with different types, a field resolved by several
 * subgraphs without {@code @shareable}, and {@code @requires}/{@code @key} field sets
 * naming unknown fields.
 */
public final class SubgraphComposer {

	/** One subgraph: its name, URL and SDL. */
	public record SubgraphSchema(String name, String url, String sdl) {
	}

	private static final Set<String> FEDERATION_TYPES = Set.of("_Service", "_Any", "_Entity", "FieldSet", "_FieldSet",
			"Policy", "Scope");

	private SubgraphComposer() {
	}

	public static Supergraph compose(List<SubgraphSchema> subgraphs) {
		SupergraphAssembler assembler = new SupergraphAssembler();
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, String>> fieldTypes = new LinkedHashMap<>(); // Type.field
																				// ->
																				// subgraph
																				// -> type
		Map<String, List<String>> nonShareable = new LinkedHashMap<>(); // Type.field ->
																		// subgraphs
																		// resolving
																		// without
																		// @shareable
		Map<String, List<String>> shareable = new LinkedHashMap<>();
		Map<String, String> overrides = new LinkedHashMap<>(); // Type.field@subgraph ->
																// overridden subgraph
		for (SubgraphSchema subgraph : subgraphs) {
			assembler.subgraphUrls.put(subgraph.name(), subgraph.url());
			TypeDefinitionRegistry registry;
			try {
				registry = new SchemaParser().parse(subgraph.sdl());
			}
			catch (RuntimeException ex) {
				problems.add("subgraph " + subgraph.name() + ": its SDL does not parse: "
						+ (ex instanceof InvalidSyntaxException ? ex.getMessage() : ex.toString()));
				continue;
			}
			registry.schemaDefinition().ifPresent((schema) -> {
				for (OperationTypeDefinition op : schema.getOperationTypeDefinitions()) {
					if (op.getName().equals("mutation")) {
						assembler.mutationType = ((TypeName) op.getTypeName()).getName();
					}
				}
			});
			if (registry.getType("Mutation").isPresent() && assembler.mutationType == null) {
				assembler.mutationType = "Mutation";
			}
			List<TypeDefinition<?>> definitions = new ArrayList<>();
			registry.types().values().forEach(definitions::add);
			// custom scalars live apart from the other types in the registry
			registry.scalars()
				.values()
				.stream()
				.filter((scalar) -> !SupergraphAssembler.BUILT_IN_SCALARS.contains(scalar.getName()))
				.forEach(definitions::add);
			registry.objectTypeExtensions().values().forEach(definitions::addAll);
			registry.interfaceTypeExtensions().values().forEach(definitions::addAll);
			for (TypeDefinition<?> definition : definitions) {
				String name = definition.getName();
				if (FEDERATION_TYPES.contains(name) || name.startsWith("link__") || name.startsWith("federation__")
						|| name.startsWith("join__")) {
					continue;
				}
				// an @interfaceObject is this subgraph's view of an entity interface
				// another subgraph owns
				TypeInfo.Kind kind = has(definition.getDirectives(), "interfaceObject") ? TypeInfo.Kind.INTERFACE
						: kindOf(definition);
				TypeInfo existing = assembler.types.get(name);
				if (existing != null && existing.kind() != kind) {
					problems
						.add("subgraph " + subgraph.name() + ": type " + name + " is " + article(kind) + " here but "
								+ article(existing.kind()) + " in subgraph " + String.join(", ", existing.subgraphs()));
					continue;
				}
				TypeInfo type = assembler.type(name, kind);
				type.subgraphs().add(subgraph.name());
				if (has(definition.getDirectives(), "inaccessible")) {
					type.markInaccessible();
				}
				if (definition instanceof ImplementingTypeDefinition<?> composite) {
					if (composite instanceof graphql.language.AbstractDescribedNode<?> described
							&& described.getDescription() != null) {
						assembler.descriptions.putIfAbsent(name, described.getDescription());
					}
					composite.getImplements().forEach((i) -> type.interfaces().add(((TypeName) i).getName()));
					boolean typeShareable = has(definition.getDirectives(), "shareable");
					boolean typeExternal = has(definition.getDirectives(), "external");
					for (Directive key : directives(definition.getDirectives(), "key")) {
						String fields = SupergraphAssembler.stringArg(key, "fields");
						Boolean resolvable = SupergraphAssembler.booleanArg(key, "resolvable");
						type.addKey(subgraph.name(), new TypeInfo.Key(fields, SupergraphAssembler.fieldSet(fields),
								resolvable == null || resolvable));
					}
					if (has(definition.getDirectives(), "interfaceObject")) {
						type.interfaceObjectIn().add(subgraph.name());
					}
					List<FieldDefinition> fields = composite instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
							: ((InterfaceTypeDefinition) composite).getFieldDefinitions();
					for (FieldDefinition fieldDefinition : fields) {
						if (name.equals("Query") && (fieldDefinition.getName().equals("_service")
								|| fieldDefinition.getName().equals("_entities"))) {
							continue;
						}
						FieldInfo field = assembler.field(type, fieldDefinition);
						String coordinate = name + "." + fieldDefinition.getName();
						List<Directive> fieldDirectives = fieldDefinition.getDirectives();
						boolean external = typeExternal || has(fieldDirectives, "external");
						field.sources()
							.put(subgraph.name(),
									new FieldSource(subgraph.name(), external,
											SupergraphAssembler.fieldSet(arg(fieldDirectives, "requires", "fields")),
											SupergraphAssembler.fieldSet(arg(fieldDirectives, "provides", "fields"))));
						if (has(fieldDirectives, "inaccessible")) {
							field.markInaccessible();
						}
						fieldTypes.computeIfAbsent(coordinate, (c) -> new LinkedHashMap<>())
							.put(subgraph.name(), AstPrinter.printAst(fieldDefinition.getType()));
						String overridden = arg(fieldDirectives, "override", "from");
						if (overridden != null) {
							overrides.put(coordinate + "@" + subgraph.name(), overridden);
						}
						if (!external) {
							boolean isShareable = typeShareable || has(fieldDirectives, "shareable")
									|| isKeyField(definition, fieldDefinition.getName());
							(isShareable ? shareable : nonShareable)
								.computeIfAbsent(coordinate, (c) -> new ArrayList<>())
								.add(subgraph.name());
						}
					}
				}
				else if (definition instanceof UnionTypeDefinition union) {
					union.getMemberTypes().forEach((m) -> type.possibleTypes().add(((TypeName) m).getName()));
				}
				else {
					mergeLeaf(assembler, definition);
				}
			}
		}
		// @override: the overridden subgraph no longer resolves the field
		overrides.forEach((at, from) -> {
			String coordinate = at.substring(0, at.indexOf('@'));
			String[] parts = coordinate.split("\\.");
			FieldInfo field = assembler.types.get(parts[0]).fields().get(parts[1]);
			FieldSource source = field.sources().get(from);
			if (source != null) {
				field.sources().put(from, new FieldSource(from, true, source.requires(), source.provides()));
				List<String> resolvers = nonShareable.get(coordinate);
				if (resolvers != null) {
					resolvers.remove(from);
				}
			}
		});
		nonShareable.forEach((coordinate, resolvers) -> {
			int others = shareable.getOrDefault(coordinate, List.of()).size();
			if (!resolvers.isEmpty() && resolvers.size() + others > 1) {
				problems.add("field " + coordinate + " is resolved by subgraphs "
						+ String.join(", ", concat(resolvers, shareable.getOrDefault(coordinate, List.of())))
						+ " but is not @shareable in " + String.join(", ", resolvers));
			}
		});
		// a field another subgraph @provides must be @shareable where it is resolved
		for (TypeInfo type : assembler.types.values()) {
			for (FieldInfo field : type.fields().values()) {
				for (FieldSource source : field.sources().values()) {
					TypeInfo provided = assembler.types.get(field.namedType());
					if (source.provides() == null || provided == null) {
						continue;
					}
					for (graphql.language.Selection<?> s : source.provides().getSelections()) {
						if (s instanceof graphql.language.Field f) {
							List<String> strict = nonShareable.getOrDefault(provided.name() + "." + f.getName(),
									List.of());
							if (!strict.isEmpty()) {
								problems.add("field " + provided.name() + "." + f.getName() + " is in the @provides of "
										+ type.name() + "." + field.name() + " in subgraph " + source.subgraph()
										+ " but is not @shareable in " + String.join(", ", strict));
							}
						}
					}
				}
			}
		}
		fieldTypes.forEach((coordinate, bySubgraph) -> {
			Set<String> named = new java.util.HashSet<>();
			bySubgraph.values().forEach((t) -> named.add(t.replace("!", "")));
			if (named.size() > 1) {
				problems.add("field " + coordinate + " has different types: " + bySubgraph);
			}
		});
		for (TypeInfo type : assembler.types.values()) {
			for (FieldInfo field : type.fields().values()) {
				if (!assembler.types.containsKey(field.namedType())
						&& !SupergraphAssembler.BUILT_IN_SCALARS.contains(field.namedType())) {
					problems.add("field " + type.name() + "." + field.name() + " in subgraph "
							+ String.join(", ", field.sources().keySet()) + " has unknown type " + field.namedType());
				}
				for (FieldSource source : field.sources().values()) {
					checkFieldSet(problems, assembler, type, source.requires(), source.subgraph(),
							"@requires of " + type.name() + "." + field.name());
				}
				if (!field.sources().isEmpty() && field.sources().values().stream().allMatch(FieldSource::external)) {
					problems.add("field " + type.name() + "." + field.name() + " is @external in every subgraph ("
							+ String.join(", ", field.sources().keySet()) + "): no subgraph resolves it");
				}
			}
			type.keys()
				.forEach((subgraph, keys) -> keys.forEach((key) -> checkFieldSet(problems, assembler, type,
						key.selection(), subgraph, "@key(fields: \"" + key.fields() + "\")")));
		}
		if (!problems.isEmpty()) {
			throw new CompositionException(problems);
		}
		return assembler.build();
	}

	private static void checkFieldSet(List<String> problems, SupergraphAssembler assembler, TypeInfo type,
			graphql.language.SelectionSet selection, String subgraph, String what) {
		if (selection == null) {
			return;
		}
		for (graphql.language.Selection<?> s : selection.getSelections()) {
			if (s instanceof graphql.language.Field f) {
				FieldInfo field = type.fields().get(f.getName());
				if (field == null) {
					problems.add("subgraph " + subgraph + ": " + what + " on type " + type.name()
							+ " names unknown field " + f.getName());
				}
				else if (f.getSelectionSet() != null && assembler.types.containsKey(field.namedType())) {
					checkFieldSet(problems, assembler, assembler.types.get(field.namedType()), f.getSelectionSet(),
							subgraph, what);
				}
			}
		}
	}

	private static boolean isKeyField(TypeDefinition<?> definition, String field) {
		for (Directive key : directives(definition.getDirectives(), "key")) {
			var selection = SupergraphAssembler.fieldSet(SupergraphAssembler.stringArg(key, "fields"));
			if (selection != null && selection.getSelections()
				.stream()
				.anyMatch((s) -> s instanceof graphql.language.Field f && f.getName().equals(field))) {
				return true;
			}
		}
		return false;
	}

	private static void mergeLeaf(SupergraphAssembler assembler, TypeDefinition<?> definition) {
		TypeDefinition<?> existing = assembler.leafDefinitions.get(definition.getName());
		if (existing == null) {
			assembler.leafDefinitions.put(definition.getName(), definition);
		}
		else if (existing instanceof EnumTypeDefinition e && definition instanceof EnumTypeDefinition other) {
			// an enum is the union of its values across subgraphs
			var values = new ArrayList<>(e.getEnumValueDefinitions());
			other.getEnumValueDefinitions()
				.stream()
				.filter((v) -> values.stream().noneMatch((x) -> x.getName().equals(v.getName())))
				.forEach(values::add);
			assembler.leafDefinitions.put(definition.getName(), e.transform((b) -> b.enumValueDefinitions(values)));
		}
	}

	private static TypeInfo.Kind kindOf(TypeDefinition<?> definition) {
		if (definition instanceof ObjectTypeDefinition) {
			return TypeInfo.Kind.OBJECT;
		}
		if (definition instanceof InterfaceTypeDefinition) {
			return TypeInfo.Kind.INTERFACE;
		}
		if (definition instanceof UnionTypeDefinition) {
			return TypeInfo.Kind.UNION;
		}
		if (definition instanceof EnumTypeDefinition) {
			return TypeInfo.Kind.ENUM;
		}
		if (definition instanceof InputObjectTypeDefinition) {
			return TypeInfo.Kind.INPUT_OBJECT;
		}
		if (definition instanceof ScalarTypeDefinition) {
			return TypeInfo.Kind.SCALAR;
		}
		throw new IllegalArgumentException("unsupported definition " + definition);
	}

	private static String article(TypeInfo.Kind kind) {
		String word = kind.name().toLowerCase().replace('_', ' ');
		return (word.startsWith("o") || word.startsWith("i") || word.startsWith("e") || word.startsWith("u") ? "an "
				: "a ") + word;
	}

	private static boolean has(List<Directive> directives, String name) {
		return !directives(directives, name).isEmpty();
	}

	private static List<Directive> directives(List<Directive> directives, String name) {
		return directives.stream()
			.filter((d) -> d.getName().equals(name) || d.getName().equals("federation__" + name))
			.toList();
	}

	private static String arg(List<Directive> directives, String directive, String argument) {
		return directives(directives, directive).stream()
			.map((d) -> SupergraphAssembler.stringArg(d, argument))
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
