// Composes a Federation v2 supergraph for Hive Gateway from the subgraphs' own `_service { sdl }`,
// with The Guild's composition library (the one Hive itself uses). Run from a directory whose
// node_modules has @theguild/federation-composition and graphql (the bench script copies it there).
//   node compose-supergraph.mjs OUT_FILE name=url [name=url ...]
import { writeFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';

const [out, ...subgraphs] = process.argv.slice(2);
const services = [];
for (const spec of subgraphs) {
  const [name, url] = spec.split('=');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = await response.json();
  if (!body.data?._service?.sdl) throw new Error(`${name}: no SDL from ${url}: ${JSON.stringify(body)}`);
  services.push({ name, url, typeDefs: parse(body.data._service.sdl) });
}
const result = composeServices(services);
if (result.errors?.length) {
  console.error(result.errors.map((e) => e.message).join('\n'));
  process.exit(1);
}
writeFileSync(out, result.supergraphSdl);
console.log(`composed ${services.map((s) => s.name).join(', ')} into ${out}`);
