#!/usr/bin/env python3
"""Writes the gateway benchmark's markdown report (and an SVG chart beside it) from one run's raw files.

usage: report.py RUN_DIR REPORT.md
Reads machine.json, startup.jsonl, wrk.jsonl, scenarios.jsonl, rss.jsonl, plan-time.json (JMH's
JSON results of PlanTimeBenchmark) and gateway-*.hot.txt from RUN_DIR. The raw files stay in
RUN_DIR (target/bench/..., ignored by git); only the report and its chart are meant for git.
"""
import json
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCENARIO_TEXT = {
    "direct-skill": ("content-service direct", "single-subgraph `skill(id)`"),
    "gateway-skill": ("our gateway", "single-subgraph `skill(id)`"),
    "direct-skill-1conn": ("content-service direct, one connection", "single-subgraph `skill(id)`"),
    "gateway-skill-1conn": ("our gateway, one connection", "single-subgraph `skill(id)`"),
    "hive-skill": ("Hive Gateway", "single-subgraph `skill(id)`"),
    "gateway-signature": ("our gateway", "signature query (docs/architecture.md), learner token"),
    "hive-signature": ("Hive Gateway", "signature query (docs/architecture.md), learner token"),
    "gateway-roadmap-progress": ("our gateway", "roadmap + myCompletion + 120 × myProgress, learner token"),
    "hive-roadmap-progress": ("Hive Gateway", "roadmap + myCompletion + 120 × myProgress, learner token"),
}


def lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def ms(us):
    return f"{us / 1000:.2f}"


def router_ms(r):
    """CPU milliseconds the router process (our gateway or Hive Gateway) spent per request."""
    name = "gateway" if r["scenario"].startswith("gateway") else "hive-gateway" if r["scenario"].startswith("hive") else None
    ticks = r.get("cpu_ticks", {}).get(name)
    if name is None or ticks is None or not r["requests"]:
        return None
    return 1000 * ticks / r.get("clk_tck", 100) / r["requests"]


def router_cpu(r):
    v = router_ms(r)
    return "—" if v is None else f"{v:.2f} ms"


