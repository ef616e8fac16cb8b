// The lines shown on the first screen, before any conversation exists, so that a person in
// danger sees where to call without having to type a word. Once a conversation starts, the
// crisis parts the server sends for the person's region take over.

const lines = {
  GB: { emergency: '999', name: 'Samaritans', number: '116 123', note: 'free, day or night' },
  IE: { emergency: '112', name: 'Samaritans', number: '116 123', note: 'free, day or night' },
  US: { emergency: '911', name: '988 Suicide & Crisis Lifeline', number: '988', note: 'call or text, day or night' },
  CA: { emergency: '911', name: 'Suicide Crisis Helpline', number: '988', note: 'call or text, day or night' },
  AU: { emergency: '000', name: 'Lifeline', number: '13 11 14', note: 'day or night' },
  NZ: { emergency: '111', name: 'Need to talk?', number: '1737', note: 'call or text, free' },
};

const defaultRegion = 'GB';

/** The region from the browser's language (en-GB → GB) when we know its lines, else the default. */
export function guessRegion() {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = tag?.split('-')[1]?.toUpperCase();
    if (region && lines[region]) return region;
  }
  return defaultRegion;
}

export const crisisLines = (region) => lines[region] ?? lines[defaultRegion];

export const telHref = (number) => `tel:${number.replace(/[^\d+]/g, '')}`;
