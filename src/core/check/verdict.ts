/**
 * Stage 4 of the note check, verdict: how each figure of a claim stands against the sources.
 * Input: a claim's fact (stage 2) and the source facts it can be compared with (stage 3).
 * Output: a `FigureAssessment` (supported, contradicted, sources disagree, unsupported) with the
 * supporting and contradicting source facts; and for the claim, its status and its sources ranked.
 */
import type { Corpus, SourceFact } from '../corpus';
import type { Conflict } from '../conflicts';
import { comparedDimension, type Fact } from '../facts';
import { overlaps, type Figure, type Interval } from '../figures';
import { partitionPoint } from '../bisect';
import { stem } from '../words';
import { asWritten, isRange, sameEnds, sameValue } from './values';
import { PER_ITEM, writtenPerItem } from './claims';
import { intersects, type EvidenceIndex } from './evidence';
import type { ClaimResult, ClaimStatus, Evidence, FigureAssessment } from './types';
import { withFields } from '../objects';

export { sameValue } from './values';

/** A verdict without the claim's figure and fact it was made for (cached across claims that state the same). */
export type Verdict = Omit<FigureAssessment, 'figure' | 'fact'>;

/**
 * Judges a claim's fact against the source facts it can be compared with. `vouched` are facts of
 * the sources the claim cites that state its value (see {@link citedStatements}): they support it
 * whatever entities they name.
 */
export function judgeFact(fact: Fact, candidates: Iterable<SourceFact>, evidence: EvidenceIndex, vouched?: ReadonlySet<SourceFact>): Verdict {
  const corpus = evidence.corpus;
  const supporting: SourceFact[] = [];
  const partial: SourceFact[] = [];
  const contradicting: Array<{ fact: SourceFact; on: 'amount' | 'date' }> = [];
  for (const source of candidates) {
    // An amount is only ever compared with an amount of the same dimension.
    if (fact.amount && (!source.amount || comparedDimension(source.amount) !== comparedDimension(fact.amount))) continue;
    const verdict = vouched?.has(source) ? 'support' : compareWithSource(fact, source, entityScore(evidence, fact, source), () => sameSubject(corpus, fact, source));
    if (verdict === 'support' || (verdict && typeof verdict === 'object' && verdict.on === 'date' && writesClaimDate(corpus, fact, source))) supporting.push(source);
    else if (verdict === 'partial') partial.push(source);
    else if (verdict && !(verdict.on === 'amount' && perItemApart(corpus, fact, source))) contradicting.push({ fact: source, on: verdict.on });
  }
  const support = supporting.length ? supporting : partial;
  // A source does not disagree with itself: another figure in a source that supports the
  // claim is a different fact (a rate beside a reduction, a forecast beside a result).
  const supportingSources = new Set(support.map((f) => f.uri));
  for (let i = contradicting.length - 1; i >= 0; i--) if (supportingSources.has(contradicting[i]!.fact.uri)) contradicting.splice(i, 1);
  const sortFacts = (list: SourceFact[]): SourceFact[] => list.sort((a, b) => a.sourceKey.localeCompare(b.sourceKey) || a.sentenceStart - b.sentenceStart);
  // Support is the same value; a distinct value that only agrees after rounding or widening (810 m
  // beside 812.43 m, "about 50 km" beside 54 km, "at least 800" beside 1,400) is compatible, shown
  // apart, and never what a fix cites.
  const exact = fact.amount ? support.filter((f) => f.amount && sameValue(fact.amount!, f.amount)) : support;
  const compatible = support.filter((f) => !exact.includes(f));
  const against = contradicting.map((c) => c.fact);
  // The claim takes a side in a conflict through the facts that state its value; one that only
  // agrees after rounding ("about 10%" beside "about 12%") speaks for it only when none does.
  const side = exact.length ? exact : support;
  let disputedOverride: 'amount' | 'date' | undefined;
  let status: FigureAssessment['status'];
  // A value that is only compatible ("$13.9 billion" beside a forecast of "$13.65 billion to $13.85
  // billion") is no answer to a source that gives another value of the claim's own measure.
  const measured = (f: Fact): boolean => fact.measure !== undefined && f.measure === fact.measure;
  if (!exact.length && against.some(measured) && !support.some(measured)) support.length = 0;
  // The claim matches one side of a known conflict on a part it states: the other sides disagree,
  // those that measure what the claim measures (a blended value per share is no answer to a cash
  // price per share, whatever groups them).
  const stated = (on: 'amount' | 'date'): boolean => (on === 'amount' ? !!fact.amount : !!fact.date);
  const sideConflict = side.map((f) => corpus.conflictOf(f)).find((c) => c && stated(c.on));
  // A source that states the claim's value outside any conflict ("a 984-foot ship" in an article
  // that names the ship otherwise) still takes the side of the variant, in a conflict about the
  // claim's subject, that gives the same value ("300 metres"): the other sides disagree with it.
  const byValue = !sideConflict && exact.length && !exact.some((f) => corpus.conflictOf(f)) ? conflictGivingValue(corpus, fact) : undefined;
  const conflict = sideConflict ?? byValue;
  const otherSides = (c: Conflict): SourceFact[] => {
    if (c === byValue) return sidesAgainst(c, fact);
    const mine = new Set(c.variants.filter((v) => v.sources.some((s) => support.includes(s.fact))).flatMap((v) => v.sources.map((s) => s.fact)));
    return c.variants.flatMap((v) => v.sources.map((s) => s.fact)).filter((f) => !mine.has(f) && !(c.on === 'amount' && otherMeasure(fact, f)));
  };
  if (against.length && support.length) {
    // Sources disagree only where the corpus finds the same disagreement (the Conflicts view shows
    // it too): a supporting fact and a contradicting one are variants of one conflict, or the claim
    // takes a side in a conflict whose other sides are not among the facts it was compared with.
    // Otherwise the other values are other facts about the same subject (another year, another
    // measure), and the claim is supported.
    const shared = side.map((f) => corpus.conflictOf(f)).find((c) => c !== undefined && against.some((g) => corpus.conflictOf(g) === c));
    const others = !shared && conflict ? otherSides(conflict) : [];
    if (shared) {
      status = 'sources-disagree';
      const inShared = new Set(shared.variants.flatMap((v) => v.sources.map((x) => x.fact)));
      for (let i = against.length - 1; i >= 0; i--) if (!inShared.has(against[i]!)) against.splice(i, 1);
      disputedOverride = shared.on;
    } else if (others.length) {
      status = 'sources-disagree';
      against.splice(0, against.length, ...others);
      disputedOverride = conflict!.on;
    } else {
      status = 'supported';
      against.length = 0;
    }
  } else if (against.length) {
    const component = (f: SourceFact): Figure | undefined => (contradicting[0]?.on === 'date' ? f.date : f.amount);
    const values = clusters(against.map(component).filter((f): f is Figure => !!f));
    if (values === 1) status = 'contradicted';
    else {
      // Several other values are the claim's fact only if the corpus finds them in one conflict (the
      // one the Conflicts view shows); otherwise nothing says which of them is the claim's fact. The
      // claim then states a value no source gives: every side contradicts it. The sources disagree
      // among themselves, but the claim takes neither side, so it is not theirs to dispute.
      const shared = against.map((f) => corpus.conflictOf(f)).find((c) => c !== undefined && against.filter((g) => corpus.conflictOf(g) === c).length >= 2);
      if (shared) {
        status = 'contradicted';
        for (let i = against.length - 1; i >= 0; i--) if (corpus.conflictOf(against[i]!) !== shared) against.splice(i, 1);
        disputedOverride = shared.on;
      } else {
        // Otherwise the value told closest to the claim's words is its fact, when one value is
        // ("$32 billion of committed bank debt" beside "$8 billion of net debt" for "$23 billion
        // of committed bank debt"); when no value stands out, nothing says which one is.
        const closest = closestValue(fact, against, component);
        if (closest) {
          status = 'contradicted';
          against.splice(0, against.length, ...closest);
        } else status = 'unsupported';
      }
    }
  } else if (support.length) {
    const others = conflict ? otherSides(conflict) : [];
    if (conflict && others.length) {
      status = 'sources-disagree';
      for (const f of others) if (!against.includes(f)) against.push(f);
      disputedOverride = conflict.on;
    } else {
      // A bound that the claim's value only falls within ("up to $735 million" for $700 million,
      // "at least 800" for 1,400) says nothing of which value it is: it stays compatible, and
      // the figure is stated by no source.
      status = exact.length === 0 && support.every((f) => f.amount && boundOnly(f.amount)) ? 'unsupported' : 'supported';
    }
  } else status = 'unsupported';
  // Which part is disputed matters only where the sources say another value.
  const disputed = status === 'contradicted' || status === 'sources-disagree' ? (disputedOverride ?? contradicting[0]?.on) : undefined;
  return {
    status,
    supporting: sortFacts(exact),
    compatible: sortFacts(compatible),
    contradicting: status === 'unsupported' ? [] : sortFacts(against),
    ...(disputed ? { disputed } : {}),
  };
}