def chart(rows, path):
    """Two horizontal bar groups: throughput, and p50/p99 latency, one bar per scenario."""
    width, bar, gap, left = 760, 18, 8, 250
    height = 60 + len(rows) * (bar + gap) * 2 + 80
    top_rps = max(r["rps"] for r in rows) or 1
    top_lat = max(r["p99_us"] for r in rows) or 1
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="20" font-size="14" font-weight="bold">Throughput (requests/s, higher is better)</text>']
    y = 35
    for r in rows:
        w = (width - left - 90) * r["rps"] / top_rps
        colour = "#2b6cb0" if r["scenario"].startswith("gateway") else "#718096" if r["scenario"].startswith("direct") else "#dd6b20"
        out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{r["scenario"]}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>')
        out.append(f'<text x="{left + w + 4:.1f}" y="{y + 13}">{r["rps"]:.0f}</text>')
        y += bar + gap
    y += 25
    out.append(f'<text x="10" y="{y}" font-size="14" font-weight="bold">Latency (ms; p50 dark, p99 light; lower is better)</text>')
    y += 15
    for r in rows:
        w99 = (width - left - 90) * r["p99_us"] / top_lat
        w50 = (width - left - 90) * r["p50_us"] / top_lat
        out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{r["scenario"]}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w99:.1f}" height="{bar}" fill="#bee3f8"/>')
        out.append(f'<rect x="{left}" y="{y}" width="{w50:.1f}" height="{bar}" fill="#2c5282"/>')
        out.append(f'<text x="{left + w99 + 4:.1f}" y="{y + 13}">{ms(r["p50_us"])} / {ms(r["p99_us"])}</text>')
        y += bar + gap
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    run, report = sys.argv[1], sys.argv[2]
    machine = json.load(open(os.path.join(run, "machine.json")))
    wrk = {r["scenario"]: r for r in lines(os.path.join(run, "wrk.jsonl"))}
    scen = {r["scenario"]: r for r in lines(os.path.join(run, "scenarios.jsonl"))}
    rss = lines(os.path.join(run, "rss.jsonl"))
    startup = lines(os.path.join(run, "startup.jsonl"))
    plan_file = os.path.join(run, "plan-time.json")
    try:
        plans = json.load(open(plan_file)) if os.path.exists(plan_file) else []
    except ValueError:  # an interrupted JMH run: the report goes without plan time
        plans = []
    hive_version = open(os.path.join(run, "hive-version")).read().strip() if os.path.exists(os.path.join(run, "hive-version")) else "not run"
    base = os.path.splitext(report)[0]
    run_path = os.path.relpath(os.path.abspath(run), REPO)
    if run_path.startswith(".."):
        run_path = os.path.abspath(run)

    rows = [dict(wrk[s], **scen.get(s, {})) for s in wrk]
    chart(rows, base + ".svg")
    out = []
    w = out.append
    w(f"# Gateway benchmark, {machine['started'][:4]}-{machine['started'][4:6]}-{machine['started'][6:8]}\n")
    w(f"Commit `{machine['commit']}`, run `{machine['started']}`. Written by `bench/run gateway`; the raw data "
      f"went to `{run_path}/` on the machine that ran it and is not kept in git. "
      "Earlier runs and what changed between them: [the benchmark index](README.md). "
      "**The figures are indicative**: a 2-core machine shared "
      "with other engineers' builds and tests while it ran (load averages below), and wrk, every service "
      "and the gateways all on the same two cores.\n")
    w("## Machine\n")
    w("| | |\n|---|---|")
    w(f"| CPU | {machine['nproc']} × {machine['cpu']} |")
    w(f"| memory | {machine['mem_total_mb']} MB |")
    w(f"| kernel | {machine['kernel']} |")
    w(f"| Java | {machine['java'].splitlines()[0]} ({machine['java'].splitlines()[-1].strip()}) |")
    w(f"| JVM options (as `run-suite`) | `{machine['java_opts']}` |")
    w(f"| load average at start | {machine['load_at_start']} |")
    w(f"| load generator | {machine['wrk']}; {machine['threads']} thread, {machine['connections']} connections, "
      f"{machine['warmup_s']} s warm-up then {machine['duration_s']} s measured per scenario"
      + (f"; before the scenarios, {machine['soak_s']} s of the three queries mixed through each gateway (JIT warm-up)"
         if machine.get('soak_s') else "") + " |")
    w(f"| Hive Gateway | `@graphql-hive/gateway` {hive_version} on Node {machine['node']}, default settings (1 worker), "
      "supergraph composed by `@theguild/federation-composition` from the same subgraphs |")
    w(f"| data | fresh embedded PostgreSQL per service; 20 learners with 16 to 35 of the 120 roadmap skills done; {machine['jobs_seeded']} listings from one partner |")
    w(f"| jars | {machine.get('jars', '?')} (the modules' `target/*-exec.jar`, copied before the run; HEAD was `{machine['commit']}`) |")
    w("")
    w("## Command\n")
    w(f"```bash\nBASE_PORT={machine.get('base_port', 18080)} " + (f"SOAK={machine['soak_s']} " if machine.get('soak_s') else "")
      + f"WARMUP={machine['warmup_s']} DURATION={machine['duration_s']} "
      f"CONNECTIONS={machine['connections']} bench/run gateway\n```\n")
    b = machine.get("base_port", 18080)
    w(f"Each service runs from its exec jar on the bench ports (gateway {b}, content {b + 1}, progress {b + 2}, "
      f"jobs {b + 3}, Hive Gateway {b + 4}) with its own data directory under `/tmp/skillpath-bench/data`. "
      f"Load: `wrk -t{machine['threads']} -c{machine['connections']} -d{machine['duration_s']}s --timeout 10s --latency "
      "-s bench/lib/graphql-post.lua http://127.0.0.1:<port>/graphql`, after a warm-up of the same load. The Lua "
      "script cycles through request bodies and tokens so that concurrent requests differ as real traffic does: "
      "the skill query runs with 100 different `$id` values, the learner queries with 20 learners' tokens (Hive "
      "Gateway merges identical in-flight subgraph requests, so one repeated body would mostly measure that). "
      f"Gateway arguments: `{machine.get('gateway_args', '')}` (the rate limiter still runs on every request but "
      "does not refuse the load).\n")
    w("## Throughput and latency\n")
    w("![throughput and latency](" + os.path.basename(base) + ".svg)\n")
    w("| scenario | target | query | req/s | p50 ms | p90 ms | p99 ms | subgraph requests per request | "
      "router CPU per request | CPU per request, all processes | CPU by process (% of one core) | load avg before → after |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        target, what = SCENARIO_TEXT.get(r["scenario"], (str(r.get("port")), r.get("query", "")))
        secs = r["duration_us"] / 1e6
        ticks = r.get("cpu_ticks", {})
        tck = r.get("clk_tck", 100)
        cpu_total = sum(ticks.values()) / tck
        by_proc = ", ".join(f"{k.replace('-service', '')} {100 * v / tck / secs:.0f}%"
                            for k, v in sorted(ticks.items(), key=lambda kv: -kv[1]) if v > 0)
        sub = r.get("subgraph_requests", {})
        per_req = sum(sub.values()) / r["requests"] if r["requests"] else 0
        reported = r.get("gateway_subgraph_calls")
        sequential = r.get("sequential_subgraph_calls")
        calls = (f"{sequential:g} one at a time; " if sequential is not None else "") + f"{per_req:.2f} under load" \
            + (f" (gateway reports {reported})" if reported is not None else "")
        errors = "" if r["non_2xx"] + r["socket_errors"] == 0 else f" ⚠ {r['non_2xx']} non-2xx, {r['socket_errors']} socket errors"
        if r.get("graphql_errors"):
            errors += f" ⚠ {r['graphql_errors']} answers ({100 * r['graphql_errors'] / max(1, r['requests']):.0f}%) with GraphQL errors"
        w(f"| {r['scenario']}{errors} | {target} | {what} | {r['rps']:.0f} | {ms(r['p50_us'])} | {ms(r['p90_us'])} | "
          f"{ms(r['p99_us'])} | {calls} | {router_cpu(r)} | {1000 * cpu_total / r['requests']:.2f} ms | {by_proc} | "
          f"{r.get('load_before', '?')} → {r.get('load_after', '?')} |")
    w("")
    w("Subgraph requests per request are counted by the subgraphs themselves (`http_server_requests_seconds_count"
      "{uri=\"/graphql\"}`), so they are comparable between our gateway and Hive Gateway: *one at a time* over five "
      "requests sent one after the other before the load (exact), *under load* over the measured window divided by "
      "the requests wrk completed (requests still in flight when wrk stops make it read a little high). "
      "*Router CPU per request* is the CPU time of the gateway process alone (ours or Hive Gateway) divided by the "
      "requests completed: the figure least disturbed by the machine's load, though still inflated by JIT "
      "compilation in a JVM that has seen few requests. CPU is utime + stime from `/proc/<pid>/stat` over the "
      "measured window (wrk's own CPU is not counted).\n")

    w("## Goals\n")
    w("The goals are those of the [benchmark index](README.md#goals); a *load-independent view* is no goal "
      "but the same comparison in CPU per request, which the machine's load disturbs least.\n")
    w("| goal | measured | verdict |\n|---|---|---|")

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    d, g = wrk.get("direct-skill"), wrk.get("gateway-skill")
    if d and g:
        share = g["rps"] / d["rps"]
        added = (g["p50_us"] - d["p50_us"]) / 1000
        # through the gateway cannot beat direct on the same subgraph: if it does, the load moved under us
        odd = " (inconclusive: the gateway cannot beat direct, the machine's load changed between the runs)" if share > 1 else ""
        w(f"| gateway ≥ 70% of direct throughput | {g['rps']:.0f} / {d['rps']:.0f} req/s = {100 * share:.0f}% | {verdict(share >= 0.7)}{odd} |")
        w(f"| < 1 ms added at p50 (under load: includes queueing) | {ms(g['p50_us'])} − {ms(d['p50_us'])} = {added:.2f} ms | {verdict(added < 1)}{odd} |")
    d1, g1 = wrk.get("direct-skill-1conn"), wrk.get("gateway-skill-1conn")
    if d1 and g1:
        added1 = (g1["p50_us"] - d1["p50_us"]) / 1000
        w(f"| < 1 ms added at p50, one connection (no queueing) | {ms(g1['p50_us'])} − {ms(d1['p50_us'])} = {added1:.2f} ms | {verdict(added1 < 1)} |")
        dc, gc = scen.get("direct-skill", {}).get("cpu_ticks", {}), scen.get("gateway-skill", {}).get("cpu_ticks", {})
        if dc and gc:
            tck = scen["direct-skill"].get("clk_tck", 100)
            direct_ms = 1000 * dc.get("content-service", 0) / tck / d["requests"]
            via = 1000 * (gc.get("content-service", 0) + gc.get("gateway", 0)) / tck / g["requests"]
            w(f"| (load-independent view) CPU per request, direct vs through the gateway | content {direct_ms:.2f} ms direct; "
              f"content + gateway {via:.2f} ms: CPU-bound, the gateway path would give {100 * direct_ms / via:.0f}% of direct | "
              f"{'at least 70%' if direct_ms / via >= 0.7 else 'under 70%'} |")
    for q in ("signature", "roadmap-progress", "skill"):
        ours, hive = wrk.get(f"gateway-{q}"), wrk.get(f"hive-{q}")
        if ours and hive:
            ratio = ours["rps"] / hive["rps"]
            w(f"| ≥ 5 × Hive Gateway throughput, `{q}` | {ours['rps']:.0f} / {hive['rps']:.0f} req/s = {ratio:.1f} × | {verdict(ratio >= 5)} |")
            w(f"| lower p99 than Hive Gateway, `{q}` | {ms(ours['p99_us'])} vs {ms(hive['p99_us'])} ms | {verdict(ours['p99_us'] < hive['p99_us'])} |")
            a, b = router_ms(dict(ours, **scen.get(f"gateway-{q}", {}))), router_ms(dict(hive, **scen.get(f"hive-{q}", {})))
            if a and b:
                w(f"| (load-independent view) router CPU per request, `{q}` | ours {a:.2f} ms, Hive Gateway {b:.2f} ms: "
                  f"Hive Gateway / ours = {b / a:.2f} | {'at least 5 ×' if b / a >= 5 else 'under 5 ×'} |")
    for s in startup:
        w(f"| start-up ≤ 20 s ({s['kind']}) | {s['seconds']} s (load average after: {s['load']}) | {verdict(float(s['seconds']) <= 20)} |")
    for r in rss:
        if r["service"] != "hive-gateway":
            w(f"| RSS ≤ 300 MB after the signature query: {r['service']} | {r['rss_mb']} MB | {verdict(r['rss_mb'] <= 300)} |")
    w("")

    w("## Start-up and footprint\n")
    w("| start | seconds from launch to all healthy | load average after |\n|---|---:|---|")
    for s in startup:
        kind = ("fresh data directories (first run: initdb, migrations, roadmap import)" if s["kind"] == "fresh"
                else "restart on the seeded data directories")
        w(f"| {kind} | {s['seconds']} | {s['load']} |")
    w("\nAs `run-suite` does: all four services at once; the gateway retries composition every second and is ready once it has a supergraph.\n")
    w("| process | RSS after the signature-query scenario |\n|---|---:|")
    for r in sorted(rss, key=lambda r: r["service"]):
        w(f"| {r['service']} | {r['rss_mb']} MB |")
    w("")

    if plans:
        first = plans[0]
        w("## Plan time\n")
        w("From JMH, once the suite had stopped: `PlanTimeBenchmark` (bench/jmh) over the three subgraph schemas as "
          "the services ship them, in its own JVM with the run command's heap and collector. *New document* is "
          "`Router.prepareUncached` (parse, validate, plan, limits: what a document the gateway has not seen "
          "costs), *cached plan* is `Router.prepare` once the plan is cached (the Caffeine lookup keyed by "
          "document and operation name); averages with JMH's 99.9 % confidence interval "
          f"({first.get('forks', '?')} fork, {first.get('warmupIterations', '?')} × {first.get('warmupTime', '?')} warm-up, "
          f"{first.get('measurementIterations', '?')} × {first.get('measurementTime', '?')} measured).\n")
        scores = {}
        for p in plans:
            what = p["benchmark"].rsplit(".", 1)[-1]
            scores[(p.get("params", {}).get("query", "?"), what)] = p["primaryMetric"]

        def score(metric, unit):
            """A JMH average time as 'value ± error' in µs or ns, whatever unit JMH reported it in."""
            if metric is None:
                return "—"
            in_us = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}.get(metric.get("scoreUnit"), math.nan)
            scale = in_us * (1000 if unit == "ns" else 1)
            value = float(metric["score"]) * scale
            try:
                error = float(metric["scoreError"]) * scale
            except (TypeError, ValueError):
                error = math.nan
            return f"{value:.1f}" + ("" if math.isnan(error) else f" ± {error:.1f}") + f" {unit}"

        w("| query | new document | cached plan |\n|---|---:|---:|")
        for query in dict.fromkeys(q for q, _ in scores):
            w(f"| `{query}` | {score(scores.get((query, 'cold')), 'µs')} | {score(scores.get((query, 'cached')), 'ns')} |")
        w("")

    hot = sorted(f for f in os.listdir(run) if f.endswith(".hot.txt"))
    if hot:
        w("## Profiles\n")
        w("JFR (`settings=profile`) on the gateway during a separate pass of the same load after the measured "
          "runs; summarised by `bench/lib/hot-frames.py`. Shares are of Java execution samples in the gateway JVM.\n")
        for f in hot:
            w(f"### {f.replace('.hot.txt', '')}\n")
            text = open(os.path.join(run, f)).read().replace("## ", "#### ")
            w(text)
    with open(report, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
