/**
 * `npm run eval`: scores Sourced against the labelled corpora in eval/corpora (see
 * eval/FORMAT.md), stage by stage and corpus by corpus, with the dev and test splits reported
 * apart. Writes eval/results/latest.{json,md}.
 *
 * Stages scored: figure extraction (precision, recall), date attachment and subject attribution
 * (accuracy over the labelled figures the engine found), entities (precision, recall, aliases),
 * cross-source conflicts (precision, recall, false conflicts from look-alikes) and the note check
 * (verdict and diagnostic codes per claim).
 *
 * `npm run eval -- --corpus <id>` scores one corpus; `--details` prints every miss and false find
 * in the dev corpora; `--dev` scores the dev corpora alone; `--skip a,b` leaves corpora out (a
 * holdout inside dev); `--readme` copies the split table into the README.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote, type ClaimStatus } from '../src/core/check';
import { Corpus, type SourceFact } from '../src/core/corpus';
import { relateFacts } from '../src/core/facts';
import { dayNumber, type Figure } from '../src/core/figures';
import { parseNote } from '../src/core/note';
import { type AnalyzedSource } from '../src/core/source';
import { CORPORA, everyOccurrence, loadCorpus, locate, overlap, type CorpusMeta, type FigureLabel, type Span } from './labels';

const EVAL_DIR = __dirname;
const RESULTS = join(EVAL_DIR, 'results');
const CODES = ['sources-disagree', 'contradicts-sources', 'citation-mismatch', 'unknown-citation', 'uncited-claim', 'unsupported-figure'];

/** A ratio as counts, so that splits sum counts rather than average ratios. */
interface Ratio {
  hit: number;
  of: number;
}
const ratio = (): Ratio => ({ hit: 0, of: 0 });

interface Scores {
  figurePrecision: Ratio;
  figureRecall: Ratio;
  dateAttachment: Ratio;
  subjectAttribution: Ratio;
  entityPrecision: Ratio;
  entityRecall: Ratio;
  aliases: Ratio;
  conflictPrecision: Ratio;
  conflictRecall: Ratio;
  claimVerdicts: Ratio;
  claimCodes: Ratio;
  /** Reported conflicts that pair values the labels call an update, a dated series or a conversion. */
  falseFromLookalikes: number;
}
const METRICS: Array<Exclude<keyof Scores, 'falseFromLookalikes'>> = [
  'figurePrecision',
  'figureRecall',
  'dateAttachment',
  'subjectAttribution',
  'entityPrecision',
  'entityRecall',
  'aliases',
  'conflictPrecision',
  'conflictRecall',
  'claimVerdicts',
  'claimCodes',
];
const emptyScores = (): Scores => ({ ...(Object.fromEntries(METRICS.map((m) => [m, ratio()])) as Record<(typeof METRICS)[number], Ratio>), falseFromLookalikes: 0 });


/**
 * Why a labelled conflict was missed: for each pair of its variants, the engine facts at their
 * first occurrences and how the engine relates them ("no fact" when a variant has none).
 */
