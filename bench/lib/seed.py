#!/usr/bin/env python3
"""Seeds the bench's fresh services so the signature query has real work to do.

Twenty learners (ada-01..ada-20) complete between 16 and 35 of the roadmap's first skills
(progress-service); an admin registers the partner 'bench' and pushes synthetic listings
(jobs-service) that require roadmap skills, about half of them among the first 25, so
matchingJobs has more than 20 matches to rank for every learner. Writes the learners' tokens
to <run dir>/learners.tokens and the roadmap's skill ids to <run dir>/skill-ids.txt, one a
line. Standard library only.

usage: seed.py RUN_DIR CONTENT_URL PROGRESS_URL [JOBS_URL] [JOB_COUNT]
"""
import json
import random
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone


def post(url, body, token=None, headers=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def graphql(base, query, variables=None, token=None):
    answer = post(base + "/graphql", {"query": query, "variables": variables or {}}, token)
    if answer.get("errors"):
        raise SystemExit(f"seed: {base} answered errors: {json.dumps(answer['errors'])[:500]}")
    return answer["data"]


def token(base, subject, roles):
    return post(base + "/dev/tokens", {"subject": subject, "roles": roles})["token"]


def main():
    run_dir, content, progress = sys.argv[1:4]
    jobs = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
    job_count = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    rng = random.Random(5)  # the same listings every run

    # content-service answers before it has applied the shipped roadmap: wait for it
    for _ in range(240):
        try:
            roadmap = graphql(content, '{ roadmap(id: "backend") { skills { id name } } }')["roadmap"]
            if roadmap and len(roadmap["skills"]) >= 100:
                break
        except SystemExit:
            pass
        time.sleep(0.5)
    else:
        raise SystemExit("seed: content-service has no backend roadmap after 120 s")
    skills = roadmap["skills"]
    with open(f"{run_dir}/skill-ids.txt", "w") as f:
        f.write("".join(s["id"] + "\n" for s in skills))
    done = skills[:25]
    now = datetime.now(timezone.utc)
    tokens = []
    for n in range(1, 21):
        learner = token(progress, f"ada-{n:02d}", ["LEARNER"])
        mine = skills[:15 + n]
        items = [{"skillId": s["id"], "status": "DONE",
                  "timestamp": (now - timedelta(hours=len(mine) - i)).isoformat(timespec="seconds")}
                 for i, s in enumerate(mine)]
        graphql(progress, "mutation($items: [SyncProgressItem!]!) { syncProgress(items: $items) { applied rejected } }",
                {"items": items}, learner)
        tokens.append(learner)
    with open(f"{run_dir}/learners.tokens", "w") as f:
        f.write("".join(t + "\n" for t in tokens))
    print(f"seed: 20 learners have done 16 to 35 of {len(skills)} roadmap skills")

    if not jobs:
        return
    admin = token(jobs, "root", ["ADMIN"])
    key = graphql(jobs, 'mutation { registerPartner(input: {id: "bench", name: "Bench partner"}) { apiKey } }',
                  token=admin)["registerPartner"]["apiKey"]
    roles = ["Backend Engineer", "API Developer", "Platform Engineer", "Software Engineer, Services",
             "Data Platform Developer", "Site Reliability Engineer", "Integration Developer", "Server Developer"]
    cities = ["Berlin", "Paris", "Lisbon", "Madrid", "Amsterdam", "Vienna", "Dublin", "Warsaw"]
    listings = []
    for i in range(job_count):
        required = rng.sample(done, 2) + rng.sample(skills[25:], 3)
        company = f"Company {i % 50:02d} {rng.choice(['Labs', 'Systems', 'Works', 'Cloud'])}"
        low = 40000 + rng.randrange(0, 60) * 1000
        listings.append({
            "externalId": f"bench-{i}",
            "title": f"{rng.choice(roles)} ({required[2]['name']}, team {i})",
            "company": company,
            "location": {"city": rng.choice(cities), "country": "DE"},
            "remote": rng.choice(["ONSITE", "HYBRID", "REMOTE"]),
            "employmentType": "FULL_TIME",
            "salary": {"min": low, "max": low + 20000, "currency": "USD", "period": "YEAR"},
            "description": f"<p>Listing {i} for {company}: build and run services with "
                           + ", ".join(s["name"] for s in required)
                           + f". Reference {rng.getrandbits(64):x}.</p>",
            "url": f"https://jobs.example.org/bench/{i}",
            "postedAt": (now - timedelta(days=1)).date().isoformat(),
            "skills": [s["name"] for s in required],
        })
    report = post(jobs + "/partner/v1/jobs", {"jobs": listings}, headers={"x-api-key": key})
    print("seed: partner push answered " + json.dumps({k: v for k, v in report.items() if not isinstance(v, list)}))


if __name__ == "__main__":
    main()
