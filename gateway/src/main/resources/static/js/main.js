// Starts the app: settings and session, the account bar, and the pages by address (#/roadmap,
// #/roadmap/<skill>, #/progress, #/path/<skill>, #/jobs, #/career).

import { announce, h, replaceChildren } from './dom.js';
import { RoadmapView, loadRoadmap } from './roadmap-view.js';
import { ProgressView, LearningPathView } from './progress-view.js';
import { JobDetailView, JobsView } from './jobs-view.js';
import { CareerView } from './career-view.js';
import { loadPersonal, setSkillStatus } from './progress.js';
import {
  DEMO_USERS, currentSession, loadProviderSession, loadSettings, signIn, signInWithProvider, signOut,
  signOutOfProvider, takePendingChange, takeReturnTo,
} from './session.js';
import { publish, state } from './state.js';

const views = {};

function renderAccount() {
  const account = document.getElementById('account');
  const provider = state.provider;
  if (state.session) {
    const signOutNow = state.session.provider ? () => signOutOfProvider(provider.signOutUrl) : () => changeSession(null);
    replaceChildren(account,
      h('span', { className: 'who' }, 'Signed in as ', h('strong', { id: 'signed-in-as' }, state.session.name ?? state.session.subject),
        ` (${state.session.roles.join(', ').toLowerCase()})`),
      h('button', { type: 'button', id: 'sign-out', onClick: signOutNow }, 'Sign out'));
    return;
  }
  if (provider?.signInAvailable) {
    replaceChildren(account,
      h('span', { className: 'who' }, 'Browsing anonymously'),
      h('button', { type: 'button', id: 'sign-in-provider', onClick: () => signInWithProvider(provider.signInUrl) },
        'Sign in or sign up'));
    return;
  }
  if (!state.settings.devSignIn) {
    replaceChildren(account, h('span', { className: 'who' }, 'Browsing anonymously'));
    return;
  }
  const name = h('input', { id: 'sign-in-name', name: 'subject', list: 'demo-users', value: 'ada', required: true,
    autocomplete: 'username', maxlength: 60, size: 8 });
  const role = h('select', { id: 'sign-in-role', name: 'role' },
    ['LEARNER', 'EDITOR', 'ADMIN'].map((value) => h('option', { value }, value.toLowerCase())));
  name.addEventListener('input', () => {
    const demo = DEMO_USERS.find((user) => user.subject === name.value.trim());
    if (demo) {
      role.value = demo.role;
    }
  });
  replaceChildren(account, h('form', { id: 'sign-in', className: 'sign-in', onSubmit: async (event) => {
    event.preventDefault();
    try {
      changeSession(await signIn(name.value.trim(), role.value));
    }
    catch (failure) {
      announce(failure.message, { error: true });
    }
  } },
  h('datalist', { id: 'demo-users' }, DEMO_USERS.map((user) => h('option', { value: user.subject }, user.label))),
  h('label', { for: 'sign-in-name' }, 'Demo user'), name,
  h('label', { for: 'sign-in-role', className: 'visually-hidden' }, 'Role'), role,
  h('button', { type: 'submit' }, 'Sign in')));
}

async function changeSession(session) {
  if (!session) {
    signOut();
  }
  state.session = session;
  renderAccount();
  publish('session');
  announce(session ? `Signed in as ${session.subject}.` : 'Signed out.');
  try {
    await loadPersonal();
  }
  catch (failure) {
    announce(`Your progress could not be loaded: ${failure.message}`, { error: true });
  }
}

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, argument] = path.split('/').map(decodeURIComponent);
  const view = views[name] ? name : 'roadmap';
  for (const section of document.querySelectorAll('main > .view')) {
    section.hidden = section.dataset.view !== view;
  }
  // a job's own page belongs under Jobs
  const section = view === 'job' ? 'jobs' : view;
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    if (link.dataset.view === section) {
      link.setAttribute('aria-current', 'page');
    }
    else {
      link.removeAttribute('aria-current');
    }
  }
  views[view].show(argument || null, new URLSearchParams(query ?? ''));
  document.title = `${{ roadmap: 'Roadmap', progress: 'My progress', path: 'Learning path', jobs: 'Jobs', career: 'Career facts', job: 'Job' }[view]} · Skillpath`;
}

/** The person signed in through the gateway's session, as the app's session. */
function providerSession(provider) {
  return provider.signedIn
    ? { subject: provider.subject, name: provider.name, roles: provider.roles, token: null, provider: true }
    : null;
}

/**
 * Back from the provider: the page the learner left, and the change they made while their
 * session had ended, saved now.
 */
async function resumeAfterSignIn() {
  const hash = takeReturnTo();
  if (hash && hash !== location.hash) {
    location.hash = hash;
  }
  const pending = state.session?.provider ? takePendingChange() : null;
  if (pending?.skillId && pending?.status) {
    await setSkillStatus(pending.skillId, pending.status);
  }
}

async function start() {
  [state.settings, state.provider] = await Promise.all([loadSettings(), loadProviderSession()]);
  state.session = providerSession(state.provider) ?? (state.settings.devSignIn ? currentSession() : null);
  if (new URLSearchParams(location.search).get('signIn') === 'failed') {
    announce('Signing in did not work. Please try again.', { error: true });
  }
  renderAccount();
  views.roadmap = new RoadmapView(document.getElementById('view-roadmap'));
  views.progress = new ProgressView(document.getElementById('view-progress'));
  views.path = new LearningPathView(document.getElementById('view-path'));
  views.jobs = new JobsView(document.getElementById('view-jobs'));
  views.career = new CareerView(document.getElementById('view-career'));
  views.job = new JobDetailView(document.getElementById('view-job'));
  window.addEventListener('hashchange', route);
  route();
  const roadmapSection = document.getElementById('view-roadmap');
  try {
    await Promise.all([loadRoadmap(), loadPersonal()]);
    roadmapSection.removeAttribute('aria-busy');
    await resumeAfterSignIn();
    document.body.dataset.ready = 'true';
  }
  catch (failure) {
    roadmapSection.removeAttribute('aria-busy');
    announce(`The roadmap could not be loaded: ${failure.message}`, { error: true });
    if (failure.status === 401 || failure.code === 'UNAUTHENTICATED') {
      await changeSession(null);
      await loadRoadmap().catch(() => {});
    }
  }
}

start();
