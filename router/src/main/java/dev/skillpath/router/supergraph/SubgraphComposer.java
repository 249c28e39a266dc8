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

	private final SupergraphAssembler assembler = new SupergraphAssembler();

	/** What makes the subgraphs unusable, in the order the passes find it. */
	private final List<String> problems = new ArrayList<>();

	/** Type.field -> subgraph -> the field's type there. */
	private final Map<String, Map<String, String>> fieldTypes = new LinkedHashMap<>();

	/** Type.field -> the subgraphs resolving it without {@code @shareable}. */
	private final Map<String, List<String>> nonShareable = new LinkedHashMap<>();

	/** Type.field -> the subgraphs resolving it as {@code @shareable}. */
	private final Map<String, List<String>> shareable = new LinkedHashMap<>();

	/** Type.field@subgraph -> the subgraph whose field it overrides. */
	private final Map<String, String> overrides = new LinkedHashMap<>();

	private SubgraphComposer() {
	}

	public static Supergraph compose(List<SubgraphSchema> subgraphs) {
		SubgraphComposer composer = new SubgraphComposer();
		for (SubgraphSchema subgraph : subgraphs) {
			composer.collect(subgraph);
		}
		// the checks need every subgraph's sources; overrides go first, since an
		// overridden subgraph no longer counts as resolving the field
		composer.applyOverrides();
		composer.checkShareable();
		composer.checkProvides();
		composer.checkFieldTypes();
		composer.checkFieldsAndKeys();
		if (!composer.problems.isEmpty()) {
			throw new CompositionException(composer.problems);
		}
		return composer.assembler.build();
	}

	/** Parses one subgraph and merges its types, fields and their sources. */
	private void collect(SubgraphSchema subgraph) {
		this.assembler.subgraphUrls.put(subgraph.name(), subgraph.url());
		TypeDefinitionRegistry registry = parse(subgraph);
		if (registry == null) {
			return;
		}
		collectMutationType(registry);
		for (TypeDefinition<?> definition : definitions(registry)) {
			collectType(subgraph.name(), definition);
		}
	}

	private TypeDefinitionRegistry parse(SubgraphSchema subgraph) {
		try {
			return new SchemaParser().parse(subgraph.sdl());
		}
		catch (RuntimeException ex) {
			this.problems.add("subgraph " + subgraph.name() + ": its SDL does not parse: "
					+ (ex instanceof InvalidSyntaxException ? ex.getMessage() : ex.toString()));
			return null;
		}
	}

	private void collectMutationType(TypeDefinitionRegistry registry) {
		registry.schemaDefinition().ifPresent((schema) -> {
			for (OperationTypeDefinition op : schema.getOperationTypeDefinitions()) {
				if (op.getName().equals("mutation")) {
					this.assembler.mutationType = ((TypeName) op.getTypeName()).getName();
				}
			}
		});
		if (registry.getType("Mutation").isPresent() && this.assembler.mutationType == null) {
			this.assembler.mutationType = "Mutation";
		}
	}

	/** The subgraph's types and its extensions of types, which add fields to them. */
	private static List<TypeDefinition<?>> definitions(TypeDefinitionRegistry registry) {
		List<TypeDefinition<?>> definitions = SupergraphAssembler.definitions(registry);
		registry.objectTypeExtensions().values().forEach(definitions::addAll);
		registry.interfaceTypeExtensions().values().forEach(definitions::addAll);
		return definitions;
	}

	private void collectType(String subgraph, TypeDefinition<?> definition) {
		String name = definition.getName();
		if (FEDERATION_TYPES.contains(name) || name.startsWith("link__") || name.startsWith("federation__")
				|| name.startsWith("join__")) {
			return;
		}
		// an @interfaceObject is this subgraph's view of an entity interface another
		// subgraph owns
		TypeInfo.Kind kind = has(definition.getDirectives(), "interfaceObject") ? TypeInfo.Kind.INTERFACE
				: kindOf(definition);
		TypeInfo existing = this.assembler.types.get(name);
		if (existing != null && existing.kind() != kind) {
			this.problems.add("subgraph " + subgraph + ": type " + name + " is " + article(kind) + " here but "
					+ article(existing.kind()) + " in subgraph " + String.join(", ", existing.subgraphs()));
			return;
		}
		TypeInfo type = this.assembler.type(name, kind);
		type.subgraphs().add(subgraph);
		if (has(definition.getDirectives(), "inaccessible")) {
			type.markInaccessible();
		}
		if (definition instanceof ImplementingTypeDefinition<?> composite) {
			collectComposite(subgraph, composite, type);
		}
		else if (definition instanceof UnionTypeDefinition union) {
			union.getMemberTypes().forEach((m) -> {
				type.possibleTypes().add(((TypeName) m).getName());
				type.addPossibleTypeIn(subgraph, ((TypeName) m).getName());
			});
		}
		else {
			mergeLeaf(definition);
		}
	}

	/** An object or interface: its description, interfaces, keys and fields. */
	private void collectComposite(String subgraph, ImplementingTypeDefinition<?> composite, TypeInfo type) {
		if (composite instanceof graphql.language.AbstractDescribedNode<?> described
				&& described.getDescription() != null) {
			this.assembler.descriptions.putIfAbsent(type.name(), described.getDescription());
		}
		composite.getImplements().forEach((i) -> {
			type.interfaces().add(((TypeName) i).getName());
			this.assembler.implementsIn(subgraph, type.name(), ((TypeName) i).getName());
		});
		for (Directive key : directives(composite.getDirectives(), "key")) {
			String fields = SupergraphAssembler.stringArg(key, "fields");
			Boolean resolvable = SupergraphAssembler.booleanArg(key, "resolvable");
			type.addKey(subgraph,
					new TypeInfo.Key(fields, SupergraphAssembler.fieldSet(fields), resolvable == null || resolvable));
		}
		if (has(composite.getDirectives(), "interfaceObject")) {
			type.interfaceObjectIn().add(subgraph);
		}
		List<FieldDefinition> fields = composite instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
				: ((InterfaceTypeDefinition) composite).getFieldDefinitions();
		for (FieldDefinition fieldDefinition : fields) {
			if (type.name().equals("Query") && (fieldDefinition.getName().equals("_service")
					|| fieldDefinition.getName().equals("_entities"))) {
				continue;
			}
			collectField(subgraph, composite, type, fieldDefinition);
		}
	}

	/**
	 * One subgraph's source of a field, and what the checks need of it: its type there,
	 * its {@code @override} and whether it resolves the field as {@code @shareable}.
	 */
	private void collectField(String subgraph, ImplementingTypeDefinition<?> composite, TypeInfo type,
			FieldDefinition fieldDefinition) {
		FieldInfo field = this.assembler.field(type, fieldDefinition);
		String coordinate = type.name() + "." + fieldDefinition.getName();
		List<Directive> fieldDirectives = fieldDefinition.getDirectives();
		boolean external = has(composite.getDirectives(), "external") || has(fieldDirectives, "external");
		field.sources()
			.put(subgraph,
					new FieldSource(subgraph, external,
							SupergraphAssembler.fieldSet(arg(fieldDirectives, "requires", "fields")),
							SupergraphAssembler.fieldSet(arg(fieldDirectives, "provides", "fields")),
							AstPrinter.printAst(fieldDefinition.getType())));
		if (has(fieldDirectives, "inaccessible")) {
			field.markInaccessible();
		}
		this.fieldTypes.computeIfAbsent(coordinate, (c) -> new LinkedHashMap<>())
			.put(subgraph, AstPrinter.printAst(fieldDefinition.getType()));
		String overridden = arg(fieldDirectives, "override", "from");
		if (overridden != null) {
			this.overrides.put(coordinate + "@" + subgraph, overridden);
		}
		if (!external) {
			// an interface's fields are resolved by its implementations, so two subgraphs
			// may
			// both declare them (federation does not even allow @shareable there)
			boolean isShareable = has(composite.getDirectives(), "shareable") || has(fieldDirectives, "shareable")
					|| isKeyField(composite, fieldDefinition.getName()) || composite instanceof InterfaceTypeDefinition;
			(isShareable ? this.shareable : this.nonShareable).computeIfAbsent(coordinate, (c) -> new ArrayList<>())
				.add(subgraph);
		}
	}

	/** {@code @override}: the overridden subgraph no longer resolves the field. */
	private void applyOverrides() {
		this.overrides.forEach((at, from) -> {
			String coordinate = at.substring(0, at.indexOf('@'));
			String[] parts = coordinate.split("\\.");
			FieldInfo field = this.assembler.types.get(parts[0]).fields().get(parts[1]);
			FieldSource source = field.sources().get(from);
			if (source != null) {
				field.sources()
					.put(from, new FieldSource(from, true, source.requires(), source.provides(), source.type()));
				List<String> resolvers = this.nonShareable.get(coordinate);
				if (resolvers != null) {
					resolvers.remove(from);
				}
			}
		});
	}

	/** A field resolved by several subgraphs must be {@code @shareable} in each. */
	private void checkShareable() {
		this.nonShareable.forEach((coordinate, resolvers) -> {
			List<String> others = this.shareable.getOrDefault(coordinate, List.of());
			if (!resolvers.isEmpty() && resolvers.size() + others.size() > 1) {
				this.problems.add("field " + coordinate + " is resolved by subgraphs "
						+ String.join(", ", concat(resolvers, others)) + " but is not @shareable in "
						+ String.join(", ", resolvers));
			}
		});
	}

	/**
	 * A field another subgraph {@code @provides} must be @shareable where it is resolved.
	 */
	private void checkProvides() {
		for (TypeInfo type : this.assembler.types.values()) {
			for (FieldInfo field : type.fields().values()) {
				for (FieldSource source : field.sources().values()) {
					TypeInfo provided = this.assembler.types.get(field.namedType());
					if (source.provides() == null || provided == null) {
						continue;
					}
					for (graphql.language.Selection<?> s : source.provides().getSelections()) {
						if (s instanceof graphql.language.Field f) {
							List<String> strict = this.nonShareable.getOrDefault(provided.name() + "." + f.getName(),
									List.of());
							if (!strict.isEmpty()) {
								this.problems
									.add("field " + provided.name() + "." + f.getName() + " is in the @provides of "
											+ type.name() + "." + field.name() + " in subgraph " + source.subgraph()
											+ " but is not @shareable in " + String.join(", ", strict));
							}
						}
					}
				}
			}
		}
	}

	/** A field has one named type everywhere; only its nullability may differ. */
	private void checkFieldTypes() {
		this.fieldTypes.forEach((coordinate, bySubgraph) -> {
			Set<String> named = new java.util.HashSet<>();
			bySubgraph.values().forEach((t) -> named.add(t.replace("!", "")));
			if (named.size() > 1) {
				this.problems.add("field " + coordinate + " has different types: " + bySubgraph);
			}
		});
	}

	/**
	 * Each field's type is known, its {@code @requires} names known fields, some subgraph
	 * resolves it; each {@code @key} names known fields. Type by type, so that the
	 * problems of one type stand together.
	 */
	private void checkFieldsAndKeys() {
		for (TypeInfo type : this.assembler.types.values()) {
			for (FieldInfo field : type.fields().values()) {
				if (!this.assembler.types.containsKey(field.namedType())
						&& !SupergraphAssembler.BUILT_IN_SCALARS.contains(field.namedType())) {
					this.problems.add("field " + type.name() + "." + field.name() + " in subgraph "
							+ String.join(", ", field.sources().keySet()) + " has unknown type " + field.namedType());
				}
				for (FieldSource source : field.sources().values()) {
					checkFieldSet(type, source.requires(), source.subgraph(),
							"@requires of " + type.name() + "." + field.name());
				}
				if (!field.sources().isEmpty() && field.sources().values().stream().allMatch(FieldSource::external)) {
					this.problems.add("field " + type.name() + "." + field.name() + " is @external in every subgraph ("
							+ String.join(", ", field.sources().keySet()) + "): no subgraph resolves it");
				}
			}
			type.keys()
				.forEach((subgraph, keys) -> keys.forEach((key) -> checkFieldSet(type, key.selection(), subgraph,
						"@key(fields: \"" + key.fields() + "\")")));
		}
	}

	private void checkFieldSet(TypeInfo type, graphql.language.SelectionSet selection, String subgraph, String what) {
		if (selection == null) {
			return;
		}
		for (graphql.language.Selection<?> s : selection.getSelections()) {
			if (s instanceof graphql.language.Field f) {
				FieldInfo field = type.fields().get(f.getName());
				if (field == null) {
					this.problems.add("subgraph " + subgraph + ": " + what + " on type " + type.name()
							+ " names unknown field " + f.getName());
				}
				else if (f.getSelectionSet() != null && this.assembler.types.containsKey(field.namedType())) {
					checkFieldSet(this.assembler.types.get(field.namedType()), f.getSelectionSet(), subgraph, what);
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

	private void mergeLeaf(TypeDefinition<?> definition) {
		TypeDefinition<?> existing = this.assembler.leafDefinitions.get(definition.getName());
		if (existing == null) {
			this.assembler.leafDefinitions.put(definition.getName(), definition);
		}
		else if (existing instanceof EnumTypeDefinition e && definition instanceof EnumTypeDefinition other) {
			// an enum is the union of its values across subgraphs
			var values = new ArrayList<>(e.getEnumValueDefinitions());
			other.getEnumValueDefinitions()
				.stream()
				.filter((v) -> values.stream().noneMatch((x) -> x.getName().equals(v.getName())))
				.forEach(values::add);
			this.assembler.leafDefinitions.put(definition.getName(),
					e.transform((b) -> b.enumValueDefinitions(values)));
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