/**
 * The conflict on an amount about one of a claim's entities, of its dimension and measure, with
 * exactly one side that gives the claim's value and no other side within rounding of it: the
 * disagreement the claim takes a side in, found by its value when the source that states it
 * stands outside the conflict. The conflict's facts must measure what the claim measures, or one
 * of them share a word at the figure with it.
 */
function conflictGivingValue(corpus: Corpus, fact: Fact): Conflict | undefined {
  const amount = fact.amount;
  if (!amount || amount.vague || fact.aggregate) return undefined;
  const dimension = comparedDimension(amount);
  for (const e of fact.entities) {
    for (const c of corpus.conflictsAbout(e)) {
      const { facts, dimension: its } = conflictFacts(c);
      if (c.on !== 'amount' || its !== dimension || facts.some((f) => otherMeasure(fact, f))) continue;
      if (!facts.some((f) => (fact.measure !== undefined && f.measure === fact.measure) || [...fact.anchors].some((a) => !a.startsWith('#') && f.anchors.has(a)))) continue;
      const giving = c.variants.filter((v) => v.sources.some((s) => sameValue(amount, s.fact.amount!)));
      const near = c.variants.filter((v) => v.sources.some((s) => overlaps(amount.value, s.fact.amount!.value)));
      if (giving.length === 1 && near.every((v) => v === giving[0])) return c;
    }
  }
  return undefined;
}

/** Each conflict's facts and the one dimension of their amounts (undefined when they have several), read once per conflict. */
const conflictSummaries = new WeakMap<Conflict, { facts: SourceFact[]; dimension: string | undefined }>();

function conflictFacts(conflict: Conflict): { facts: SourceFact[]; dimension: string | undefined } {
  let summary = conflictSummaries.get(conflict);
  if (!summary) {
    const facts = conflict.variants.flatMap((v) => v.sources.map((s) => s.fact));
    const dimensions = new Set(facts.map((f) => (f.amount ? comparedDimension(f.amount) : undefined)));
    const [only] = dimensions;
    summary = { facts, dimension: dimensions.size === 1 ? only : undefined };
    conflictSummaries.set(conflict, summary);
  }
  return summary;
}

/** The facts of a conflict's sides that do not give the claim's value (see {@link conflictGivingValue}). */
function sidesAgainst(conflict: Conflict, fact: Fact): SourceFact[] {
  const gives = (v: Conflict['variants'][number]): boolean => v.sources.some((s) => s.fact.amount !== undefined && sameValue(fact.amount!, s.fact.amount));
  return conflict.variants.filter((v) => !gives(v)).flatMap((v) => v.sources.map((s) => s.fact));
}

