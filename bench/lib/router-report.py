"""The router scenario's report, from its raw data (bench/scenarios/router.sh runs it; run it again on a
run directory to rewrite a report):
  python3 bench/lib/router-report.py RUN_DIR REPORT COMMIT JAVA_OPTS HIVE_VERSION APOLLO_VERSION WARMUP
          DURATION CONNECTIONS THREADS TOKENS JAVA_VERSION NODE_VERSION"""
import datetime, json, os, sys
(run, report, commit, java_opts, hive, apollo, warmup, duration, connections, threads, tokens, java,
 node) = sys.argv[1:14]
rows = [json.loads(line) for line in open(os.path.join(run, 'results.jsonl'))]
labels = {'skillpath': 'our gateway', 'hive': f'Hive Gateway {hive}', 'apollo': f'Apollo Gateway {apollo}'}
cpu = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].split(':', 1)[1].strip()
out = ['# The router as the bottleneck: constant-cost subgraphs, three gateways', '',
       f'`bench/run router` at `{commit}` ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC). '
       f'Machine: {os.cpu_count()} cores, {cpu}; {java}; Node {node}.',
       f'Our gateway and the subgraphs run with the run command\'s JVM options (scripts/jvm-options) `{java_opts}`.', '',
       'Four subgraphs in the shape of The Guild\'s gateway benchmark (bench/subgraphs: accounts, inventory,',
       'products, reviews; each answers a body it has seen from memory) and its query across all four with',
       'nested entities (`bench/queries/constant-cost.graphql`). The gateways serve one supergraph (The Guild\'s',
       'composition library) and are checked to give the same answer; each is started fresh, then per kind of',
       f'load: {warmup} s warm-up and {duration} s measured with `wrk -t{threads} -c{connections}`. *identical*: one body',
       f'for every request; *varied*: the same body with {tokens} distinct `Authorization` headers in turn, passed on',
       'to the subgraphs, so concurrent requests do not share subgraph calls. CPU from /proc. Our gateway runs',
       'with its rate limits and cost limit raised so that they run on every request but never refuse (the',
       'query\'s estimated cost is over the default limit; the other gateways have no such limit).', '']
for kind in ('identical', 'varied'):
    these = [r for r in rows if r['kind'] == kind]
    if not these:
        continue
    hive_rps = next((r['rps'] for r in these if r['gateway'] == 'hive'), None)
    out += [f'**{kind}**', '',
            '| gateway | req/s | vs Hive Gateway | p50 | p99 | subgraph requests per request | gateway CPU per request | subgraphs CPU per request |',
            '|---|---:|---:|---:|---:|---:|---:|---:|']
    for r in these:
        n = max(r['requests'], 1)
        ms = lambda ticks: f"{ticks / r['clk_tck'] * 1000 / n:.2f} ms"
        vs = f"{r['rps'] / hive_rps:.2f}" if hive_rps else '—'
        out.append(f"| {labels[r['gateway']]} | {r['rps']:,.0f} | {vs} | {r['p50_us'] / 1000:.1f} ms | "
                   f"{r['p99_us'] / 1000:.1f} ms | {r['subgraph_calls'] / n:.2f} | {ms(r['gateway_cpu_ticks'])} | "
                   f"{ms(r['subgraphs_cpu_ticks'])} |")
    out.append('')
bad = [f"{r['gateway']} {r['kind']}" for r in rows if r['non_2xx'] or r['socket_errors'] or r['graphql_errors']]
out += ['Failed answers (non-2xx, socket errors or GraphQL errors): ' + (', '.join(bad) if bad else 'none') + '.', '',
        f'Raw data: `{os.path.relpath(run) if run.startswith(os.getcwd()) else run}` (not committed).', '']
open(report, 'w').write('\n'.join(out))
print('\n'.join(out))
