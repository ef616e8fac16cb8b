// The lines shown on the first screen, before any conversation exists, so that a person in
// danger sees where to call without having to type a word. The helpline serves one country, so
// this is its region rather than a guess from the browser's language (an en-US browser in
// Britain must not be told to call 911). Once a conversation starts, the crisis parts the
// server sends for the person's region take over.

export const region = 'GB';

export const crisisLines = { emergency: '999', name: 'Samaritans', number: '116 123', note: 'free, day or night' };

export const telHref = (number) => `tel:${number.replace(/[^\d+]/g, '')}`;
