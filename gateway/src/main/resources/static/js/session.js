// Who is signed in. Locally (and in tests) the gateway mints development tokens for any name;
// in production there is no such endpoint and the app is for anonymous browsing.

const KEY = 'skillpath.session';

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