/**
 * A checked claim judged again on each figure that a source it cites speaks to but its verdict
 * does not count from that source. The citation says which fact the claim means: a fact of a
 * cited source that states the figure ({@link citedStatements}) supports it, and the claim takes
 * that fact's side in a conflict the corpus finds; for a figure no source states, a cited fact
 * that gives it another value ({@link citedContradictions}) contradicts it. Applied after the
 * cached analysis of the claim, which is the same whatever its citations.
 */
export function judgeByCitations(result: ClaimResult, evidence: EvidenceIndex): ClaimResult {
  if (result.citedKeys.length === 0) return result;
  const corpus = evidence.corpus;
  let changed = false;
  const together = statedTogether(result.assessments, result.citedKeys, corpus);
  const assessments = result.assessments.map((a): FigureAssessment => {
    if (a.supporting.some((f) => result.citedKeys.includes(f.sourceKey))) return a;
    const vouched = [...new Set([...citedStatements(a.fact, result.citedKeys, corpus), ...(together.get(a) ?? [])])];
    if (vouched.length === 0) {
      // A value only compatible after rounding or widening is no answer to the value a cited source gives.
      const compatibleOnly = a.status === 'supported' && a.supporting.length === 0;
      if (a.status !== 'unsupported' && !compatibleOnly) return a;
      const against = citedContradictions(a.fact, result.citedKeys, corpus);
      if (against.length === 0) return a;
      changed = true;
      return withFields(a, { status: 'contradicted', supporting: [], compatible: [], contradicting: against, disputed: 'amount' });
    }
    changed = true;
    const candidates = new Set([...evidence.candidates(a.fact), ...vouched]);
    return { figure: a.figure, fact: a.fact, ...judgeFact(a.fact, candidates, evidence, new Set(vouched)) };
  });
  if (!changed) return result;
  return withFields(result, { assessments, status: claimStatus(assessments, result.figures), supportingKeys: rankKeys(assessments, result.passages) });
}

/** How many of the claim's own words at its figure a source must write at its own to state a particular value for it. */
const PARTICULAR_WORDS = 2;

/**
 * A checked claim judged again on each particular figure ("4,862,317 voters", "61.4%": three
 * significant digits or more) that no source it was compared with states, when a source elsewhere
 * in the corpus states that very value, of the same unit, measure and date, with two of the
 * claim's words at its figure ({@link particularStatements}): so particular a value told in the
 * claim's words is the claim's fact, however the two name its subject ("the council" beside the
 * official who announced the count). That source supports the figure, and the claim takes its
 * side in a conflict the corpus finds. A figure that a cited source contradicts keeps its verdict:
 * the citation says which fact the claim means. Against a value a source gives for the claim's
 * subject, only a statement that names no other subject counts. Applied after the cached analysis
 * of the claim, since a source that names none of its entities may change the answer.
 */
export function judgeByStatedValue(result: ClaimResult, evidence: EvidenceIndex): ClaimResult {
  let changed = false;
  const assessments = result.assessments.map((a): FigureAssessment => {
    if (a.supporting.length || a.status === 'sources-disagree') return a;
    if (a.status === 'contradicted' && a.contradicting.some((f) => result.citedKeys.includes(f.sourceKey))) return a;
    // A statement about another thing of the claim's subject's kind (another company's revenue) is
    // no answer; against a source that gives the claim's subject another value, only a statement
    // about that subject (or one that names nothing else) counts.
    const stated = particularStatements(a.fact, evidence).filter((f) => !aboutRival(evidence.corpus, a.fact, f) && (a.status !== 'contradicted' || sameSubject(evidence.corpus, a.fact, f)));
    if (stated.length === 0) return a;
    const verdict = judgeFact(a.fact, new Set([...evidence.candidates(a.fact), ...stated]), evidence, new Set(stated));
    if (verdict.supporting.length === 0) return a;
    changed = true;
    return { figure: a.figure, fact: a.fact, ...verdict };
  });
  if (!changed) return result;
  return withFields(result, { assessments, status: claimStatus(assessments, result.figures), supportingKeys: rankKeys(assessments, result.passages) });
}

/**
 * Whether a source fact's clause names a thing of the same kind as one the claim names, but not
 * one the claim names ("Norbridge Mills reported revenue of …" for a claim about Lakeside Power):
 * its figure is that other thing's.
 */
function aboutRival(corpus: Corpus, claim: Fact, source: SourceFact): boolean {
  const typeOf = (e: string): string | undefined => corpus.registry.get(e)?.type;
  const kinds = new Set([...claim.entities].map(typeOf));
  return [...source.clauseEntities].some((e) => !claim.entities.has(e) && kinds.has(typeOf(e)));
}

/**
 * The source facts, whatever they name, that state a claim's particular amount: the same value
 * written with three significant digits or more, of the same dimension, neither vague nor a bound,
 * band or total, of no other measure, ordinal or date, and with two of the claim's words at the
 * figure (the counted noun aside: the dimension already says it) written at the source's figure.
 * A value that particular, told in the same words, is not a coincidence. Empty for times of day
 * (a source tells many moments of one day) and for a claim with fewer such words.
 */
