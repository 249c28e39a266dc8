// Jobs: the ones the signed-in learner is ready for (match score, salary, missing skills linked
// to their learning path), and a search over every open listing with filters.

import { execute } from './graphql.js';
import { announce, formatMoney, h, replaceChildren } from './dom.js';
import { state, statusOf, subscribe, token } from './state.js';

const REMOTE = { ONSITE: 'On site', HYBRID: 'Hybrid', REMOTE: 'Remote' };
const PERIODS = { HOUR: 'an hour', DAY: 'a day', WEEK: 'a week', MONTH: 'a month', YEAR: 'a year' };
const PAGE = 10;

function salaryText(salary) {
  if (!salary) {
    return 'Salary not given';
  }
  const range = salary.min !== null && salary.max !== null && salary.min !== salary.max
    ? `${formatMoney(salary.min, salary.currency)} – ${formatMoney(salary.max, salary.currency)}`
    : formatMoney(salary.max ?? salary.min, salary.currency);
  return `${range} ${PERIODS[salary.period] ?? ''}`.trim();
}

const EXCERPT = 220;

/** The first source address that is a web page: a partner's URL is shown only as http(s). */
export function applyUrl(job) {
  for (const source of job.sources ?? []) {
    try {
      const url = new URL(source.url);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        return url.href;
      }
    }
    catch {
      // not a URL at all
    }
  }
  return null;
}

function excerpt(text) {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, flat.lastIndexOf(' ', EXCERPT)).trimEnd()}…`;
}

function applyLink(job) {
  const url = applyUrl(job);
  return url && h('a', { href: url, className: 'apply', target: '_blank', rel: 'noopener noreferrer' },
    'Apply at the source', h('span', { className: 'visually-hidden' }, ` (${job.title}, opens a new tab)`));
}

function jobMeta(job) {
  const location = job.location.text ?? [job.location.city, job.location.country].filter(Boolean).join(', ');
  return h('p', { className: 'job-meta' }, job.company.name, location ? ` · ${location}` : '', ` · ${REMOTE[job.remote] ?? job.remote}`,
    job.seniority ? ` · ${job.seniority.toLowerCase()}` : '');
}

function skillLinks(skills) {
  return skills.map((skill, index) => [index > 0 ? ', ' : '',
    h('a', { href: `#/roadmap/${encodeURIComponent(skill.id)}`, className: statusOf(skill.id) === 'DONE' ? 'have' : '' },
      skill.name, statusOf(skill.id) === 'DONE' && state.session ? ' ✓' : '')]);
}

function jobCard(job, match) {
  const percent = match ? Math.round(match.score * 100) : null;
  return h('article', { className: 'job-card', dataset: { jobId: job.id } },
    h('h3', null, h('a', { href: `#/job/${encodeURIComponent(job.id)}`, className: 'job-link' }, job.title)),
    jobMeta(job),
    h('p', { className: 'salary' }, salaryText(job.salary)),
    job.descriptionText && h('p', { className: 'job-description' }, excerpt(job.descriptionText)),
    match && h('p', { className: 'match' },
      h('label', { for: `match-${job.id}` }, `Match ${percent}%`),
      h('meter', { id: `match-${job.id}`, min: 0, max: 1, low: 0.5, high: 0.8, optimum: 1, value: match.score }, `${percent}%`)),
    h('p', { className: 'skills-line' }, 'Requires: ', job.requiredSkills.length === 0 ? 'no roadmap skills named'
      : skillLinks(job.requiredSkills)),
    match && match.missingSkills.length > 0 && h('p', { className: 'missing' }, 'Missing: ',
      match.missingSkills.map((skill, index) => [index > 0 ? ', ' : '',
        h('a', { href: `#/path/${encodeURIComponent(skill.id)}`, className: 'missing-skill', dataset: { skillId: skill.id },
          title: `Learning path to ${skill.name}` }, skill.name)])),
    h('p', { className: 'job-actions' }, applyLink(job)));
}

/** One listing on its own page: the whole description, every skill, where to apply. */
export class JobDetailView {
  constructor(section) {
    this.section = section;
  }

