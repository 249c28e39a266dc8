// GraphQL over HTTP to the gateway, as Apollo automatic persisted queries (APQ): documents live in
// ../operations/*.graphql; each request first sends only the document's SHA-256, and the full text
// only when the gateway answers PERSISTED_QUERY_NOT_FOUND (then it remembers it for everyone).

import { csrfToken } from './session.js';

const ENDPOINT = 'graphql';
const IMPORT = /^#import "([\w-]+\.graphql)"\s*$/gm;

const documents = new Map();

/** A GraphQL answer with errors and no usable data, or a transport failure. */
export class GraphQlError extends Error {
  constructor(message, { code = null, errors = [], status = 0 } = {}) {
    super(message);
    this.name = 'GraphQlError';
    this.code = code;
    this.errors = errors;
    this.status = status;
  }
}

/** The document's text with its #import "File.graphql" fragments appended (each once). */
function loadDocument(name) {
  if (!documents.has(name)) {
    documents.set(name, (async () => {
      const text = await fetchText(`operations/${name}.graphql`);
      const imports = [...new Set([...text.matchAll(IMPORT)].map((match) => match[1].replace(/\.graphql$/, '')))];
      const fragments = await Promise.all(imports.map(loadDocument));
      return [text.replace(IMPORT, '').trim(), ...fragments.map((fragment) => fragment.text)].join('\n\n');
    })().then(async (text) => ({ text, hash: await sha256(text) })));
    documents.get(name).catch(() => documents.delete(name));
  }
  return documents.get(name);
}

async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) {
    throw new GraphQlError(`Cannot load ${path} (HTTP ${response.status})`, { status: response.status });
  }
  return response.text();
}

/** Hex SHA-256; null where the browser offers no Web Crypto (plain http on a non-local host). */
async function sha256(text) {
  if (!globalThis.crypto?.subtle) {
    return null;
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function post(body, token) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  else if (csrfToken()) {
    // signed in through the gateway's session: a write needs the CSRF token beside the cookie
    headers['x-xsrf-token'] = csrfToken();
  }
  let response;
  try {
    response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify(body) });
  }
  catch (failure) {
    throw new GraphQlError('The gateway cannot be reached. Check your connection and try again.', { code: 'NETWORK' });
  }
  let answer = null;
  try {
    answer = await response.json();
  }
  catch {
    // a proxy's HTML error page, for instance: reported below by status
  }
  if (!answer || (!response.ok && !answer.errors)) {
    throw new GraphQlError(`The gateway answered HTTP ${response.status}.`, { status: response.status });
  }
  return { answer, status: response.status };
}

/**
 * Runs the named operation and resolves to { data, errors }: data may be partial when some
 * fields failed (errors then say which). Rejects with a GraphQlError when there is no data at all.
 */
export async function execute(name, variables = {}, { token = null } = {}) {
  const document = await loadDocument(name);
  const persisted = document.hash ? { persistedQuery: { version: 1, sha256Hash: document.hash } } : null;
  let { answer, status } = persisted
    ? await post({ operationName: name, variables, extensions: persisted }, token)
    : await post({ operationName: name, variables, query: document.text }, token);
  if (persisted && answer.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    ({ answer, status } = await post({ operationName: name, variables, query: document.text, extensions: persisted }, token));
  }
  const errors = answer.errors ?? [];
  const hasData = answer.data && Object.values(answer.data).some((value) => value !== null);
  if (!hasData && errors.length > 0) {
    const first = errors[0];
    throw new GraphQlError(first.message ?? 'The request failed.', { code: first.extensions?.code ?? null, errors, status });
  }
  return { data: answer.data ?? {}, errors };
}
