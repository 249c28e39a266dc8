// The learner's progress: loading it, and changing a skill's status with the screen updating at
// once (optimistic) and going back to what the server holds when the change is refused.

import { execute } from './graphql.js';
import { announce } from './dom.js';
import { keepPendingChange, signInWithProvider } from './session.js';
import { ROADMAP_ID, STATUS_LABELS, publish, state, statusOf, token } from './state.js';

export const HEATMAP_DAYS = 26 * 7;

function isoDate(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The heatmap's first and last day, in the browser's calendar (the server counts in the learner's zone). */
export function activityRange(today = new Date()) {
  const from = new Date(today);
  from.setDate(from.getDate() - (HEATMAP_DAYS - 1));
  return { from: isoDate(from), to: isoDate(today) };
}

/** Loads streak, activity, completion and next skills, and the statuses they rest on. */
export async function loadPersonal() {
  if (!state.session) {
    state.personal = null;
    state.statuses = new Map();
    publish('statuses');
    publish('personal');
    return;
  }
  const { data, errors } = await execute('MyProgress', { roadmap: ROADMAP_ID, ...activityRange() }, { token: token() });
  if (errors.length > 0) {
    announce(`Some of your progress could not be loaded: ${errors[0].message}`, { error: true });
  }
  const statuses = new Map((data.me?.progress ?? []).map((entry) => [entry.skillId, entry.status]));
  // a change still on its way keeps its optimistic status until the server answers it
  for (const skillId of state.saving) {
    statuses.set(skillId, state.statuses.get(skillId));
  }
  state.statuses = statuses;
  state.personal = { me: data.me, completion: data.roadmap?.myCompletion ?? null, next: data.roadmap?.myNextSkills ?? [] };
  publish('statuses');
  publish('personal');
}

let changeCounter = 0;

/**
 * Sets a skill's status: shown at once, sent with a clientMutationId (retry-safe), rolled back
 * with a message when the server refuses it or cannot be reached. Resolves to true when saved.
 */
export async function setSkillStatus(skillId, status) {
  const previous = statusOf(skillId);
  if (previous === status || state.saving.has(skillId)) {
    return false;
  }
  const name = state.skills.get(skillId)?.name ?? skillId;
  state.statuses.set(skillId, status);
  state.saving.add(skillId);
  publish('statuses', { skillId });
  announce(`Saving: ${name} marked ${STATUS_LABELS[status].toLowerCase()}…`);
  const clientMutationId = `web-${Date.now().toString(36)}-${(changeCounter += 1)}`;
  try {
    const { data } = await execute('SetSkillStatus', { input: { skillId, status, clientMutationId } }, { token: token() });
    state.statuses.set(skillId, data.setSkillStatus.progress.status);
    state.saving.delete(skillId);
    publish('statuses', { skillId });
    announce(`Saved: ${name} is ${STATUS_LABELS[data.setSkillStatus.progress.status].toLowerCase()}.`);
    await loadPersonal();
    publish('progress-saved', { skillId });
    return true;
  }
  catch (failure) {
    state.statuses.set(skillId, previous);
    state.saving.delete(skillId);
    publish('statuses', { skillId });
    if (failure.code === 'UNAUTHENTICATED' && state.session?.provider && state.provider?.signInAvailable) {
      // the gateway's session ended while the app was open: sign in again, then save this
      keepPendingChange({ skillId, status });
      announce(`Your session has ended: signing you in again to save ${name}…`);
      signInWithProvider(state.provider.signInUrl);
      return false;
    }
    const reason = /[.!?]$/.test(failure.message) ? failure.message : `${failure.message}.`;
    announce(`Not saved: ${reason} ${name} is back to “${STATUS_LABELS[previous].toLowerCase()}”.`, { error: true });
    return false;
  }
}