export function particularStatements(fact: Fact, evidence: EvidenceIndex): SourceFact[] {
  const amount = fact.amount;
  if (!amount || amount.kind === 'time' || amount.vague || boundOnly(amount) || isRange(amount) || fact.aggregate || !particular(amount)) return [];
  const dimension = comparedDimension(amount);
  const noun = amount.kind === 'count' ? stem(dimension.slice('count:'.length)) : undefined;
  const words = [...fact.anchors].filter((w) => !w.startsWith('#') && w !== noun);
  if (words.length < PARTICULAR_WORDS) return [];
  return evidence.factsWithValueIn(dimension, asWritten(amount)).filter((f) => {
    const value = f.amount!;
    if (value.vague || boundOnly(value) || isRange(value) || f.aggregate || !particular(value) || !sameValue(amount, value) || otherMeasure(fact, f)) return false;
    if (fact.ordinal && f.ordinal && fact.ordinal !== f.ordinal) return false;
    if (fact.date && f.date && (fact.date.resolved === false || f.date.resolved === false || !overlaps(fact.date.value, f.date.value))) return false;
    return words.filter((w) => f.anchors.has(w)).length >= PARTICULAR_WORDS;
  });
}

/**
 * The facts of the sources a claim cites that state one of its figures: the same value of the same
 * dimension (a date the same day, month or year), nothing that tells them apart (another measure,
 * another date, a vague amount) and a word that ties them: the same measure, or a content word
 * both sentences share (for a year, a word right at one of them). A
 * note that cites a source for a figure the source states means what the source says, even when
 * the two name the subject differently ("the province" for the region, the event for its place),
 * so such a fact supports the claim although the entities do not match.
 */
export function citedStatements(fact: Fact, citedKeys: readonly string[], corpus: Corpus): SourceFact[] {
  const out: SourceFact[] = [];
  for (const key of citedKeys) {
    const source = corpus.sourceByKey(key);
    if (!source) continue;
    for (const f of corpus.factsOfSource(source.uri)) if (statesFigure(fact, f)) out.push(f);
  }
  return out;
}

/**
 * The facts of a cited source that state every amount of a claim with several, side by side (in
 * one sentence or two that follow each other): "covered 422 hectares and built a delta of 38
 * hectares" beside "a platform of new land of 38 hectares … The lava field now extends over 422
 * hectares". Two values of the claim together in the source it cites are no coincidence, so they
 * tie the claim to those facts however differently the words tell them. Each value must be the
 * same value of the same dimension, neither vague, of no other measure and no other date. Empty
 * when the claim has fewer than two amounts or no cited source states all of them together.
 */
export function statedTogether(assessments: readonly FigureAssessment[], citedKeys: readonly string[], corpus: Corpus): Map<FigureAssessment, SourceFact[]> {
  const out = new Map<FigureAssessment, SourceFact[]>();
  const amounts = assessments.filter((a) => a.fact.amount && !a.fact.amount.vague && !a.fact.aggregate);
  if (amounts.length < 2 || amounts.length !== assessments.filter((a) => a.fact.amount).length) return out;
  for (const key of citedKeys) {
    const source = corpus.sourceByKey(key);
    if (!source) continue;
    const sentenceOf = (f: SourceFact): number => partitionPoint(source.sentences.length, (i) => source.sentences[i]!.start <= f.sentenceStart) - 1;
    // Per amount of the claim, the sentences of the source that state it, and the facts there.
    const stating = amounts.map((a) => {
      const bySentence = new Map<number, SourceFact[]>();
      for (const f of corpus.factsOfSource(source.uri)) {
        if (!statesValue(a.fact, f)) continue;
        const at = sentenceOf(f);
        bySentence.set(at, [...(bySentence.get(at) ?? []), f]);
      }
      return bySentence;
    });
    // Every amount must be stated within one pair of neighbouring sentences.
    const starts = new Set([...stating[0]!.keys()].flatMap((i) => [i - 1, i]));
    for (const start of [...starts].sort((x, y) => x - y)) {
      const within = stating.map((bySentence) => [...(bySentence.get(start) ?? []), ...(bySentence.get(start + 1) ?? [])]);
      if (within.some((facts) => facts.length === 0)) continue;
      amounts.forEach((a, i) => out.set(a, [...(out.get(a) ?? []), ...within[i]!]));
      break;
    }
  }
  return out;
}

/**
 * Whether a source fact gives a claim's amount the same value with nothing that tells them apart
 * (another dimension, another measure, another date, a vague or aggregate amount), whatever words
 * tell it.
 */
function statesValue(claim: Fact, source: SourceFact): boolean {
  const amount = claim.amount!;
  if (!source.amount || source.amount.vague || source.aggregate || comparedDimension(source.amount) !== comparedDimension(amount) || !sameValue(amount, source.amount)) return false;
  if (claim.measure !== undefined && source.measure !== undefined && claim.measure !== source.measure) return false;
  const dated = claim.date && source.date && claim.date.resolved !== false && source.date.resolved !== false;
  return !dated || overlaps(claim.date!.value, source.date!.value);
}

/**
 * The facts of the sources a claim cites that state its amount's fact with another value, for a
 * figure no source states: the same dimension and measure, the same date when both have one, a
 * value neither within rounding of the claim's nor a thousandfold away, and the claim's words at
 * its figure in their sentence (or the same measure). Only the facts tied by the most words count,
 * and only when they give one value and no tied fact of the cited sources agrees with the claim.
 */
