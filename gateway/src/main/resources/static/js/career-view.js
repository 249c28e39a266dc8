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

  async load() {
    replaceChildren(this.section, h('h1', null, 'Career facts'), h('p', { className: 'muted', role: 'status' }, 'Loading…'));
    try {
      const { data } = await execute('Career', { currency: this.currency }, { token: token() });
      this.render(data);
    }
    catch (failure) {
      replaceChildren(this.section, h('h1', null, 'Career facts'),
        h('p', { className: 'alert', role: 'alert' }, `Career facts could not be loaded: ${failure.message}`));
    }
  }

  render(data) {
    const market = data.marketStats;
    const salary = market.salary;
    const currency = h('select', { id: 'career-currency', onChange: (event) => {
      this.currency = event.target.value;
      this.load();
    } }, CURRENCIES.map((code) => h('option', { value: code, selected: code === this.currency }, code)));
    replaceChildren(this.section,
      h('h1', null, 'Career facts'),
      h('div', { className: 'two-columns' },
        h('section', { 'aria-labelledby': 'facts-title' },
          h('h2', { id: 'facts-title' }, 'From the source article'),
          h('ul', { className: 'facts', id: 'career-facts' }, data.careerFacts.map((fact) => h('li', null,
            fact.figure !== null && h('span', { className: 'fact-figure' }, factFigure(fact)),
            h('span', null, fact.statement),
            h('span', { className: 'source' }, 'Source: ', fact.sourceUrl ? h('a', { href: fact.sourceUrl, rel: 'noopener noreferrer' }, fact.source) : fact.source))))),
        h('section', { 'aria-labelledby': 'live-title' },
          h('h2', { id: 'live-title' }, 'Live from open listings'),
          h('div', { className: 'field inline' }, h('label', { for: 'career-currency' }, 'Currency'), currency),
          h('p', { id: 'live-salary' }, `${market.openJobs} open ${market.openJobs === 1 ? 'listing' : 'listings'}; `,
            salary.count > 0
              ? `${salary.count} with a yearly salary in ${salary.currency}: median ${formatMoney(salary.median, salary.currency)} (middle half ${formatMoney(salary.p25, salary.currency)} – ${formatMoney(salary.p75, salary.currency)}).`
              : `none with a salary in ${salary.currency} yet.`),
          h('h3', null, 'Against the article’s figures'),
          h('ul', { className: 'references' }, salary.reference.map((reference) => h('li', null,
            h('span', null, reference.statement), ' ', h('strong', null, difference(reference.medianDifferencePercent))))),
          h('h3', null, 'Salary per skill (most demanded skills)'),
          market.topSkills.length === 0 ? h('p', { className: 'muted' }, 'No open listings yet.')
            : h('div', { className: 'table-scroll' }, h('table', { id: 'skill-salaries' },
              h('caption', { className: 'visually-hidden' }, `Yearly salaries in ${this.currency} per skill`),
              h('thead', null, h('tr', null, ['Skill', 'Open jobs', 'Median', 'Range', 'With salary'].map((title) => h('th', { scope: 'col' }, title)))),
              h('tbody', null, market.topSkills.map((demand) => {
                const stats = demand.skill.salaryStats;
                return h('tr', null,
                  h('th', { scope: 'row' }, h('a', { href: `#/roadmap/${encodeURIComponent(demand.skill.id)}` }, demand.skill.name)),
                  h('td', null, String(demand.jobCount)),
                  h('td', null, stats.count > 0 ? formatMoney(stats.median, stats.currency) : '–'),
                  h('td', null, stats.count > 0 ? `${formatMoney(stats.min, stats.currency)} – ${formatMoney(stats.max, stats.currency)}` : '–'),
                  h('td', null, String(stats.count)));
              })))))));
  }
}
