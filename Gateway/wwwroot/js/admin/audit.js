// The audit log on the admin page: newest first, older pages on request, and a CSV export.
import { byId, el, show } from '../dom.js';

const actionWords = {
  'staff.signed_in': 'signed in',
  'staff.sign_in_failed': 'sign-in failed',
  'staff.invited': 'invited',
  'staff.invite_accepted': 'accepted the invite',
  'staff.edited': 'edited',
  'staff.deactivated': 'deactivated',
  'staff.reactivated': 'reactivated',
  'staff.session_revoked': 'ended a session',
  'staff.signed_out': 'signed out',
  'conversation.risk_changed': 'changed a risk',
  'wrap_ups.read': 'read wrap-ups',
};

const pageSize = 50;

export class AuditView {
  next = null;

  constructor({ session, nameOf }) {
    Object.assign(this, { session, nameOf });
    byId('audit-refresh').addEventListener('click', () => this.load());
    byId('audit-older').addEventListener('click', () => this.#page(this.next));
    byId('audit-export').addEventListener('click', () => this.#export());
  }

  load() {
    byId('audit-list').replaceChildren();
    return this.#page(null);
  }

  async #page(before) {
    const query = new URLSearchParams({ limit: pageSize });
    if (before) query.set('before', before);
    const page = await this.session.api('GET', `/api/audit?${query}`);
    for (const entry of page.entries) byId('audit-list').append(this.#row(entry));
    this.next = page.next;
    show(byId('audit-older'), page.entries.length === pageSize && page.next !== null);
  }

  #row(entry) {
    const who = (id) => (id ? this.nameOf(id) ?? id : '');
    return el(
      'tr',
      { 'data-action': entry.action },
      el('td', {}, el('time', { datetime: entry.at }, new Date(entry.at).toLocaleString())),
      el('td', {}, who(entry.actor)),
      el('td', {}, actionWords[entry.action] ?? entry.action),
      el('td', {}, entry.action.startsWith('conversation.') ? `conversation ${entry.target.slice(0, 8)}` : who(entry.target)),
      el('td', {}, entry.detail ?? ''),
    );
  }

  async #export() {
    const file = await this.session.api('GET', '/api/audit/export');
    const link = el('a', { href: URL.createObjectURL(file), download: 'audit.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