export function citedContradictions(fact: Fact, citedKeys: readonly string[], corpus: Corpus): SourceFact[] {
  const amount = fact.amount;
  // A source tells many times of one day, each of another moment: only its words would say which one the claim means.
  if (!amount || amount.kind === 'time' || amount.vague || fact.aggregate) return [];
  const tied: Array<{ fact: SourceFact; words: number }> = [];
  // How many words tie the closest fact that agrees with the claim (0: none does).
  let agreeing = 0;
  for (const key of citedKeys) {
    const source = corpus.sourceByKey(key);
    if (!source) continue;
    for (const f of corpus.factsOfSource(source.uri)) {
      if (!f.amount || comparedDimension(f.amount) !== comparedDimension(amount) || f.amount.vague || f.aggregate) continue;
      if (differentScale(amount.value, f.amount.value)) continue;
      if (fact.measure !== undefined && f.measure !== undefined && fact.measure !== f.measure) continue;
      if (fact.date && f.date && (fact.date.resolved === false || f.date.resolved === false || !overlaps(fact.date.value, f.date.value))) continue;
      if ((fact.ordinal && f.ordinal && fact.ordinal !== f.ordinal) || perItemApart(corpus, fact, f)) continue;
      let words = 0;
      // The claim's own words at its figure tie it: its sentence's other words ("expects") are too loose.
      for (const a of fact.anchors) if (!a.startsWith('#') && (f.anchors.has(a) || f.events.has(a))) words++;
      if (fact.measure !== undefined && fact.measure === f.measure) words++;
      if (words === 0) continue;
      if (overlaps(amount.value, f.amount.value)) agreeing = Math.max(agreeing, words);
      else tied.push({ fact: f, words });
    }
  }
  if (tied.length === 0) return [];
  const best = Math.max(...tied.map((t) => t.words));
  // A value of the fact within rounding of the claim's, told as closely, is no contradiction; one
  // told more loosely ("rose more than 20%" in early trading beside "ended the session up 24.7%")
  // is another moment of the fact.
  if (agreeing >= best) return [];
  const top = tied.filter((t) => t.words === best).map((t) => t.fact);
  return clusters(top.map((f) => f.amount!)) === 1 ? top : [];
}

/** Whether a figure is written with at least three significant digits ("$1.695 trillion", "842"; not "100" or "25%"). */
function particular(f: Figure): boolean {
  const digits = /\d[\d,]*(?:\.\d+)?/.exec(f.text)?.[0];
  if (!digits) return false;
  const [whole = '', fraction = ''] = digits.replace(/,/g, '').split('.');
  const significant = (whole + fraction).replace(/^0+/, '');
  return (fraction ? significant : significant.replace(/0+$/, '')).length >= 3;
}

/** Whether a source fact states a claim's figure, as {@link citedStatements} reads it. */
function statesFigure(claim: Fact, source: Fact): boolean {
  const datesAgree = (a: Figure | undefined, b: Figure | undefined): boolean => !a || !b || a.resolved === false || b.resolved === false || overlaps(a.value, b.value);
  if (claim.amount) {
    if (!source.amount || comparedDimension(source.amount) !== comparedDimension(claim.amount) || !sameValue(claim.amount, source.amount)) return false;
    // Another measure is another fact, unless the value is too particular to be a coincidence
    // ("$1.695 trillion" read as a cost in a sentence about the deficit).
    if (claim.measure !== undefined && source.measure !== undefined && claim.measure !== source.measure && !(particular(claim.amount) && particular(source.amount))) return false;
    // A vague amount ("hundreds of millions") is the same value as too many others to vouch for one.
    if (claim.amount.vague || source.amount.vague || !datesAgree(claim.date, source.date)) return false;
    if (claim.measure !== undefined && claim.measure === source.measure) return true;
  } else if (claim.date) {
    // A date is the same date written to the same precision: "2023" is not stated by "June 2023".
    if (!source.date || claim.date.resolved === false || source.date.resolved === false || claim.date.bound || source.date.bound || !sameValue(claim.date, source.date)) return false;
    // A year is written for too many things to be tied by its sentence alone: only the words right at it tie it.
    if (claim.date.precision !== 'day' && claim.date.precision !== 'month') return intersects(claim.anchors, source.anchors) || intersects(claim.events, source.anchors);
  } else return false;
  if (claim.amount) return intersects(claim.anchors, source.anchors) || intersects(claim.anchors, source.events) || intersects(claim.events, source.anchors);
  return intersects(claim.events, source.events);
}

/**
 * Whether a source fact that gives a claim's amount with another date writes the claim's date in
 * the same sentence too ("revenue in the first half of 2021 rose 8.8% from the same period last
 * year"): the sentence took one of its dates for the figure, but it states the claim's value for
 * the claim's date, so it supports the claim rather than disputing when.
 */
function writesClaimDate(corpus: Corpus, claim: Fact, source: SourceFact): boolean {
  const date = claim.date;
  if (!claim.amount || !source.amount || !date || date.resolved === false || !sameValue(claim.amount, source.amount)) return false;
  return corpus.factsOfSource(source.uri).some((f) => f.sentenceStart === source.sentenceStart && f.date !== undefined && f.date.resolved !== false && !f.date.bound && sameValue(date, f.date));
}

/** Whether a source's figure is an open bound ("more than 300", "up to $735 million"), not a value or a band. */
function boundOnly(f: Figure): boolean {
  return !!f.bound || !Number.isFinite(f.value.lo) || !Number.isFinite(f.value.hi) || (f.value.lo <= 0 && f.value.hi > 0);
}

/**
 * A claim with several figures is judged on each; once one of them is stated exactly by a source
 * sentence, that sentence speaks to the claim ("rose 16% to $545 million" beside "rose 6% to $545
 * million"). A figure nothing else ties to a source is then compared with its counterpart in that
 * sentence: the same value supports it, another contradicts it. The counterpart is the figure of
 * its kind written next to the stated one with the same words between them as in the claim ("16%
 * to $545 million", "6% to $545 million"); failing that, the one figure of its kind the sentence
 * holds besides those that state the claim's other figures, so there is no guessing which one it
 * means. `claimText` is the text the claim's figures point into.
 */