  async show(jobId) {
    replaceChildren(this.section, h('p', { className: 'muted' }, 'Loading the job…'));
    if (!jobId) {
      replaceChildren(this.section, h('p', null, 'No job chosen. ', h('a', { href: '#/jobs' }, 'Back to the jobs')));
      return;
    }
    try {
      const { data } = await execute('Job', { id: jobId }, { token: token() });
      const job = data.job;
      if (!job) {
        replaceChildren(this.section, h('h1', null, 'Job not found'),
          h('p', null, 'This listing is gone or closed. ', h('a', { href: '#/jobs' }, 'Back to the jobs')));
        return;
      }
      const paragraphs = (job.descriptionText ?? '').split(/\n\s*\n/).map((text) => text.trim()).filter(Boolean);
      replaceChildren(this.section,
        h('p', null, h('a', { href: '#/jobs' }, '← All jobs')),
        h('h1', { id: 'job-title' }, job.title),
        jobMeta(job),
        h('p', { className: 'salary' }, salaryText(job.salary)),
        h('p', { className: 'job-actions' }, applyLink(job) ?? h('span', { className: 'muted' }, 'No address to apply at was given.')),
        h('p', { className: 'skills-line' }, 'Requires: ', job.requiredSkills.length === 0 ? 'no roadmap skills named'
          : skillLinks(job.requiredSkills)),
        job.niceToHaveSkills.length > 0 && h('p', { className: 'skills-line' }, 'Nice to have: ', skillLinks(job.niceToHaveSkills)),
        h('section', { className: 'job-description-full', 'aria-label': 'Description' },
          paragraphs.map((text) => h('p', null, text))),
        h('p', { className: 'muted' }, `Posted ${job.postedAt.slice(0, 10)}`,
          job.validThrough ? ` · open until ${job.validThrough.slice(0, 10)}` : ''));
      document.title = `${job.title} · Skillpath`;
    }
    catch (failure) {
      replaceChildren(this.section, h('p', { className: 'alert', role: 'alert' }, `The job could not be loaded: ${failure.message}`));
    }
  }
}

export class JobsView {
  constructor(section) {
    this.section = section;
    this.matchesHolder = h('div', { className: 'job-list', id: 'matching-jobs', 'aria-live': 'polite' });
    this.resultsHolder = h('div', { className: 'job-list', id: 'job-results' });
    this.countLine = h('p', { className: 'muted', id: 'job-count', 'aria-live': 'polite' });
    this.more = h('button', { type: 'button', hidden: true, onClick: () => this.search({ append: true }) }, 'Show more');
    this.form = this.searchForm();
    replaceChildren(section,
      h('h1', null, 'Jobs'),
      h('section', { 'aria-labelledby': 'ready-title', className: 'ready' },
        h('h2', { id: 'ready-title' }, 'Jobs I am ready for'),
        this.matchesHolder),
      h('section', { 'aria-labelledby': 'search-title' },
        h('h2', { id: 'search-title' }, 'Search jobs'),
        this.form, this.countLine, this.resultsHolder, this.more));
    subscribe('session', () => this.loadMatches());
    subscribe('progress-saved', () => this.loadMatches());
    subscribe('roadmap', () => this.fillSkills());
  }

  show(argument, params) {
    if (!this.matchesLoaded) {
      this.loadMatches();
    }
    const skill = params?.get('skill');
    if (skill) {
      // the skill list fills once the roadmap is in: until then the wish waits there
      this.pendingSkill = skill;
      this.fillSkills();
    }
    else if (!this.searched) {
      this.search();
    }
  }

