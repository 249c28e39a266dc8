#!/usr/bin/env python3
"""Summarises `jfr print --stack-depth 64 --events jdk.ExecutionSample` output: where the CPU is.

Prints CPU by thread group (from two /proc/<pid>/task snapshots, when given), self time by area
(the top frame's package), layers on the stack, the hottest top frames, and our own methods
(gateway and router) by inclusive time (on the stack at all), each as a share of samples.
usage: hot-frames.py SAMPLES_TXT [THREADS_BEFORE THREADS_AFTER]
"""
import collections
import re
import sys

AREAS = [  # first match wins: the top frame's class prefix -> area
    ("dev.skillpath.router.planning", "router: planner"),
    ("dev.skillpath.router.execution", "router: executor and response shaping"),
    ("dev.skillpath.router", "router: other"),
    ("dev.skillpath.gateway", "gateway: other"),
    ("tools.jackson", "JSON (Jackson 3)"),
    ("com.fasterxml.jackson", "JSON (Jackson 2)"),
    ("io.netty", "Netty (HTTP, sockets)"),
    ("reactor.netty", "Reactor Netty"),
    ("reactor.", "Reactor"),
    ("graphql.", "graphql-java"),
    ("org.springframework.web.reactive.function.client", "Spring WebClient"),
    ("org.springframework", "Spring"),
    ("io.micrometer", "Micrometer"),
    ("sun.nio", "JDK NIO"),
    ("java.util.LinkedHashMap", "JDK collections (maps)"),
    ("java.util.HashMap", "JDK collections (maps)"),
    ("java.util", "JDK collections and util"),
    ("java.lang.String", "JDK strings"),
    ("java.", "JDK other"),
    ("jdk.", "JDK other"),
    ("sun.", "JDK other"),
]


INCLUSIVE = [  # prefix -> layer, for the inclusive view
    ("org.springframework.security", "Spring Security (JWT validation, authorization)"),
    ("com.nimbusds", "JWT parsing and signature check (Nimbus)"),
    ("org.springframework.cloud.gateway", "Spring Cloud Gateway"),
    ("dev.skillpath.gateway.edge.ratelimit", "rate limiter"),
    ("io.micrometer", "Micrometer observations and metrics"),
    ("org.springframework.web.reactive.function.client", "WebClient (subgraph calls)"),
    ("reactor.netty.http.client", "Reactor Netty HTTP client"),
    ("reactor.netty.http.server", "Reactor Netty HTTP server"),
    ("tools.jackson", "Jackson (JSON read and write)"),
    ("org.springframework.http.codec", "Spring HTTP codecs"),
    ("dev.skillpath.router.execution", "router: executor and response shaping"),
    ("dev.skillpath.router.Router", "router: Router"),
    ("dev.skillpath.router.planning", "router: planner"),
    ("graphql.", "graphql-java"),
    ("reactor.core.scheduler", "Reactor schedulers (timeouts)"),
    ("dev.skillpath.gateway.edge.GraphQlHttpHandler", "GraphQL HTTP handler"),
]


def area(frame):
    for prefix, name in AREAS:
        if frame.startswith(prefix):
            return name
    return "other"


def threads(before_path, after_path):
    """CPU by thread group over the profiled window, from /proc/<pid>/task/*/stat snapshots."""
    def read(path):
        out = collections.Counter()
        for line in open(path):
            name, _, ticks = line.rstrip("\n").rpartition("\t")
            if ticks.strip():
                out[(name, len(out))] = int(ticks)  # threads share names; keep each
        return out
    before, after = read(before_path), read(after_path)
    # pair threads by position in name order; group by name without trailing numbers
    groups = collections.Counter()
    by_name_before = collections.defaultdict(list)
    for (name, _), t in before.items():
        by_name_before[name].append(t)
    by_name_after = collections.defaultdict(list)
    for (name, _), t in after.items():
        by_name_after[name].append(t)
    for name, ticks in by_name_after.items():
        group = re.sub(r"[-#_ ]?\d+$", "", name) or name
        groups[group] += max(0, sum(ticks) - sum(by_name_before.get(name, [])))
    total = sum(groups.values()) or 1
    print("## CPU by thread (from /proc, whole window)\n\n| share of CPU | thread group |\n|---:|---|")
    for group, ticks in groups.most_common(12):
        if ticks:
            print(f"| {100 * ticks / total:.1f}% | `{group}` |")
    print()


def main():
    stacks = []
    current = None
    for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("stackTrace = ["):
            current = []
        elif current is not None and line.startswith("]"):
            stacks.append(current)
            current = None
        elif current is not None and line and line != "...":
            current.append(re.sub(r"\s+line:.*$", "", line))
    total = len(stacks)
    if total == 0:
        print("no samples")
        return
    by_area = collections.Counter(area(s[0]) for s in stacks if s)
    top = collections.Counter(s[0] for s in stacks if s)
    inclusive = collections.Counter()
    for s in stacks:
        for frame in set(f for f in s if f.startswith("dev.skillpath.")):
            inclusive[frame] += 1

    # what is on the stack at all (a reactive stack shows the signal's path, so this is indicative)
    layers = collections.Counter()
    for s in stacks:
        seen = set()
        for frame in s:
            for prefix, name in INCLUSIVE:
                if frame.startswith(prefix):
                    seen.add(name)
        layers.update(seen)

    def table(title, counter, n):
        print(f"## {title}\n\n| share of samples | samples | where |\n|---:|---:|---|")
        for name, count in counter.most_common(n):
            print(f"| {100 * count / total:.1f}% | {count} | `{name}` |")
        print()

    if len(sys.argv) > 3:
        threads(sys.argv[2], sys.argv[3])
    print(f"{total} execution samples\n")
    table("Self time by area (top frame)", by_area, 20)
    table("Layers on the stack (inclusive)", layers, 20)
    table("Hottest top frames", top, 25)
    table("Our methods (gateway and router), inclusive (on the stack)", inclusive, 25)


if __name__ == "__main__":
    main()
