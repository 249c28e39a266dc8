"""The warm-up scenario's report, from its raw data (bench/scenarios/warmup.sh runs it; run it again
on a run directory to rewrite a report):
  python3 bench/lib/warmup-report.py RUN_DIR REPORT COMMIT JAVA_OPTS LENGTH WINDOW TRAINING CONNECTIONS
          THREADS QUERY JAVA17_VERSION JAVA25_VERSION"""
import datetime
import json
import os
import sys

(run, report, commit, java_opts, length, window, training, connections, threads, query, java17,
 java25) = sys.argv[1:13]
length, window = int(length), int(window)
starts = {s['runtime']: s for s in map(json.loads, open(os.path.join(run, 'starts.jsonl')))}
windows = {}
for w in map(json.loads, open(os.path.join(run, 'windows.jsonl'))):
    windows.setdefault(w['runtime'], []).append(w)
cpu = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].split(':', 1)[1].strip()


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else float('nan')


out = ['# Gateway start and warm-up per Java runtime', '',
       f'`bench/run warmup` at `{commit}` (report written '
       f'{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC). '
       f'Machine: {os.cpu_count()} cores, {cpu}. JDK 17: {java17}; JDK 25: {java25}.',
       f'JVM options (scripts/jvm-options) on every runtime: `{java_opts}`.', '',
       f'From launch: time to ready, then load until {length} s after launch in {window} s windows '
       f'(`wrk -t{threads} -c{connections}`, one body for every request, `{query}`, deduplication on:',
       'the gateway is the bottleneck). content-service runs on JDK 17, started and warmed once before all runs.',
       f'jdk25-aot records its cache in a training run of {training} s of the same load; jdk17-cds its archive in a',
       'training start (scripts/prepare-cds, as run-suite). The commands are in the raw data (`commands.txt`).',
       '"Last minute" is the mean of the windows ending in the last 60 s; "80 % reached" the end of the first',
       'window at or above 80 % of it (the goal: within 30 s of launch).', '',
       '| runtime | ready after | CPU to ready | 80 % reached | req/s, window ending nearest 30 s | req/s, last minute | CPU per request, window nearest 30 s | CPU per request, last minute |',
       '|---|---:|---:|---:|---:|---:|---:|---:|']
for runtime, ws in windows.items():
    s = starts[runtime]
    last = [w for w in ws if w['at_s'] > length - 60]
    steady = mean(w['rps'] for w in last)
    at30 = min(ws, key=lambda w: abs(w['at_s'] - 30))
    reached = next((w['at_s'] for w in ws if w['rps'] >= 0.8 * steady), None)
    out.append(f"| {runtime} | {s['ready_s']:.1f} s | {s['cpu_s']:.1f} s | "
               f"{'never' if reached is None else f'{reached:.1f} s'} | "
               f"{at30['rps']:,.0f} ({at30['rps'] / steady:.0%}; ends {at30['at_s']:.1f} s) | {steady:,.0f} | "
               f"{at30['cpu_ms_per_request']:.2f} ms | {mean(w['cpu_ms_per_request'] for w in last):.2f} ms |")
out += ['', 'Throughput of the first minute per window (seconds after launch at the end of the window: req/s):', '']
for runtime, ws in windows.items():
    out.append(f"- {runtime}: " + ', '.join(f"{w['at_s']:.0f}: {w['rps']:,.0f}" for w in ws if w['at_s'] <= 62))
bad = sorted({w['runtime'] for ws in windows.values() for w in ws if w['errors']})
out += ['', 'Windows with failed answers: ' + (', '.join(bad) if bad else 'none') + '.', '',
        f'Raw data: `{os.path.relpath(run) if run.startswith(os.getcwd()) else run}` (not committed).', '']
open(report, 'w').write('\n'.join(out))
print('\n'.join(out))
