// The title-bar count: everything waiting for the supporter (offers, unread messages), so that a
// console behind other windows still shows there is something to see.

export class TitleCount {
  #counts = new Map(); // source → count

  constructor(title) {
    this.title = title;
  }

  set(source, count) {
    this.#counts.set(source, count);
    let total = 0;
    for (const n of this.#counts.values()) total += n;
    document.title = total ? `(${total}) ${this.title}` : this.title;
  }
}
