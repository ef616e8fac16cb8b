// What goes on after a chat, on the help-seeker page: the plan made together, the choice to let the supporter follow
// it, check-ins (asked for in the person's own time zone, answered here) and asking for the same supporter again.
import { el, fill, show, byId } from '../dom.js';
import { hubRefusal } from '../hub.js';
import { pushSupported, subscribeToPush } from './push.js';

const progressWords = { open: '', done: 'done', not_yet: 'not yet', changed: 'changed' };
const checkInChoices = [
  ['1|morning', 'tomorrow morning'],
  ['1|afternoon', 'tomorrow afternoon'],
  ['1|evening', 'tomorrow evening'],
  ['2|evening', 'in 2 days, in the evening'],
  ['3|evening', 'in 3 days, in the evening'],
];
const moods = ['1 – very low', '2 – low', '3 – okay', '4 – good', '5 – very good'];

/**
 * panel: the element to draw into. hub(): the open connection. conversationId(): the chat steps are added in.
 * openConversation(id): shows another conversation (one opened by a check-in's answer). apply(view): a conversation view.
 * token(): the person's token, for the device's push subscription.
 */
export function continuity({ panel, hub, token, conversationId, canAskAgain, inPeerChat, openConversation, apply }) {
  let plan = null;
  let nextCheckIn = null;
  let checkIn = null;
  let status = '';
  let couldAskAgain = false;

  // In a chat the messages need the room: the plan opens from a button beside "End chat" (there once the person has a
  // plan, or a supporter to make one with), or by itself when a check-in comes or a supporter's step waits for them.
  // On the other screens it is always there.
  let openInChat = false;
  const toggle = el('button', { type: 'button', id: 'plan-toggle', 'aria-expanded': 'false', onclick: () => {
    openInChat = !openInChat;
    place();
  }, hidden: true }, 'My plan');
  byId('chat').querySelector('.actions').append(toggle);

  function place() {
    const inChat = !byId('chat').hidden;
    const waiting = Boolean(checkIn) || plan?.steps?.some((s) => !s.accepted);
    toggle.setAttribute('aria-expanded', String(openInChat));
    show(toggle, plan?.steps?.length > 0 || inPeerChat());
    show(panel, Boolean(plan) && (!inChat || openInChat || waiting));
  }

  async function call(method, ...args) {
    try {
      status = '';
      return await hub().invoke(method, ...args);
    } catch (error) {
      status = hubRefusal(error)?.message ?? 'That did not work just now. Please try again in a moment.';
      draw();
      return null;
    }
  }

  function draw() {
    const hasPlan = plan?.steps?.length > 0;
    fill(panel,
      checkIn ? checkInForm() : null,
      el('h2', {}, 'Your plan'),
      hasPlan ? el('ol', { class: 'plan-steps' }, plan.steps.map(stepItem)) : el('p', {}, 'No steps yet. A step can be small: one thing you could do tomorrow.'),
      plan?.steps?.length < 5 || !hasPlan ? stepForm() : null,
      consent(),
      checkInChoice(),
      askAgain(),
      el('p', { class: 'error', role: 'alert' }, status));
    place();
  }

  function stepItem(step) {
    const words = progressWords[step.progress];
    return el('li', { class: 'plan-step', 'data-step': step.stepId },
      el('span', { class: 'plan-text' }, step.text),
      step.when ? el('span', { class: 'plan-when' }, ` – ${step.when}`) : null,
      words ? el('span', { class: 'plan-progress' }, ` (${words})`) : null,
      step.accepted
        ? (step.progress !== 'done' ? el('button', { type: 'button', onclick: () => mark(step, 'done') }, 'Mark done') : null)
        : el('span', {}, ' ', el('em', {}, 'suggested by your supporter'), ' ',
          el('button', { type: 'button', class: 'primary', onclick: () => accept(step) }, 'Add to my plan')));
  }

  function stepForm() {
    const text = el('input', { id: 'plan-step-text', maxlength: '200', autocomplete: 'off', placeholder: 'e.g. message Dan about Thursday’s meetup' });
    const when = el('input', { id: 'plan-step-when', maxlength: '80', autocomplete: 'off', placeholder: 'e.g. tomorrow morning (optional)' });
    return el('form', { class: 'plan-add', onsubmit: async (event) => {
      event.preventDefault();
      if (!text.value.trim() || !conversationId()) return;
      const view = await call('ProposePlanStep', conversationId(), text.value, when.value || null);
      if (view) applyPlan(view);
    } },
    el('label', { for: 'plan-step-text' }, 'A step, in your own words'), text,
    el('label', { for: 'plan-step-when' }, 'When'), when,
    el('button', { type: 'submit', class: 'primary' }, 'Add step'));
  }

  function consent() {
    if (!plan?.madeWith) return null;
    const name = plan.madeWith;
    if (plan.followUp === true) {
      return el('p', { class: 'plan-consent' }, `${name} can see how your plan goes and leave you a note for your check-in. `,
        el('button', { type: 'button', onclick: () => setFollowUp(false) }, 'Stop sharing'));
    }
    return el('p', { class: 'plan-consent' },
      plan.followUp === false ? 'Only you can see your plan. ' : `Would you like ${name} to follow how your plan goes, and leave you a word of encouragement? `,
      el('button', { type: 'button', onclick: () => setFollowUp(true) }, plan.followUp === false ? `Let ${name} follow it` : 'Yes, let them follow it'),
      plan.followUp === null || plan.followUp === undefined ? el('button', { type: 'button', onclick: () => setFollowUp(false) }, 'No thanks') : null);
  }

  function checkInChoice() {
    if (nextCheckIn) {
      const at = new Date(nextCheckIn.at);
      return el('p', { class: 'check-in-next' },
        `We'll check in with you ${at.toLocaleString([], { weekday: 'long', hour: '2-digit', minute: '2-digit' })}. `,
        el('button', { type: 'button', onclick: async () => { await call('CancelCheckIn'); nextCheckIn = null; draw(); } }, 'Cancel'));
    }
    const choice = el('select', { id: 'check-in-when' }, checkInChoices.map(([value, label]) => el('option', { value }, label)));
    // Only where the browser can take a notice; it says "You have a new message" and nothing of what this is.
    const notify = pushSupported() ? el('input', { type: 'checkbox', id: 'check-in-notify' }) : null;
    return el('form', { class: 'check-in-choice', onsubmit: async (event) => {
      event.preventDefault();
      // Asked first, while the click still counts as the person's own: browsers only ask for permission then.
      const pushed = notify?.checked ? subscribeToPush(token()).catch(() => 'unsupported') : null;
      const [days, time] = choice.value.split('|');
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      const scheduled = await call('ScheduleCheckIn', zone, Number(days), time);
      if (scheduled) {
        nextCheckIn = scheduled;
        if (pushed && await pushed !== 'subscribed') {
          status = 'This device will not show a notice; the check-in waits here for when you come back.';
        }
        draw();
      }
    } },
    el('label', { for: 'check-in-when' }, 'Check in with me '), choice, ' ',
    notify ? el('span', { class: 'check-in-notify' }, notify, el('label', { for: 'check-in-notify' }, ' Also notify me on this device')) : null,
    ' ',
    el('button', { type: 'submit' }, 'Set check-in'));
  }

  function askAgain() {
    if (!plan?.madeWith || !conversationId() || !canAskAgain()) return null;
    return el('p', {}, el('button', { type: 'button', id: 'ask-again', onclick: async () => {
      const view = await call('RequestPeerAgain', conversationId());
      if (view) apply(view);
    } }, `Ask for ${plan.madeWith} again`));
  }

  function checkInForm() {
    const answers = el('div', {}, checkIn.steps.map((step) => el('fieldset', { class: 'check-in-step', 'data-step': step.stepId },
      el('legend', {}, step.text),
      ['done', 'not_yet', 'changed'].map((value) => el('label', {},
        el('input', { type: 'radio', name: `step-${step.stepId}`, value }), ` ${value === 'changed' ? 'change it' : progressWords[value]} `)),
      el('input', { class: 'check-in-change', maxlength: '200', 'aria-label': 'The step in new words (if you change it)' }))));
    const words = el('textarea', { id: 'check-in-text', rows: '2', maxlength: '4000' });
    return el('form', { id: 'check-in', class: 'panel check-in', onsubmit: async (event) => {
      event.preventDefault();
      const form = new FormData(event.currentTarget);
      const mood = Number(form.get('mood'));
      if (!mood) {
        status = 'Please choose how you are feeling (1 to 5).';
        draw();
        return;
      }
      const steps = checkIn.steps.flatMap((step) => {
        const progress = form.get(`step-${step.stepId}`);
        if (!progress) return [];
        const text = progress === 'changed' ? answers.querySelector(`[data-step="${step.stepId}"] .check-in-change`).value : null;
        return [{ stepId: step.stepId, progress, text }];
      });
      const answered = await call('AnswerCheckIn', checkIn.checkInId, mood, steps, words.value.trim() || null);
      if (!answered) return;
      checkIn = null;
      await refresh();
      status = answered.moodFalling
        ? 'Thank you for telling us. The last few days sound like they have been getting harder, so we are finding a peer supporter to talk with you now.'
        : answered.peerOffered
          ? 'Thank you for telling us. We are finding a peer supporter for you now.'
          : 'Thank you for checking in.';
      draw();
      if (answered.conversationId) openConversation(answered.conversationId);
    } },
    el('h2', {}, 'Checking in'),
    checkIn.note ? el('p', { class: 'check-in-note' }, `${checkIn.note.from} left you a note: `, el('q', {}, checkIn.note.text)) : null,
    el('fieldset', { class: 'rating' }, el('legend', {}, 'How are you feeling today?'),
      moods.map((label, i) => el('label', {}, el('input', { type: 'radio', name: 'mood', value: String(i + 1) }), ` ${label}`))),
    checkIn.steps.length ? el('p', {}, 'How did your steps go?') : null,
    answers,
    el('label', { for: 'check-in-text' }, 'Anything you would like to say? (optional)'), words,
    el('button', { type: 'submit', class: 'primary' }, 'Send'));
  }

  async function accept(step) {
    openInChat = true; // the person is reading the plan: it stays open after the step joins it
    const view = await call('AcceptPlanStep', plan.conversationId ?? conversationId(), step.stepId);
    if (view) applyPlan(view);
  }

  async function mark(step, progress) {
    const view = await call('MarkPlanStep', step.stepId, progress, null);
    if (view) applyPlan(view);
  }

  async function setFollowUp(allow) {
    const view = await call('SetFollowUp', allow);
    if (view) applyPlan(view);
  }

  function applyPlan(view) {
    plan = view;
    draw();
  }

  async function refresh() {
    const view = await call('Continuity');
    if (!view) return;
    plan = view.plan;
    nextCheckIn = view.nextCheckIn ?? null;
    checkIn = view.checkIn ?? null;
    draw();
  }

  return {
    handlers: {
      Plan: applyPlan,
      CheckIn: (view) => {
        checkIn = view;
        nextCheckIn = null;
        draw();
        panel.scrollIntoView({ block: 'start' });
      },
    },
    refresh,
    // Drawn again only when asking again became possible or stopped being: a redraw would lose what is being typed.
    redraw: () => {
      const can = Boolean(plan?.madeWith) && canAskAgain();
      if (can !== couldAskAgain) {
        couldAskAgain = can;
        draw();
      } else {
        place();
      }
    },
    clear: () => { plan = null; checkIn = null; nextCheckIn = null; show(panel, false); },
  };
}
