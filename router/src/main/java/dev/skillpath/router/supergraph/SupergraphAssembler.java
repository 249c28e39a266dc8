package dev.skillpath.router.supergraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.AstPrinter;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/**
 * Collects types, fields and their subgraph sources (from a join-spec supergraph or from
 * subgraph SDLs) and builds the {@link Supergraph}, including the API schema that clients
 * see.
 */
final class SupergraphAssembler {

	static final Set<String> BUILT_IN_SCALARS = Set.of("String", "Int", "Float", "Boolean", "ID");

	final Map<String, String> subgraphUrls = new LinkedHashMap<>();

	final Map<String, TypeInfo> types = new LinkedHashMap<>();

	/** First definition seen of each field, for its arguments and description. */
	final Map<String, FieldDefinition> fieldDefinitions = new LinkedHashMap<>();

	/** Definitions of enums, input objects and scalars, for the API schema. */
	final Map<String, TypeDefinition<?>> leafDefinitions = new LinkedHashMap<>();

	final Map<String, Description> descriptions = new LinkedHashMap<>();

	String queryType = "Query";

	String mutationType;

	/**
	 * subgraph, object type, interface: the {@code implements} each subgraph declares.
	 */
	private final List<String[]> implementations = new java.util.ArrayList<>();

	void implementsIn(String subgraph, String objectType, String iface) {
		this.implementations.add(new String[] { subgraph, objectType, iface });
	}

	TypeInfo type(String name, TypeInfo.Kind kind) {
		return this.types.computeIfAbsent(name, (n) -> new TypeInfo(n, kind));
	}

	FieldInfo field(TypeInfo type, FieldDefinition definition) {
		this.fieldDefinitions.putIfAbsent(type.name() + "." + definition.getName(), definition);
		return type.fields().computeIfAbsent(definition.getName(), (n) -> new FieldInfo(n, definition.getType()));
	}

	Supergraph build() {
		for (TypeInfo type : this.types.values()) {
			if (type.kind() == TypeInfo.Kind.OBJECT) {
				for (String iface : type.interfaces()) {
					TypeInfo interfaceType = this.types.get(iface);
					if (interfaceType != null) {
						interfaceType.possibleTypes().add(type.name());
					}
				}
			}
		}
		for (String[] implementation : this.implementations) {
			TypeInfo object = this.types.get(implementation[1]);
			TypeInfo iface = this.types.get(implementation[2]);
			if (object != null && object.kind() == TypeInfo.Kind.OBJECT && iface != null) {
				iface.addPossibleTypeIn(implementation[0], object.name());
			}
		}
		for (TypeInfo type : this.types.values()) {
			// a supergraph that does not say which subgraph declares which member: every
			// subgraph of a member may return it
			if (type.isAbstract() && !type.hasPossibleTypesBySubgraph()) {
				for (String member : type.possibleTypes()) {
					TypeInfo object = this.types.get(member);
					if (object != null) {
						object.subgraphs().forEach((subgraph) -> type.addPossibleTypeIn(subgraph, member));
					}
				}
			}
		}
		addInterfaceObjectFields();
		String sdl = apiSdl();
		GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
		return new Supergraph(Map.copyOf(this.subgraphUrls), Map.copyOf(this.types), this.queryType, this.mutationType,
				schema, sdl);
	}

	/**
	 * A field that an {@code @interfaceObject} subgraph adds to an interface is a field
	 * of every implementation too (the API schema requires it), resolved by that subgraph
	 * through the interface's key: the planner fetches it with the interface as the
	 * entity type.
	 */
	private void addInterfaceObjectFields() {
		for (TypeInfo iface : this.types.values()) {
			if (iface.kind() != TypeInfo.Kind.INTERFACE || iface.interfaceObjectIn().isEmpty()) {
				continue;
			}
			for (String implementation : iface.possibleTypes()) {
				TypeInfo type = this.types.get(implementation);
				for (FieldInfo field : iface.fields().values()) {
					FieldInfo declared = type.fields().get(field.name());
					if (declared != null && declared.noOwnSource() && declared.sources().isEmpty()) {
						field.sources().forEach((subgraph, source) -> {
							if (iface.interfaceObjectIn().contains(subgraph)) {
								declared.sources().put(subgraph, source);
							}
						});
						continue;
					}
					if (declared != null) {
						continue;
					}
					FieldInfo copy = new FieldInfo(field.name(), field.type());
					field.sources().forEach((subgraph, source) -> {
						if (iface.interfaceObjectIn().contains(subgraph)) {
							copy.sources().put(subgraph, source);
						}
					});
					if (field.inaccessible()) {
						copy.markInaccessible();
					}
					type.fields().put(field.name(), copy);
					FieldDefinition definition = this.fieldDefinitions.get(iface.name() + "." + field.name());
					if (definition != null) {
						this.fieldDefinitions.putIfAbsent(type.name() + "." + field.name(), definition);
					}
				}
			}
		}
	}

