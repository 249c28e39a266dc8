// The roadmap as an SVG graph: one band per stage, skills as boxes coloured by status, "pick one"
// choices boxed with their options, arrows from each prerequisite to the skills it opens. The
// layout follows the width it is given, so phones get two columns and large screens more.

import { s } from './dom.js';
import { STATUS_LABELS, completionOf, state, statusOf } from './state.js';

const PAD = 16;
const GAP_X = 14;
const GAP_Y = 28;
const NODE_H = 50;
const MIN_NODE_W = 132;
const MAX_NODE_W = 190;
const BAND_HEAD = 40;
const BAND_GAP = 18;
const GROUP_INSET = 8;
const GROUP_HEAD = 18;
const CHAR_W = 7.1;

const STATUS_MARKS = { NOT_STARTED: '', LEARNING: '◐', DONE: '✓', SKIPPED: '–' };

/** Positions of stages, skills and choice groups for a given width (pure: easy to reason about). */
export function layoutRoadmap(stages, width) {
  const inner = Math.max(width - 2 * PAD, 2 * MIN_NODE_W / 1.4);
  const columns = Math.max(2, Math.floor((inner + GAP_X) / (MIN_NODE_W + GAP_X)));
  const nodeW = Math.min(MAX_NODE_W, (inner - (columns - 1) * GAP_X) / columns);
  const nodes = new Map();
  const order = [];
  const bands = [];
  const groups = [];
  let y = PAD;
  stages.forEach((stage, stageIndex) => {
    const band = { stage, stageIndex, y, height: 0 };
    bands.push(band);
    y += BAND_HEAD;
    const inStage = new Set(stage.skills.map((skill) => skill.id));
    const isGroupedOption = (skill) => skill.alternativeOf && inStage.has(skill.alternativeOf.id);
    let column = 0;
    const nextRow = () => {
      y += NODE_H + GAP_Y;
      column = 0;
    };
    const place = (skill) => {
      if (column === columns) {
        nextRow();
      }
      nodes.set(skill.id, { x: PAD + column * (nodeW + GAP_X), y, w: nodeW, h: NODE_H, skill, stageIndex });
      order.push(skill.id);
      column += 1;
    };
    for (const skill of stage.skills) {
      if (isGroupedOption(skill)) {
        continue;
      }
      const options = stage.skills.filter((option) => option.alternativeOf?.id === skill.id);
      if (options.length === 0) {
        place(skill);
        continue;
      }
      // a choice starts on a row of its own, boxed with its options
      if (column > 0) {
        nextRow();
      }
      y += GROUP_HEAD;
      const top = y - GROUP_HEAD - GROUP_INSET / 2;
      place(skill);
      options.forEach(place);
      const bottom = y + NODE_H + GROUP_INSET;
      groups.push({ choice: skill, options, x: PAD - GROUP_INSET, y: top, w: inner + 2 * GROUP_INSET, h: bottom - top });
      nextRow();
      y += GROUP_INSET;
    }
    if (column > 0) {
      y += NODE_H;
    }
    else {
      y -= GAP_Y;
    }
    y += BAND_GAP;
    band.height = y - band.y;
    y += BAND_GAP;
  });
  const edges = [];
  for (const [id, node] of nodes) {
    for (const prerequisite of node.skill.requires) {
      if (nodes.has(prerequisite.id)) {
        edges.push({ from: prerequisite.id, to: id, far: nodes.get(prerequisite.id).stageIndex !== node.stageIndex });
      }
    }
  }
  return { width, height: y, nodes, order, bands, groups, edges, nodeW };
}

function edgePath(from, to) {
  const fromCenter = from.x + from.w / 2;
  const toCenter = to.x + to.w / 2;
  if (Math.abs(from.y - to.y) < 1) {
    const leftToRight = to.x > from.x;
    const x1 = leftToRight ? from.x + from.w : from.x;
    const x2 = leftToRight ? to.x : to.x + to.w;
    const y = from.y + from.h / 2;
    return `M${x1},${y} C${x1 + (leftToRight ? 8 : -8)},${y - 14} ${x2 + (leftToRight ? -8 : 8)},${y - 14} ${x2},${y}`;
  }
  const downwards = to.y > from.y;
  const y1 = downwards ? from.y + from.h : from.y;
  const y2 = downwards ? to.y : to.y + to.h;
  const bend = Math.max(18, Math.abs(y2 - y1) / 3) * (downwards ? 1 : -1);
  return `M${fromCenter},${y1} C${fromCenter},${y1 + bend} ${toCenter},${y2 - bend} ${toCenter},${y2}`;
}

/** Up to two lines that fit the box; the full name stays in the accessible label. */
function wrapName(name, width) {
  const perLine = Math.max(8, Math.floor((width - 30) / CHAR_W));
  const lines = [''];
  for (const word of name.split(/\s+/)) {
    const line = lines[lines.length - 1];
    if (!line || (line + ' ' + word).length <= perLine) {
      lines[lines.length - 1] = line ? `${line} ${word}` : word;
    }
    else {
      lines.push(word);
    }
  }
  if (lines.length > 2) {
    lines.length = 2;
    lines[1] = `${lines[1].slice(0, perLine - 1)}…`;
  }
  return lines.map((line) => (line.length > perLine ? `${line.slice(0, perLine - 1)}…` : line));
}

