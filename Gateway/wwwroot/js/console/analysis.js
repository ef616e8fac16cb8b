// How the console shows what the classifier found: risk and theme badges, and the hand-off card
// (what the person has said and what the AI already offered them).
import { el, formatTime } from '../dom.js';
import { themeLabel, riskId, riskLabel, kindLabel } from '../labels.js';

export function badges(themes, risk, trend) {
  return el('ul', { class: 'badges', 'aria-label': 'Analysis' },
    el('li', { class: `badge risk-${riskId(risk)}` }, riskLabel(risk), trend ? ` (${trend})` : ''),
    themes.map((theme) => el('li', { class: 'badge' }, themeLabel(theme))));
}

/**
 * The hand-off card: its summary (two short lines, and a third on the person over time) stays in view as the
 * <summary>; the risk path, the risk changes, the moods at check-ins and what the AI suggested open under it. Open on an offer, where it is read in full; folded in a chat's header.
 */
export function handoffDetails(handoff, { open = true } = {}) {
  return el('details', { class: 'handoff', open },
    el('summary', {}, el('strong', {}, 'Hand-off: '), handoff.summary || 'what they have said and been offered'),
    el('dl', {},
      handoff.riskHistory?.length ? [el('dt', {}, 'Risk, message by message'), el('dd', {}, riskPath(handoff.riskHistory))] : null,
      handoff.riskChanges?.length ? [el('dt', {}, 'Why the risk changed'),
        el('dd', {}, el('ul', { class: 'risk-changes' }, handoff.riskChanges.map(riskChange)))] : null,
      handoff.pattern?.moods?.length ? [el('dt', {}, 'Mood at check-ins, day by day (1 to 5)'),
        el('dd', {}, handoff.pattern.moods.map((reading) => reading.mood).join(', then '))] : null,
      handoff.plan?.length ? [el('dt', {}, 'Their plan from before'),
        el('dd', {}, el('ul', {}, handoff.plan.map((step) => el('li', {}, step.text, step.progress !== 'open' ? ` (${step.progress.replace('_', ' ')})` : ''))))] : null,
      handoff.alreadyOffered?.length ? [el('dt', {}, 'The AI already suggested'),
        el('dd', {}, el('ul', {}, handoff.alreadyOffered.map((item) => el('li', {}, item))))] : null));
}

/** "low for 3 messages, then moderate, then high" */
function riskPath(history) {
  const runs = [];
  for (const level of history.map(riskId)) {
    if (runs.at(-1)?.level === level) runs.at(-1).count++;
    else runs.push({ level, count: 1 });
  }
  return runs.map(({ level, count }) => (count > 1 ? `${level} for ${count} messages` : level)).join(', then ');
}

/** "02:14 from moderate to high (suicide), by their answer: answered yes to thoughts of suicide" */
function riskChange(change) {
  const who = { model: 'the classifier', answer: 'their answer', assessment: 'the assessment' }[change.by] ?? 'a supporter';
  return el('li', {},
    el('time', { datetime: change.at }, formatTime(change.at)), ' ',
    `from ${riskId(change.from)} to ${riskId(change.to)}`, change.kind ? ` (${kindLabel(change.kind)})` : '',
    `, by ${who}: ${change.reason}`);
}