	private String apiSdl() {
		List<graphql.language.Definition> definitions = new ArrayList<>();
		SchemaDefinition.Builder schema = SchemaDefinition.newSchemaDefinition()
			.operationTypeDefinition(new OperationTypeDefinition("query", new TypeName(this.queryType)));
		if (this.mutationType != null && this.types.containsKey(this.mutationType)) {
			schema.operationTypeDefinition(new OperationTypeDefinition("mutation", new TypeName(this.mutationType)));
		}
		definitions.add(schema.build());
		for (TypeInfo type : this.types.values()) {
			if (type.inaccessible()) {
				continue;
			}
			switch (type.kind()) {
				case OBJECT -> definitions.add(ObjectTypeDefinition.newObjectTypeDefinition()
					.name(type.name())
					.description(this.descriptions.get(type.name()))
					.implementz(type.interfaces()
						.stream()
						.filter(this::accessible)
						.map((i) -> (graphql.language.Type) new TypeName(i))
						.toList())
					.fieldDefinitions(apiFields(type))
					.build());
				case INTERFACE -> definitions.add(InterfaceTypeDefinition.newInterfaceTypeDefinition()
					.name(type.name())
					.description(this.descriptions.get(type.name()))
					.definitions(apiFields(type))
					.build());
				case UNION -> definitions.add(UnionTypeDefinition.newUnionTypeDefinition()
					.name(type.name())
					.memberTypes(type.possibleTypes()
						.stream()
						.filter(this::accessible)
						.map((m) -> (graphql.language.Type) new TypeName(m))
						.toList())
					.build());
				default -> {
					TypeDefinition<?> leaf = this.leafDefinitions.get(type.name());
					if (leaf != null && !BUILT_IN_SCALARS.contains(type.name())) {
						definitions.add(cleanLeaf(leaf));
					}
				}
			}
		}
		return AstPrinter.printAst(Document.newDocument().definitions(definitions).build());
	}

	private boolean accessible(String typeName) {
		if (BUILT_IN_SCALARS.contains(typeName)) {
			return true;
		}
		TypeInfo type = this.types.get(typeName);
		return type != null && !type.inaccessible();
	}

	private List<FieldDefinition> apiFields(TypeInfo type) {
		List<FieldDefinition> fields = new ArrayList<>();
		for (FieldInfo field : type.fields().values()) {
			if (field.inaccessible() || !accessible(field.namedType())) {
				continue;
			}
			FieldDefinition original = this.fieldDefinitions.get(type.name() + "." + field.name());
			fields.add(FieldDefinition.newFieldDefinition()
				.name(field.name())
				.type(field.type())
				.description(original == null ? null : original.getDescription())
				.inputValueDefinitions(original == null ? List.of()
						: original.getInputValueDefinitions()
							.stream()
							.filter((arg) -> !hasDirective(arg, "inaccessible"))
							.map((arg) -> arg.transform((b) -> b.directives(keepStandard(arg.getDirectives()))))
							.toList())
				.directives(original == null ? List.of() : keepStandard(original.getDirectives()))
				.build());
		}
		return fields;
	}

	private static TypeDefinition<?> cleanLeaf(TypeDefinition<?> leaf) {
		if (leaf instanceof EnumTypeDefinition e) {
			return e.transform((b) -> b.directives(List.of())
				.enumValueDefinitions(e.getEnumValueDefinitions()
					.stream()
					.filter((v) -> !hasDirective(v, "inaccessible"))
					.map((v) -> v.transform((vb) -> vb.directives(keepStandard(v.getDirectives()))))
					.toList()));
		}
		if (leaf instanceof InputObjectTypeDefinition i) {
			return i.transform((b) -> b.directives(List.of())
				.inputValueDefinitions(i.getInputValueDefinitions()
					.stream()
					.filter((v) -> !hasDirective(v, "inaccessible"))
					.map((v) -> v.transform((vb) -> vb.directives(keepStandard(v.getDirectives()))))
					.toList()));
		}
		if (leaf instanceof ScalarTypeDefinition s) {
			return s.transform((b) -> b.directives(List.of()));
		}
		return leaf;
	}

	private static List<Directive> keepStandard(List<Directive> directives) {
		return directives.stream().filter((d) -> d.getName().equals("deprecated")).toList();
	}

	static boolean hasDirective(DirectivesContainer<?> node, String name) {
		return node.getDirectives()
			.stream()
			.anyMatch((d) -> d.getName().equals(name) || d.getName().endsWith("__" + name));
	}

	/**
	 * The types a registry defines, custom scalars included (the registry keeps them
	 * apart from the other types); type extensions are not among them.
	 */
	static List<TypeDefinition<?>> definitions(TypeDefinitionRegistry registry) {
		List<TypeDefinition<?>> definitions = new ArrayList<>();
		registry.types().values().forEach(definitions::add);
		registry.scalars()
			.values()
			.stream()
			.filter((scalar) -> !BUILT_IN_SCALARS.contains(scalar.getName()))
			.forEach(definitions::add);
		return definitions;
	}

	static String stringArg(Directive directive, String name) {
		Argument argument = directive.getArgument(name);
		if (argument == null || !(argument.getValue() instanceof StringValue value)) {
			return null;
		}
		return value.getValue();
	}

	static Boolean booleanArg(Directive directive, String name) {
		Argument argument = directive.getArgument(name);
		if (argument == null || !(argument.getValue() instanceof BooleanValue value)) {
			return null;
		}
		return value.isValue();
	}

	/** Parses a federation field set such as {@code "id"} or {@code "id org { id }"}. */
	static SelectionSet fieldSet(String fields) {
		if (fields == null || fields.isBlank()) {
			return null;
		}
		Document document = Parser.parse("{" + fields + "}");
		return ((OperationDefinition) document.getDefinitions().get(0)).getSelectionSet();
	}

}
