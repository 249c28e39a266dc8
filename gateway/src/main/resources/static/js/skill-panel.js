// The selected skill: summary, status buttons, resources (free ones marked), what it requires
// and unlocks, its choice, and the job market for it.

import { execute } from './graphql.js';
import { formatMoney, h, replaceChildren } from './dom.js';
import { setSkillStatus } from './progress.js';
import { STATUS_LABELS, state, statusOf, token } from './state.js';

const RESOURCE_KINDS = { COURSE: 'Course', ARTICLE: 'Article', VIDEO: 'Video', DOCS: 'Docs', BOOK: 'Book', FORUM: 'Forum', PROJECT: 'Project' };

function categoryName(category) {
  const words = category.replace('_', ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function skillLink(skill) {
  return h('a', { href: `#/roadmap/${encodeURIComponent(skill.id)}` }, skill.name);
}

function linkList(title, skills, empty) {
  return h('section', { className: 'panel-part' },
    h('h3', null, title),
    skills.length === 0 ? h('p', { className: 'muted' }, empty)
      : h('ul', { className: 'inline-list' }, skills.map((skill) => h('li', null, skillLink(skill)))));
}

function statusButtons(skill) {
  const current = statusOf(skill.id);
  const saving = state.saving.has(skill.id);
  if (!state.session) {
    return h('p', { className: 'muted' }, state.settings.devSignIn
      ? 'Sign in (top of the page) to mark this skill learning, done or skipped.'
      : 'Progress tracking needs an account; you are browsing anonymously.');
  }
  return h('div', { className: 'status-buttons', role: 'group', 'aria-label': `Your status for ${skill.name}` },
    ['LEARNING', 'DONE', 'SKIPPED', 'NOT_STARTED'].map((status) => h('button', {
      type: 'button', className: `status-button status-${status.toLowerCase().replace('_', '-')}`,
      'aria-pressed': String(current === status), disabled: saving, dataset: { status },
      onClick: () => setSkillStatus(skill.id, status),
    }, status === 'NOT_STARTED' ? 'Reset' : STATUS_LABELS[status])),
    h('span', { className: 'saving-note', 'aria-hidden': 'true' }, saving ? 'Saving…' : ''));
}

export class SkillPanel {
  constructor(element) {
    this.element = element;
    this.cache = new Map();
    this.currency = 'USD';
    this.renderEmpty();
  }

  renderEmpty() {
    replaceChildren(this.element,
      h('h2', { id: 'skill-panel-title', tabindex: '-1' }, 'Pick a skill'),
      h('p', { className: 'muted' }, 'Select a skill in the graph to see what it is, free resources to learn it, and what it unlocks.'));
  }

  async show(skillId, { focus = false } = {}) {
    this.skillId = skillId;
    if (!skillId) {
      this.renderEmpty();
      return;
    }
    const known = state.skills.get(skillId);
    const title = () => h('h2', { id: 'skill-panel-title', tabindex: '-1' }, known?.name ?? skillId);
    replaceChildren(this.element, title(), h('p', { className: 'muted', role: 'status' }, 'Loading…'));
    const market = this.load('SkillMarket', skillId, { id: skillId, currency: this.currency });
    try {
      const { data, errors } = await this.load('Skill', skillId, { id: skillId });
      if (this.skillId !== skillId) {
        return;
      }
      if (data.skill) {
        this.render(data.skill);
        this.renderMarket(skillId, market);
      }
      else {
        replaceChildren(this.element, h('h2', { id: 'skill-panel-title', tabindex: '-1' }, 'Skill not found'),
          h('p', null, errors.length > 0 ? errors[0].message : `There is no skill “${skillId}” in the roadmap.`));
      }
    }
    catch (failure) {
      replaceChildren(this.element, title(),
        h('p', { className: 'alert', role: 'alert' }, `Could not load this skill: ${failure.message}`));
    }
    if (focus) {
      this.element.querySelector('#skill-panel-title')?.focus();
    }
  }

  /** One answer per operation and skill for the page's life; a failed one is asked again next time. */
  load(operation, skillId, variables) {
    const key = `${operation}:${skillId}`;
    if (!this.cache.has(key)) {
      const answer = execute(operation, variables, { token: token() });
      this.cache.set(key, answer);
      answer.catch(() => this.cache.delete(key));
    }
    return this.cache.get(key);
  }

  /** The job market part comes from jobs-service: it may fail on its own without hiding the skill. */
  async renderMarket(skillId, answer) {
    const holder = this.element.querySelector('.market-holder');
    let content;
    try {
      const { data } = await answer;
      const skill = data.skill;
      if (typeof skill?.jobCount !== 'number') {
        throw new Error('no figures');
      }
      const stats = skill.salaryStats;
      content = h('p', null, `${skill.jobCount} open ${skill.jobCount === 1 ? 'listing requires' : 'listings require'} it`,
        stats?.count > 0 ? `; median salary ${formatMoney(stats.median, stats.currency)} a year (${stats.count} with a ${stats.currency} salary).` : '.');
    }
    catch {
      this.cache.delete(`SkillMarket:${skillId}`);
      content = h('p', { className: 'muted' }, 'Job market figures are not available right now.');
    }
    if (this.skillId === skillId && holder.isConnected) {
      replaceChildren(holder, content);
    }
  }

  /** Redraws the status part only (after a change of status). */
  refreshStatus() {
    const holder = this.element.querySelector('.status-holder');
    const skill = this.skillId && state.skills.get(this.skillId);
    if (holder && skill) {
      replaceChildren(holder, statusButtons(skill));
    }
  }

  render(skill) {
    const free = skill.resources.filter((resource) => resource.free).length;
    replaceChildren(this.element,
      h('h2', { id: 'skill-panel-title', tabindex: '-1' }, skill.name),
      h('p', { className: 'meta' }, `${categoryName(skill.category)} · about ${skill.estimatedHours} ${skill.estimatedHours === 1 ? 'hour' : 'hours'}`),
      skill.alternativeOf && h('p', { className: 'choice-note' }, 'One option of the choice ', skillLink(skill.alternativeOf), ': pick one.'),
      h('p', { className: 'skill-summary' }, skill.summary),
      h('div', { className: 'status-holder' }, statusButtons(state.skills.get(skill.id) ?? skill)),
      skill.alternatives.length > 0 && linkList('Pick one of', skill.alternatives, ''),
      h('section', { className: 'panel-part' },
        h('h3', null, `Resources (${free} free)`),
        h('ul', { className: 'resources' }, skill.resources.map((resource) => h('li', null,
          h('a', { href: resource.url, target: '_blank', rel: 'noopener noreferrer' }, resource.title),
          ' ', h('span', { className: 'kind' }, RESOURCE_KINDS[resource.kind] ?? resource.kind),
          resource.free ? h('span', { className: 'badge free' }, 'Free') : h('span', { className: 'badge paid' }, 'Paid'))))),
      linkList('Requires', skill.requires, 'Nothing: a good place to start.'),
      linkList('Unlocks', skill.unlocks, 'No skill builds on this one yet.'),
      h('section', { className: 'panel-part' },
        h('h3', null, 'Job market'),
        h('div', { className: 'market-holder' }, h('p', { className: 'muted' }, 'Loading…')),
        h('p', null, h('a', { href: `#/path/${encodeURIComponent(skill.id)}` }, `Learning path to ${skill.name}`), ' · ',
          h('a', { href: `#/jobs?skill=${encodeURIComponent(skill.id)}` }, 'Jobs asking for it'))));
  }
}
