// Inviting people, the staff list with search, and editing, deactivating and reactivating.
import { byId, el, fill, show } from '../dom.js';
import { themeIds, themeLabel } from '../labels.js';

const roleWords = { supporter: 'Supporter', supervisor: 'Supervisor', admin: 'Admin' };
const statusWords = { invited: 'Invited', active: 'Active', deactivated: 'Deactivated' };
const presenceWords = { online: 'Online', away: 'Away', offline: 'Offline' };

/** Theme checkboxes inside a fieldset, one per taxonomy theme. */
function themeBoxes(fieldset, prefix) {
  for (const id of themeIds) {
    fieldset.append(el('label', { class: 'check' }, el('input', { type: 'checkbox', id: `${prefix}-${id}`, value: id }), themeLabel(id)));
  }
}

const checkedThemes = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((box) => box.value);

const languages = (text) => text.split(',').map((code) => code.trim()).filter((code) => code.length > 0);

export class StaffList {
  members = [];
  editing = null;

  constructor({ session, announce, onChange, onWrapUps }) {
    Object.assign(this, { session, announce, onChange, onWrapUps });
    themeBoxes(byId('invite-themes'), 'invite-theme');
    themeBoxes(byId('edit-themes'), 'edit-theme');
    for (const id of themeIds) byId('search-theme').append(el('option', { value: id }, themeLabel(id)));

    byId('invite-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#invite();
    });
    byId('invite-copy').addEventListener('click', async () => {
      byId('invite-link').select();
      await navigator.clipboard?.writeText(byId('invite-link').value).catch(() => {});
      announce('Invite link copied.');
    });
    byId('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.load().catch((error) => {
        byId('staff-error').textContent = error.message;
      });
    });
    byId('edit-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    byId('edit-cancel').addEventListener('click', () => this.#closeEdit());
  }

  nameOf(accountId) {
    return this.members.find((m) => m.accountId === accountId)?.displayName ?? null;
  }

  async load() {
    const query = new URLSearchParams();
    const text = byId('search-text').value.trim();
    const theme = byId('search-theme').value;
    const language = byId('search-language').value.trim();
    if (text) query.set('q', text);
    if (theme) query.set('theme', theme);
    if (language) query.set('language', language);
    const found = await this.session.api('GET', `/api/supporters?${query}`);
    byId('staff-error').textContent = '';
    if (!text && !theme && !language) this.members = found;
    else for (const member of found) this.#remember(member);
    this.#render(found);
  }

  #remember(member) {
    const at = this.members.findIndex((m) => m.accountId === member.accountId);
    if (at >= 0) this.members[at] = member;
    else this.members.push(member);
  }

  #render(list) {
    const rows = list.map((member) => el(
      'tr',
      { 'data-account-id': member.accountId },
      el('th', { scope: 'row' }, member.displayName),
      el('td', {}, member.email),
      el('td', {}, roleWords[member.role] ?? member.role, member.crisisTrained ? ', crisis-trained' : ''),
      el('td', { class: 'status' }, statusWords[member.status] ?? member.status),
      el('td', { class: 'presence' }, member.role === 'admin' ? '—' : presenceWords[member.presence] ?? member.presence),
      el('td', { class: 'load' }, member.role === 'admin' ? '—' : `${member.activeChats} of ${member.capacity}`),
      el('td', {}, member.livedExperience.map(themeLabel).join(', ')),
      el('td', { class: 'row-actions' }, this.#actions(member)),
    ));
    fill(byId('staff-list'), rows.length > 0 ? rows : el('tr', {}, el('td', { colspan: 8 }, 'Nobody matches.')));
  }

  #actions(member) {
    const edit = el('button', { type: 'button', 'aria-label': `Edit ${member.displayName}`, onclick: () => this.#openEdit(member) }, 'Edit');
    if (member.status === 'invited') {
      return [edit, el('button', { type: 'button', 'aria-label': `New invite link for ${member.displayName}`, onclick: () => this.#reinvite(member) }, 'New invite link')];
    }
    const wrapUps = member.role === 'admin' ? null : el('button', {
      type: 'button', 'aria-label': `Wrap-ups of ${member.displayName}`, onclick: () => this.onWrapUps(member),
    }, 'Wrap-ups');
    const active = member.status === 'active';
    const toggle = el('button', {
      type: 'button',
      class: active ? 'danger' : null,
      'aria-label': `${active ? 'Deactivate' : 'Reactivate'} ${member.displayName}`,
      onclick: () => this.#setActive(member, !active),
    }, active ? 'Deactivate' : 'Reactivate');
    return [edit, wrapUps, toggle];
  }

  async #invite() {
    const role = byId('invite-role').value;
    try {
      const created = await this.session.api('POST', '/api/staff/invites', {
        email: byId('invite-email').value.trim(),
        displayName: byId('invite-name').value.trim(),
        role,
        livedExperience: checkedThemes(byId('invite-themes')),
        languages: languages(byId('invite-languages').value),
        maxConcurrentChats: Number(byId('invite-capacity').value),
        crisisTrained: byId('invite-crisis').checked,
      });
      byId('invite-error').textContent = '';
      this.#showLink(created.inviteUrl);
      byId('invite-form').reset();
      await this.load();
      this.onChange();
    } catch (error) {
      byId('invite-error').textContent = error.message;
    }
  }

  async #reinvite(member) {
    try {
      const created = await this.session.api('POST', `/api/staff/${member.accountId}/invite`);
      this.#showLink(created.inviteUrl);
      this.onChange();
    } catch (error) {
      byId('staff-error').textContent = error.message;
    }
  }

  #showLink(inviteUrl) {
    byId('invite-link').value = new URL(inviteUrl, location.origin).href;
    show(byId('invite-result'), true);
    byId('invite-link').focus();
    this.announce('Invite created. Copy the link and send it to the person.');
  }

  async #setActive(member, active) {
    try {
      await this.session.api('POST', `/api/staff/${member.accountId}/${active ? 'reactivate' : 'deactivate'}`);
      this.announce(`${member.displayName} is ${active ? 'reactivated' : 'deactivated'}.`);
      await this.load();
      this.onChange();
    } catch (error) {
      byId('staff-error').textContent = error.message;
    }
  }

  #openEdit(member) {
    this.editing = member;
    byId('edit-title').textContent = `Edit ${member.displayName}`;
    byId('edit-name').value = member.displayName;
    byId('edit-role').value = member.role;
    byId('edit-languages').value = member.languages.join(', ');
    byId('edit-capacity').value = member.capacity;
    byId('edit-crisis').checked = member.crisisTrained;
    for (const box of byId('edit-themes').querySelectorAll('input')) box.checked = member.livedExperience.includes(box.value);
    byId('edit-error').textContent = '';
    show(byId('edit'), true);
    byId('edit-name').focus();
  }

  #closeEdit() {
    show(byId('edit'), false);
    this.editing = null;
  }

  async #save() {
    const member = this.editing;
    try {
      await this.session.api('PATCH', `/api/staff/${member.accountId}`, {
        displayName: byId('edit-name').value.trim(),
        role: byId('edit-role').value,
        livedExperience: checkedThemes(byId('edit-themes')),
        languages: languages(byId('edit-languages').value),
        maxConcurrentChats: Number(byId('edit-capacity').value),
        crisisTrained: byId('edit-crisis').checked,
      });
      this.announce(`Saved ${byId('edit-name').value.trim()}.`);
      this.#closeEdit();
      await this.load();
      this.onChange();
    } catch (error) {
      byId('edit-error').textContent = error.message;
    }
  }
}
