package dev.skillpath.router.supergraph;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

/**
 * Reads a supergraph in the Apollo join-spec format (what
 * {@code rover supergraph compose}, {@code @apollo/composition} and The Guild's composer
 * write): {@code join__Graph} names the subgraphs and their URLs; {@code @join__type},
 * {@code @join__field}, {@code @join__implements} and {@code @join__unionMember} say
 * which subgraph resolves what.
 */
public final class JoinSpecLoader {

	private JoinSpecLoader() {
	}

	public static Supergraph load(String supergraphSdl) {
		return load(supergraphSdl, Map.of());
	}

	/**
	 * @param urlOverrides subgraph name to URL, replacing the URLs written in the file
	 */
	public static Supergraph load(String supergraphSdl, Map<String, String> urlOverrides) {
		TypeDefinitionRegistry registry = new SchemaParser().parse(supergraphSdl);
		SupergraphAssembler assembler = new SupergraphAssembler();
		Map<String, String> graphNames = new HashMap<>(); // enum value (CONTENT) ->
															// subgraph name (content)
		EnumTypeDefinition graphEnum = (EnumTypeDefinition) registry.getType("join__Graph")
			.orElseThrow(() -> new CompositionException(List.of("not a join-spec supergraph: no enum join__Graph")));
		for (EnumValueDefinition value : graphEnum.getEnumValueDefinitions()) {
			Directive graph = value.getDirectives("join__graph").stream().findFirst().orElse(null);
			String name = graph == null ? value.getName().toLowerCase(Locale.ROOT)
					: SupergraphAssembler.stringArg(graph, "name");
			String url = graph == null ? null : SupergraphAssembler.stringArg(graph, "url");
			graphNames.put(value.getName(), name);
			assembler.subgraphUrls.put(name, urlOverrides.getOrDefault(name, url == null ? "" : url));
		}
		registry.schemaDefinition().ifPresent((schema) -> readRoots(schema, assembler));
		for (TypeDefinition<?> definition : SupergraphAssembler.definitions(registry)) {
			String name = definition.getName();
			if (name.startsWith("join__") || name.startsWith("link__") || name.startsWith("federation__")) {
				continue;
			}
			if (definition instanceof ObjectTypeDefinition object) {
				readComposite(assembler.type(name, TypeInfo.Kind.OBJECT), object, object.getFieldDefinitions(),
						assembler, graphNames);
			}
			else if (definition instanceof InterfaceTypeDefinition iface) {
				readComposite(assembler.type(name, TypeInfo.Kind.INTERFACE), iface, iface.getFieldDefinitions(),
						assembler, graphNames);
			}
			else if (definition instanceof UnionTypeDefinition union) {
				TypeInfo type = assembler.type(name, TypeInfo.Kind.UNION);
				readTypeDirectives(type, union.getDirectives(), graphNames, assembler);
				union.getMemberTypes().forEach((member) -> type.possibleTypes().add(((TypeName) member).getName()));
			}
			else {
				TypeInfo.Kind kind = definition instanceof EnumTypeDefinition ? TypeInfo.Kind.ENUM
						: definition instanceof InputObjectTypeDefinition ? TypeInfo.Kind.INPUT_OBJECT
								: TypeInfo.Kind.SCALAR;
				TypeInfo type = assembler.type(name, kind);
				readTypeDirectives(type, definition.getDirectives(), graphNames, assembler);
				assembler.leafDefinitions.put(name, definition);
			}
			if (definition.getDirectives().stream().anyMatch((d) -> d.getName().equals("inaccessible"))) {
				assembler.types.get(name).markInaccessible();
			}
		}
		return assembler.build();
	}

	private static void readRoots(SchemaDefinition schema, SupergraphAssembler assembler) {
		for (OperationTypeDefinition operation : schema.getOperationTypeDefinitions()) {
			String type = ((TypeName) operation.getTypeName()).getName();
			if (operation.getName().equals("query")) {
				assembler.queryType = type;
			}
			else if (operation.getName().equals("mutation")) {
				assembler.mutationType = type;
			}
		}
	}

	private static void readComposite(TypeInfo type, ImplementingTypeDefinition<?> definition,
			List<FieldDefinition> fields, SupergraphAssembler assembler, Map<String, String> graphNames) {
		readTypeDirectives(type, definition.getDirectives(), graphNames, assembler);
		if (definition instanceof graphql.language.AbstractDescribedNode<?> described
				&& described.getDescription() != null) {
			assembler.descriptions.put(type.name(), described.getDescription());
		}
		definition.getImplements().forEach((i) -> type.interfaces().add(((TypeName) i).getName()));
		for (FieldDefinition fieldDefinition : fields) {
			FieldInfo field = assembler.field(type, fieldDefinition);
			for (Directive joinField : fieldDefinition.getDirectives("join__field")) {
				if (joinField.getArgument("graph") == null) {
					// no subgraph defines it here: it comes from an @interfaceObject
					field.markNoOwnSource();
					continue;
				}
				String subgraph = graphNames.get(((EnumValue) joinField.getArgument("graph").getValue()).getName());
				boolean external = Boolean.TRUE.equals(SupergraphAssembler.booleanArg(joinField, "external"))
						|| Boolean.TRUE.equals(SupergraphAssembler.booleanArg(joinField, "usedOverridden"));
				field.sources()
					.put(subgraph,
							new FieldSource(subgraph, external,
									SupergraphAssembler.fieldSet(SupergraphAssembler.stringArg(joinField, "requires")),
									SupergraphAssembler.fieldSet(SupergraphAssembler.stringArg(joinField, "provides")),
									SupergraphAssembler.stringArg(joinField, "type")));
			}
			if (fieldDefinition.getDirectives().stream().anyMatch((d) -> d.getName().equals("inaccessible"))) {
				field.markInaccessible();
			}
		}
	}

	private static void readTypeDirectives(TypeInfo type, List<Directive> directives, Map<String, String> graphNames,
			SupergraphAssembler assembler) {
		for (Directive directive : directives) {
			if (directive.getArgument("graph") == null) {
				continue;
			}
			String subgraph = graphNames.get(((EnumValue) directive.getArgument("graph").getValue()).getName());
			switch (directive.getName()) {
				case "join__type" -> {
					type.subgraphs().add(subgraph);
					String key = SupergraphAssembler.stringArg(directive, "key");
					if (key != null) {
						Boolean resolvable = SupergraphAssembler.booleanArg(directive, "resolvable");
						type.addKey(subgraph, new TypeInfo.Key(key, SupergraphAssembler.fieldSet(key),
								resolvable == null || resolvable));
					}
					if (Boolean.TRUE.equals(SupergraphAssembler.booleanArg(directive, "isInterfaceObject"))) {
						type.interfaceObjectIn().add(subgraph);
					}
				}
				case "join__implements" -> {
					if (directive.getArgument("interface").getValue() instanceof StringValue iface) {
						type.interfaces().add(iface.getValue());
						assembler.implementsIn(subgraph, type.name(), iface.getValue());
					}
				}
				case "join__unionMember" -> {
					if (directive.getArgument("member").getValue() instanceof StringValue member) {
						type.possibleTypes().add(member.getValue());
						type.addPossibleTypeIn(subgraph, member.getValue());
					}
				}
				default -> {
				}
			}
		}
	}

}