export function judgeBySentence(assessments: readonly FigureAssessment[], corpus: Corpus, claimText: string): FigureAssessment[] {
  const anchors = new Map<string, { fact: SourceFact; stated: Figure }>();
  for (const a of assessments) for (const f of a.supporting) anchors.set(`${f.uri}\u0000${f.sentenceStart}`, { fact: f, stated: a.figure });
  if (anchors.size === 0) return [...assessments];
  // Source figures that already state one of the claim's figures are not another figure's counterpart.
  const used = new Set<Figure>(assessments.flatMap((a) => a.supporting.map((f) => f.amount ?? f.date).filter((f): f is Figure => !!f)));
  return assessments.map((a) => {
    if (a.status !== 'unsupported' || !a.fact.amount) return a;
    const amount = a.fact.amount;
    const supporting: SourceFact[] = [];
    const contradicting: SourceFact[] = [];
    for (const { fact: anchor, stated } of anchors.values()) {
      // A source figure with the value of another of the claim's figures is that figure's, whatever its verdict.
      const othersValue = (f: Figure): boolean => assessments.some((b) => b !== a && b.fact.amount !== undefined && comparedDimension(b.fact.amount) === comparedDimension(f) && sameValue(b.fact.amount, f));
      const same = corpus.factsOfSource(anchor.uri).filter((f) => f.sentenceStart === anchor.sentenceStart && f.amount !== undefined && comparedDimension(f.amount) === comparedDimension(amount) && !used.has(f.amount) && !othersValue(f.amount));
      const text = corpus.source(anchor.uri)?.text;
      const anchorFigure = anchor.amount ?? anchor.date!;
      const gap = between(claimText, amount, stated);
      const counterpart = gap !== undefined && text !== undefined ? same.filter((f) => between(text, f.amount!, anchorFigure) === gap) : [];
      const pick = counterpart.length === 1 ? counterpart : same.length === 1 ? same : [];
      if (pick.length !== 1) continue;
      const other = pick[0]!;
      // A total is answered by a total alone: an instalment beside it in the sentence is a part of it.
      if (text !== undefined && writtenAsTotal(claimText, amount) && !writtenAsTotal(text, other.amount!)) continue;
      if (sameValue(amount, other.amount!)) supporting.push(other);
      else if (!overlaps(amount.value, other.amount!.value) && !perItemApart(corpus, a.fact, other)) contradicting.push(other);
    }
    if (supporting.length) return withFields(a, { status: 'supported', supporting, compatible: [], contradicting: [] });
    if (contradicting.length) return withFields(a, { status: 'contradicted', supporting: [], compatible: [], contradicting, disputed: 'amount' });
    return a;
  });
}

