// How the console shows what the classifier found: risk and theme badges, and the hand-off card
// (what the person has said and what the AI already offered them).
import { el, formatTime } from '../dom.js';
import { themeLabel, riskId, riskLabel, kindLabel } from '../labels.js';

export function badges(themes, risk, trend) {
  return el('ul', { class: 'badges', 'aria-label': 'Analysis' },
    el('li', { class: `badge risk-${riskId(risk)}` }, riskLabel(risk), trend ? ` (${trend})` : ''),
    themes.map((theme) => el('li', { class: 'badge' }, themeLabel(theme))));
}

export function handoffDetails(handoff) {
  return el('details', { class: 'handoff', open: true },
    el('summary', {}, 'Hand-off: what they have said and been offered'),
    el('dl', {},
      handoff.summary ? [el('dt', {}, 'Summary'), el('dd', {}, handoff.summary)] : null,
      handoff.riskHistory?.length ? [el('dt', {}, 'Risk so far'), el('dd', {}, handoff.riskHistory.map(riskId).join(' → '))] : null,
      handoff.riskChanges?.length ? [el('dt', {}, 'Why the risk changed'),
        el('dd', {}, el('ul', { class: 'risk-changes' }, handoff.riskChanges.map(riskChange)))] : null,
      handoff.alreadyOffered?.length ? [el('dt', {}, 'The AI already suggested'),
        el('dd', {}, el('ul', {}, handoff.alreadyOffered.map((item) => el('li', {}, item))))] : null));
}

/** "02:14 moderate → high (suicide), by answer: answered yes to thoughts of suicide" */
function riskChange(change) {
  const who = { model: 'the classifier', answer: 'their answer', assessment: 'the assessment' }[change.by] ?? 'a supporter';
  return el('li', {},
    el('time', { datetime: change.at }, formatTime(change.at)), ' ',
    `${riskId(change.from)} → ${riskId(change.to)}`, change.kind ? ` (${kindLabel(change.kind)})` : '',
    `, by ${who}: ${change.reason}`);
}
