// The roadmap page: my summary (completion, streak, what next), the graph, and the skill panel.

import { execute } from './graphql.js';
import { announce, h, replaceChildren } from './dom.js';
import { drawRoadmap, highlight, layoutRoadmap, refreshStatuses } from './roadmap-graph.js';
import { SkillPanel } from './skill-panel.js';
import { ROADMAP_ID, completionOf, publish, state, subscribe, token } from './state.js';

export async function loadRoadmap() {
  const { data, errors } = await execute('Roadmap', { id: ROADMAP_ID }, { token: token() });
  if (errors.length > 0) {
    announce(`Part of the roadmap could not be loaded: ${errors[0].message}`, { error: true });
  }
  state.roadmap = data.roadmap;
  state.skills = new Map(data.roadmap.stages.flatMap((stage) => stage.skills).map((skill) => [skill.id, skill]));
  publish('roadmap');
}

/** Completion, streak and next skills, shared by the roadmap and progress pages. */
export function summary({ withNext = true, idPrefix = 'roadmap' } = {}) {
  if (!state.session) {
    return h('p', { className: 'muted' }, state.settings.devSignIn
      ? 'You are browsing anonymously. Sign in to mark skills and see your completion, streak and the jobs you are ready for.'
      : 'You are browsing anonymously.');
  }
  const completion = completionOf([...state.skills.keys()]);
  const streak = state.personal?.me?.streak;
  const next = state.personal?.next ?? [];
  return h('div', { className: 'summary-grid' },
    h('div', { className: 'figure overall-completion' },
      h('span', { className: 'figure-label', id: `${idPrefix}-completion-label` }, 'Overall completion'),
      h('span', { className: 'figure-value' }, `${completion.percent}%`),
      h('progress', { max: completion.total, value: completion.done + completion.skipped, 'aria-labelledby': `${idPrefix}-completion-label` }),
      h('span', { className: 'figure-note completion-counts' },
        `${completion.done} done, ${completion.skipped} skipped, ${completion.learning} learning of ${completion.total}`)),
    h('div', { className: 'figure streak' },
      h('span', { className: 'figure-label' }, 'Streak'),
      h('span', { className: 'figure-value' }, streak ? `${streak.current} ${streak.current === 1 ? 'day' : 'days'}` : '–'),
      h('span', { className: 'figure-note' }, streak ? `longest ${streak.longest}` : '')),
    withNext && h('div', { className: 'figure next what-next' },
      h('span', { className: 'figure-label' }, 'What next'),
      next.length === 0 ? h('span', { className: 'figure-note' }, 'Nothing pending: every open skill is started.')
        : h('ul', { className: 'chips' }, next.map((skill) => h('li', null,
          h('a', { href: `#/roadmap/${encodeURIComponent(skill.id)}`, className: 'chip' }, skill.name))))));
}

