// Negators and clause boundaries used by the matcher (Chinese and English).

const EN_NEG = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly', 'barely', 'cannot',
  'cant', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'wont', 'wouldnt', 'couldnt', 'shouldnt',
  'havent', 'hasnt', 'hadnt', 'aint', 'nowhere', 'lack', 'lacks', 'lacking',
]);

const ZH_NEG = new Set([
  '不', '没', '没有', '未', '别', '无', '非', '莫', '勿', '毋', '不是', '不会', '不能', '不太', '不够', '不怎么', '毫无',
  '从不', '从没', '从来不', '从来没', '从来没有', '并不', '并没', '并没有', '并非', '绝不', '决不', '无法', '没法',
  '不再', '再也不', '再也不会', '再也没', '不用', '不要', '不必', '一点也不', '一点都不', '根本不', '根本没', '不算',
]);

// Tokens containing 不/没 that do not negate what follows.
const ZH_NOT_NEG = new Set([
  '不过', '不但', '不仅', '不管', '不论', '不断', '不少', '不久', '不错', '差不多', '不同', '不然', '不得不', '忍不住',
  '不如', '了不起', '对不起', '不一定', '要不然', '不好意思', '没关系', '没事', '没错', '来不及', '不停', '不时',
]);

/** True when a (normalised, lower-case) token negates what follows it in the clause. */
export function isNegator(tok: string): boolean {
  if (EN_NEG.has(tok)) return true;
  const c = tok.charCodeAt(0);
  if (c < 0x3400) return tok.endsWith("n't");
  if (ZH_NEG.has(tok)) return true;
  if (ZH_NOT_NEG.has(tok)) return false;
  // Merged tokens from either segmenter: 再也不想, 从没见过, 不满意 …
  return tok.includes('不') || tok.includes('没');
}

const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet', '但', '但是', '可是', '不过', '然而', '只是', '可惜']);

/** A word that starts a new clause (negation does not reach across it). */
export function isContrast(tok: string): boolean {
  return CONTRAST.has(tok);
}

const SENT_END = new Set(['.', '!', '?', ';', '。', '！', '？', '；', '…']);
const CLAUSE_END = new Set([',', ':', '，', '：', '、', '~', '～']);

/** 2 = sentence end, 1 = clause end, 0 = neither. */
export function boundaryKind(punct: string): 0 | 1 | 2 {
  if (SENT_END.has(punct)) return 2;
  if (CLAUSE_END.has(punct)) return 1;
  return 0;
}