  searchForm() {
    const field = (label, control) => h('div', { className: 'field' }, h('label', { for: control.id }, label), control);
    return h('form', { className: 'job-search', role: 'search', 'aria-label': 'Search jobs', onSubmit: (event) => {
      event.preventDefault();
      this.search();
    } },
    field('Words', h('input', { id: 'job-text', name: 'text', type: 'search', placeholder: 'e.g. Java, Berlin' })),
    field('Skill', h('select', { id: 'job-skill', name: 'skill' }, h('option', { value: '' }, 'Any skill'))),
    field('Work place', h('select', { id: 'job-remote', name: 'remote' }, h('option', { value: '' }, 'Any'),
      Object.entries(REMOTE).map(([value, label]) => h('option', { value }, label)))),
    field('Country', h('input', { id: 'job-country', name: 'country', maxlength: 2, size: 3, placeholder: 'DE',
      pattern: '[A-Za-z]{2}', title: 'Two-letter country code, e.g. DE' })),
    field('Minimum yearly salary', h('input', { id: 'job-salary', name: 'minAnnualSalary', type: 'number', min: 0, step: 1000, inputmode: 'numeric' })),
    field('Sort by', h('select', { id: 'job-sort', name: 'sort' },
      h('option', { value: 'RELEVANCE' }, 'Relevance'), h('option', { value: 'NEWEST' }, 'Newest'), h('option', { value: 'SALARY' }, 'Salary'))),
    h('button', { type: 'submit', id: 'job-search-submit' }, 'Search'));
  }

  fillSkills() {
    const select = this.form.elements.skill;
    if (state.skills.size === 0) {
      return;
    }
    if (select.options.length === 1) {
      const skills = [...state.skills.values()].sort((a, b) => a.name.localeCompare(b.name));
      select.append(...skills.map((skill) => h('option', { value: skill.id }, skill.name)));
    }
    if (this.pendingSkill) {
      select.value = this.pendingSkill;
      this.pendingSkill = null;
      if (!this.section.hidden) {
        this.search();
      }
    }
  }

  async loadMatches() {
    this.matchesLoaded = true;
    if (!state.session) {
      replaceChildren(this.matchesHolder, h('p', { className: 'muted' },
        'Sign in and mark the skills you have: the jobs whose requirements you meet best show here.'));
      return;
    }
    try {
      const { data, errors } = await execute('MatchingJobs', { first: PAGE }, { token: token() });
      const matches = data.me?.matchingJobs;
      if (!matches) {
        throw new Error(errors[0]?.message ?? 'no answer');
      }
      replaceChildren(this.matchesHolder,
        h('p', { className: 'muted', id: 'matching-count' }, `${matches.totalCount} ${matches.totalCount === 1 ? 'job matches' : 'jobs match'} the skills you have done.`),
        matches.edges.map((edge) => jobCard(edge.node, edge)));
    }
    catch (failure) {
      replaceChildren(this.matchesHolder, h('p', { className: 'alert', role: 'alert' }, `Matching jobs could not be loaded: ${failure.message}`));
    }
  }

  filter() {
    const values = Object.fromEntries(new FormData(this.form).entries());
    const filter = {};
    if (values.text.trim()) {
      filter.text = values.text.trim();
    }
    if (values.skill) {
      filter.skills = [values.skill];
    }
    if (values.remote) {
      filter.remote = values.remote;
    }
    if (values.country.trim()) {
      filter.country = values.country.trim().toUpperCase();
    }
    if (values.minAnnualSalary) {
      filter.minAnnualSalary = Number(values.minAnnualSalary);
    }
    return { filter, sort: values.sort };
  }

  async search({ append = false } = {}) {
    this.searched = true;
    const { filter, sort } = this.filter();
    const variables = { filter, sort, first: PAGE, after: append ? this.cursor : null };
    this.form.setAttribute('aria-busy', 'true');
    try {
      const { data } = await execute('SearchJobs', variables, { token: token() });
      const jobs = data.jobs;
      this.cursor = jobs.pageInfo.endCursor;
      this.more.hidden = !jobs.pageInfo.hasNextPage;
      this.countLine.textContent = `${jobs.totalCount} open ${jobs.totalCount === 1 ? 'job' : 'jobs'} found.`;
      const cards = jobs.edges.map((edge) => jobCard(edge.node, null));
      if (append) {
        this.resultsHolder.append(...cards);
      }
      else {
        replaceChildren(this.resultsHolder, cards);
      }
    }
    catch (failure) {
      announce(`The search failed: ${failure.message}`, { error: true });
    }
    finally {
      this.form.removeAttribute('aria-busy');
    }
  }
}