export function skillLabel(skill) {
  const parts = [skill.name, STATUS_LABELS[statusOf(skill.id)]];
  if (skill.alternatives?.length) {
    parts.push(`choice: pick one of ${skill.alternatives.length}`);
  }
  if (skill.alternativeOf) {
    parts.push(`option of ${state.skills.get(skill.alternativeOf.id)?.name ?? skill.alternativeOf.id}`);
  }
  if (state.saving.has(skill.id)) {
    parts.push('saving');
  }
  return parts.join(', ');
}

function statusClass(skillId) {
  return `skill status-${statusOf(skillId).toLowerCase().replace('_', '-')}${state.saving.has(skillId) ? ' saving' : ''}`;
}

export function stageProgressText(stage) {
  const completion = completionOf(stage.skills.map((skill) => skill.id));
  return `${completion.done + completion.skipped}/${completion.total} · ${completion.percent}%`;
}

/** Draws the graph; returns the SVG, whose nodes carry data-skill-id. */
export function drawRoadmap(layout) {
  const edges = s('g', { className: 'edges', 'aria-hidden': 'true' },
    layout.edges.map((edge) => s('path', {
      d: edgePath(layout.nodes.get(edge.from), layout.nodes.get(edge.to)),
      className: edge.far ? 'edge far' : 'edge', 'marker-end': 'url(#arrow)', dataset: { from: edge.from, to: edge.to },
    })));
  const bands = layout.bands.map((band) => s('g', { className: 'stage', role: 'group', 'aria-label': `Stage ${band.stageIndex + 1}: ${band.stage.title}` },
    s('rect', { className: 'stage-band', x: 4, y: band.y, width: layout.width - 8, height: band.height, rx: 10 }),
    s('text', { className: 'stage-title', x: PAD, y: band.y + 25 }, `${band.stageIndex + 1}. ${band.stage.title}`),
    s('text', { className: 'stage-progress', x: layout.width - PAD, y: band.y + 25, 'text-anchor': 'end', dataset: { stageIndex: band.stageIndex } },
      state.session ? stageProgressText(band.stage) : `${band.stage.skills.length} skills`)));
  const groups = layout.groups.map((group) => s('g', { className: 'choice-group', 'aria-hidden': 'true' },
    s('rect', { x: group.x, y: group.y, width: group.w, height: group.h, rx: 12 }),
    s('text', { x: group.x + 10, y: group.y + 13 }, `Pick one of ${group.options.length}`)));
  const nodes = layout.order.map((id) => {
    const node = layout.nodes.get(id);
    const lines = wrapName(node.skill.name, node.w);
    const choice = node.skill.alternatives?.length > 0;
    return s('g', {
      className: statusClass(id) + (choice ? ' choice' : ''), transform: `translate(${node.x},${node.y})`,
      role: 'button', tabindex: '-1', 'aria-label': skillLabel(node.skill), dataset: { skillId: id },
    },
    s('title', null, node.skill.name),
    s('rect', { className: 'box', width: node.w, height: node.h, rx: 8 }),
    s('text', { className: 'name', x: 10, y: lines.length === 1 ? node.h / 2 + 5 : node.h / 2 - 3 },
      lines.map((line, index) => s('tspan', { x: 10, dy: index === 0 ? 0 : 16 }, line))),
    s('text', { className: 'mark', x: node.w - 10, y: 17, 'text-anchor': 'end', 'aria-hidden': 'true' }, STATUS_MARKS[statusOf(id)]));
  });
  return s('svg', {
    className: 'roadmap-graph', width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'group', 'aria-label': 'Roadmap graph: use the arrow keys to move between skills and Enter to open one',
  },
  s('defs', null, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    s('path', { d: 'M0,0 L10,5 L0,10 z' }))),
  bands, groups, edges, s('g', { className: 'nodes' }, nodes));
}

/** Recolours nodes and stage figures after status changes, without laying out again. */
export function refreshStatuses(svg, roadmap) {
  for (const node of svg.querySelectorAll('g.skill')) {
    const id = node.dataset.skillId;
    const choice = node.classList.contains('choice');
    const selected = node.classList.contains('selected');
    node.setAttribute('class', statusClass(id) + (choice ? ' choice' : '') + (selected ? ' selected' : ''));
    node.setAttribute('aria-label', skillLabel(state.skills.get(id)));
    node.querySelector('.mark').textContent = STATUS_MARKS[statusOf(id)];
  }
  for (const text of svg.querySelectorAll('.stage-progress')) {
    const stage = roadmap.stages[Number(text.dataset.stageIndex)];
    text.textContent = state.session ? stageProgressText(stage) : `${stage.skills.length} skills`;
  }
}

/** Marks the selected skill and its prerequisite and unlock arrows. */
export function highlight(svg, skillId) {
  svg.classList.toggle('has-selection', Boolean(skillId));
  for (const node of svg.querySelectorAll('g.skill')) {
    node.classList.toggle('selected', node.dataset.skillId === skillId);
  }
  for (const edge of svg.querySelectorAll('path.edge')) {
    edge.classList.toggle('edge-in', edge.dataset.to === skillId);
    edge.classList.toggle('edge-out', edge.dataset.from === skillId);
  }
}