/** Words before a figure that make it a total ("a total of", "totalling", "combined"), up to the figure. */
const TOTAL_BEFORE = /\b(?:total(?:l?ing|l?ed)?|combined|altogether|sum of)\s+(?:of\s+)?(?:about\s+|some\s+|nearly\s+)?$/i;
/** Words after a figure that make it a total ("$200 million in total", "$200 million in all"). */
const TOTAL_AFTER = /^\s+(?:[\w’'-]+\s+){0,3}?(?:in total|in all|altogether|combined)\b/i;

/** Whether a figure is written as a total ("a total of $200 million", "$200 million in all"), not an instalment or a rate. */
function writtenAsTotal(text: string, figure: Figure): boolean {
  return TOTAL_BEFORE.test(text.slice(Math.max(0, figure.start - 30), figure.start)) || TOTAL_AFTER.test(text.slice(figure.end, figure.end + 40));
}

/**
 * A claim's total that no source states, judged against the totals the sources give. A total is
 * set apart from single figures (an instalment is no answer to a total), so it is compared here
 * with totals alone: another total of the same thing, tied by the measure or a word at the figure,
 * contradicts it when the sources' totals give one value; a total that agrees leaves it be. Dated
 * instalments ("$120 million in March, a further $80 million in June") never dispute it.
 * `claimText` is the text the claim's figures point into.
 */
export function judgeTotals(assessments: readonly FigureAssessment[], evidence: EvidenceIndex, claimText: string): FigureAssessment[] {
  const corpus = evidence.corpus;
  return assessments.map((a) => {
    const amount = a.fact.amount;
    const unstated = a.status === 'unsupported' || (a.status === 'supported' && a.supporting.length === 0);
    if (!amount || !unstated || !a.fact.aggregate || amount.vague || !writtenAsTotal(claimText, amount)) return a;
    const against: SourceFact[] = [];
    for (const s of evidence.candidates(a.fact)) {
      if (!s.amount || !s.aggregate || s.amount.vague || comparedDimension(s.amount) !== comparedDimension(amount)) continue;
      if (otherMeasure(a.fact, s) || (a.fact.date && s.date && !overlaps(a.fact.date.value, s.date.value))) continue;
      const sameMeasure = a.fact.measure !== undefined && a.fact.measure === s.measure;
      const tied = sameMeasure || [...a.fact.anchors].some((w) => !w.startsWith('#') && s.anchors.has(w));
      if (!tied || entityScore(evidence, a.fact, s) < 0.5 || !sameSubject(corpus, a.fact, s)) continue;
      const text = corpus.source(s.uri)?.text;
      if (text === undefined || !writtenAsTotal(text, s.amount)) continue;
      // A total within rounding of the claim's agrees with it.
      if (overlaps(amount.value, s.amount.value)) return a;
      if (!differentScale(amount.value, s.amount.value)) against.push(s);
    }
    if (against.length === 0 || clusters(against.map((f) => f.amount!)) !== 1) return a;
    return withFields(a, { status: 'contradicted', supporting: [], compatible: [], contradicting: against, disputed: 'amount' });
  });
}

/**
 * The few words between two figures of one text, in the order written ("to" in "16% to $545
 * million"), folded for comparison; undefined when more than a short phrase parts them.
 */
function between(text: string, figure: Figure, other: Figure): string | undefined {
  const gap = figure.end <= other.start ? text.slice(figure.end, other.start) : other.end <= figure.start ? `\u0000${text.slice(other.end, figure.start)}` : undefined;
  if (gap === undefined || gap.length > 24) return undefined;
  return gap.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A claim's status from the verdicts on its figures: the most serious one wins. A date that no
 * source speaks to on its own, beside other figures, is said with them ("Because 1 May fell on a
 * Sunday, $40 million shifted"), as its diagnostic is: it leaves the claim unsupported only when
 * nothing else is.
 */
export function claimStatus(assessments: readonly FigureAssessment[], figures: readonly Figure[]): ClaimStatus {
  if (figures.length === 0) return 'no-figures';
  const counted = assessments.length > 1 ? assessments.filter((a) => a.status !== 'unsupported' || !a.fact?.date || a.fact.amount) : assessments;
  const order: Array<Exclude<ClaimStatus, 'no-figures'>> = ['sources-disagree', 'contradicted', 'unsupported', 'supported'];
  for (const status of order) if (counted.some((a) => a.status === status)) return status;
  return 'unsupported';
}

/** Source keys that support a claim, best first: by supported figures, else by agreeing passages. */
export function rankKeys(assessments: readonly FigureAssessment[], passages: readonly Evidence[]): string[] {
  const scores = new Map<string, number>();
  for (const a of assessments) for (const f of a.supporting) scores.set(f.sourceKey, (scores.get(f.sourceKey) ?? 0) + 10);
  if (assessments.length === 0 || scores.size === 0) {
    // A source whose figure is only compatible after rounding is not one to cite, even by its passage.
    const compatibleOnly = new Set(assessments.flatMap((a) => a.compatible.map((f) => f.sourceKey)));
    passages.forEach((p, i) => {
      if (p.agrees && !compatibleOnly.has(p.sourceKey)) scores.set(p.sourceKey, Math.max(scores.get(p.sourceKey) ?? 0, 5 - i * 0.1));
    });
  }
  return [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

/**
 * Share of the claim's entity weight that the source fact also names; entities
 * only suggested by context (previous sentence, title) count three quarters.
 */
function entityScore(evidence: EvidenceIndex, claim: Fact, source: SourceFact): number {
  if (claim.entities.size === 0) return 0.5;
  let shared = 0;
  let total = 0;
  for (const e of claim.entities) {
    const w = evidence.weight(e);
    total += w;
    if (source.entities.has(e)) shared += w;
    else if (source.contextEntities.has(e)) shared += 0.75 * w;
  }
  return total === 0 ? 0 : shared / total;
}

/**
 * False when the source sentence is about something else: it names its own
 * subjects (places aside) and none of the claim's. A source may then support a
 * matching value through its context, but never contradicts the claim.
 */
function sameSubject(corpus: Corpus, claim: Fact, source: SourceFact): boolean {
  if ([...claim.entities].some((e) => source.entities.has(e))) return true;
  const typeOf = (e: string): string | undefined => corpus.registry.get(e)?.type;
  const claimTypes = new Set([...claim.entities].map(typeOf));
  // Places only set the scene ("the port of Esbjerg"), unless the claim is about a place too.
  // The article's subject supposed for a sentence that names nothing is not a subject it names.
  return ![...source.entities].some((e) => e !== source.supposedEntity && (typeOf(e) !== 'place' || claimTypes.has('place')));
}

/**
 * The contradicting facts that share the most words right at their figure with the claim's (two at
 * least: one word such as "paid" ties too many facts), when they all state one value and every fact
 * of another value shares fewer; undefined otherwise.
 */
function closestValue(claim: Fact, against: readonly SourceFact[], component: (f: SourceFact) => Figure | undefined): SourceFact[] | undefined {
  const shared = (f: SourceFact): number => {
    let n = 0;
    // A word family ("#payment") repeats the word that put it there.
    for (const a of claim.anchors) if (!a.startsWith('#') && f.anchors.has(a)) n++;
    return n;
  };
  const best = Math.max(...against.map(shared));
  if (best < 2) return undefined;
  const top = against.filter((f) => shared(f) === best);
  const figures = top.map(component).filter((f): f is Figure => !!f);
  if (figures.length !== top.length || clusters(figures) !== 1) return undefined;
  // Another value told as closely leaves the choice open.
  const rest = against.filter((f) => !top.includes(f));
  if (rest.some((f) => shared(f) === best)) return undefined;
  return top;
}

/**
 * Whether one of a claim's amount and a source's is written per item and the other is not ("£5.8
 * million a floor" beside "cost £420 million"): a rate and a total are two facts, and neither is
 * an answer to the other.
 */
function perItemApart(corpus: Corpus, claim: Fact, source: SourceFact): boolean {
  if (!claim.amount || !source.amount) return false;
  const text = corpus.source(source.uri)?.text;
  return claim.anchors.has(PER_ITEM) !== (text !== undefined && writtenPerItem(text, source.amount));
}

/** Whether two facts say what they measure, and measure different things (killed and missing, price and value). */
function otherMeasure(a: Fact, b: Fact): boolean {
  return a.measure !== undefined && b.measure !== undefined && a.measure !== b.measure;
}

/** How many groups of mutually overlapping values the figures fall into. */
function clusters(figures: Figure[]): number {
  const groups: Figure[][] = [];
  for (const f of figures) {
    const g = groups.find((group) => group.every((x) => overlaps(x.value, f.value)));
    if (g) g.push(f);
    else groups.push([f]);
  }
  return groups.length;
}

/**
 * Compares a claim's fact with a source's fact. Looser than source-to-source
 * comparison, since notes are terse, but a contradiction still needs the same
 * subject and event words.
 */
function compareWithSource(stated: Fact, source: SourceFact, entityScore: number, sameSubject: () => boolean): 'support' | 'partial' | { on: 'amount' | 'date' } | undefined {
  if (entityScore < 0.5) return undefined;
  // A date whose year the note leaves open ("in January") constrains nothing.
  const claim: Fact = stated.amount && stated.date?.resolved === false ? withFields(stated, { date: undefined }) : stated;
  const contradiction = (on: 'amount' | 'date'): { on: 'amount' | 'date' } | undefined => (sameSubject() ? { on } : undefined);
  // What is measured (killed or missing, length or width, revenue or profit) is part of the fact:
  // figures of two measures are never the same fact, and one measure is as good as shared words.
  if (claim.amount && source.amount && claim.measure !== undefined && source.measure !== undefined && claim.measure !== source.measure) return undefined;
  // A magnitude (or a storm's category) is a measure of its own: two of one event measure the same thing.
  const magnitudes = claim.amount?.kind === 'magnitude' && source.amount?.kind === 'magnitude';
  const sameMeasure = (!!(claim.amount && source.amount) && claim.measure !== undefined && claim.measure === source.measure) || magnitudes;
  const wordsOverlap = intersects(claim.anchors, source.anchors) || intersects(claim.events, source.anchors) || intersects(claim.anchors, source.events);
  if (claim.entities.size === 0 && !wordsOverlap && !intersects(claim.events, source.events)) {
    // Tied by the measure alone (a claim that names nothing): the same value of the same measure
    // supports it; anything else says nothing about it.
    if (!sameMeasure || !claim.amount || !source.amount || !sameValue(claim.amount, source.amount)) return undefined;
    if (claim.date && source.date && !overlaps(claim.date.value, source.date.value)) return undefined;
    return claim.date && !source.date ? 'partial' : 'support';
  }
  const eventOverlap = sameMeasure || wordsOverlap;
  // A contradiction needs the same event right at the figure, not just somewhere in the sentence.
  // A claim whose clause names nothing (its subject lent by the note around it) needs the same
  // measure or the same word there: a word family alone ("paid" beside "payment") ties a salvage
  // fee to a settlement.
  const lent = claim.clauseEntities.size === 0;
  const anchored = sameMeasure || (lent ? [...claim.anchors].some((a) => !a.startsWith('#') && source.anchors.has(a)) : intersects(claim.anchors, source.anchors));
  // Without entities, only the event words tie a claim to a source.
  if (claim.entities.size === 0 && !eventOverlap) return undefined;
  if (claim.amount) {
    if (!source.amount || comparedDimension(source.amount) !== comparedDimension(claim.amount)) return undefined;
    // Two bands are two estimates, the same only when their ends are: "$3 billion to $5 billion"
    // is not "$4 billion to $6 billion", however much the two overlap.
    const otherBand = isRange(claim.amount) && isRange(source.amount) && !sameEnds(claim.amount.value, source.amount.value);
    if (!otherBand && overlaps(claim.amount.value, plausible(source.amount.value))) {
      if (claim.date && source.date) {
        const comparable = claim.date.resolved !== false && source.date.resolved !== false && !claim.date.bound && !source.date.bound;
        if (overlaps(claim.date.value, source.date.value)) return 'support';
        if (!comparable || source.amount.vague || claim.amount.vague) return undefined;
        return contradiction('date');
      }
      if (claim.date && !source.date) return 'partial';
      // A vague source figure ("tens of billions") supports only when the event matches too.
      if (source.amount.vague && !eventOverlap) return undefined;
      return 'support';
    }
    if (!anchored || claim.aggregate || source.aggregate || claim.amount.vague || source.amount.vague || differentScale(claim.amount.value, source.amount.value)) return undefined;
    // Magnitudes a whole unit apart are different shocks (a quake and its aftershock), not two answers.
    if (magnitudes && claim.amount.dimension === 'magnitude' && Math.abs(middle(claim.amount.value) - middle(source.amount.value)) >= 1) return undefined;
    if (claim.ordinal && source.ordinal && claim.ordinal !== source.ordinal) return undefined;
    if (claim.date) {
      // A dated claim is contradicted only by a source figure for the same date.
      if (!source.date || claim.date.bound || source.date.bound || claim.date.resolved === false || source.date.resolved === false) return undefined;
      return overlaps(claim.date.value, source.date.value) ? contradiction('amount') : undefined;
    }
    return contradiction('amount');
  }
  if (claim.date) {
    // A date on its own needs the same event right around it, not just somewhere in the sentence.
    if (!source.date || !(intersects(claim.anchors, source.anchors) || intersects(claim.events, source.anchors))) return undefined;
    if (overlaps(claim.date.value, source.date.value)) return 'support';
    if (source.amount || claim.date.bound || source.date.bound || claim.date.resolved === false || source.date.resolved === false) return undefined;
    // A date with no words of its own right at it ("behind only 2020 and 2021") says what it dates
    // only through the rest of the claim, which ties too many dates to contradict one.
    if (claim.anchors.size === 0) return undefined;
    return contradiction('date');
  }
  return undefined;
}

/** The middle of an interval. */
function middle(v: Interval): number {
  return (v.lo + v.hi) / 2;
}

/**
 * Whether two values are too far apart to be two answers to one question: more than a thousandfold
 * ("120 billion dirhams" for a programme beside "80,000 dirhams" per home) is a total beside a
 * part or a rate, another fact, while a value off by a scale word (million for billion) still reads
 * as a wrong value for the same fact.
 */
function differentScale(a: Interval, b: Interval): boolean {
  const point = (v: Interval): number => (Number.isFinite(v.lo) && Number.isFinite(v.hi) ? (v.lo + v.hi) / 2 : Number.isFinite(v.lo) ? v.lo : v.hi);
  const x = Math.abs(point(a));
  const y = Math.abs(point(b));
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0) return false;
  return Math.max(x, y) / Math.min(x, y) > 1000;
}

/**
 * "More than $1 million" does not make $610 million plausible: for support, open bounds
 * are read as at most twice (or at least half) the stated value.
 */
function plausible(v: Interval): Interval {
  if (v.hi === Infinity && Number.isFinite(v.lo) && v.lo > 0) return { lo: v.lo, hi: v.lo * 2 };
  if (v.lo <= 0 && Number.isFinite(v.hi) && v.hi > 0) return { lo: v.hi / 2, hi: v.hi };
  return v;
}
