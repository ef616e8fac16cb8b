// The AI's reply, drawn from its structured parts: the acknowledgement as text, coping
// strategies as a short list, each exercise as a card to follow step by step, resources as
// links, and crisis parts as a panel with numbers to tap and call. Used by the seeker page, and
// in a compact form by the supporter console to show what the AI already suggested.
import { el, safeUrl } from './dom.js';
import { telHref } from './crisis-lines.js';
import { listInWords } from './labels.js';

/**
 * Numbers in crisis text: at least three digits, spaces allowed inside ("116 123"). One that
 * follows "Text WORD to" is a text line ("Text SHOUT to 85258"), so it opens messages, not a call.
 */
const contactNumber = /(\btext\s+\S+\s+to\s+)?(\+?\d[\d ]{1,14}\d)/gi;

/**
 * With { fold: true } (the seeker's page, often a phone at night) the crisis lines, the acknowledgement and the first
 * step show at once, and the rest waits behind "More", so a long reply starts with what matters and fits the screen.
 */
export function renderParts(parts, { fold = false } = {}) {
  // Crisis parts go first, whatever their place in the reply, so they cannot be missed.
  const ordered = [...parts.filter((p) => kindOf(p) === 'crisis'), ...parts.filter((p) => kindOf(p) !== 'crisis')];
  const firstStep = ordered.findIndex((p) => kindOf(p) === 'coping' || kindOf(p) === 'exercise');
  const shown = fold && firstStep >= 0 ? firstStep + 1 : ordered.length;

  const container = el('div', { class: 'parts' });
  appendParts(container, ordered.slice(0, shown));
  const rest = ordered.slice(shown);
  if (rest.length > 0) {
    const more = el('details', { class: 'more' }, el('summary', {}, moreInWords(rest)));
    appendParts(more, rest);
    container.append(more);
  }
  return container;
}

/** Consecutive crisis lines share one panel; coping strategies and resources each share one list. */
function appendParts(container, parts) {
  let group = null;
  let groupKind = null;
  for (const part of parts) {
    const kind = kindOf(part);
    if (kind === 'crisis' || kind === 'coping' || kind === 'resource') {
      if (groupKind !== kind) {
        groupKind = kind;
        group = kind === 'crisis' ? el('section', { class: 'crisis' }) : el('ul');
        container.append(kind === 'crisis' ? group
          : el('section', { class: kind }, el('h2', {}, kind === 'coping' ? 'Things that might help' : 'Where to find more help'), group));
      }
      group.append(kind === 'crisis' ? crisisLine(part) : kind === 'coping' ? copingItem(part) : resourceItem(part));
      continue;
    }
    groupKind = null;
    container.append(kind === 'exercise' ? exerciseCard(part) : el('p', { class: 'acknowledgement' }, part.text));
  }
}

/** "More: other things to try, a short exercise and where to find help" */
function moreInWords(parts) {
  const kinds = new Set(parts.map(kindOf));
  const words = [
    kinds.has('coping') ? 'other things to try' : null,
    kinds.has('exercise') ? 'a short exercise' : null,
    kinds.has('resource') ? 'where to find help' : null,
    kinds.has('acknowledgement') ? 'a few more words' : null,
  ].filter(Boolean);
  return `More: ${listInWords(words)}`;
}

const kindOf = (part) => String(part.kind).toLowerCase();

function copingItem(part) {
  return el('li', {}, part.title ? el('strong', {}, part.title, ': ') : null, part.text);
}

function resourceItem(part) {
  const href = safeUrl(part.url);
  const label = part.title ?? part.text;
  return el('li', {},
    href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : el('strong', {}, label),
    part.title ? el('span', { class: 'resource-text' }, ' – ', part.text) : null);
}

function crisisLine(part) {
  const href = safeUrl(part.url);
  return el('div', { class: 'crisis-line' },
    el('h2', {}, part.title ?? 'If you are in danger, get help now'),
    el('p', {}, ...withContactLinks(part.text)),
    href?.startsWith('tel:') ? el('a', { class: 'call-button', href }, `Call ${href.slice(4)}`) : null,
    href?.startsWith('http') ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, new URL(href).hostname.replace(/^www\./, '')) : null);
}

/** Splits text around phone numbers, turning each into a link to call (or to text) it with one tap. */
function withContactLinks(text) {
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(contactNumber)) {
    const [whole, textPrefix = '', number] = match;
    if (number.replace(/\D/g, '').length < 3) continue;
    pieces.push(text.slice(last, match.index), textPrefix);
    const href = textPrefix ? `sms:${number.replace(/\s/g, '')}` : telHref(number);
    pieces.push(el('a', { class: 'tel', href }, number));
    last = match.index + whole.length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

/** Steps are the text's lines (without their "1." numbering, which the card shows), else its numbered items, else its sentences. */
function splitSteps(text) {
  const byLine = text.split(/\n+/).map((s) => s.trim().replace(/^\d+[.)]\s+/, '')).filter(Boolean);
  if (byLine.length > 1) return byLine;
  const byNumber = text.split(/(?:^|\s)\d+[.)]\s+/).map((s) => s.trim()).filter(Boolean);
  if (byNumber.length > 1) return byNumber;
  return text.match(/[^.!?]+[.!?]+["”’)]*|[^.!?]+$/g)?.map((s) => s.trim()).filter(Boolean) ?? [text];
}

/** One step at a time, moved on by the person, never by a timer. */
function exerciseCard(part) {
  const steps = splitSteps(part.text);
  const counter = el('p', { class: 'step-count' });
  const stepText = el('p', { class: 'step-text' });
  const back = el('button', { type: 'button' }, 'Back');
  const next = el('button', { type: 'button', class: 'primary' });
  let index = 0;

  const go = (to) => {
    index = to;
    counter.textContent = `Step ${index + 1} of ${steps.length}`;
    stepText.textContent = steps[index];
    back.disabled = index === 0;
    next.textContent = index === steps.length - 1 ? 'Start over' : 'Next step';
  };
  back.addEventListener('click', () => go(index - 1));
  next.addEventListener('click', () => go(index === steps.length - 1 ? 0 : index + 1));
  go(0);

  const single = steps.length === 1;
  // Each step is read out as the person moves to it, the count with it.
  return el('section', { class: 'exercise' },
    el('h2', {}, part.title ?? 'A short exercise'),
    el('div', { class: 'step', 'aria-live': 'polite', 'aria-atomic': 'true' }, single ? null : counter, stepText),
    single ? null : el('div', { class: 'step-buttons' }, back, next));
}