function whyMissed(variants: ReadonlyArray<readonly Span[]>, corpus: Corpus): string {
  const factAt = (span: Span): SourceFact | undefined =>
    corpus.factsOfSource(span.uri).find((f) => [f.amount, f.date].some((x) => x && x.start < span.end && span.start < x.end));
  const reasons = new Map<string, number>();
  for (let i = 0; i < variants.length; i++)
    for (let j = i + 1; j < variants.length; j++) {
      const [a, b] = [factAt(variants[i]![0]!), factAt(variants[j]![0]!)];
      const relation = !a || !b ? 'no fact' : relateFacts(a, b);
      const reason = typeof relation === 'string' ? relation : relation.kind === 'unrelated' ? relation.reason : relation.kind === 'conflict' ? `conflict${relation.weak ? ' (weak)' : ''} dropped` : 'agree';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  return [...reasons].map(([r, n]) => (n > 1 ? `${r} ×${n}` : r)).join(', ');
}


/** Names compared as people write them: case, "the", possessives and spacing aside. */
function fold(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A labelled date as an interval of day numbers. */
function labelDays(iso: string): { lo: number; hi: number } | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  if (m[3]) return { lo: dayNumber(y, Number(m[2]), Number(m[3])), hi: dayNumber(y, Number(m[2]), Number(m[3])) };
  if (m[2]) {
    const mo = Number(m[2]);
    return { lo: dayNumber(y, mo, 1), hi: dayNumber(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1) - 1 };
  }
  return { lo: dayNumber(y, 1, 1), hi: dayNumber(y, 12, 31) };
}

const VERDICT: Record<ClaimStatus, string> = { supported: 'supported', contradicted: 'contradicted', 'sources-disagree': 'disputed', unsupported: 'unsupported', 'no-figures': 'unsupported' };

/** Scores one corpus; `details` collects misses and false finds for reading. */
function scoreCorpus(dir: string, details: string[]): Scores {
  const { corpus, byName, labels, skipped } = loadCorpus(dir);
  details.push(...skipped);
  const scores = emptyScores();
  const problems: string[] = [];

  // Figures: a labelled figure is found when an engine figure overlaps it; an engine figure is
  // right when it overlaps a labelled one (furniture labels neither require nor penalise).
  const labelled = labels.figures.map((f) => ({ label: f, span: locate(f, byName, problems) })).filter((x): x is { label: FigureLabel; span: Span } => !!x.span);
  const engine: Array<{ figure: Figure; span: Span; source: AnalyzedSource }> = [];
  for (const source of corpus.sources) for (const figure of source.figures) engine.push({ figure, span: { uri: source.uri, start: figure.start, end: figure.end }, source });
  for (const e of engine) {
    const hits = labelled.filter((l) => overlap(l.span, e.span));
    if (hits.length && hits.every((h) => h.label.furniture)) continue;
    scores.figurePrecision.of++;
    if (hits.length) scores.figurePrecision.hit++;
    else details.push(`figure: false ${JSON.stringify(e.figure.text)} in ${e.source.path}`);
  }
  const factAt = new Map<string, SourceFact>();
  for (const source of corpus.sources) for (const fact of corpus.factsOfSource(source.uri)) if (fact.amount) factAt.set(`${source.uri}:${fact.amount.start}`, fact);
  for (const { label, span } of labelled) {
    if (label.furniture) continue;
    scores.figureRecall.of++;
    const found = engine.find((e) => overlap(e.span, span));
    if (!found) {
      details.push(`figure: missed ${JSON.stringify(label.text)} (${label.kind}) in ${label.source}`);
      continue;
    }
    scores.figureRecall.hit++;
    if (label.kind === 'date') continue;
    const fact = factAt.get(`${found.span.uri}:${found.figure.start}`);
    // Date attachment: the engine's date for the figure against the labelled one (none = none).
    scores.dateAttachment.of++;
    const want = label.date ? labelDays(label.date) : undefined;
    const got = fact?.date && fact.date.resolved !== false ? fact.date.value : undefined;
    // Engine dates are half-open day intervals (a single day is [d, d]); labels are closed.
    const dateRight = !want ? !got : !!got && got.lo < want.hi + 1 && want.lo < Math.max(got.hi, got.lo + 1);
    if (dateRight) scores.dateAttachment.hit++;
    else details.push(`date: ${JSON.stringify(label.text)} in ${label.source} is dated ${fact?.date?.text ?? 'nothing'}, labelled ${label.date ?? 'none'}`);
    // Subject attribution: an entity of the figure's clause (or sentence) is the labelled subject.
    if (label.subject) {
      scores.subjectAttribution.of++;
      const entity = labels.entities.find((x) => fold(x.name) === fold(label.subject!));
      const names = new Set([label.subject, ...(entity?.aliases ?? [])].map(fold));
      const ids = fact ? (fact.clauseEntities.size ? fact.clauseEntities : fact.entities) : new Set<string>();
      const right = [...ids].some((id) => {
        const e = corpus.registry.get(id);
        return !!e && [e.name, ...e.aliases].some((n) => names.has(fold(n)));
      });
      if (right) scores.subjectAttribution.hit++;
      else details.push(`subject: ${JSON.stringify(label.text)} in ${label.source} is about ${[...ids].join(', ') || 'nothing'}, labelled ${label.subject}`);
    }
  }

  // Entities: each engine entity should be a labelled one; each labelled one should be found.
  const labelNames = labels.entities.map((e) => ({ entity: e, names: new Set([e.name, ...(e.aliases ?? [])].map(fold)) }));
  // Entities named only in page furniture (bylines, credits, teasers) are neither required nor
  // counted as errors when found, as furniture figures are not.
  for (const e of corpus.entities) {
    const names = [e.name, ...e.aliases].map(fold);
    const label = labelNames.find((l) => names.some((n) => l.names.has(n)));
    if (label?.entity.furniture) continue;
    scores.entityPrecision.of++;
    if (label) scores.entityPrecision.hit++;
    else details.push(`entity: false ${JSON.stringify(e.name)}${labels.notEntities.some((n) => fold(n) === fold(e.name)) ? ' (labelled not an entity)' : ''}`);
  }
  const engineByName = new Map<string, string>();
  for (const e of corpus.entities) for (const n of [e.name, ...e.aliases]) if (!engineByName.has(fold(n))) engineByName.set(fold(n), e.id);
  for (const l of labelNames) {
    if (l.entity.furniture) continue;
    scores.entityRecall.of++;
    const ids = [...l.names].map((n) => engineByName.get(n)).filter((id): id is string => !!id);
    if (ids.length) scores.entityRecall.hit++;
    else details.push(`entity: missed ${JSON.stringify(l.entity.name)}`);
    // Aliases: every labelled spelling resolves to the same engine entity as the name.
    const canonical = engineByName.get(fold(l.entity.name));
    for (const alias of l.entity.aliases ?? []) {
      scores.aliases.of++;
      if (canonical && engineByName.get(fold(alias)) === canonical) scores.aliases.hit++;
      else details.push(`alias: ${JSON.stringify(alias)} is not merged into ${JSON.stringify(l.entity.name)}`);
    }
  }

  // Conflicts: an engine conflict pairs two labelled variants of one labelled conflict.
  const variantSpans = (c: (typeof corpus.conflicts)[number]) =>
    c.variants.map((v) =>
      v.sources.map((s) => {
        const figure = (c.on === 'date' ? s.fact.date : s.fact.amount) ?? s.fact.amount ?? s.fact.date!;
        return { uri: s.uri, start: figure.start, end: figure.end };
      }),
    );
  const pairs = (spans: Span[][], a: Span | readonly Span[], b: Span | readonly Span[]): boolean => {
    const hits = (v: Span[], x: Span | readonly Span[]): boolean => (Array.isArray(x) ? (x as readonly Span[]) : [x as Span]).some((y) => v.some((s) => overlap(s, y)));
    const ia = spans.findIndex((v) => hits(v, a));
    const ib = spans.findIndex((v) => hits(v, b));
    return ia >= 0 && ib >= 0 && ia !== ib;
  };
  // A variant is what a source says, wherever in it: every occurrence of its text in that source
  // stands for it (an article may give its figure in a heading and again in the body).
  const labelConflicts = labels.conflicts.map((c) => ({ conflict: c, spans: c.variants.map((v) => everyOccurrence(v, byName, problems)).filter((s): s is Span[] => !!s) }));
  const lookalikes = labels.notConflicts.map((n) => ({ n, a: locate(n.a, byName, problems), b: locate(n.b, byName, problems) }));
  const found = new Set<number>();
  for (const c of corpus.conflicts) {
    const spans = variantSpans(c);
    scores.conflictPrecision.of++;
    let right = false;
    labelConflicts.forEach((l, i) => {
      for (const a of l.spans)
        for (const b of l.spans)
          if (a !== b && pairs(spans, a, b)) {
            right = true;
            found.add(i);
          }
    });
    if (right) scores.conflictPrecision.hit++;
    else {
      const look = lookalikes.find((x) => x.a && x.b && pairs(spans, x.a, x.b));
      if (look && ['update', 'dated-series', 'conversion'].includes(look.n.reason)) scores.falseFromLookalikes++;
      details.push(`conflict: false "${c.subject}" (${c.variants.map((v) => v.value).join(' vs ')})${look ? ` — labelled ${look.n.reason}` : ''}`);
    }
  }
  labelConflicts.forEach((l, i) => {
    scores.conflictRecall.of++;
    if (found.has(i)) scores.conflictRecall.hit++;
    else details.push(`conflict: missed ${l.conflict.subject} / ${l.conflict.measure} (${l.conflict.variants.map((v) => v.text).join(' vs ')}): ${whyMissed(l.spans, corpus)}`);
  });

  // The note: each labelled claim's verdict and diagnostic codes on its line.
  const noteText = readFileSync(join(dir, 'notes.md'), 'utf8');
  const note = parseNote('file:///eval/notes.md', noteText);
  const check = checkNote(note, corpus);
  for (const claim of labels.claims) {
    const line = claim.line - 1;
    const results = check.claims.filter((c) => note.lineIndex.positionAt(c.claim.start).line === line);
    const statuses = results.map((r) => VERDICT[r.status]);
    const order = ['disputed', 'contradicted', 'unsupported', 'supported'];
    const verdict = order.find((v) => statuses.includes(v)) ?? 'unsupported';
    scores.claimVerdicts.of++;
    if (verdict === claim.verdict) scores.claimVerdicts.hit++;
    else details.push(`claim ${claim.line}: ${verdict}, labelled ${claim.verdict} — ${claim.text.slice(0, 80)}`);
    const codes = [...new Set(check.diagnostics.filter((d) => d.range.start.line === line && CODES.includes(d.code)).map((d) => d.code))].sort();
    const want = [...new Set(claim.codes)].sort();
    scores.claimCodes.of++;
    if (codes.join() === want.join()) scores.claimCodes.hit++;
    else details.push(`claim ${claim.line}: codes [${codes.join(', ')}], labelled [${want.join(', ')}]`);
  }
  for (const p of problems) details.push(`label problem: ${p}`);
  return scores;
}

function add(into: Scores, s: Scores): void {
  for (const m of METRICS) {
    into[m].hit += s[m].hit;
    into[m].of += s[m].of;
  }
  into.falseFromLookalikes += s.falseFromLookalikes;
}

const value = (r: Ratio): number | null => (r.of ? Math.round((1000 * r.hit) / r.of) / 1000 : null);
const cell = (r: Ratio): string => (r.of ? `${(r.hit / r.of).toFixed(2)} (${r.hit}/${r.of})` : '—');

function main(): void {
  const args = process.argv.slice(2);
  const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined;
  // Corpora kept out of a round's design (a holdout inside dev): `--skip a,b`.
  const skipped = args.includes('--skip') ? args[args.indexOf('--skip') + 1]!.split(',') : [];
  const showDetails = args.includes('--details');
  // Helpers who tune rules score the dev split alone: the test split's numbers are read once per round.
  const devOnly = args.includes('--dev');
  const t0 = Date.now();
  const rows: Array<{ id: string; split: string; domain: string; scores: Scores; details: string[] }> = [];
  for (const id of readdirSync(CORPORA).sort()) {
    const dir = join(CORPORA, id);
    if ((only && id !== only) || skipped.includes(id)) continue;
    if (!existsSync(join(dir, 'labels.json')) || !existsSync(join(dir, 'corpus.json'))) continue;
    const meta = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as CorpusMeta;
    if (devOnly && meta.split !== 'dev') continue;
    const details: string[] = [];
    rows.push({ id, split: meta.split, domain: meta.domain, scores: scoreCorpus(dir, details), details });
  }
  const splits = (devOnly ? ['dev'] : ['dev', 'test']).map((split) => {
    const total = emptyScores();
    for (const r of rows.filter((x) => x.split === split)) add(total, r.scores);
    return { split, corpora: rows.filter((x) => x.split === split).length, scores: total };
  });
  const header = `| corpus | split | ${METRICS.join(' | ')} | false from look-alikes |`;
  const rule = `| --- | --- | ${METRICS.map(() => '---').join(' | ')} | --- |`;
  const line = (name: string, split: string, s: Scores) => `| ${name} | ${split} | ${METRICS.map((m) => cell(s[m])).join(' | ')} | ${s.falseFromLookalikes} |`;
  const md = [
    '# Evaluation results',
    '',
    `${new Date().toISOString()}, ${rows.length} corpora, ${((Date.now() - t0) / 1000).toFixed(1)} s. Each cell: score (hits/total). Test corpora are never used to design a rule.`,
    '',
    '## By split',
    '',
    header,
    rule,
    ...splits.map((s) => line(`all ${s.split} (${s.corpora})`, s.split, s.scores)),
    '',
    '## By corpus',
    '',
    header,
    rule,
    ...rows.map((r) => line(r.id, r.split, r.scores)),
    '',
  ].join('\n');
  if (!only && !devOnly && !skipped.length) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'latest.md'), md);
    const json = {
      date: new Date().toISOString(),
      splits: splits.map((s) => ({ split: s.split, corpora: s.corpora, ...Object.fromEntries(METRICS.map((m) => [m, value(s.scores[m])])), falseFromLookalikes: s.scores.falseFromLookalikes })),
      corpora: rows.map((r) => ({ id: r.id, split: r.split, domain: r.domain, ...Object.fromEntries(METRICS.map((m) => [m, value(r.scores[m])])), falseFromLookalikes: r.scores.falseFromLookalikes })),
    };
    writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  }
  console.log(md);
  if (args.includes('--readme') && !only && !devOnly) require('./readmeTable');
  // Details of test corpora are never shown: no rule may be designed on them.
  if (showDetails) for (const r of rows) if (r.split === 'dev') console.log(`\n## ${r.id}\n${r.details.join('\n')}`);
}

main();
