// Who is signed in. Where the gateway has an identity provider (identity-service on a laptop, the
// operator's in production), people sign in there and the gateway keeps their tokens: the app
// holds only the session cookie and sends the CSRF token back on writes. Tests may also mint
// development tokens for any name (POST /dev/tokens, local and test profiles only).

const KEY = 'skillpath.session';
const PENDING = 'skillpath.pending';
const RETURN_TO = 'skillpath.return-to';

export const DEMO_USERS = [
  { subject: 'ada', role: 'LEARNER', label: 'ada (learner)' },
  { subject: 'eve', role: 'EDITOR', label: 'eve (editor)' },
  { subject: 'root', role: 'ADMIN', label: 'root (admin)' },
];

export function currentSession() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  }
  catch {
    return null;
  }
}

export async function signIn(subject, role) {
  const response = await fetch('dev/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject, roles: [role] }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body?.token) {
    const message = body?.errors?.[0]?.message ?? body?.detail ?? `HTTP ${response.status}`;
    throw new Error(`Sign-in failed: ${message}`);
  }
  const session = { subject: body.subject, roles: body.roles, token: body.token };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** Development-token sign-in is offered only where the gateway has it (not in prod). */
export async function loadSettings() {
  try {
    const response = await fetch('webapp/settings');
    return response.ok ? await response.json() : { devSignIn: false };
  }
  catch {
    return { devSignIn: false };
  }
}

/**
 * The gateway's session: whether sign-in through the provider is offered, and who is signed
 * in with it (null when nobody). Asking also sets the CSRF cookie.
 */
export async function loadProviderSession() {
  try {
    const response = await fetch('webapp/session', { headers: { accept: 'application/json' } });
    return response.ok ? await response.json() : { signInAvailable: false, signedIn: false };
  }
  catch {
    return { signInAvailable: false, signedIn: false };
  }
}

/** Leaves for the provider's sign-in page; the app comes back to the page it was on. */
export function signInWithProvider(url) {
  sessionStorage.setItem(RETURN_TO, location.hash);
  location.assign(url);
}

/** Where the app was before it left to sign in (once), or null. */
export function takeReturnTo() {
  const hash = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return hash;
}

/** Signs out at the gateway and the provider: a real form post, since both answer with redirects. */
export function signOutOfProvider(url) {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = url;
  const csrf = document.createElement('input');
  csrf.type = 'hidden';
  csrf.name = '_csrf';
  csrf.value = csrfToken() ?? '';
  form.append(csrf);
  document.body.append(form);
  form.submit();
}

/** The CSRF token the gateway set as a cookie (sent back as X-XSRF-TOKEN), or null. */
export function csrfToken() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : null;
}

/** A skill status the learner set while their session had ended: saved again after sign-in. */
export function keepPendingChange(change) {
  sessionStorage.setItem(PENDING, JSON.stringify(change));
}

export function takePendingChange() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING));
  }
  catch {
    return null;
  }
  finally {
    sessionStorage.removeItem(PENDING);
  }
}
