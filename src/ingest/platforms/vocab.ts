// Answer vocabularies and label patterns used by type inference: ordered choice-text scales (en + zh),
// role patterns (NPS, CSAT, CES, comment, segment in English and Chinese), Kano ids, missing-value codes.
import type { Choice, QuestionType, Scale } from '../../dataset/types.js';

/** Ordered answer scales (low → high) recognised in choice-text exports, English and Chinese. */
export const SCALES: string[][] = [
  ['strongly disagree', 'disagree', 'neither agree nor disagree', 'agree', 'strongly agree'],
  ['strongly disagree', 'disagree', 'somewhat disagree', 'neither agree nor disagree', 'somewhat agree', 'agree', 'strongly agree'],
  ['strongly disagree', 'disagree', 'slightly disagree', 'slightly agree', 'agree', 'strongly agree'],
  ['strongly disagree', 'disagree', 'slightly disagree', 'neither agree nor disagree', 'slightly agree', 'agree', 'strongly agree'],
  ['very dissatisfied', 'dissatisfied', 'neither satisfied nor dissatisfied', 'satisfied', 'very satisfied'],
  ['extremely dissatisfied', 'somewhat dissatisfied', 'neither satisfied nor dissatisfied', 'somewhat satisfied', 'extremely satisfied'],
  ['very difficult', 'difficult', 'neither easy nor difficult', 'easy', 'very easy'],
  ['very poor', 'poor', 'fair', 'good', 'excellent'],
  ['非常不同意', '不同意', '一般', '同意', '非常同意'],
  ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  ['非常困难', '困难', '一般', '容易', '非常容易'],
  ['非常差', '差', '一般', '好', '非常好'],
];
export const NEUTRAL = new Set(['neutral', '中立', '不确定', '说不清']);
const ALIASES: Record<string, string> = {
  'slight agree': 'slightly agree',
  'slight disagree': 'slightly disagree',
  'neither agree or disagree': 'neither agree nor disagree',
  很不满意: '非常不满意',
  很满意: '非常满意',
  比较满意: '满意',
  比较不满意: '不满意',
  很不同意: '非常不同意',
  很同意: '非常同意',
  比较同意: '同意',
  比较不同意: '不同意',
};
/** Answers that mean "no answer on this scale": missing, not a scale point. */
export const NOT_APPLICABLE = new Set(['not applicable', 'n/a', 'na', "don't know", 'dont know', 'don’t know', 'no opinion', 'prefer not to say', '不适用', '不知道', '不清楚', '(跳过)', '(空)']);
export const canon = (v: string): string => {
  const t = v.trim().toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[t] ?? t;
};

// Labels that reveal a role. Matched against the lower-cased label and id.
export const ROLE_NPS = /recommend|(^|[^a-z])nps([^a-z]|$)|推荐|推薦|可能性/;
export const ROLE_CES = /effort|(^|[^a-z])ces([^a-z]|$)|how easy|how difficult|easy for me|easy was it|费力|省力|容易程度|难易|難易|便捷程度|轻松程度/;
export const ROLE_CSAT = /satisf|csat|满意|滿意/;
export const ROLE_COMMENT = /comment|why|reason|feedback|suggest|anything else|tell us|explain|improv|better|改进|评论|意见|建议|原因|为什么|反馈|说明|其他想法|留言|评价/;
const ROLE_SEGMENT = /region|plan|segment|country|tier|channel|market|area|city|department|gender|age group|customer type|地区|区域|大区|套餐|城市|渠道|类型|部门|省份|性别|年龄段/;
/** Kano question pairs (METHODS.md §2.1): X_functional / X_dysfunctional, X_func / X_dysf, X_正向 / X_反向. */
export const KANO_ID = /(_|\b)(functional|dysfunctional|func|dysf)$|(_|（|\()(正向|反向)(）|\))?$/i;
export const KANO_CHOICES: Choice[] = [
  { code: '1', label: 'I like it' },
  { code: '2', label: 'I expect it' },
  { code: '3', label: 'I am neutral' },
  { code: '4', label: 'I can live with it' },
  { code: '5', label: 'I dislike it' },
];
/** Codes for "don't know" / "no basis" / seen-but-unanswered inside numeric scales. */
export const MISSING_CODES = new Set([-1, -2, -3, -9, -99, -999]);

export function roleFromLabel(text: string, type: QuestionType, scale?: Scale): string | undefined {
  const t = text.toLowerCase();
  if (type === 'nps') return 'nps';
  if (type === 'rating' || type === 'likert') {
    if (ROLE_NPS.test(t) && scale && scale.min === 0 && scale.max === 10) return 'nps';
    if (ROLE_CES.test(t)) return 'ces';
    if (ROLE_CSAT.test(t)) return 'csat';
    return undefined;
  }
  if (type === 'text' && ROLE_COMMENT.test(t)) return 'comment';
  if (type === 'category' && ROLE_SEGMENT.test(t)) return 'segment';
  return undefined;
}
