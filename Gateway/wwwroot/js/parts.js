// The AI's reply, drawn from its structured parts: the acknowledgement as text, coping
// strategies as a short list, each exercise as a card to follow step by step, resources as
// links, and crisis parts as a panel with numbers to tap and call. Used by the seeker page, and
// in a compact form by the supporter console to show what the AI already suggested.
import { el, safeUrl } from './dom.js';
import { telHref } from './crisis-lines.js';

/** Phone numbers in crisis text: at least three digits, spaces allowed inside ("116 123"). */
const phoneNumber = /\+?\d[\d ]{1,14}\d/g;

export function renderParts(parts) {
  const container = el('div', { class: 'parts' });
  // Crisis parts go first, whatever their place in the reply, so they cannot be missed.
  const ordered = [...parts.filter((p) => kindOf(p) === 'crisis'), ...parts.filter((p) => kindOf(p) !== 'crisis')];

  let list = null;
  let listKind = null;
  for (const part of ordered) {
    const kind = kindOf(part);
    if (kind === 'coping' || kind === 'resource') {
      if (listKind !== kind) {
        list = el('ul');
        listKind = kind;
        const heading = kind === 'coping' ? 'Things that might help' : 'Where to find more help';
        container.append(el('section', { class: kind }, el('h3', {}, heading), list));
      }
      list.append(kind === 'coping' ? copingItem(part) : resourceItem(part));
      continue;
    }
    listKind = null;
    if (kind === 'crisis') container.append(crisisPanel(part));
    else if (kind === 'exercise') container.append(exerciseCard(part));
    else container.append(el('p', { class: 'acknowledgement' }, part.text));
  }
  return container;
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

function crisisPanel(part) {
  const panel = el('section', { class: 'crisis' }, el('h3', {}, part.title ?? 'If you are in danger, call now'));
  panel.append(el('p', {}, ...withCallLinks(part.text)));
  const href = safeUrl(part.url);
  if (href?.startsWith('tel:')) {
    panel.append(el('a', { class: 'call-button', href }, `Call ${href.slice(4)}`));
  } else if (href) {
    panel.append(el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, 'More ways to get help now'));
  }
  return panel;
}

/** Splits text around phone numbers, turning each number into a tap-to-call link. */
function withCallLinks(text) {
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(phoneNumber)) {
    if (match[0].replace(/\D/g, '').length < 3) continue;
    pieces.push(text.slice(last, match.index));
    pieces.push(el('a', { class: 'tel', href: telHref(match[0]) }, match[0]));
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

/** Steps are the text's lines, else its numbered items, else its sentences. */
function splitSteps(text) {
  const byLine = text.split(/\n+/).map((s) => s.trim()).filter(Boolean);
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
  return el('section', { class: 'exercise' },
    el('h3', {}, part.title ?? 'A short exercise'),
    single ? null : counter,
    stepText,
    single ? null : el('div', { class: 'step-buttons' }, back, next));
}