export class RoadmapView {
  constructor(section) {
    this.section = section;
    this.summaryHolder = h('section', { className: 'summary', 'aria-label': 'My progress' });
    this.graphHolder = h('div', { className: 'graph-holder' });
    this.panel = new SkillPanel(h('aside', { className: 'skill-panel', id: 'skill-panel', 'aria-labelledby': 'skill-panel-title' }));
    this.title = h('h1', null, 'Roadmap');
    this.description = h('p', { className: 'lead' });
    this.searchResults = h('ul', { className: 'skill-search-results', id: 'skill-search-results', 'aria-live': 'polite' });
    replaceChildren(section, this.title, this.description, this.searchForm(), this.searchResults, this.summaryHolder, legend(),
      h('div', { className: 'roadmap-layout' }, this.graphHolder, this.panel.element));
    this.graphHolder.addEventListener('click', (event) => this.onClick(event));
    this.graphHolder.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.relayoutIfResized()).observe(this.graphHolder);
    subscribe('roadmap', () => this.draw());
    subscribe('statuses', () => this.onStatuses());
    subscribe('personal', () => this.renderSummary());
    subscribe('session', () => this.renderSummary());
  }

  /** Find a skill by name or alias ("postgres", "k8s"); each result opens its panel. */
  searchForm() {
    const input = h('input', { id: 'skill-search', type: 'search', name: 'text', placeholder: 'e.g. postgres, k8s',
      autocomplete: 'off', maxlength: 100 });
    let timer = null;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.search(input.value), 250);
    });
    return h('form', { className: 'skill-search', role: 'search', 'aria-label': 'Find a skill', onSubmit: (event) => {
      event.preventDefault();
      clearTimeout(timer);
      this.search(input.value);
    } }, h('label', { for: 'skill-search' }, 'Find a skill'), input);
  }

  async search(text) {
    const wanted = text.trim();
    this.searchedFor = wanted;
    if (!wanted) {
      replaceChildren(this.searchResults);
      return;
    }
    try {
      const { data } = await execute('SearchSkills', { text: wanted }, { token: token() });
      if (this.searchedFor !== wanted) {
        return; // a later search is on its way
      }
      const matches = data.searchSkills ?? [];
      replaceChildren(this.searchResults, matches.length === 0
        ? h('li', { className: 'muted' }, `No skill matches “${wanted}”.`)
        : matches.map((match) => h('li', null,
          h('a', { href: `#/roadmap/${encodeURIComponent(match.skill.id)}`, dataset: { skillId: match.skill.id } }, match.skill.name),
          match.matchedOn === 'ALIAS' ? h('span', { className: 'muted' }, ` (${match.matchedText})`) : '')));
    }
    catch (failure) {
      replaceChildren(this.searchResults, h('li', { className: 'alert', role: 'alert' }, `The search failed: ${failure.message}`));
    }
  }

  show(skillId) {
    this.select(skillId ?? null, { focusPanel: Boolean(skillId) && this.lastRoutedSkill !== skillId });
    this.lastRoutedSkill = skillId;
  }

  draw() {
    if (!state.roadmap) {
      return;
    }
    this.title.textContent = state.roadmap.title;
    this.description.textContent = state.roadmap.description;
    this.width = this.graphHolder.clientWidth;
    this.layout = layoutRoadmap(state.roadmap.stages, this.width);
    this.svg = drawRoadmap(this.layout);
    replaceChildren(this.graphHolder, this.svg);
    this.setRoving(this.selected ?? this.layout.order[0]);
    highlight(this.svg, this.selected);
    this.renderSummary();
  }

  relayoutIfResized() {
    if (this.layout && Math.abs(this.graphHolder.clientWidth - this.width) > 8) {
      const hadFocus = this.svg.contains(document.activeElement) ? document.activeElement.dataset.skillId : null;
      this.draw();
      if (hadFocus) {
        this.focusNode(hadFocus);
      }
    }
  }

  onStatuses() {
    if (this.svg) {
      refreshStatuses(this.svg, state.roadmap);
    }
    this.panel.refreshStatus();
    this.renderSummary();
  }

  renderSummary() {
    replaceChildren(this.summaryHolder, summary());
  }

  select(skillId, { focusPanel = false } = {}) {
    this.selected = skillId;
    if (this.svg) {
      highlight(this.svg, skillId);
      if (skillId) {
        this.setRoving(skillId);
      }
    }
    this.panel.show(skillId, { focus: focusPanel });
  }

  onClick(event) {
    const node = event.target.closest('[data-skill-id]');
    if (node) {
      location.hash = `#/roadmap/${encodeURIComponent(node.dataset.skillId)}`;
    }
  }

  /**
   * One tab stop for the whole graph (roving tabindex): left and right go through the skills in
   * roadmap order, up and down to the nearest skill in the row above or below, Home and End to
   * the first and last; Enter or Space opens the skill.
   */
  onKey(event) {
    const node = event.target.closest('[data-skill-id]');
    if (!node || !this.layout) {
      return;
    }
    const order = this.layout.order;
    const index = order.indexOf(node.dataset.skillId);
    const steps = { ArrowRight: 1, ArrowLeft: -1, Home: -order.length, End: order.length };
    let target = null;
    if (event.key in steps) {
      target = order[Math.min(order.length - 1, Math.max(0, index + steps[event.key]))];
    }
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      target = this.verticalNeighbour(node.dataset.skillId, event.key === 'ArrowDown' ? 1 : -1) ?? node.dataset.skillId;
    }
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      location.hash = `#/roadmap/${encodeURIComponent(node.dataset.skillId)}`;
      return;
    }
    if (target) {
      event.preventDefault();
      this.focusNode(target);
    }
  }

  /** The skill in the next row up or down whose centre is nearest this one's. */
  verticalNeighbour(skillId, direction) {
    const from = this.layout.nodes.get(skillId);
    let rowY = null;
    let best = null;
    for (const [id, node] of this.layout.nodes) {
      const dy = (node.y - from.y) * direction;
      if (dy <= 0) {
        continue;
      }
      if (rowY === null || dy < (rowY - from.y) * direction) {
        rowY = node.y;
        best = null;
      }
      if (node.y === rowY && (best === null || Math.abs(node.x - from.x) < Math.abs(this.layout.nodes.get(best).x - from.x))) {
        best = id;
      }
    }
    return best;
  }

  setRoving(skillId) {
    for (const node of this.svg.querySelectorAll('[data-skill-id]')) {
      node.setAttribute('tabindex', node.dataset.skillId === skillId ? '0' : '-1');
    }
  }

  focusNode(skillId) {
    this.setRoving(skillId);
    const node = this.svg.querySelector(`[data-skill-id="${CSS.escape(skillId)}"]`);
    node?.focus();
    node?.scrollIntoView({ block: 'nearest' });
  }
}

function legend() {
  return h('ul', { className: 'legend', 'aria-label': 'Legend' },
    h('li', null, h('span', { className: 'swatch status-not-started', 'aria-hidden': 'true' }), 'Not started'),
    h('li', null, h('span', { className: 'swatch status-learning', 'aria-hidden': 'true' }, '◐'), 'Learning'),
    h('li', null, h('span', { className: 'swatch status-done', 'aria-hidden': 'true' }, '✓'), 'Done'),
    h('li', null, h('span', { className: 'swatch status-skipped', 'aria-hidden': 'true' }, '–'), 'Skipped'),
    h('li', null, h('span', { className: 'swatch choice', 'aria-hidden': 'true' }), 'Pick one of the options'),
    h('li', null, h('span', { className: 'swatch arrow', 'aria-hidden': 'true' }, '→'), 'Prerequisite of (arrows from other stages show for the selected skill)'));
}
