// Career facts from the source article beside live salary statistics from open listings.

import { execute } from './graphql.js';
import { formatMoney, formatNumber, h, replaceChildren } from './dom.js';
import { token } from './state.js';

const CURRENCIES = ['USD', 'EUR', 'GBP'];

function factFigure(fact) {
  if (fact.figure === null) {
    return '';
  }
  if (fact.unit === 'USD_PER_YEAR') {
    return formatMoney(fact.figure, 'USD');
  }
  if (fact.unit === 'PERCENT') {
    return `${fact.figure}%`;
  }
  return formatNumber(fact.figure);
}

function difference(percent) {
  if (percent === null || percent === undefined) {
    return 'no live median to compare yet';
  }
  const rounded = Math.round(percent * 10) / 10;
  return `live median ${rounded >= 0 ? '+' : '−'}${Math.abs(rounded)}%`;
}

export class CareerView {
  constructor(section) {
    this.section = section;
    this.currency = 'USD';
  }

  show() {
    this.load();
  }

  /** Facts (content-service) and live figures (jobs-service) load apart: either shows without the other. */
  async load() {
    this.factsHolder = h('div', null, h('p', { className: 'muted', role: 'status' }, 'Loading…'));
    this.liveHolder = h('div', null, h('p', { className: 'muted', role: 'status' }, 'Loading…'));
    replaceChildren(this.section, h('h1', null, 'Career facts'),
      h('div', { className: 'two-columns' },
        h('section', { 'aria-labelledby': 'facts-title' }, h('h2', { id: 'facts-title' }, 'From the source article'), this.factsHolder),
        h('section', { 'aria-labelledby': 'live-title' }, h('h2', { id: 'live-title' }, 'Live from open listings'),
          this.currencyField(), this.liveHolder)));
    await Promise.all([this.loadFacts(), this.loadMarket()]);
  }

  currencyField() {
    const select = h('select', { id: 'career-currency', onChange: (event) => {
      this.currency = event.target.value;
      this.loadMarket();
    } }, CURRENCIES.map((code) => h('option', { value: code, selected: code === this.currency }, code)));
    return h('div', { className: 'field inline' }, h('label', { for: 'career-currency' }, 'Currency'), select);
  }

  async loadFacts() {
    try {
      const { data } = await execute('Career', {}, { token: token() });
      replaceChildren(this.factsHolder, h('ul', { className: 'facts', id: 'career-facts' }, data.careerFacts.map((fact) => h('li', null,
        fact.figure !== null && h('span', { className: 'fact-figure' }, factFigure(fact)),
        h('span', null, fact.statement),
        h('span', { className: 'source' }, 'Source: ', fact.sourceUrl ? h('a', { href: fact.sourceUrl, rel: 'noopener noreferrer' }, fact.source) : fact.source)))));
    }
    catch (failure) {
      replaceChildren(this.factsHolder, h('p', { className: 'alert', role: 'alert' }, `Career facts could not be loaded: ${failure.message}`));
    }
  }

  async loadMarket() {
    const currency = this.currency;
    try {
      const { data } = await execute('MarketStats', { currency }, { token: token() });
      if (currency === this.currency) {
        replaceChildren(this.liveHolder, market(data.marketStats, currency));
      }
    }
    catch (failure) {
      replaceChildren(this.liveHolder, h('p', { className: 'alert', role: 'alert' }, `Live salary figures could not be loaded: ${failure.message}`));
    }
  }
}

function market(stats, currency) {
  const salary = stats.salary;
  return [
    h('p', { id: 'live-salary' }, `${stats.openJobs} open ${stats.openJobs === 1 ? 'listing' : 'listings'}; `,
      salary.count > 0
        ? `${salary.count} with a yearly salary in ${salary.currency}: median ${formatMoney(salary.median, salary.currency)} (middle half ${formatMoney(salary.p25, salary.currency)} – ${formatMoney(salary.p75, salary.currency)}).`
        : `none with a salary in ${salary.currency} yet.`),
    h('h3', null, 'Against the article’s figures'),
    h('ul', { className: 'references' }, salary.reference.map((reference) => h('li', null,
      h('span', null, reference.statement), ' ', h('strong', null, difference(reference.medianDifferencePercent))))),
    h('h3', null, 'Salary per skill (most demanded skills)'),
    stats.topSkills.length === 0 ? h('p', { className: 'muted' }, 'No open listings yet.')
      : h('div', { className: 'table-scroll' }, h('table', { id: 'skill-salaries' },
        h('caption', { className: 'visually-hidden' }, `Yearly salaries in ${currency} per skill`),
        h('thead', null, h('tr', null, ['Skill', 'Open jobs', 'Median', 'Range', 'With salary'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', null, stats.topSkills.map((demand) => {
          const skillStats = demand.skill.salaryStats;
          return h('tr', null,
            h('th', { scope: 'row' }, h('a', { href: `#/roadmap/${encodeURIComponent(demand.skill.id)}` }, demand.skill.name)),
            h('td', null, String(demand.jobCount)),
            h('td', null, skillStats.count > 0 ? formatMoney(skillStats.median, skillStats.currency) : '–'),
            h('td', null, skillStats.count > 0 ? `${formatMoney(skillStats.min, skillStats.currency)} – ${formatMoney(skillStats.max, skillStats.currency)}` : '–'),
            h('td', null, String(skillStats.count)));
        })))),
  ];
}
