// Sentence-level guards. Blame words are often used to talk *about* blame (guidance, quotes, the
// "old view"), or to deny it; both are the opposite of blame and must not be flagged.

const META = new RegExp(
  [
    String.raw`\bavoid(?:ing)?\b`,
    String.raw`\b(?:instead of|rather than) (?:saying|asking|writing|blaming)\b`,
    String.raw`\b(?:words?|phrases?|terms?|language|labels?|wording|expressions?) (?:like|such as)\b`,
    String.raw`\bthe (?:term|word|phrase|label|notion|concept|myth|idea|language)s? (?:of )?`,
    String.raw`\b(?:old|traditional|outdated|classic) (?:view|approach|way|model|thinking|mindset)\b`,
    String.raw`\bview of human error\b`,
    String.raw`\bblam(?:e|ing) (?:the |an? )?(?:person|individual|people|human|operator|engineer|lack)\b`,
    String.raw`\b(?:telling|asking) (?:people|engineers|someone|them|folks|staff|operators|everyone) to\b`,
    String.raw`\b(?:saying|evaluating|asking|judging|discussing) (?:what|who|whether)\b`,
    String.raw`\b(?:should|must|can) never be (?:considered|called|treated as|seen as)\b`,
    String.raw`\b(?:is|are) (?:never|not) (?:the|a) (?:root )?cause\b`,
    String.raw`\b(?:don't|do not|never) (?:say|write|use|call)\b`,
    String.raw`\bcounterfactuals?\b`,
    String.raw`\b(?:thinking|think|thought|believe|feel|feeling|tempt\w*|assum\w+)\s+(?:that\s+)?(?:somebody|someone|anyone|one|they)\s+(?:should|could|would|must)\b`,
    String.raw`\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|question(?:s|ed|ing)?|debat\w+|discuss\w*)\s+(?:\w+\s+){0,2}?(?:whether|if)\b`,
    String.raw`\bcall(?:ing|ed)? (?:it|this|that|them|these|those|the \w+)\s+(?:an? )?"?(?:human|operator|user|a|an)\b`,
    String.raw`\blabell?ing (?:it|this|that)\b|\bno such thing as\b|\bis (?:just |only |merely )?a symptom\b|\b(?:are|is) (?:called|known as|defined as|termed)\b`,
    String.raw`\b(?:is|are)\W+(?:never|not)\W+(?:a|the)\W+(?:root\W+)?cause\b|\bnever a question\b`,
    String.raw`\b(?:no longer|stopped|stop|don't|do not|never|won't|will not|refuse to) (?:accept(?:ing)?|allow(?:ing)?|us(?:e|ing)|writ(?:e|ing)|record(?:ing)?) "?(?:human|operator|user|engineer|people)\b`,
    String.raw`\btempting\b[^.;]{0,30}?\bto (?:say|conclude|blame|think|write|call|ask)\b|\bwould (?:hide|obscure|mask|miss|stop|end)\b`,
    String.raw`\bhindsight bias\b`,
    String.raw`\bblameless (?:language|culture|mindset|approach|review|postmortem|post-mortem)s?\b`,
  ].join('|'),
  'i',
)

const EXCULPATED = new RegExp(
  [
    String.raw`\bnot (?:at all |entirely |really |solely |just )?(?:[\w@.-]+'s?|my|his|her|their|your|our|anyone's|anybody's|the \w+'s) fault\b`,
    String.raw`\bin no way\b`,
    String.raw`\b(?:no ?(?:body|one)|none of us) (?:is|was|were|should be|can be) (?:at fault|to blame|blamed)\b`,
    String.raw`\bcollective(?:ly)?\b`,
    String.raw`\b(?:don't|do not|didn't|never) (?:think|believe|want|agree)\b`,
    String.raw`\bnot (?:an? )?individual\b`,
    String.raw`\bno (?:single )?(?:person|individual|one) (?:is|was) (?:responsible|to blame|at fault)\b`,
  ].join('|'),
  'i',
)

export const isMetaSentence = (text: string): boolean => META.test(text)
export const isExculpated = (text: string): boolean => EXCULPATED.test(text)

const QUOTE_CUE =
  /\b(?:like|such as|called|case of|say|says|said|saying|write|writing|terms?|words?|phrases?|labels?|as|of)\s*$/i

/** The span sits inside quotes introduced as a mention ('phrases like "human error"'). */
export function isQuotedMention(text: string, start: number, end: number): boolean {
  const open = text.lastIndexOf('"', start - 1)
  if (open < 0) return false
  const close = text.indexOf('"', end)
  if (close < 0) return false
  // An even number of quotes before `open` means `open` really opens a quotation.
  const before = text.slice(0, open)
  if ((before.match(/"/g)?.length ?? 0) % 2 !== 0) return false
  if (QUOTE_CUE.test(before.slice(-30))) return true
  // '"Human error" is a label, …': a quoted term that opens the sentence and is then described.
  return (
    before.trim() === '' &&
    /^"\s*(?:is|are|was|isn't|explains|says|means|hides)\b/i.test(text.slice(close, close + 14))
  )
}

const NEGATION_BEFORE =
  /\b(?:not|never|no|nobody|no one|none|n't|without|wasn't|weren't|isn't|didn't|don't)\s+(?:\w+\s+){0,2}$/i

/** A negation within a few words before the span ("was not careless", "no one was fired"). */
export const negatedBefore = (text: string, rel: number): boolean =>
  NEGATION_BEFORE.test(text.slice(Math.max(0, rel - 30), rel))
