// Plain words for the theme and risk ids of TAXONOMY.md.

const themeWords = {
  work: 'work',
  relationship: 'relationship',
  loneliness: 'loneliness',
  grief: 'grief',
  anxiety: 'anxiety',
  low_mood: 'low mood',
  family: 'family',
  money: 'money',
  health: 'health',
  substances: 'substances',
  abuse: 'abuse',
  school: 'school',
  identity: 'identity',
};

/** Theme ids arrive as strings or as { id, score }. */
const themeId = (theme) => (typeof theme === 'string' ? theme : theme?.id);

export const themeLabel = (theme) => themeWords[themeId(theme)] ?? String(themeId(theme));

/** "a, b and c" */
export function listInWords(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const riskOrder = ['none', 'low', 'moderate', 'high', 'imminent'];

/** Risk arrives as a level id ("high") or as { level }. */
export const riskId = (risk) => String((typeof risk === 'string' ? risk : risk?.level) ?? 'none').toLowerCase();

export const isRedFlag = (risk) => riskOrder.indexOf(riskId(risk)) >= riskOrder.indexOf('high');

export const riskLabel = (risk) => `risk: ${riskId(risk)}`;

export function waitInWords(seconds) {
  if (seconds === null || seconds === undefined) return null;
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}

const kindWords = {
  suicide: 'suicide',
  self_harm: 'self-harm',
  danger_from_others: 'danger from someone',
  harm_to_others: 'may harm someone',
  medical: 'medical emergency',
  third_party: 'someone else at risk',
};

/** A red flag's kind in plain words ("danger from someone"). */
export const kindLabel = (kind) => kindWords[kind] ?? (kind ? String(kind) : '');

export const riskLevels = riskOrder;

/** Every theme id, in the taxonomy's order. */
export const themeIds = Object.keys(themeWords);
