// A node:test reporter for the audit's test file (src/test.ts of the audit checkout): writes every
// failing case of a suite as query, expected, received, the audit's diff, and the gateway's raw
// answer to the same query sent once more (the audit keeps only whether there were errors, not
// their messages). run.sh points its destination at target/federation-audit/<suite>.txt.
//
// The audit names its cases <suite>_<index into the suite's test list>; the list (queries and
// expected results) comes from TESTS_ENDPOINT, which the audit's test file reads as well.

const suite = process.env.TEST_SUITE;
const testsEndpoint = process.env.TESTS_ENDPOINT;
const graphqlEndpoint = process.env.GRAPHQL_ENDPOINT;

async function fetchJson(url, init) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

function describeError(error) {
  const lines = [];
  for (let e = error, depth = 0; e != null && depth < 5; e = e.cause, depth++) {
    lines.push(`${depth === 0 ? '' : 'caused by: '}${e.name ?? 'Error'}${e.code ? ` [${e.code}]` : ''}: ${e.message ?? e}`);
  }
  return lines.join('\n');
}

function json(value) {
  return JSON.stringify(value, null, 2);
}

async function rawAnswer(query) {
  try {
    const { status, body } = await fetchJson(graphqlEndpoint, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return `HTTP ${status}\n${typeof body === 'string' ? body : json(body)}`;
  } catch (error) {
    return `no answer: ${describeError(error)}`;
  }
}

export default async function* failuresReporter(source) {
  let tests = [];
  try {
    tests = (await fetchJson(testsEndpoint, { headers: { accept: 'application/json' } })).body;
  } catch (error) {
    yield `cannot read the suite's tests from ${testsEndpoint}: ${describeError(error)}\n\n`;
  }
  yield `The failing cases of suite ${suite}. "expected" and "received" are what the audit compares: `
    + 'data, and whether the answer has errors (errors: null where the case leaves that open).\n\n';
  let passed = 0;
  let failed = 0;
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') {
      continue;
    }
    if (data?.details?.type === 'suite') {
      // a suite "fails" when one of its cases did; only its own failures are news
      if (type === 'test:fail' && data.details.error?.failureType !== 'subtestsFailed') {
        yield `=== the suite itself failed (${data.name}) ===\n${describeError(data.details.error)}\n\n`;
      }
      continue;
    }
    if (type === 'test:pass') {
      passed++;
      continue;
    }
    failed++;
    const index = Number(String(data.name).slice(`${suite}_`.length));
    const test = Array.isArray(tests) ? tests[index] : undefined;
    const error = data.details?.error;
    const assertion = error?.cause?.code === 'ERR_ASSERTION' ? error.cause : null;
    let out = `=== ${data.name} ===\n`;
    if (test) {
      out += `query:\n${test.query.replace(/^\n+/, '').trimEnd()}\n\n`;
    }
    if (assertion) {
      // what the audit compares: data, and (unless the case leaves it open) whether there were errors
      out += `expected:\n${json(assertion.expected)}\n\nreceived:\n${json(assertion.actual)}\n\n`;
      // the audit's message is "Test failed for query", the query, jest's diff; node's own diff follows
      const diffAt = assertion.message.indexOf('- Expected');
      if (diffAt >= 0) {
        const nodeDiffAt = assertion.message.indexOf('\n+ actual - expected', diffAt);
        const diff = assertion.message.slice(diffAt, nodeDiffAt >= 0 ? nodeDiffAt : undefined);
        out += `audit's diff:\n${diff.trimEnd()}\n\n`;
      }
    } else {
      if (test) {
        out += `expected:\n${json(test.expected)}\n\n`;
      }
      out += `failed without an answer to compare:\n${describeError(error)}\n\n`;
    }
    if (test) {
      out += `gateway's raw answer to the query sent again:\n${await rawAnswer(test.query)}\n\n`;
    }
    yield out;
  }
  yield `--- ${suite}: ${passed} passed, ${failed} failed\n`;
}
