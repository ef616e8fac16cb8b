// How the console shows what the classifier found: risk and theme badges, and the hand-off card
// (what the person has said and what the AI already offered them).
import { el } from '../dom.js';
import { themeLabel, riskId, riskLabel } from '../labels.js';

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
      handoff.alreadyOffered?.length ? [el('dt', {}, 'The AI already suggested'),
        el('dd', {}, el('ul', {}, handoff.alreadyOffered.map((item) => el('li', {}, item))))] : null));
}
