// Regenerates src/test/resources/fixtures/supergraph.graphql from the fixture subgraph SDLs with
// Apollo's own composition library, so the gateway's join-spec loader is tested against what a
// standard composer writes. Not part of the build (it needs Node):
//   cd /tmp/compose && npm install @apollo/composition@2 graphql@16
//   NODE_PATH=/tmp/compose/node_modules node router/src/test/compose/compose-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(process.env.NODE_PATH + '/');
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');

const dir = new URL('../resources/fixtures/', import.meta.url);
const services = ['catalog', 'learners', 'jobs'].map((name) => ({
  name,
  url: `fixture://${name}`,
  typeDefs: parse(readFileSync(new URL(`${name}.graphqls`, dir), 'utf8')),
}));
const result = composeServices(services);
if (result.errors) {
  console.error(result.errors.map((e) => e.message).join('\n'));
  process.exit(1);
}
writeFileSync(new URL('supergraph.graphql', dir),
  '# Composed by @apollo/composition from catalog, learners and jobs; see src/test/compose.\n' + result.supergraphSdl);
console.log('wrote supergraph.graphql');
