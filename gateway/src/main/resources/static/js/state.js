// The app's shared state and a small publish/subscribe so that views redraw what changed.

export const ROADMAP_ID = 'backend';

export const STATUS_LABELS = {
  NOT_STARTED: 'Not started',
  LEARNING: 'Learning',
  DONE: 'Done',
  SKIPPED: 'Skipped',
};

export const state = {
  settings: { devSignIn: false },
  session: null,
  // the gateway's sign-in through the identity provider: { signInAvailable, signedIn, signInUrl, signOutUrl, ... }
  provider: null,
  /** The roadmap as loaded: { id, title, description, stages: [{ title, position, skills }] } */
  roadmap: null,
  /** Skill id -> skill of the roadmap (id, name, requires, alternativeOf, alternatives...) */
  skills: new Map(),
  /** Skill id -> status for the signed-in learner (absent = NOT_STARTED), optimistic changes included */
  statuses: new Map(),
  /** Skill ids whose change is on its way to the server */
  saving: new Set(),
  /** The MyProgress answer: streak, activity, completion, next skills */
  personal: null,
  selectedSkillId: null,
};

const listeners = new Map();

/** topic: 'session' | 'roadmap' | 'statuses' | 'personal' | 'selection' */
export function subscribe(topic, listener) {
  if (!listeners.has(topic)) {
    listeners.set(topic, new Set());
  }
  listeners.get(topic).add(listener);
}

export function publish(topic, detail) {
  for (const listener of listeners.get(topic) ?? []) {
    listener(detail);
  }
}

export function statusOf(skillId) {
  return state.statuses.get(skillId) ?? 'NOT_STARTED';
}

/** Done or skipped out of all, the server's rule for completion (Completion.percent). */
export function completionOf(skillIds) {
  let done = 0;
  let learning = 0;
  let skipped = 0;
  for (const id of skillIds) {
    const status = statusOf(id);
    done += status === 'DONE' ? 1 : 0;
    learning += status === 'LEARNING' ? 1 : 0;
    skipped += status === 'SKIPPED' ? 1 : 0;
  }
  const total = skillIds.length;
  return { done, learning, skipped, total, percent: total === 0 ? 0 : Math.floor(((done + skipped) * 100) / total) };
}

export function token() {
  return state.session?.token ?? null;
}
