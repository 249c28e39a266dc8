// "My progress": completion overall and per stage, streak, the daily activity heatmap and what to
// learn next; and the learning path to one skill (#/path/<skill>).

import { execute } from './graphql.js';
import { announce, h, replaceChildren, s } from './dom.js';
import { HEATMAP_DAYS } from './progress.js';
import { summary } from './roadmap-view.js';
import { STATUS_LABELS, completionOf, state, statusOf, subscribe, token } from './state.js';

const CELL = 13;
const CELL_GAP = 3;
const WEEKDAYS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

function parseDate(text) {
  const [year, month, day] = text.split('-').map(Number);
  return new Date(year, month - 1, day);
}

function level(count) {
  return count === 0 ? 0 : count === 1 ? 1 : count <= 3 ? 2 : count <= 6 ? 3 : 4;
}

/** Weeks as columns, Monday on top, like the contribution charts people know. */
export function heatmap(activity) {
  if (activity.length === 0) {
    return h('p', { className: 'muted' }, 'No activity yet.');
  }
  const offset = (parseDate(activity[0].date).getDay() + 6) % 7;
  const weeks = Math.ceil((activity.length + offset) / 7);
  const left = 30;
  const top = 16;
  const width = left + weeks * (CELL + CELL_GAP);
  const height = top + 7 * (CELL + CELL_GAP);
  const months = [];
  activity.forEach((day, index) => {
    // a month is named in the column of its first day (the first month only with room for it)
    if (day.date.endsWith('-01') || (index === 0 && Number(day.date.slice(8)) <= 14)) {
      const column = Math.floor((index + offset) / 7);
      months.push(s('text', { x: left + column * (CELL + CELL_GAP), y: 11, className: 'heat-label' },
        parseDate(day.date).toLocaleDateString(undefined, { month: 'short' })));
    }
  });
  const total = activity.reduce((sum, day) => sum + day.count, 0);
  const active = activity.filter((day) => day.count > 0).length;
  return h('figure', { className: 'heatmap' },
    h('div', { className: 'heatmap-scroll' },
      s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
        'aria-label': `Daily activity: ${total} learning changes on ${active} days in the last ${Math.round(HEATMAP_DAYS / 7)} weeks` },
      months,
      WEEKDAYS.map((name, row) => s('text', { x: 0, y: top + row * (CELL + CELL_GAP) + 10, className: 'heat-label' }, name)),
      activity.map((day, index) => {
        const position = index + offset;
        return s('rect', {
          x: left + Math.floor(position / 7) * (CELL + CELL_GAP), y: top + (position % 7) * (CELL + CELL_GAP),
          width: CELL, height: CELL, rx: 2, className: `heat heat-${level(day.count)}`, dataset: { date: day.date, count: day.count },
        }, s('title', null, `${day.date}: ${day.count} ${day.count === 1 ? 'change' : 'changes'}`));
      }))),
    h('figcaption', null, `${total} learning ${total === 1 ? 'change' : 'changes'} on ${active} ${active === 1 ? 'day' : 'days'}. `,
      h('span', { className: 'heat-scale', 'aria-hidden': 'true' }, 'Less ',
        [0, 1, 2, 3, 4].map((value) => h('span', { className: `heat-swatch heat-${value}` })), ' More')));
}

export class ProgressView {
  constructor(section) {
    this.section = section;
    subscribe('personal', () => this.render());
    subscribe('statuses', () => this.render());
    subscribe('roadmap', () => this.render());
    this.render();
  }

  show() {
    this.render();
  }

  render() {
    if (this.section.hidden && this.rendered) {
      this.stale = true;
      return;
    }
    this.rendered = true;
    if (!state.session) {
      replaceChildren(this.section, h('h1', null, 'My progress'), summary({ withNext: false, idPrefix: 'progress' }));
      return;
    }
    const me = state.personal?.me;
    const server = state.personal?.completion;
    replaceChildren(this.section,
      h('h1', null, 'My progress'),
      summary({ withNext: false, idPrefix: 'progress' }),
      server && h('p', { className: 'muted' }, `The server counts ${server.done} done, ${server.learning} learning and ${server.skipped} skipped of ${server.total} skills (${server.percent}%).`),
      h('div', { className: 'two-columns' },
        h('section', { 'aria-labelledby': 'stages-title' },
          h('h2', { id: 'stages-title' }, 'Completion per stage'),
          h('ol', { className: 'stage-list' }, (state.roadmap?.stages ?? []).map((stage, index) => {
            const completion = completionOf(stage.skills.map((skill) => skill.id));
            const id = `stage-progress-${index}`;
            return h('li', null,
              h('span', { id }, stage.title),
              h('progress', { max: completion.total, value: completion.done + completion.skipped, 'aria-labelledby': id }),
              h('span', { className: 'stage-figure' }, `${completion.done + completion.skipped}/${completion.total}`));
          }))),
        h('section', { 'aria-labelledby': 'activity-title' },
          h('h2', { id: 'activity-title' }, 'Daily activity'),
          me ? heatmap(me.activity) : h('p', { className: 'muted' }, 'Loading…'),
          me?.streak?.lastActiveDay && h('p', null, `Last active on ${me.streak.lastActiveDay}.`),
          h('h2', null, 'What next'),
          h('p', { className: 'muted' }, 'Skills whose prerequisites you have done; the ones you are learning come first.'),
          h('ol', { className: 'next-list' }, (state.personal?.next ?? []).map((skill) => h('li', null,
            h('a', { href: `#/roadmap/${encodeURIComponent(skill.id)}` }, skill.name),
            ` · ${STATUS_LABELS[statusOf(skill.id)].toLowerCase()} · about ${skill.estimatedHours} h`))))));
  }
}

export class LearningPathView {
  constructor(section) {
    this.section = section;
  }

  async show(skillId) {
    if (!skillId) {
      replaceChildren(this.section, h('h1', null, 'Learning path'), h('p', null, 'Pick a skill to see its learning path.'));
      return;
    }
    replaceChildren(this.section, h('h1', null, 'Learning path'), h('p', { className: 'muted', role: 'status' }, 'Loading…'));
    try {
      const { data } = await execute('LearningPath', { to: skillId }, { token: token() });
      if (!data.skill) {
        replaceChildren(this.section, h('h1', null, 'Learning path'), h('p', null, `There is no skill “${skillId}”.`));
        return;
      }
      const remaining = data.learningPath.filter((skill) => !['DONE', 'SKIPPED'].includes(statusOf(skill.id)));
      const hours = remaining.reduce((sum, skill) => sum + skill.estimatedHours, 0);
      replaceChildren(this.section,
        h('h1', { tabindex: '-1', id: 'path-title' }, `Learning path to ${data.skill.name}`),
        h('p', { className: 'lead' }, `${data.learningPath.length} skills in order, prerequisites first; `,
          state.session ? `${remaining.length} still to go, about ${hours} hours.` : `about ${hours} hours in all.`),
        h('ol', { className: 'path-list' }, data.learningPath.map((skill) => {
          const status = statusOf(skill.id);
          return h('li', { className: `status-${status.toLowerCase().replace('_', '-')}`, dataset: { skillId: skill.id } },
            h('a', { href: `#/roadmap/${encodeURIComponent(skill.id)}` }, skill.name),
            h('span', { className: 'path-meta' }, `${state.session ? STATUS_LABELS[status] : ''}${state.session ? ' · ' : ''}about ${skill.estimatedHours} h`));
        })));
      this.section.querySelector('#path-title').focus();
    }
    catch (failure) {
      announce(`The learning path could not be loaded: ${failure.message}`, { error: true });
    }
  }
}
