import * as assert from 'node:assert/strict';
import { dayNumber, extractFigures, figuresAgree, type Figure } from '../../src/core/figures';
import { analyzeSource } from '../../src/core/source';
import { factOfFigure } from '../support/helpers';

const ARTICLE_DATE = dayNumber(2025, 6, 15);

function one(text: string, expectedText: string): Figure {
  const figures = extractFigures(text, { articleDate: ARTICLE_DATE });
  const found = figures.find((f) => f.text === expectedText);
  assert.ok(found, `expected a figure "${expectedText}" in "${text}", found ${JSON.stringify(figures.map((f) => f.text))}`);
  return found;
}

/** A test per case: the figure is found in the text with its kind, dimension and normalised value. */
function itFindsEach(cases: ReadonlyArray<[text: string, figure: string, kind: Figure['kind'], dimension: string, normalized: string]>): void {
  for (const [text, figure, kind, dimension, normalized] of cases) {
    it(`${JSON.stringify(text)} → ${figure} (${kind}, ${normalized})`, () => {
      const f = one(text, figure);
      assert.equal(f.kind, kind);
      assert.equal(f.dimension, dimension);
      assert.equal(f.normalized, normalized);
    });
  }
}

/** A source of each text (analysed whole, names and all) keeps the figure. */
function itKeepsInSource(cases: ReadonlyArray<[text: string, figure: string]>, path: string): void {
  for (const [text, figure] of cases) {
    it(`${JSON.stringify(text)} keeps ${figure}`, () => {
      const source = analyzeSource({ uri: `file:///${path}`, path, text });
      assert.ok(source.figures.some((f) => f.text === figure), JSON.stringify(source.figures.map((f) => f.text)));
    });
  }
}

/** A test per case: no figure is, or starts with, the given text. */
function itFindsNone(cases: ReadonlyArray<[text: string, notAFigure: string]>): void {
  for (const [text, notAFigure] of cases) {
    it(`${JSON.stringify(text)} has no figure "${notAFigure}"`, () => {
      const figures = extractFigures(text, { articleDate: ARTICLE_DATE });
      assert.ok(!figures.some((f) => f.text === notAFigure || f.text.startsWith(notAFigure)), JSON.stringify(figures.map((f) => f.text)));
    });
  }
}

describe('figures: every form is found with its kind, dimension and normalised value', () => {
  const cases: Array<[text: string, figure: string, kind: Figure['kind'], dimension: string, normalized: string]> = [
    // Money with currency and scale.
    ['a $22.4 billion deal', '$22.4 billion', 'money', 'money:USD', 'USD 22.4 billion'],
    ['an initial $1B investment', '$1B', 'money', 'money:USD', 'USD 1 billion'],
    ['a $10bn round', '$10bn', 'money', 'money:USD', 'USD 10 billion'],
    ['worth US$3 billion', 'US$3 billion', 'money', 'money:USD', 'USD 3 billion'],
    ['€2.5bn of loans', '€2.5bn', 'money', 'money:EUR', 'EUR 2.5 billion'],
    ['£40m in grants', '£40m', 'money', 'money:GBP', 'GBP 40 million'],
    ['a fee of $11,000', '$11,000', 'money', 'money:USD', 'USD 11,000'],
    ['3 billion euros', '3 billion euros', 'money', 'money:EUR', 'EUR 3 billion'],
    ['USD 5 million', 'USD 5 million', 'money', 'money:USD', 'USD 5 million'],
    // A scale word joined by a hyphen, glued to its number, or before "dollar", keeps its value.
    ['a $1.2-billion takeover', '$1.2-billion', 'money', 'money:USD', 'USD 1.2 billion'],
    ['a 3 billion-dollar bailout', '3 billion-dollar', 'money', 'money:USD', 'USD 3 billion'],
    ['a loan of 1.2tn yen', '1.2tn yen', 'money', 'money:JPY', 'JPY 1.2 trillion'],
    ['grants of 500m euros', '500m euros', 'money', 'money:EUR', 'EUR 500 million'],
    // Temperatures below zero keep their sign; "45C" is a temperature in a sentence about the weather.
    ['overnight lows of -7°C in the hills', '-7°C', 'quantity', 'temperature', '-7 °C (266.15 K)'],
    ['it fell to minus 4 degrees Celsius', 'minus 4 degrees Celsius', 'quantity', 'temperature', '-4 °C (269.15 K)'],
    ['temperatures reached 44C in the valley', '44C', 'quantity', 'temperature', '44 °C (317.15 K)'],
    ['the heat peaked at 46.2 C on Monday', '46.2 C', 'quantity', 'temperature', '46.2 °C (319.35 K)'],
    // A reading to a tenth glued to its scale needs no word about the weather.
    ['Velm recorded 41.7C on Monday', '41.7C', 'quantity', 'temperature', '41.7 °C (314.85 K)'],
    ['Velm recorded 41.7 C on Monday', '41.7 C', 'quantity', 'temperature', '41.7 °C (314.85 K)'],
    // A reading on both scales is a temperature on each; "Celsius" alone is a scale.
    ['the national high was 45C (113F) until then', '113F', 'quantity', 'temperature', '113 °F (318.15 K)'],
    ['the national high was 118F (47.8C) until then', '118F', 'quantity', 'temperature', '118 °F (320.928 K)'],
    ['above 115 degrees Fahrenheit (46 Celsius)', '46 Celsius', 'quantity', 'temperature', '46 °C (319.15 K)'],
    // A count with its scale glued on.
    ['2.4m people lost power', '2.4m people', 'count', 'count:person', '2.4 million people'],
    ['the app has 3bn users', '3bn users', 'count', 'count:user', '3 billion users'],
    // "Hundred" scales a number word.
    ['two hundred people were evacuated', 'two hundred people', 'count', 'count:person', '200 people'],
    // Currencies of other countries; a name several countries' currencies share is its own unit.
    ['a fine of 2 million naira', '2 million naira', 'money', 'money:NGN', 'NGN 2 million'],
    ['the bridge cost KSh 4.5bn', 'KSh 4.5bn', 'money', 'money:KES', 'KES 4.5 billion'],
    ['bought for Tsh120 million', 'Tsh120 million', 'money', 'money:TZS', 'TZS 120 million'],
    ['grants of 25,000 dirhams per family', '25,000 dirhams', 'money', 'money:DIRHAM', 'DIRHAM 25,000'],
    ['tickets at 300 pesos', '300 pesos', 'money', 'money:PESO', 'PESO 300'],
    ['AMD (worth tens of billions)', 'tens of billions', 'money', 'money:USD', 'USD 10 billion–100 billion'],
    ['multi-billion dollar contracts', 'multi-billion dollar', 'money', 'money:USD', 'USD 2 billion–1 trillion'],
    // Counts with units.
    ['with 72 million users', '72 million users', 'count', 'count:user', '72 million users'],
    ['it has 3,700 employees', '3,700 employees', 'count', 'count:employee', '3,700 employees'],
    ['1,300 new jobs', '1,300 new jobs', 'count', 'count:job', '1,300 jobs'],
    ['100 turbines', '100 turbines', 'count', 'count:turbine', '100 turbines'],
    // Physical quantities with conversion to a base unit.
    ['requests for 4.5 gigawatts', '4.5 gigawatts', 'quantity', 'power', '4.5 GW'],
    ['a 4.5 GW campus', '4.5 GW', 'quantity', 'power', '4.5 GW'],
    ['1,200 megawatts of capacity', '1,200 megawatts', 'quantity', 'power', '1,200 MW (1.2 GW)'],
    ['stands 8,848 metres tall', '8,848 metres', 'quantity', 'length', '8,848 m'],
    ['or 29,029 feet', '29,029 feet', 'quantity', 'length', '29,029 ft (8,848.039 m)'],
    ['86 centimetres long', '86 centimetres', 'quantity', 'length', '86 cm (0.86 m)'],
    ['5.1 TWh a year', '5.1 TWh', 'quantity', 'energy', '5.1 TWh'],
    ['at least 8 kg of rubbish', '8 kg', 'quantity', 'mass', '≥ 8 kg'],
    ['a central pressure of 941 mb', '941 mb', 'quantity', 'pressure', '941 hPa (94,100 Pa)'],
    ['pressure fell to 952 millibars', '952 millibars', 'quantity', 'pressure', '952 hPa (95,200 Pa)'],
    // Percentages.
    ['down 8.1% in October', '8.1%', 'percent', 'percent', '8.1%'],
    ['up 36 per cent', '36 per cent', 'percent', 'percent', '36%'],
    ['a 2 percentage point rise', '2 percentage point', 'percent', 'percentage-points', '2 pp'],
    // Durations and ranges.
    ['over six years', 'six years', 'duration', 'duration', 'over 6 years'],
    ['roughly 3 to 6 months behind', '3 to 6 months', 'duration', 'duration', 'roughly 3–6 months'],
    ['a six-year relationship', 'six-year', 'duration', 'duration', '6 years'],
    ['a 90-day pause', '90-day', 'duration', 'duration', '90 days'],
    // Dates with their precision.
    ['invested in 2019', '2019', 'date', 'date', '2019'],
    ['in June 2024', 'June 2024', 'date', 'date', '2024-06'],
    ['in early 2024', 'early 2024', 'date', 'date', '2024-01/2024-04'],
    ['by mid-2027', 'mid-2027', 'date', 'date', '≤ 2027-08-31'],
    ['in late 2023', 'late 2023', 'date', 'date', '2023-09/2023-12'],
    ['in Q1 2025', 'Q1 2025', 'date', 'date', '2025-01/2025-03'],
    ['in H2 2025', 'H2 2025', 'date', 'date', '2025-07/2025-12'],
    ['in the first quarter of 2025', 'the first quarter of 2025', 'date', 'date', '2025-01/2025-03'],
    ['on 27 October 2022', '27 October 2022', 'date', 'date', '2022-10-27'],
    ['on May 29, 1953', 'May 29, 1953', 'date', 'date', '1953-05-29'],
    ['on 2024-02-13', '2024-02-13', 'date', 'date', '2024-02-13'],
    ['in spring 2024', 'spring 2024', 'date', 'date', '2024-03/2024-05'],
    ['since the 1990s', 'the 1990s', 'date', 'date', '≥ 1990-01-01'],
    ['in 2019–2021', '2019–2021', 'date', 'date', '2019-01/2021-12'],
    ['between 2019 and 2021', 'between 2019 and 2021', 'date', 'date', '2019-01/2021-12'],
    ['from 2019 to 2021', '2019 to 2021', 'date', 'date', '2019-01/2021-12'],
    ['in the mid-2010s', 'mid-2010s', 'date', 'date', 'mid 2010s'],
    ['between 10 and 20 people died', '10 and 20 people', 'count', 'count:person', '10–20 people'],
    ['14,200 city workers', '14,200 city workers', 'count', 'count:worker', '14,200 workers'],
    ['it ran at 20°C', '20°C', 'quantity', 'temperature', '20 °C (293.15 K)'],
    ['a dose of 400 mg twice daily', '400 mg', 'quantity', 'mass', '400 mg (0.0004 kg)'],
    ['a $3-5 billion deal', '$3-5 billion', 'money', 'money:USD', 'USD 3 billion–5 billion'],
    ['down 5-6% on the year', '5-6%', 'percent', 'percent', '5–6%'],
    ['the plant opens this December', 'December', 'date', 'date', '2025-12'],
    ['the vote is next March', 'March', 'date', 'date', '2026-03'],
    ['In January, the board met', 'January', 'date', 'date', '2025-01'],
    // Relative dates resolve against the article date (15 June 2025).
    ['last year', 'last year', 'date', 'date', '2024'],
    ['this spring', 'this spring', 'date', 'date', '2025-03/2025-05'],
    ['two years ago', 'two years ago', 'date', 'date', '2023'],
  ];
  itFindsEach(cases);
});

describe('figures: things that are not figures', () => {
  const cases: Array<[text: string, notAFigure: string]> = [
    ['the #1 choice for integrators', '1'],
    ['1. Revenue Sharing and Commercialization', '1'],
    ['two companies agreed', 'two companies'],
    ['1 in 5 adults had it', '5 adults'],
    ['on 31 February 2024', '31 February 2024'],
    ['5m people watched', '5m'],
    ['10 000 people came', '000 people'],
  ];
  for (const [text, notAFigure] of cases) {
    it(`${JSON.stringify(text)} has no figure "${notAFigure}"`, () => {
      assert.ok(!extractFigures(text).some((f) => f.text === notAFigure || f.text.startsWith(notAFigure)));
    });
  }

  it('marks relative dates unresolved when the article date is unknown', () => {
    const [f] = extractFigures('the project was approved last year');
    assert.equal(f?.kind, 'date');
    assert.equal(f?.resolved, false);
  });

  it('reads "rises from $11,000 to $15,000" as two values, not a range', () => {
    const figures = extractFigures('the royalty rises from $11,000 to $15,000');
    assert.deepEqual(figures.map((f) => f.text), ['$11,000', '$15,000']);
  });

  it('reads "$3 billion to $5 billion" as one range', () => {
    const figures = extractFigures('a deal worth $3 billion to $5 billion');
    assert.equal(figures.length, 1);
    assert.equal(figures[0]!.value.lo, 2.85e9);
  });
});

describe('figures: agreement after conversion, rounding and qualifiers', () => {
  const cases: Array<[a: string, b: string, agree: boolean, why: string]> = [
    ['$22.4 billion', '$22 billion', true, 'rounding in the source precision'],
    ['$22.4 billion', '$25 billion', false, 'different values'],
    ['$1 billion', '$2 billion', false, 'a one-digit figure is not ±50%'],
    ['$12 billion', '$13 billion', false, 'touching rounding intervals do not agree'],
    ['$13 billion', 'over $13 billion', true, 'a lower bound'],
    ['$10 billion', 'up to $9 billion', false, 'an upper bound below the value'],
    ['72 million users', 'approximately 72 million users', true, 'about widens'],
    ['70 million users', 'nearly 72 million users', true, 'nearly is just below'],
    ['4.5 gigawatts', '4,500 MW', true, 'unit conversion'],
    ['1.2 GW', '1,200 megawatts', true, 'unit conversion'],
    ['1.4 GW', '1.1 GW', false, 'different capacities'],
    ['8,848 metres', '29,029 feet', true, 'metres and feet'],
    ['8,849 metres', '29,032 feet', true, 'metres and feet'],
    ['8,848 metres', '8,848.86 metres', false, 'different surveys'],
    ['86 centimetres', '0.86 metres', true, 'centimetres and metres'],
    ['941 mb', '941 hectopascals', true, 'millibars and hectopascals'],
    ['941 mb', '27.79 inches of mercury', true, 'millibars and inches of mercury'],
    ['36%', '36 per cent', true, 'percent spellings'],
    ['roughly 5 TWh', '5.1 TWh', true, 'roughly'],
    ['2023', 'early 2024', false, 'different years'],
    ['early 2026', 'H1 2026', true, 'early 2026 lies within H1'],
    ['29 May 1953', 'May 29, 1953', true, 'British and American day formats'],
    ['June 2024', '2024', true, 'a month within its year'],
    ['$5 billion', '€5 billion', false, 'different currencies never compare'],
  ];
  for (const [a, b, agree, why] of cases) {
    it(`${a} ${agree ? '≈' : '≠'} ${b} (${why})`, () => {
      const [fa] = extractFigures(a);
      const [fb] = extractFigures(b);
      assert.ok(fa && fb, `both parse: ${a} / ${b}`);
      assert.equal(figuresAgree(fa, fb), agree);
    });
  }
});

describe('figures: tolls, magnitudes, times and other forms news writes', () => {
  // Invented sentences; the article date is 15 June 2025.
  const cases: Array<[text: string, figure: string, kind: Figure['kind'], dimension: string, normalized: string]> = [
    // A toll counts people by what happened to them, or gives bare numbers in a toll sentence.
    ['officials now report 412 dead and 96 injured', '412 dead', 'count', 'count:person', '412 people'],
    ['officials now report 412 dead and 96 injured', '96 injured', 'count', 'count:person', '96 people'],
    ['in a village of 900 people, 38 were killed', '38 were killed', 'count', 'count:person', '38 people'],
    ['Three were rescued; the other four are presumed dead.', 'Three were rescued', 'count', 'count:person', '3 people'],
    ['Three were rescued; the other four are presumed dead.', 'four are presumed dead', 'count', 'count:person', '4 people'],
    ['Totals of 19 dead and six missing were confirmed on Friday.', 'six missing', 'count', 'count:person', '6 people'],
    ['The provincial death toll rose to 1,184 on Monday.', '1,184', 'count', 'count:person', '1,184 people'],
    ['the storm killed 212 people and injured 640, the agency said', '640', 'count', 'count:person', '640 people'],
    ['Of the injured, 75 remain in a critical condition.', '75', 'count', 'count:person', '75 people'],
    ['Landslide kills at least 14 in hill villages', '14', 'count', 'count:person', '≥ 14 people'],
    // A toll's update says when it changed after the number.
    ['Officials say 61 people have died, up from 54 earlier in the day.', '54', 'count', 'count:person', '54 people'],
    ['The death toll climbed to 73 overnight.', '73', 'count', 'count:person', '73 people'],
    ['Evacuations pass 3,200 as the river keeps rising', '3,200', 'count', 'count:person', '≥ 3,200 people'],
    // Small number words count people and vessels, capitalised or not.
    ['Seven dock workers were on the pier.', 'Seven dock workers', 'count', 'count:worker', '7 workers'],
    ['two harbour tugs were sent out', 'two harbour tugs', 'count', 'count:tug', '2 tugs'],
    ['Three of the barges sank.', 'Three of the barges', 'count', 'count:barge', '3 barges'],
    ['Officials said two of the dead were firefighters.', 'two of the dead', 'count', 'count:person', '2 people'],
    // A part of a whole that is a number, with or without a determiner.
    ['The alliance carried 27 of 31 provinces.', '27', 'count', 'count:province', '27 provinces'],
    ['The alliance carried 27 of the 31 provinces.', '27', 'count', 'count:province', '27 provinces'],
    ['Forty-one passengers were aboard.', 'Forty-one passengers', 'count', 'count:passenger', '41 passengers'],
    // An exchange ratio counts shares as "1.5 new Acme shares" does.
    ['holders may take $31 in cash or 0.4375 of a Norvik share for each share', '0.4375 of a Norvik share', 'count', 'count:norvik share', '0.4375 shares'],
    ['holders get 1.5 new Norvik shares for each share', '1.5 new Norvik shares', 'count', 'count:norvik share', '1.5 shares'],
    ['each holder receives 0.8 of a new share', '0.8 of a new share', 'count', 'count:share', '0.8 shares'],
    // A place's or a company's people, written after what holds them.
    ['a fishing town of about 4,500 that sits on the bay', '4,500', 'count', 'count:person', '≈ 4,500 people'],
    ['the island has a population of 1.4 million', '1.4 million', 'count', 'count:person', '1.4 million people'],
    ['the plan trims a workforce of 12,300 by a tenth', '12,300', 'count', 'count:employee', '12,300 employees'],
    ['a village of 300 homes', '300 homes', 'count', 'count:home', '300 homes'],
    // A scaled number takes its counted noun from earlier in the sentence.
    ['Daily active readers climbed to 41 million from 38 million.', '41 million', 'count', 'count:reader', '41 million readers'],
    // Magnitudes.
    ['a magnitude 5.4 tremor shook the coast', 'magnitude 5.4', 'magnitude', 'magnitude', 'M5.4'],
    ['a 6.2-magnitude quake struck offshore', '6.2-magnitude', 'magnitude', 'magnitude', 'M6.2'],
    ['an M4.9 aftershock followed', 'M4.9', 'magnitude', 'magnitude', 'M4.9'],
    ['a quake of magnitude 6 or more', 'magnitude 6 or more', 'magnitude', 'magnitude', '≥ M6'],
    ['The survey measured the earthquake at 6.1, the agency at 6.4.', '6.4', 'magnitude', 'magnitude', 'M6.4'],
    // A storm's category, in a sentence about a storm, is a reading on a scale of its own.
    ['Hurricane Lorna came ashore as a Category 4 storm.', 'Category 4', 'magnitude', 'storm-category', 'Category 4'],
    ['Forecasters said the cyclone had weakened to Category 2.', 'Category 2', 'magnitude', 'storm-category', 'Category 2'],
    ['Its winds of 160 mph put it at category 5, the top of the scale.', 'category 5', 'magnitude', 'storm-category', 'Category 5'],
    // An age after a name or "aged" is the years a person has lived, never a toll.
    ['Among the dead was Ana Ruiz, 54, of Lisbon.', '54', 'duration', 'duration', '54 years'],
    ['Tomas Berg, 31, said the water rose in minutes.', '31', 'duration', 'duration', '31 years'],
    // Dates without a year, and times of day.
    ['the index was launched on 9 March', '9 March', 'date', 'date', '2025-03-09'],
    ['the ferry left at 4:52 a.m. on a calm sea', '4:52 a.m.', 'time', 'time', '04:52'],
    ['the line failed at 21:40 local time', '21:40 local time', 'time', 'time:local time', '21:40 local time'],
    ['the signal was lost at 0340 GMT', '0340 GMT', 'time', 'time:GMT', '03:40 GMT'],
    ['the doors open at 7pm', '7pm', 'time', 'time', '19:00'],
    ['the alarm went off at 3 in the morning', '3 in the morning', 'time', 'time', '03:00'],
    ['the last bus left at 11 at night', '11 at night', 'time', 'time', '23:00'],
    ['the vote closed at 6 in the evening', '6 in the evening', 'time', 'time', '18:00'],
    // Durations in two units, or written with "a".
    ['the climb took 3 hours 25 minutes', '3 hours 25 minutes', 'duration', 'duration', '3 hours 25 minutes'],
    ['the strike lasted 12 days and 6 hours', '12 days and 6 hours', 'duration', 'duration', '12 days 6 hours'],
    ['with less than a year left on the lease', 'a year', 'duration', 'duration', 'less than 1 year'],
    // Units of time shortened, and lengths of time with a half.
    ['the crossing took 3 hrs 40 mins', '3 hrs 40 mins', 'duration', 'duration', '3 hours 40 minutes'],
    ['the search went on for two and a half days', 'two and a half days', 'duration', 'duration', '2.5 days'],
    ['a six-and-a-half hour shift', 'six-and-a-half hour', 'duration', 'duration', '6.5 hours'],
    ['talks dragged on for a year and a half', 'a year and a half', 'duration', 'duration', '1.5 years'],
    // One unit, or half of one, written as an adjective.
    ['after a week-long search of the coast', 'week-long', 'duration', 'duration', '1 week'],
    ['a half-hour wait at the border', 'half-hour', 'duration', 'duration', '0.5 hours'],
    ['police closed a half-mile stretch of road', 'half-mile', 'quantity', 'length', '0.5 mi (804.672 m)'],
    ['a 12-month-long review', '12-month', 'duration', 'duration', '12 months'],
    // Money in Indian units, pence and cents, and capitalised scale words.
    ['the dam cost Rs 412 crore', 'Rs 412 crore', 'money', 'money:INR', 'INR 4.12 billion'],
    ['a budget of Rs. 1,25,400 crore', 'Rs. 1,25,400 crore', 'money', 'money:INR', 'INR 1.254 trillion'],
    ['the bid was 845p a share', '845p', 'money', 'money:GBP', 'GBP 8.45'],
    ['beating the 12-cent forecast for each share', '12-cent', 'money', 'money:USD', 'USD 0.12'],
    ['fuel duty will rise by 6p a litre', '6p', 'money', 'money:GBP', 'GBP 0.06'],
    ['a 3 pence cut in the levy', '3 pence', 'money', 'money:GBP', 'GBP 0.03'],
    ['the fault tripped a 220 kV line', '220 kV', 'quantity', 'voltage', '220 kV (220,000 V)'],
    ['the train ran at 112 kmph', '112 kmph', 'quantity', 'speed', '112 km/h (31.111 m/s)'],
    ['the lorry was doing about 90 km an hour', '90 km an hour', 'quantity', 'speed', '≈ 90 km/h (≈ 25 m/s)'],
    ['gusts reached 70 miles an hour', '70 miles an hour', 'quantity', 'speed', '70 mph (31.293 m/s)'],
    ['Fund Raises $2.6 Billion', '$2.6 Billion', 'money', 'money:USD', 'USD 2.6 billion'],
  ];
  itFindsEach(cases);

  const notFigures: Array<[text: string, notAFigure: string]> = [
    ['two companies agreed', 'two companies'],
    ['No one was killed in the blaze.', 'one was killed'],
    ['there is one missing piece', 'one missing'],
    ['Flight 714 landed safely and nobody was injured.', '714'],
    ['the stream plays in 720p on phones', '720p'],
    ['Route 9 was closed after two people died.', '9'],
    ['Rail lines into Leeds, 12, and York, 9, reopened.', '12'],
    ['The trial enrolled 900 patients aged 65 and over.', '65'],
    ['a life-long supporter of the club', 'life-long'],
    ['She won the 400m final.', '400m final'],
    ['Divers found two of the missing parts.', 'two of the missing'],
    ['By Ana Ruiz · 4 min read', '4 min'],
    ['He took vitamin C and 3C tablets.', '3C'],
    ['Only 3 in the morning group passed.', '3 in the morning'],
    // A live blog's timestamp, with its day in brackets, and a dateline's time are page furniture.
    ['**9:40 p.m. ET (Monday) — Rain bands arrive**', '9:40 p.m.'],
    ['May 3, 2025 6:10 PM UTC · Updated 2 hours ago', '6:10 PM'],
    ['The panel streams 1080p video at 60 frames.', '1080p'],
    ['Sales were 3% more than a year earlier.', 'a year'],
    ['Revenue reached $9 billion, against 8 billion a year before.', '8 billion'],
    ['The score was 2:1 at half time.', '2:1'],
    ['The mill is a Category 2 listed building.', 'Category 2'],
  ];
  itFindsNone(notFigures);

  it('two times of one day are two values; times in other zones are not compared', () => {
    const [a] = extractFigures('it struck the pier at 1:27 a.m.');
    const [b] = extractFigures('it struck the pier at 1:28 a.m.');
    const [c] = extractFigures('it struck the pier at 0527 GMT');
    assert.ok(a && b && c);
    assert.equal(figuresAgree(a, b), false);
    assert.equal(figuresAgree(a, a), true);
    assert.notEqual(a.dimension, c.dimension);
  });
});

describe('figures: a bare one-decimal number in an article about an earthquake is a magnitude', () => {
  // Invented sentences: the first two name the quake, so the others read as part of its story.
  const article = [
    'A strong earthquake shook the northern valleys before dawn.',
    'The quake was felt in three countries.',
    'The national observatory said 6.4, while a European agency said 6.6.',
    'A third estimate, later withdrawn, was 6.9.',
    'Was it 5.9 or 6.1? The agencies never agreed.',
    'Rents in the valley rose 4.5 percent and 2.5 metres of snow fell.',
  ].join('\n\n');
  const figures = analyzeSource({ uri: 'file:///q.txt', path: 'q.txt', text: article }).figures;
  const magnitudes = figures.filter((f) => f.kind === 'magnitude').map((f) => f.text);
  const cases: Array<[string, boolean]> = [['6.4', true], ['6.6', true], ['6.9', true], ['5.9', true], ['4.5', false], ['2.5', false]];
  for (const [text, magnitude] of cases) it(`${text} ${magnitude ? 'is' : 'is not'} a magnitude`, () => assert.equal(magnitudes.includes(text), magnitude, magnitudes.join(', ')));

  it('an article that names no quake has no bare magnitude', () => {
    const text = 'The committee met on Tuesday.\n\nThe observatory said 6.4, while the agency said 6.6.';
    assert.deepEqual(analyzeSource({ uri: 'file:///r.txt', path: 'r.txt', text }).figures.filter((f) => f.kind === 'magnitude'), []);
  });
});

describe('figures: a paragraph that gives a toll goes on counting people in its later sentences', () => {
  // Invented paragraphs: [text, number, counted as people].
  const cases: Array<[string, string, boolean]> = [
    ['Floods killed 40 people on Monday. By Tuesday the count was 52.', '52', true],
    ['Casualty figures rose all week. The first tally was 118. A day later it stood at 164.', '164', true],
    ['The first tally was 118. Floods killed 40 people on Monday.', '118', false],
    ['Floods killed 40 people on Monday.\n\nBy Tuesday the count was 52.', '52', false],
    // A lead-in label gives its toll to the number after it.
    ['- Bodies found since Monday: 61\n- Rescued from the roofs: 212\n- Roads closed: 14', '61', true],
    ['- Bodies found since Monday: 61\n- Rescued from the roofs: 212\n- Roads closed: 14', '212', true],
    ['- Bodies found since Monday: 61\n- Rescued from the roofs: 212\n- Roads closed: 14', '14', false],
  ];
  for (const [text, number, counted] of cases)
    it(`${JSON.stringify(text)}: ${number} ${counted ? 'counts' : 'does not count'} people`, () => {
      const figures = analyzeSource({ uri: 'file:///t.txt', path: 't.txt', text }).figures;
      assert.equal(figures.some((f) => f.text === number && f.dimension === 'count:person'), counted, JSON.stringify(figures.map((f) => f.text)));
    });
});

describe('figures: "N of them" counts what the sentence before named', () => {
  // Invented paragraphs: [text, figure, dimension, or undefined when there is no such figure].
  const cases: Array<[string, string, string | undefined]> = [
    ['Landslides are still likely. Geologists have mapped more than 40 of them since June.', '40 of them', 'count:landslide'],
    ['Ninety passengers were aboard, the Port Authority said. Twelve of them were children.', 'Twelve of them', 'count:passenger'],
    ['The board met on Monday. Three of them voted against.', 'Three of them', undefined],
    ['Landslides are still likely.\n\nGeologists have mapped 40 of them.', '40 of them', undefined],
    ['Engineers inspected the bridges. One of them was closed.', 'One of them', undefined],
  ];
  for (const [text, figure, dimension] of cases)
    it(`${JSON.stringify(text)}: ${figure} → ${dimension ?? 'no figure'}`, () => {
      const found = analyzeSource({ uri: 'file:///t.txt', path: 't.txt', text }).figures.find((f) => f.text === figure);
      assert.equal(found?.dimension, dimension);
    });
});

describe("figures: in an article about a storm, a heading's category is the storm's", () => {
  const text = ['Cyclone Mira nears the coast', '', 'The storm gathered strength over warm water on Sunday.', '', '09:10 — Down to Category 3', '', 'Mira lost some of its force before landfall.', ''].join('\n');
  it('finds "Category 3" under a heading that names no storm', () => {
    const figures = analyzeSource({ uri: 'file:///c.txt', path: 'c.txt', text }).figures;
    assert.ok(figures.some((f) => f.text === 'Category 3' && f.dimension === 'storm-category'), JSON.stringify(figures.map((f) => f.text)));
  });
});

describe('figures in sources: a name next to a figure does not swallow it', () => {
  const cases: Array<[text: string, figure: string]> = [
    ['About 4,000 people left the valley.', '4,000 people'],
    ['The lake was around 51 degrees Fahrenheit at dawn.', '51 degrees Fahrenheit'],
    ['She scored 112 Eredivisie goals for the club.', '112 Eredivisie goals'],
    ['The bridge cost Rs 240 crore to build.', 'Rs 240 crore'],
    ['The council paid Tsh95 million for the pontoon.', 'Tsh95 million'],
    ['An M5.7 shock was felt in the capital.', 'M5.7'],
    // A headline in title case capitalises the small word before its number.
    ['Flood Death Toll Climbs To 1,284 Across Northern Provinces', '1,284'],
    ['Ferry Strike Ends After 19 Days Of Talks', '19 Days'],
    // A sentence that opens with a word bounding its number keeps the number.
    ['Roughly 3,500 commuters slept at Harbour Station overnight.', '3,500 commuters'],
    ['Another 40 trucks were turned back at Port Lemon.', '40 trucks'],
  ];
  itKeepsInSource(cases, 'a.txt');

  it('a number inside a name is still not a figure', () => {
    const source = analyzeSource({ uri: 'file:///a.txt', path: 'a.txt', text: 'The museum honours the Apollo 11 crew members.' });
    assert.ok(!source.figures.some((f) => f.text.startsWith('11')), JSON.stringify(source.figures.map((f) => f.text)));
  });
});

describe('figures: hyphenated counts, shipping units and small number words', () => {
  // Invented sentences; the article date is 15 June 2025.
  const cases: Array<[text: string, figure: string, kind: Figure['kind'], dimension: string, normalized: string]> = [
    // A number joined to the noun it counts, before the noun it describes.
    ['A 48-wagon freight train left the yard at dusk.', '48-wagon', 'count', 'count:wagon', '48 wagon'],
    ['The inquiry published a 240-page report on Monday.', '240-page', 'count', 'count:page', '240 page'],
    ['Residents of the 14-storey block were moved out.', '14-storey', 'count', 'count:storey', '14 storey'],
    ['The ferry crosses a three-lane channel twice a day.', 'three-lane', 'count', 'count:lane', '3 lane'],
    ['An eight-wheeled robot mapped the cave floor.', 'eight-wheeled', 'count', 'count:wheel', '8 wheel'],
    ['The crossing is a 4.3-km span over the estuary.', '4.3-km', 'quantity', 'length', '4.3 km (4,300 m)'],
    // Shipping units are their own dimensions, apart from plain tonnes.
    ['The feeder ship can load 3,200 TEU of boxes.', '3,200 TEU', 'quantity', 'container-capacity', '3,200 TEU'],
    ['The carrier measures 51,400 gross tons.', '51,400 gross tons', 'quantity', 'gross-tonnage', '51,400 GT'],
    ['Her capacity is 62,000 deadweight tonnes.', '62,000 deadweight tonnes', 'quantity', 'deadweight', '62,000 DWT'],
    ['Crews pumped out 8,000 U.S. gallons of fuel.', '8,000 U.S. gallons', 'quantity', 'volume', '8,000 gal (30.283 m³)'],
    // From three up, a number word states a count of any noun.
    ['Rescue teams came from five countries.', 'five countries', 'count', 'count:country', '5 countries'],
    ['The striker scored seven goals in the cup run.', 'seven goals', 'count', 'count:goal', '7 goals'],
    // A name among the modifiers narrows what is counted.
    ['The club has won four Premier Cup trophies.', 'four Premier Cup trophies', 'count', 'count:premier cup trophy', '4 trophies'],
  ];
  itFindsEach(cases);

  const notFigures: Array<[text: string, notAFigure: string]> = [
    ['It was a one-off payment to the builders.', 'one-off'],
    ['The talks became a two-way exchange of letters.', 'two-way'],
    ['He is a three-time winner of the race.', 'three-time'],
    ['The side took a 3-point lead into the break.', '3-point'],
    ['The 10-year Treasury yield rose to a new high.', '10-year'],
    ['Investors sold two-year gilts on the news.', 'two-year'],
    ['The two companies declined to comment.', 'two companies'],
    ['Only one includes the cost of the land.', 'one includes'],
    ['The three firms have not said when they will merge.', 'three firms'],
    ['All four numbers can be defended.', 'four numbers'],
  ];
  itFindsNone(notFigures);

  it('a 10-year span that is not a bond stays a duration', () => {
    const f = one('The plan sets out a 10-year programme of repairs.', '10-year');
    assert.equal(f.kind, 'duration');
  });
});

describe('figures: counts with words between, partitives with a counted whole, fractions and how often', () => {
  // Invented sentences; the article date is 15 June 2025.
  const cases: Array<[text: string, figure: string, kind: Figure['kind'], dimension: string, normalized: string]> = [
    // Words that add to a count keep it a count.
    ['Two more climbers were rescued on the ridge.', 'Two more climbers', 'count', 'count:climber', '2 climbers'],
    ['Mr Hale and two other managers resigned.', 'two other managers', 'count', 'count:manager', '2 managers'],
    ['The factory will sell 12 million more tablets next year.', '12 million more tablets', 'count', 'count:tablet', '12 million tablets'],
    // An acronym in the plural is a counted noun.
    ['The exchange listed 40 million ADRs on its first day.', '40 million ADRs', 'count', 'count:adr', '40 million adrs'],
    // "Two" counts any noun that is not the pair of parties a story is about.
    ['Two cracks appeared in the dam wall.', 'Two cracks', 'count', 'count:crack', '2 cracks'],
    ['The panel issued two warnings to the operator.', 'two warnings', 'count', 'count:warning', '2 warnings'],
    // One person or vessel, counted in the singular.
    ['Searchers found one body near the bridge.', 'one body', 'count', 'count:body', '1 body'],
    ['The storm left one confirmed death in the valley.', 'one confirmed death', 'count', 'count:death', '1 death'],
    ['At least one person was taken to hospital.', 'one person', 'count', 'count:person', '≥ 1 person'],
    // A part of a whole that is counted too: both are figures.
    ['The union says 450 of its 2,300 members voted to strike.', '450', 'count', 'count:member', '450 members'],
    ['The union says 450 of its 2,300 members voted to strike.', '2,300 members', 'count', 'count:member', '2,300 members'],
    ['About 800 of the nearly 5,000 residents have returned.', '800', 'count', 'count:resident', '≈ 800 residents'],
    // A word between a number and its unit of time.
    ['The probe will work for two Martian years before its batteries fade.', 'two Martian years', 'duration', 'duration', '2 years'],
    ['Delivery takes five working days.', 'five working days', 'duration', 'duration', '5 days'],
    ['The contract has only a year left to run.', 'a year', 'duration', 'duration', '1 year'],
    // "a million" is a number.
    ['The plant used more than a million litres of water.', 'a million litres', 'quantity', 'volume', '≥ 1,000,000 L (≥ 1,000 m³)'],
    ['A million people watched the final.', 'A million people', 'count', 'count:person', '1 million people'],
    // Fractions of a whole, as percentages of a dimension of their own.
    ['Half of the homes in the village were damaged.', 'Half', 'percent', 'fraction', '50%'],
    ['Roughly a third of its budget goes on wages.', 'a third', 'percent', 'fraction', '≈ 33.333%'],
    ['The firm sold more than half its stake.', 'half', 'percent', 'fraction', '≥ 50%'],
    ['Two-thirds of the members voted yes.', 'Two-thirds', 'percent', 'fraction', '66.667%'],
    // How often something happened.
    ['She has won the race five times since 2010.', 'five times', 'count', 'count:time', '5 times'],
    ['The pump failed 14 times, the inspectors found.', '14 times', 'count', 'count:time', '14 times'],
    ['The lift stalled twice on its first morning.', 'twice', 'count', 'count:time', '2 times'],
    // Spelled-out percentages.
    ['The index slipped nearly one percent by noon.', 'one percent', 'percent', 'percent', '1%'],
    ['The party gained twenty-five per cent of the vote.', 'twenty-five per cent', 'percent', 'percent', '25%'],
    // A scaled number takes an acronym counted earlier in the sentence as its noun.
    ['In Europe, DAUs were 48 million, up 2% on the year.', '48 million', 'count', 'count:dau', '48 million daus'],
    // Multiples are ratios.
    ['Without the grant, the shortfall would have roughly doubled.', 'doubled', 'quantity', 'ratio', '≈ ×2'],
    ['The bridge cost more than twice the original estimate.', 'twice', 'quantity', 'ratio', '≥ ×2'],
    ['The agency wants a fivefold rise in launches.', 'fivefold', 'quantity', 'ratio', '×5'],
    // A month after words that make it a time; the year is the last one by the article's date.
    ['For October alone, the port handled a record tonnage.', 'October', 'date', 'date', '2024-10'],
    ['The council posted an April surplus.', 'April', 'date', 'date', '2025-04'],
    ['As recently as February, the board backed the plan.', 'February', 'date', 'date', '2025-02'],
    ['Stocks were counted at the end of March.', 'March', 'date', 'date', '2025-03'],
    // A 24-hour time with a leading zero, before a weekday or "local".
    ['The barge struck the lock gate at about 0342 Sunday.', '0342', 'time', 'time', '03:42'],
    // Four digits before "hours" count hours; only a leading zero makes them a clock time.
    ['The volunteers worked 1430 hours last year.', '1430 hours', 'duration', 'duration', '1,430 hours'],
  ];
  itFindsEach(cases);

  const notFigures: Array<[text: string, notAFigure: string]> = [
    ['Two companies signed the accord on Friday.', 'Two companies'],
    ['One person familiar with the matter said talks stalled.', 'One person'],
    ['No one worker was blamed for the fire.', 'one worker'],
    ['The nearby star lies four light years away.', 'four light years'],
    ['Robots could one day replace the divers.', 'one day'],
    ['The ten hottest years on record all came after 1998.', 'ten hottest years'],
    ['In the first half of the season the club won often.', 'half'],
    ['The results cover the first quarter of the year.', 'quarter'],
    ['A quarter of an hour passed before help came.', 'A quarter'],
    ['Sales grew three times faster than costs.', 'three times'],
    ['The new tower is four times as tall as the old one.', 'four times'],
    ['Prices rose 2.5 times over the decade.', '5 times'],
    ['The minister has doubled down on the pledge.', 'doubled'],
    // A span of months, a name and a month-like name are not months.
    ['Sales rose in the July-September quarter.', 'July'],
    ['The award went to April Moreno.', 'April'],
    // A byline's time of publication is page furniture.
    ['Updated 09:40 GMT', '09:40'],
    ['By Lena Ortiz, Transport Editor | 2 March 2025, 18:05 GMT', '18:05'],
    ['4 March 2025, 07:55 CET | 5 min read', '07:55'],
  ];
  itFindsNone(notFigures);
});

describe("figures: the front matter's title is the article's headline", () => {
  // Invented articles: the title's figures are found where the title is written, and state no fact.
  const cases: Array<[title: string, figure: string, normalized: string]> = [
    ['"Ferry operator agrees $75m settlement with port"', '$75m', 'USD 75 million'],
    ["'Storm leaves at least 31 dead along the coast'", '31 dead', '≥ 31 people'],
    ['Harbour closed for 12 days after tanker fire', '12 days', '12 days'],
  ];
  for (const [title, figure, normalized] of cases) {
    it(`title: ${title} → ${figure}`, () => {
      const text = `---\ntitle: ${title}\nauthor: Desk\ndate: 2025-06-15\n---\n\nThe port reopened on Monday after a long week.\n`;
      const source = analyzeSource({ uri: 'file:///t.md', path: 't.md', text });
      const found = source.figures.find((f) => f.text === figure);
      assert.ok(found, JSON.stringify(source.figures.map((f) => f.text)));
      assert.equal(found.normalized, normalized);
      assert.equal(text.slice(found.start, found.end), figure);
      assert.equal(found.sentence, source.sentences.length);
    });
  }

  it('a number inside a name in the title is no figure, and other fields are not read', () => {
    const text = '---\ntitle: "Apollo 11 crew honoured"\nauthor: "Team 7"\nurl: https://example.com/2025/06/15\n---\n\nThe crew met the press.\n';
    assert.deepEqual(analyzeSource({ uri: 'file:///n.md', path: 'n.md', text }).figures.map((f) => f.text), []);
  });
});

describe('figures: a list of counts names its noun once', () => {
  // Invented sentences: the bare numbers count the noun of the list's first count.
  itFindsEach([
    ['The agency counted 40 barges waiting upstream, 25 near the lock and 12 at the quay.', '25', 'count', 'count:barge', '25 barges'],
    ['The agency counted 40 barges waiting upstream, 25 near the lock and 12 at the quay.', '12', 'count', 'count:barge', '12 barges'],
    ['Inspectors listed 1,450 homes exposed to the flood and 980 damaged.', '980', 'count', 'count:home', '980 homes'],
    ['The rover carries nine sensors: five on the mast, three on the arm and one on the body.', 'one', 'count', 'count:sensor', '1 sensor'],
    ['Some 310 people slept in four halls in the north, and 1,120 in six halls in the south.', '1,120', 'count', 'count:person', '1,120 people'],
    ['The airline will merge its routes from five hubs into three.', 'three', 'count', 'count:hub', '3 hubs'],
    ['The club signed 12 players in the summer and at least four in January.', 'four', 'count', 'count:player', '≥ 4 players'],
    // "N of them" after a count of the same sentence is a part of it.
    ['The town has some 220 wells, about 60 of them dry.', '60', 'count', 'count:well', '≈ 60 wells'],
    ['Some 30 passengers fell ill, 4 of them seriously.', '4', 'count', 'count:passenger', '4 passengers'],
  ]);
  const notCounts: Array<[text: string, notACount: string]> = [
    ['She raised five children aged 2, 5 and 7.', '7'],
    ['The museum sold 4,000 tickets in 2019 and 2020.', '2020'],
    ['The firm cut 300 jobs in Ohio and 5% of its staff in Texas.', '5'],
    ['Flights 214 and 215 were cancelled after 30 passengers fell ill.', '215'],
    ['They played 38 matches and won every one of them.', 'one'],
  ];
  for (const [text, notACount] of notCounts) {
    it(`${JSON.stringify(text)} has no count "${notACount}"`, () => {
      const figures = extractFigures(text, { articleDate: ARTICLE_DATE });
      assert.ok(!figures.some((f) => f.kind === 'count' && f.text === notACount), JSON.stringify(figures.map((f) => f.text)));
    });
  }
});

describe('figures: a total said to have gone beyond a mark is more than it', () => {
  // Invented sentences: "passed", "topped", "exceeded", "surpassed" and "risen past" are open bounds.
  itFindsEach([
    ['The number of evacuees has passed 3,400.', '3,400', 'count', 'count:person', '≥ 3,400 people'],
    ['Landslide deaths pass 120 as rain continues', '120', 'count', 'count:person', '≥ 120 people'],
    ['Ticket sales topped $40 million in the first week.', '$40 million', 'money', 'money:USD', '≥ USD 40 million'],
    ['The number of deaths exceeded 9,000 by the end of the month.', '9,000', 'count', 'count:person', '≥ 9,000 people'],
    ['Its debts surpassed 2 billion euros.', '2 billion euros', 'money', 'money:EUR', '≥ EUR 2 billion'],
    ['The toll from the floods has risen past 75.', '75', 'count', 'count:person', '≥ 75 people'],
  ]);
});

describe('figures: a small number word after a determiner still counts, and "N in M things" counts both', () => {
  // Invented sentences.
  itFindsEach([
    ['Aid reached the six districts hit by the storm.', 'six districts', 'count', 'count:district', '6 districts'],
    ['The charity thanked those three villages for their help.', 'three villages', 'count', 'count:village', '3 villages'],
    ['He escaped with his wife and their two small sons.', 'two small sons', 'count', 'count:son', '2 sons'],
    ['Relief teams fed 4,100 people in 14 camps and 1,260 in 9 schools.', '9 schools', 'count', 'count:school', '9 schools'],
  ]);
  itFindsNone([
    ['All four sites were checked again.', 'four sites'],
    ['Both ships were refloated.', 'Both'],
    ['The three firms have not said when they will merge.', 'three firms'],
    ['Those two estimates cannot both be right.', 'two estimates'],
    ['Roughly 1 in 5 adults had a cough.', '5 adults'],
  ]);
});

describe('figures: a count named by what it measures and put at a bare number', () => {
  // Invented sentences: the number counts the measure's noun, employees for a headcount, people for a toll.
  itFindsEach([
    ['Rescuers put the number of people on the bus at more than 40, but the driver is missing.', '40', 'count', 'count:person', '≥ 40 people'],
    ["The bank's headcount stood at 31,200 at the end of June.", '31,200', 'count', 'count:employee', '31,200 employees'],
    ['The total number of trucks queuing rose to 640 on Sunday.', '640', 'count', 'count:truck', '640 trucks'],
    ['The ministry put the toll at 214 on Friday.', '214', 'count', 'count:person', '214 people'],
    ['Deaths rose through the day, and the mayor put the count at six.', 'six', 'count', 'count:person', '6 people'],
    ['The death toll was 45 by nightfall.', '45', 'count', 'count:person', '45 people'],
    ['Organisers put the crowd at 51,230 inside the arena.', '51,230', 'count', 'count:spectator', '51,230 spectators'],
    ['The attendance was announced on the screens: 38,400.', '38,400', 'count', 'count:spectator', '38,400 spectators'],
  ]);
  const notCounts: Array<[text: string, notACount: string]> = [
    ['The number of cases rose to 2019 levels by March.', '2019'],
    ['The count of ballots began at 9 a.m.', '9'],
    ['The number of flights fell to 40% of normal.', '40'],
    ['The crowd was 3 deep at the barriers.', '3'],
  ];
  for (const [text, notACount] of notCounts) {
    it(`${JSON.stringify(text)} has no count "${notACount}"`, () => {
      const figures = extractFigures(text, { articleDate: ARTICLE_DATE });
      assert.ok(!figures.some((f) => f.kind === 'count' && f.text === notACount), JSON.stringify(figures.map((f) => f.text)));
    });
  }
});

describe('figures: a century, and one or two of a unit, as lengths of time', () => {
  // Invented sentences.
  itFindsEach([
    ['It was the worst drought in more than a century.', 'a century', 'duration', 'duration', 'more than 1 century'],
    ['A full inquiry is still a year or two away.', 'a year or two', 'duration', 'duration', '1–2 years'],
    ['Repairs will need a week or three, engineers said.', 'a week or three', 'duration', 'duration', '1–3 weeks'],
  ]);
  itFindsNone([
    ['A year or two ago the pier was rebuilt.', 'A year or two'],
    ['A century of records was lost.', 'A century'],
  ]);
});

describe('figures: a month after a possessive determiner', () => {
  // Invented sentences; the article date is 15 June 2025.
  itFindsEach([
    ['In its March filing, the airline warned of losses.', 'March', 'date', 'date', '2025-03'],
    ['Their October report was never published.', 'October', 'date', 'date', '2024-10'],
  ]);
});

describe("figures: a time before a dash opens a timeline's entry in a list, a live blog's stamp elsewhere", () => {
  // Invented article: the list's times are when things happened; the paragraph's is a stamp.
  const text = [
    '# How the night unfolded',
    '',
    'The port authority released its log on Friday.',
    '',
    '- **11:40 p.m.** — A tanker reports smoke in its engine room.',
    '- **2:05 a.m.** — The harbour master closes the channel.',
    '',
    '**6:30 a.m.** — Crews are still on the quay, our reporter says.',
    '',
  ].join('\n');
  const figures = analyzeSource({ uri: 'file:///log.md', path: 'log.md', text }).figures;
  for (const time of ['11:40 p.m.', '2:05 a.m.']) {
    it(`keeps the entry ${time}`, () => assert.ok(figures.some((f) => f.kind === 'time' && f.text === time), JSON.stringify(figures.map((f) => f.text))));
  }
  it('leaves out the stamp 6:30 a.m.', () => assert.ok(!figures.some((f) => f.text === '6:30 a.m.'), JSON.stringify(figures.map((f) => f.text))));
});

describe('figures: a bare bound or approximation counts what the sentence before counted', () => {
  // Invented paragraphs: the count before is found in the same paragraph.
  const cases: Array<[text: string, figure: string, normalized: string]> = [
    ['The crew fitted six lifeboats before sailing. The rules called for at least eight, and even eight would not have been enough.', 'eight', '≥ 8 lifeboats'],
    ['About 900 of the 1,500 residents went home on Sunday. Another 600 or so are still in shelters.', '600', '600 residents'],
    ['Port officials counted 45 barges at anchor. Traders put the real figure at no fewer than 60.', '60', '≥ 60 barges'],
  ];
  for (const [text, figure, normalized] of cases) {
    it(`${JSON.stringify(text)} → ${figure} (${normalized})`, () => {
      const found = analyzeSource({ uri: 'file:///p.txt', path: 'p.txt', text }).figures.find((f) => f.text === figure);
      assert.ok(found, figure);
      assert.equal(found.normalized, normalized);
    });
  }
  const none: Array<[text: string, notACount: string]> = [
    // A different paragraph, a number of another size, or a count in its own sentence first.
    ['The crew fitted six lifeboats before sailing.\n\nThe rules called for at least eight.', 'eight'],
    ['The firm employs 40 engineers. Its shares rose about 3,000 in a week.', '3,000'],
    ['The team has 12 players. It needs 20 shirts, about 15 by Friday.', '15'],
  ];
  for (const [text, notACount] of none) {
    it(`${JSON.stringify(text)} has no count "${notACount}" from the sentence before`, () => {
      const figures = analyzeSource({ uri: 'file:///p.txt', path: 'p.txt', text }).figures;
      assert.ok(!figures.some((f) => f.text === notACount && /player|engineer|lifeboat/.test(f.dimension)), JSON.stringify(figures.map((f) => `${f.text} ${f.dimension}`)));
    });
  }
});

describe('figures: a bare number that repeats a count the article gave earlier', () => {
  // Invented article: the second paragraph names the counts of the first again.
  const text = 'The agency reported 63 deaths on Monday, and the governor said 58 bodies had been found.\n\nThe gap between 63 and 58 caused anger. Route 63 stayed closed, and the clinic treated Ana Ruiz, 58, for burns.\n';
  const figures = analyzeSource({ uri: 'file:///r.txt', path: 'r.txt', text }).figures;
  const second = text.indexOf('The gap');
  it('counts the repeated numbers as the counts they repeat', () => {
    const repeated = figures.filter((f) => f.start >= second && f.kind === 'count').map((f) => `${f.text} ${f.normalized}`);
    assert.deepEqual(repeated, ['63 63 deaths', '58 58 bodies']);
  });
});

describe('figures: the crew a vessel has, written after it', () => {
  // Invented sentences.
  itFindsEach([
    ['The trawler and its crew of 14 returned to port.', '14', 'count', 'count:crew', '14 crew'],
    ['A crew of about 30 stayed aboard the tanker.', '30', 'count', 'count:crew', '≈ 30 crew'],
  ]);
});

describe('figures: a vague count of people ("hundreds of people") is a count of persons', () => {
  // Invented sentences.
  itFindsEach([
    ['Hundreds of people waited outside the stadium.', 'Hundreds of people', 'count', 'count:person', '100–1,000 people'],
    ['The bridge serves thousands of valley residents every day.', 'thousands of valley residents', 'count', 'count:person', '1,000–1 million people'],
    ['Dozens of villagers walked to the clinic.', 'Dozens of villagers', 'count', 'count:person', '24–144 people'],
    ['Tens of thousands of inhabitants lost water.', 'Tens of thousands of inhabitants', 'count', 'count:person', '10,000–100,000 people'],
    ['Rumours that hundreds of bodies had been found were denied.', 'hundreds of bodies', 'count', 'count:person', '100–1,000 people'],
  ]);
  // What is counted is no person ("houses", "hectares"), or "hundreds" is a scale of another count.
  itFindsNone([
    ['Hundreds of houses were flooded.', 'Hundreds of houses'],
    ['The fire burned hundreds of hectares of pine.', 'hundreds of hectares'],
  ]);
});

describe('figures: a year-shaped number before people or vessels counts them', () => {
  // Invented sentences.
  itFindsEach([
    ['At least 1700 people slept in the gym.', '1700 people', 'count', 'count:person', '≥ 1,700 people'],
    ['The region sent 1900 firefighters to the ridge.', '1900 firefighters', 'count', 'count:firefighter', '1,900 firefighters'],
    ['Some 2050 trained rescuers joined them.', '2050 trained rescuers', 'count', 'count:rescuer', '≈ 2,050 rescuers'],
    // A preposition or determiner before it makes it a year.
    ['In 2019 people queued for hours.', '2019', 'date', 'date', '2019'],
    ['By 2031 passengers will need a pass.', '2031', 'date', 'date', '≤ 2031-12-31'],
    ['The 2018 crew set a record.', '2018', 'date', 'date', '2018'],
  ]);
  // What follows is no person or vessel.
  itFindsNone([['2023 results were weak.', '2023 results']]);
});

describe('figures: lengths of time in the short form, and one of a unit with some of a smaller one', () => {
  // Invented sentences.
  itFindsEach([
    ['She finished the marathon in 2h31.', '2h31', 'duration', 'duration', '2 hours 31 minutes'],
    ['The crossing took 1h45m in calm weather.', '1h45m', 'duration', 'duration', '1 hour 45 minutes'],
    ['Passengers faced a 3h 05min wait.', '3h 05min', 'duration', 'duration', '3 hours 5 minutes'],
    ['The hearing lasted about an hour and 40 minutes.', 'an hour and 40 minutes', 'duration', 'duration', 'about 1 hour 40 minutes'],
    ['The repair took a year and three months.', 'a year and three months', 'duration', 'duration', '1 year 3 months'],
  ]);
  // A time of day written the same way is no length of time.
  itFindsNone([['The shuttle leaves at 16h20 each day.', '16h20']]);
});

describe('figures: "one of the biggest" ranks a thing among others and counts nothing', () => {
  // Invented sentences.
  itFindsNone([
    ['One of the oldest ferries on the lake sank.', 'One of the oldest ferries'],
    ['It is one of the most modern tankers afloat.', 'one of the most modern tankers'],
  ]);
  itFindsEach([['Three of the newest tankers stayed in port.', 'Three of the newest tankers', 'count', 'count:tanker', '3 tankers']]);
});

describe('figures: a bare number per unit of time counts what the sentence counted before it', () => {
  // Invented sentences.
  itFindsEach([
    ['The bakery sold 9,100 pies last year, roughly 25 a day.', '25', 'count', 'count:pie', '≈ 25 pies'],
    ['The port clears about 40 trucks a day and hopes to reach between 60 and 70 a day.', '60 and 70', 'count', 'count:truck', '60–70 trucks'],
  ]);
  // Nothing counted before it, or a length of time.
  itFindsNone([
    ['Doctors advise 3 a day.', '3'],
    ['The 20 crew worked 14 hours a day.', '14 hours a day'],
  ]);
});

describe("figures: a date told from the article's own dates the figures around it but is no figure", () => {
  // Invented article.
  const text = '---\ndate: 2025-06-15\n---\nThe co-op sold 4,200 tonnes of grain last year and expects more this year. Its office shut today.\n';
  const source = analyzeSource({ uri: 'file:///g.md', path: 'g.md', text });
  it('keeps "last year", "this year" and "today" out of the figures', () => {
    assert.deepEqual(source.figures.map((f) => f.text), ['4,200 tonnes']);
  });
  it('keeps them as dates told from the article\'s own', () => {
    assert.deepEqual(source.relativeDates.map((f) => f.text), ['last year', 'this year', 'today']);
    assert.ok(source.relativeDates.every((f) => f.kind === 'date' && f.relativeToArticle));
  });
  it('still dates the figure of their sentence', () => {
    const { fact } = factOfFigure({ 'g.md': text }, '4,200 tonnes');
    assert.equal(fact.date?.text, 'last year');
  });
  it('makes one that counts ("two years ago") a figure, as a reader counts it', () => {
    const counted = analyzeSource({ uri: 'file:///c.md', path: 'c.md', text: '---\ndate: 2025-06-15\n---\nThe co-op opened two years ago and sold 4,200 tonnes last year.\n' });
    assert.deepEqual(counted.figures.map((f) => f.text), ['two years ago', '4,200 tonnes']);
    assert.deepEqual(counted.relativeDates.map((f) => f.text), ['last year']);
  });
  it('leaves a calendar date a figure', () => {
    assert.deepEqual(analyzeSource({ uri: 'file:///h.md', path: 'h.md', text: 'The co-op sold 4,200 tonnes in 2024.\n' }).figures.map((f) => f.text), ['4,200 tonnes', '2024']);
  });
});

describe('figures: a day named by its weekday is a date figure, resolved from the article date', () => {
  // Invented article, dated Sunday 15 June 2025.
  const text = '---\ndate: 2025-06-15\n---\nThe co-op sold 4,200 tonnes on Tuesday. Its board meets every Friday, and it met on Friday, 13 June, and again next Monday.\n';
  const source = analyzeSource({ uri: 'file:///w.md', path: 'w.md', text });
  const days = source.figures.filter((f) => f.namedDay);
  it('finds the weekday named alone, not one beside its date, "every Friday" or "next Monday"', () => {
    assert.deepEqual(days.map((f) => f.text), ['Tuesday']);
  });
  it('resolves it to the last such day on or before the article date', () => {
    assert.equal(days[0]!.normalized, '2025-06-10');
    assert.equal(days[0]!.precision, 'day');
  });
  it('leaves it unresolved in an article without a date', () => {
    const undated = analyzeSource({ uri: 'file:///u.txt', path: 'u.txt', text: 'Crews cleared the road on Tuesday.\n' });
    const [day] = undated.figures.filter((f) => f.namedDay);
    assert.equal(day?.resolved, false);
  });
  it('still dates the figure of its sentence as before', () => {
    const { fact } = factOfFigure({ 'w.md': text }, '4,200 tonnes');
    assert.equal(fact.date?.text, 'Tuesday');
  });
});

describe('figures: "pc" after a number is a percentage, as British papers write it', () => {
  itFindsEach([
    ['wind supplied about 40pc of demand', '40pc', 'percent', 'percent', '≈ 40%'],
    ['power was back for 99.5pc of homes', '99.5pc', 'percent', 'percent', '99.5%'],
  ]);
  itFindsNone([['the update reached every Windows 11 PC in the office', '11 PC']]);
});

describe('figures: "May" is a month after a word of time, not a verb or a name', () => {
  itFindsEach([
    ['The offer opens in May.', 'May', 'date', 'date', '2025-05'],
    ['Prices have risen since May.', 'May', 'date', 'date', '≥ 2025-05-01'],
    ['Crews worked from mid-May to July.', 'May', 'date', 'date', '2025-05'],
  ]);
  itFindsNone([
    ['Rain may fall by Friday.', 'may'],
    ['It was a speech by May that week.', 'May'],
    ['They met in May Street.', 'May'],
  ]);
});

describe('figures: a count may have up to three words between its number and its noun', () => {
  itFindsEach([['the station broke 14 daily maximum temperature records', '14 daily maximum temperature records', 'count', 'count:record', '14 records']]);
});

describe('figures: a count whose noun follows a dotted abbreviation', () => {
  itFindsEach([
    ['data on as many as 143 million U.S. consumers', '143 million U.S. consumers', 'count', 'count:u.s. consumer', '≤ 143 million consumers'],
    ['it sold 40 U.K. homes last year', '40 U.K. homes', 'count', 'count:u.k. home', '40 homes'],
  ]);
  itFindsNone([['at 5 a.m. residents woke to sirens', '5 a.m. residents']]);
});

describe('figures: a bare number joined to a number with a unit takes its unit', () => {
  // Invented sentences.
  itFindsEach([
    ['The two towns lie about 120 and 180 kilometres from the dam.', '120', 'quantity', 'length', '≈ 120 km (≈ 120,000 m)'],
    ['Fares rose by 4 or 5 percent.', '4', 'percent', 'percent', '4%'],
    ['The poles stand 1.5, 2 and 2.5 metres tall.', '1.5', 'quantity', 'length', '1.5 m'],
    ['The poles stand 1.5, 2 and 2.5 metres tall.', '2', 'quantity', 'length', '2 m'],
    ['The trench is between 3 and 4 metres deep.', '3 and 4 metres', 'quantity', 'length', '3 m – 4 m'],
  ]);
  // A year, or a number set off by ", and", keeps to itself.
  itFindsNone([
    ['Between 2018 and 2021 km of track were laid.', '2018 km'],
    ['She scored 2, and 30 percent of the crowd left.', '2'],
  ]);
});

describe('figures: degrees with no scale named are a position or a reading', () => {
  // Invented sentences.
  itFindsEach([
    ['The buoy drifted to 54.2 degrees north.', '54.2 degrees north', 'quantity', 'angle', '54.2° north'],
    ['The station sits at 8°S.', '8°S', 'quantity', 'angle', '8° south'],
    ['The kiln ran at 1,300 degrees overnight.', '1,300 degrees', 'quantity', 'degrees', '1,300 degrees'],
    // A named scale is a temperature, as before.
    ['The lake warmed to 21 degrees Celsius.', '21 degrees Celsius', 'quantity', 'temperature', '21 °C (294.15 K)'],
  ]);
  itFindsNone([['The crane has a 360-degree reach.', '360']]);
});

describe("figures: a ship's tonnage named before its number", () => {
  // Invented sentences.
  itFindsEach([
    ['The freighter has a gross tonnage of 91,300.', '91,300', 'quantity', 'gross-tonnage', '91,300 GT'],
    ['Its deadweight is about 120,500, more than its sister ship.', '120,500', 'quantity', 'deadweight', '≈ 120,500 DWT'],
    // A unit after the number is the unit's own.
    ['Its deadweight tonnage of 88,000 tonnes is modest.', '88,000 tonnes', 'quantity', 'mass', '88,000 t (88,000,000 kg)'],
  ]);
});

describe('figures: a number with a scale word and no noun counts what the sentence before counted', () => {
  // Invented articles.
  const cases: Array<[text: string, figure: string, normalized: string]> = [
    ['The app had 212 million subscribers. Brokers had expected 214.5 million.', '214.5 million', '214.5 million subscribers'],
    ['The app had 212 million subscribers. That is 6 million more than in spring.', '6 million', '6 million subscribers'],
  ];
  for (const [text, figure, normalized] of cases) {
    it(`${JSON.stringify(text)} → ${figure} (${normalized})`, () => {
      const found = analyzeSource({ uri: 'file:///s.txt', path: 's.txt', text }).figures.find((f) => f.text === figure);
      assert.equal(found?.normalized, normalized);
    });
  }
  const none: Array<[text: string, notACount: string]> = [
    // Money or a count of the sentence's own comes first.
    ['The app had 212 million subscribers. It was sold for $3 billion, or 2.8 billion after fees.', '2.8 billion'],
    ['The app had 212 million subscribers. Its 40 rivals shared 90 million.', '90 million'],
  ];
  for (const [text, notACount] of none) {
    it(`${JSON.stringify(text)} has no count of subscribers "${notACount}"`, () => {
      const figures = analyzeSource({ uri: 'file:///s.txt', path: 's.txt', text }).figures;
      assert.ok(!figures.some((f) => f.text === notACount && f.dimension === 'count:subscriber'), JSON.stringify(figures.map((f) => `${f.text} ${f.dimension}`)));
    });
  }
});

describe('figures: a hyphenated number word is one number', () => {
  // Invented sentences.
  itFindsNone([['Thirty-four of them had tickets.', 'Thirty-four']]);
  itFindsEach([['Thirty-four people had tickets.', 'Thirty-four people', 'count', 'count:person', '34 people']]);
});

describe('figures: a number word that opens a sentence of a toll as its subject counts people', () => {
  // Invented sentences.
  const cases: Array<[text: string, afterToll: boolean, figure: string]> = [
    ['Four were volunteers from the next valley.', true, 'Four'],
    ['Eleven remain in hospital after the blast.', true, 'Eleven'],
    ['Twenty-one died on the way to the clinic.', false, 'Twenty-one'],
  ];
  for (const [text, afterToll, figure] of cases) {
    it(`${JSON.stringify(text)} → ${figure} people`, () => {
      const found = extractFigures(text, { articleDate: ARTICLE_DATE, afterToll }).find((f) => f.text.startsWith(figure));
      assert.equal(found?.dimension, 'count:person');
    });
  }
  // Outside a toll, or "one", it counts nothing.
  it('"Four were volunteers" outside a toll counts nothing', () => {
    assert.deepEqual(extractFigures('Four were volunteers from the next valley.', { articleDate: ARTICLE_DATE }).map((f) => f.text), []);
  });
  it('"One was a tourist" counts nothing', () => {
    assert.deepEqual(extractFigures('One was a tourist.', { articleDate: ARTICLE_DATE, afterToll: true }).map((f) => f.text), []);
  });
});

describe("figures: a partitive may take a possessive (\"two of the port's pilots\")", () => {
  // Invented sentences.
  itFindsEach([
    ["The ferry sailed with two of the port's senior pilots aboard.", "two of the port's senior pilots", 'count', 'count:pilot', '2 pilots'],
    ["Three of Norvik's workers were hurt.", "Three of Norvik's workers", 'count', 'count:worker', '3 workers'],
    ["15 of the agency's inspectors quit.", "15 of the agency's inspectors", 'count', 'count:inspector', '15 inspectors'],
  ]);
});

describe('figures: spans of geological time with a scale word are lengths of time', () => {
  // Invented sentences.
  itFindsEach([
    ['The crater formed about 2.1 billion years ago.', '2.1 billion years', 'duration', 'duration', 'about 2.1 billion years'],
    ['The ridge rose in five to six million years.', 'five to six million years', 'duration', 'duration', '5 million–6 million years'],
  ]);
  // Money or a count keeps its own scale word.
  itFindsEach([['It paid $4 million years later.', '$4 million', 'money', 'money:USD', 'USD 4 million']]);
});

describe('figures: an elided count after "but the" or "while the", and "N more" with a verb', () => {
  // Invented sentences.
  itFindsEach([
    ['The six barges ahead were freed, but the 11 behind them stayed put.', '11', 'count', 'count:barge', '11 barges'],
    ['The 30 stalls on the square opened, while the 8 near the river stayed shut.', '8', 'count', 'count:stall', '8 stalls'],
    ['So far 40 victims have been named, and seven more are known but not yet named.', 'seven', 'count', 'count:victim', '7 victims'],
  ]);
  // A year after "but the" names a year.
  itFindsEach([['The firm had 40 stores but the 2020 plan failed.', '2020', 'date', 'date', '2020']]);
});

describe('figures: an elided count set against the count before it ("then", "against", "not", "compared with")', () => {
  // Invented sentences.
  itFindsEach([
    ['The bank first named 90,000 clients, then about 7,000.', '7,000', 'count', 'count:client', '≈ 7,000 clients'],
    ['The hall seats 5,000 guests, against 6,210 at the arena.', '6,210', 'count', 'count:guest', '6,210 guests'],
    ['The ward had 40 beds, not 60.', '60', 'count', 'count:bed', '60 beds'],
    ['Police counted 300 marchers compared with 500 a week earlier.', '500', 'count', 'count:marcher', '500 marchers'],
  ]);
});

describe('figures: a number whose counted noun is said of it ("the other 40 are residents")', () => {
  // Invented sentences.
  itFindsEach([
    ['The list holds 90 names; the other 40 are residents of the valley.', '40', 'count', 'count:resident', '40 residents'],
    ['Of the injured, 11 were children.', '11', 'count', 'count:child', '11 children'],
    ['Two were pilots on leave.', 'Two', 'count', 'count:pilot', '2 pilots'],
  ]);
  // A noun that counts no person or vessel, or a year, is left alone.
  itFindsNone([
    ['Of the 30 items, 12 were books.', '12'],
    ['Only in 2019 were workers paid on time.', '2019 were'],
  ]);
});

describe('figures: "all N" in a state counts everyone involved', () => {
  // Invented sentences.
  itFindsEach([
    ['Trawler crew found, all 9 safe, coastguard says', 'all 9', 'count', 'count:crew', '9 crew'],
    ['The climbers were found at dawn, all six alive.', 'all six', 'count', 'count:person', '6 people'],
  ]);
  itFindsNone([['The firms met all 4 targets.', 'all 4']]);
});

describe('figures: "one of 13 sister ships" names a member of a counted whole', () => {
  // Invented sentences.
  itFindsNone([['The tug is one of 9 sister tugs built in Norway.', 'one']]);
  itFindsEach([
    ['The tug is one of 9 sister tugs built in Norway.', '9 sister tugs', 'count', 'count:tug', '9 tugs'],
    // More than one of the whole is a count of its own.
    ['Four of 30 tugs were idle.', 'Four', 'count', 'count:tug', '4 tugs'],
  ]);
});

describe('figures: one unnamed speaker is a source, not a count', () => {
  // Invented sentences.
  itFindsNone([
    ['One worker described the ward as overwhelmed.', 'One worker'],
    ['One passenger wrote that the lights went out.', 'One passenger'],
  ]);
  itFindsEach([['One worker died in the blaze.', 'One worker', 'count', 'count:worker', '1 worker']]);
});

describe('figures: a price moved by an amount and to a level is two figures, not a range', () => {
  // Invented sentences.
  itFindsEach([
    ['The stock rose $3 to $51 in early trade.', '$3', 'money', 'money:USD', 'USD 3'],
    ['The stock rose $3 to $51 in early trade.', '$51', 'money', 'money:USD', 'USD 51'],
    ['Shares fell 7p to 412p after the warning.', '412p', 'money', 'money:GBP', 'GBP 4.12'],
    ['It gained 35 cents to $9.80.', '$9.80', 'money', 'money:USD', 'USD 9.8'],
    // Without a verb of change, "to" makes a range.
    ['Tickets cost $40 to $60.', '$40 to $60', 'money', 'money:USD', 'USD 40–60'],
  ]);
});

describe('figures: "dozen" scales a count, and lakhs or crores before a plural count it', () => {
  // Invented sentences.
  itFindsEach([
    ['Four dozen volunteers cleared the beach.', 'Four dozen volunteers', 'count', 'count:volunteer', '48 volunteers'],
    ['About 2.5 lakh people left the coast.', '2.5 lakh people', 'count', 'count:person', '≈ 250,000 people'],
    ['The app added 3 crore new users.', '3 crore new users', 'count', 'count:user', '30 million users'],
    // With a currency, or with no plural after it, it stays money.
    ['The state paid Rs 40 lakh to farmers.', 'Rs 40 lakh', 'money', 'money:INR', 'INR 4 million'],
    ['The fine was 6 lakh in all.', '6 lakh', 'money', 'money:INR', 'INR 600,000'],
  ]);
});

describe('figures: compound units and the pressure in bar', () => {
  // Invented sentences.
  itFindsEach([
    ['The dam released 2.4 million acre-feet of water.', '2.4 million acre-feet', 'quantity', 'volume', '2,400,000 acre-ft (2,960,356,410.114 m³)'],
    ['The hull is rated for 1,100 bar.', '1,100 bar', 'quantity', 'pressure', '1,100 bar (110,000,000 Pa)'],
    // A unit before "-long" or "-wide" still measures.
    ['A 300-metre-long jetty was built.', '300-metre', 'quantity', 'length', '300 m'],
  ]);
  // "acre-feet" is no area in acres.
  itFindsNone([['The dam released 2.4 million acre-feet of water.', '2.4 million acre ']]);
});

describe('figures: "a majority of 80" is the margin a race was won by', () => {
  // Invented sentences.
  itFindsEach([
    ['The coalition kept a working majority of 14.', '14', 'count', 'count:majority', '14 majority'],
    ['Her majority of about 2,300 was cut.', '2,300', 'count', 'count:majority', '≈ 2,300 majority'],
    // With its unit written, the count is of that unit.
    ['He won with a majority of 812 votes.', '812 votes', 'count', 'count:vote', '812 votes'],
  ]);
  it('"A majority of 60%" is a share, no margin', () => {
    assert.deepEqual(extractFigures('A majority of 60% backed it.', { articleDate: ARTICLE_DATE }).map((f) => f.dimension), ['percent']);
  });
});

describe('figures: a count given as a loose or open round number ("20-odd", "50-plus", "100+")', () => {
  // Invented sentences.
  itFindsEach([
    ['Some 30-odd villagers stayed behind.', '30-odd villagers', 'count', 'count:villager', '30–40 villagers'],
    ['A fleet of 60-plus trawlers waited.', '60-plus trawlers', 'count', 'count:trawler', '≥ 60 trawlers'],
    ['200+ drivers signed the letter.', '200+ drivers', 'count', 'count:driver', '≥ 200 drivers'],
    // "-odd" counts what follows, never a number of "odd"s (this case was once no figure at all).
    ['Some 50-odd protesters gathered outside.', '50-odd protesters', 'count', 'count:protester', '50–60 protesters'],
  ]);
  // Lengths of time and scaled numbers are left to their own patterns.
  itFindsNone([
    ['He worked there for 20-odd years.', '20-odd years'],
    ['The app has 3+ million users.', '3+ million'],
  ]);
});

describe('figures: a number after a slash or glued to a word by a hyphen is part of a date or a name', () => {
  // Invented sentences.
  itFindsNone([
    ['Memorials to the 9/11 victims were opened.', '11 victims'],
    ['The ward took in flu-19 patients.', '19 patients'],
    ['The air force flew its MiG-29 jets home.', '29 jets'],
  ]);
  itFindsEach([['Twenty-five patients were moved.', 'Twenty-five patients', 'count', 'count:patient', '25 patients']]);
  // A name before the noun may be a word in capitals ("US", not "us").
  itFindsEach([['The airline cancelled 1,100 US flights.', '1,100 US flights', 'count', 'count:us flight', '1,100 flights']]);
});

describe('figures: a result set beside another takes the noun given once for both', () => {
  // Invented sentences.
  itFindsEach([
    ['The count gave Ortega 812,400 votes, or 48.1%, and Varga 760,115, or 45.0%.', '760,115', 'count', 'count:vote', '760,115 votes'],
    ['Her team tallied 3,402,118 votes for Lind and 1,990,260 for Moss.', '1,990,260', 'count', 'count:vote', '1.99 million votes'],
    ['Observers credited Lind with 55,210 votes (52%) and Moss 47,900 (45%).', '47,900', 'count', 'count:vote', '47,900 votes'],
    ['The sheets show her with 30,118 votes against 12,004 for Moss.', '12,004', 'count', 'count:vote', '12,004 votes'],
    ['The board credited Lind with 9,310 votes, and Moss with 8,877, on a low turnout.', '8,877', 'count', 'count:vote', '8,877 votes'],
    // In words, after a name of its own, and before another such result.
    ['Orla County had nine deaths, Bray County eight and Kell County seven.', 'eight', 'count', 'count:death', '8 deaths'],
    ['Orla County had nine deaths, Bray County eight and Kell County seven.', 'seven', 'count', 'count:death', '7 deaths'],
  ]);
  // Without a name, "against" or "for" and a name, or with numbers far apart in size, nothing is shared.
  itFindsNone([
    ['The union has 40,000 members and 2,300 of its own staff.', '2,300'],
    ['Lind won 812,400 votes and Moss 12.', '12'],
    ['The firm has 9,000 staff and Windows 11.', '11'],
    ['The town had 40 shops and the mall two.', 'two'],
  ]);
});

describe('figures: demonyms, armed units and headline capitals name what is counted', () => {
  // Invented sentences.
  itFindsEach([
    ['Some 4 million Peruvians live abroad.', '4 million Peruvians', 'count', 'count:person', '≈ 4 million Peruvians'],
    ['Two Royal Marines were hurt in the drill.', 'Two Royal Marines', 'count', 'count:royal marine', '2 marines'],
    ['Carmaker To Cut 2,500 Jobs In Overhaul', '2,500 Jobs', 'count', 'count:job', '2,500 jobs'],
  ]);
  // A capitalised plural in running prose is a name.
  itFindsNone([['Two Rolling Stones songs were played.', 'Two Rolling Stones']]);
});

describe('figures: a count whose noun was given just before ("four more", "the last four", "the total to")', () => {
  // Invented sentences.
  itFindsEach([
    ['Three more hikers were found, taking the total to nine.', 'nine', 'count', 'count:hiker', '9 hikers'],
    ['The first six climbers left at dawn, five more at noon, and the last three and their guide at dusk.', 'five', 'count', 'count:climber', '5 climbers'],
    ['The first six climbers left at dawn, five more at noon, and the last three and their guide at dusk.', 'three', 'count', 'count:climber', '3 climbers'],
    ['Nine dead as floods hit the valley', 'Nine dead', 'count', 'count:person', '9 people'],
  ]);
  itFindsNone([['He found one missing piece.', 'one missing']]);
});

describe('figures: the ages of a group and inches in brackets', () => {
  // Invented sentences.
  itFindsEach([
    ['The pupils, aged 9 to 12, were taken home.', '9 to 12', 'duration', 'duration', '9–12 years'],
    ['Players aged between 18 and 23 may apply.', '18 and 23', 'duration', 'duration', '18–23 years'],
    ['The gap is about 30 cm (12 in) wide.', '12 in', 'quantity', 'length', '12 in (0.305 m)'],
  ]);
  // An open end says who was taken, no age; "in" followed by an object is the preposition.
  itFindsNone([
    ['Residents aged 65 and over get the jab.', '65'],
    ['It fell 12 in the first hour.', '12 in'],
  ]);
});

describe('figures: a list of results names its noun in its first item', () => {
  // An invented article: [number, dimension it counts, or none].
  const article = [
    'The council read out the smaller parties\' results on Friday.',
    '',
    'The remaining lists received the following:',
    '',
    '- Hana Berg (Greens): 48,210 votes (3.1%)',
    '- Ole Dahl (Liberals): 36,905 (2.4%)',
    '- Ivo Marsh (Farmers): 21,377 (1.4%)',
    '',
    'Turnout was reported later.',
    '',
    '- Polling stations: 412 (all open)',
  ].join('\n');
  const figures = analyzeSource({ uri: 'file:///list.md', path: 'list.md', text: article }).figures;
  const cases: Array<[string, string | undefined]> = [['36,905', 'count:vote'], ['21,377', 'count:vote'], ['412', undefined]];
  for (const [number, dimension] of cases) {
    it(`${number} → ${dimension ?? 'no count'}`, () => {
      const found = figures.find((f) => f.text === number && f.kind === 'count');
      assert.equal(found?.dimension, dimension, JSON.stringify(figures.map((f) => [f.text, f.dimension])));
    });
  }
});

describe('figures: another value named for a count, a count hidden behind a refused one, and "all N" in hospital', () => {
  // Invented sentences.
  itFindsEach([
    ['The survey found 41,200 homes flooded, well above the estimate of 30,000 made on Monday.', '30,000', 'count', 'count:home', '30,000 homes'],
    ['Her 188 league goals left her short of the record of 200.', '200', 'count', 'count:goal', '200 goals'],
    ['Some 90 people slept in two halls, and 140 in three tents by the river.', 'three tents', 'count', 'count:tent', '3 tents'],
    ['All 9 are now in hospital in the capital.', 'All 9', 'count', 'count:person', '9 people'],
  ]);
  // A value far from the count in size is left alone.
  itFindsNone([
    ['The team signed 4 players, beating the record of 1,990.', '1,990'],
  ]);
});

describe('figures: "of whom N", a plural noun that totals N, and two full names with their ages', () => {
  // Invented sentences.
  itFindsEach([
    ['The roll lists 88,400 members, of whom 51,020 voted, a rate of 57.7%.', '51,020', 'count', 'count:member', '51,020 members'],
    ['Spoiled ballots totalled 3,118 across the district.', '3,118', 'count', 'count:ballot', '3,118 ballots'],
    ['Visitors numbered about 1.2 million that summer.', '1.2 million', 'count', 'count:visitor', '≈ 1.2 million visitors'],
    ['The two named were Rosa Lind, 71, and Tomas Berg, 69, of the harbour district.', '71', 'duration', 'duration', '71 years'],
  ]);
  itFindsNone([
    // Money totals are sums, not counts; a list of places with numbers is no pair of ages.
    ['Sales totalled 5 million in the quarter.', '5 million'],
    ['Kent, 14, and Essex, 9, topped the table.', '14'],
  ]);
});

describe('figures: "N more" goes on counting what the sentence or short paragraph before counted', () => {
  // Invented articles: [text, number, dimension or none].
  const cases: Array<[string, string, string | undefined]> = [
    ['Six hikers were lifted off the ridge. Three more followed at dusk.', 'Three', 'count:hiker'],
    ['Six hikers were lifted off the ridge on Friday.\n\nOn Saturday, three more followed.', 'three', 'count:hiker'],
    // "More than" compares; a long paragraph after is a new subject.
    ['Six hikers were lifted off the ridge. It cost 3 more than planned.', '3', undefined],
    ['Six hikers were lifted off the ridge on Friday.\n\nThe weather service, which had warned of storms all week, said three more days of rain were likely.', 'three', undefined],
  ];
  for (const [text, number, dimension] of cases) {
    it(`${JSON.stringify(text)}: ${number} → ${dimension ?? 'no count'}`, () => {
      const figures = analyzeSource({ uri: 'file:///more.txt', path: 'more.txt', text }).figures;
      assert.equal(figures.find((f) => f.text === number && f.kind === 'count')?.dimension, dimension, JSON.stringify(figures.map((f) => [f.text, f.dimension])));
    });
  }
});

describe('figures: a length of time or a count whose unit was given earlier in the sentence', () => {
  // Invented sentences.
  itFindsEach([
    ['The first crossing took 14 hours; the return was done in ten.', 'ten', 'duration', 'duration', '10 hours'],
    ['Round one lasted 25 minutes, round two lasted 31.', '31', 'duration', 'duration', '31 minutes'],
    ['Police held 600 marchers and warned that another hundred would be charged.', 'another hundred', 'count', 'count:marcher', '100 marchers'],
    ['The yard built 12 ferries last year and a further nine are on order.', 'a further nine', 'count', 'count:ferry', '9 ferries'],
  ]);
  itFindsNone([
    // A ratio, a year, or a number far from the first in size.
    ['It took 6 hours, and one in nine failed.', 'nine'],
    ['The works took 3 years and ended in 2019.', '2019 '],
    ['The first leg took 2 hours, the second took 90.', '90'],
  ]);
});

describe('figures: people taken into custody are counted as a toll is', () => {
  // Invented sentences.
  itFindsEach([
    ['Minister says 450 held as marches go on', '450 held', 'count', 'count:person', '450 people'],
    ['Police said 120 were detained overnight.', '120 were detained', 'count', 'count:person', '120 people'],
  ]);
  // "Held" before a noun is no custody: the noun is what is counted.
  itFindsEach([['The 3 held talks on Monday.', '3 held talks', 'count', 'count:talk', '3 talks']]);
});

describe('figures: a year is no end of a range of another unit, nor of a range of years written with "to" and two digits', () => {
  // Invented sentences.
  itFindsEach([
    ['Port fees rose from 3.1% of costs in 2020 to 4.6% in 2023.', '2020', 'date', 'date', '2020'],
    ['Port fees rose from 3.1% of costs in 2020 to 4.6% in 2023.', '4.6%', 'percent', 'percent', '4.6%'],
    ['The levy goes from 2.2% in 2025-26 to 2.9% in 2028-29.', '2025-26', 'date', 'date', '2025-01/2026-12'],
    ['The levy goes from 2.2% in 2025-26 to 2.9% in 2028-29.', '2.9%', 'percent', 'percent', '2.9%'],
    ['The mill grew in 2019 to 45 looms.', '2019', 'date', 'date', '2019'],
    ['The plan ran from 2019 to 2021.', '2019 to 2021', 'date', 'date', '2019-01/2021-12'],
    ['Growth of 3 to 4% is expected in 2026.', '3 to 4%', 'percent', 'percent', '3–4%'],
  ]);
  itFindsNone([
    ['Port fees rose from 3.1% of costs in 2020 to 4.6% in 2023.', '2020 to'],
    ['The levy goes from 2.2% in 2025-26 to 2.9% in 2028-29.', '26 to'],
    ['The mill grew in 2019 to 45 looms.', '2019 to'],
  ]);
});

describe('figures: a fraction with no "of" after it, written with a hyphen, before a verb, or sharing out a whole', () => {
  // Invented sentences.
  itFindsEach([
    ['The grant rises by £9 million, with two-thirds going on repairs and one-third on new rooms.', 'two-thirds', 'percent', 'fraction', '66.667%'],
    ['The grant rises by £9 million, with two-thirds going on repairs and one-third on new rooms.', 'one-third', 'percent', 'fraction', '33.333%'],
    ['The motion won three-quarters support.', 'three-quarters', 'percent', 'fraction', '75%'],
    ['Of the prize money, a quarter goes to the runner-up.', 'a quarter', 'percent', 'fraction', '25%'],
    ['Half was spent before the summer.', 'Half', 'percent', 'fraction', '50%'],
    ['Half of the bonds are repaid in cash and half in new notes.', 'half', 'percent', 'fraction', '50%'],
  ]);
  itFindsNone([
    // A part of a period, a count with a half, and an ordinal stay no fraction.
    ['The second half was goalless.', 'half'],
    ['Profits in the third quarter were flat.', 'quarter'],
    ['Two and a half were left on the shelf.', 'half'],
    ['The third-quarter results are due in a week.', 'third'],
    ['The club hopes to win a third title.', 'a third'],
    ['He ran a half marathon and a quarter mile.', 'a quarter'],
  ]);
});

describe('figures: one more unit of time ("for another year", "a further week") is a length of time', () => {
  // Invented sentences.
  itFindsEach([
    ['The price freeze holds for another year.', 'another year', 'duration', 'duration', '1 year'],
    ['The talks were put off for a further week.', 'a further week', 'duration', 'duration', '1 week'],
    ['The crew stayed on board for an extra day.', 'an extra day', 'duration', 'duration', '1 day'],
  ]);
  itFindsNone([
    // With no word that makes it a length of time, "another day" is a figure of speech or a date.
    ['She said she would fight another day.', 'another day'],
    ['Another year of losses would sink the firm.', 'Another year'],
  ]);
});

describe('figures: pence before the change they make ("a 4p rise", "the 2p cut") are money', () => {
  // Invented sentences.
  itFindsEach([
    ['The 4p rise comes in from April.', '4p', 'money', 'money:GBP', 'GBP 0.04'],
    ['Ministers kept the 2p cut for one more winter.', '2p', 'money', 'money:GBP', 'GBP 0.02'],
  ]);
  itFindsNone([
    // A screen's lines are no price.
    ['The 1080p screen is sharp.', '1080p'],
    ['It films in 720p as standard.', '720p'],
  ]);
});

describe('figures: a number word from two up picks a part out of a whole, whatever the whole is', () => {
  // Invented sentences.
  itFindsEach([
    ['The embassy was still trying to reach six of its nationals.', 'six of its nationals', 'count', 'count:national', '6 nationals'],
    ['Four of the seven judges dissented.', 'Four of the seven judges', 'count', 'count:judge', '4 judges'],
    ['The club spoke to three of the most senior coaches.', 'three of the most senior coaches', 'count', 'count:coach', '3 coaches'],
  ]);
  itFindsNone([
    // "One of" ranks a thing among others; it counts nothing.
    ['One of the reasons is the cost.', 'One of the reasons'],
    ['She is one of the most gifted players.', 'one of the most'],
  ]);
});

describe('figures: changes of a rate in basis points and in parts of a percentage point', () => {
  // Invented sentences.
  itFindsEach([
    ['The bank cut its main rate by 25 basis points to 4.5%.', '25 basis points', 'percent', 'percentage-points', '25 bp'],
    ['Two-year yields fell about 30 basis points over the week.', '30 basis points', 'percent', 'percentage-points', '30 bp'],
    ['Traders priced in six basis points of easing.', 'six basis points', 'percent', 'percentage-points', '6 bp'],
    ['A 50bp move in rates was ruled out.', '50bp', 'percent', 'percentage-points', '50 bp'],
    ['Rates went up by a quarter of a percentage point.', 'a quarter of a percentage point', 'percent', 'percentage-points', '0.25 pp'],
    ['The committee voted for a quarter-point cut in the rate.', 'a quarter-point', 'percent', 'percentage-points', '0.25 pp'],
    ['Inflation fell half a percentage point in May.', 'half a percentage point', 'percent', 'percentage-points', '0.5 pp'],
    ['Markets expect rates to fall a full percentage point by next year.', 'a full percentage point', 'percent', 'percentage-points', '1 pp'],
  ]);
  itFindsNone([
    // Without a rate to change, a part of a point is a score, a lead or a stage.
    ['The champion was a half point ahead after the sixth game.', 'a half point'],
    ['Ding cut the champion\'s lead to half a point in 2023.', 'half a point'],
    ['By the half point of the 2024 season, mortgage rates had risen 2%.', 'half point'],
    ['The tenth point of the 2024 plan would cap interest rates.', 'tenth point'],
  ]);
  it('25 basis points and 0.25 percentage points are one value', () => {
    const [bp] = extractFigures('The rate was cut by 25 basis points.');
    const [pp] = extractFigures('The rate was cut by 0.25 percentage points.');
    assert.deepStrictEqual([bp!.dimension, bp!.value], [pp!.dimension, pp!.value]);
  });
});

describe('figures in sources: a count keeps a name among its words, an age its name in bold', () => {
  // Invented sentences.
  const cases: Array<[text: string, figure: string]> = [
    ['Two Mi-8 helicopters joined the search at dawn.', 'Two Mi-8 helicopters'],
    ['The carrier grounded 12 Embraer E190 jets on Friday.', '12 Embraer E190 jets'],
    ['The trial recorded 61 confirmed COVID-19 cases among volunteers.', '61 confirmed COVID-19 cases'],
    ['Crews found a debris field about six km from the wreck.', 'six km'],
    ['The search covered 2,900 sq miles of open sea.', '2,900 sq miles'],
    ['- **Ana Ruiz**, 47, the ship’s captain, was the last to leave.', '47'],
    // After a determiner, a name in capitals is no model's: the number counts.
    ['The small swing cost the NPP 41 seats.', '41 seats'],
    // A clock's capitals before a count are no model's name.
    ['By 5 PM 300 workers had left the plant.', '300 workers'],
    // A name ending in "s" among the words is no noun: the count goes on to it.
    ['The update crashed about 6.1 million Velmar Systems terminals.', '6.1 million Velmar Systems terminals'],
    ['Orla cancelled 212 Harbour Airways flights on Monday.', '212 Harbour Airways flights'],
  ];
  itKeepsInSource(cases, 'a.md');
  it('a number inside a model name is still not a count of what follows', () => {
    const source = analyzeSource({ uri: 'file:///a.txt', path: 'a.txt', text: 'Regulators grounded some Boeing 737 MAX 9 jets.' });
    assert.ok(!source.figures.some((f) => /^9\b/.test(f.text)), JSON.stringify(source.figures.map((f) => f.text)));
  });
});

describe('figures: a week of a month or a year is its seven days', () => {
  // Invented sentences.
  itFindsEach([
    ['The shares had lost 3.1% in the first week of 2025.', 'the first week of 2025', 'date', 'date', '2025-01-01/2025-01-07'],
    ['Talks stalled in the second week of March 2024.', 'the second week of March 2024', 'date', 'date', '2024-03-08/2024-03-14'],
    ['Sales peaked in the last week of July 2023.', 'the last week of July 2023', 'date', 'date', '2023-07-25/2023-07-31'],
  ]);
});

describe('figures: multipliers with a number, and degrees written in words', () => {
  // Invented sentences.
  itFindsEach([
    ['The share sale was about 3.2 times oversubscribed.', '3.2 times', 'quantity', 'ratio', '≈ ×3.2'],
    ['Orders came to 2.5 times the stock on offer.', '2.5 times', 'quantity', 'ratio', '×2.5'],
    ['The new hall holds four times the crowd of the old one.', 'four times', 'quantity', 'ratio', '×4'],
    ['The valley was six degrees hotter than the old record.', 'six degrees', 'quantity', 'degrees', '6 degrees'],
  ]);
  itFindsNone([
    // How often in a stretch of time is no multiplier, and degrees of a university are no measure.
    ['Police said he was arrested three times that year.', 'three times'],
    ['The ferry was inspected four times the following week.', 'four times'],
    ['She earned two degrees from the university.', 'two degrees'],
  ]);
  it('a whole number of times with no comparison still counts how often', () => {
    assert.ok(extractFigures('She scored 41 times for the club.').some((f) => f.dimension === 'count:time' && f.text === '41 times'));
  });
});

describe('figures: a split vote counts the majority', () => {
  // Invented sentences.
  itFindsEach([
    ['The council voted 7-2 to close the pier.', '7-2', 'count', 'count:vote-split', '7–2 vote'],
    ['The panel split six to three over the fee.', 'six to three', 'count', 'count:vote-split', '6–3 vote'],
    ['By a 4-1 majority the board backed the sale.', '4-1', 'count', 'count:vote-split', '4–1 vote'],
    ['The court handed down a 9-0 ruling on Friday.', '9-0', 'count', 'count:vote-split', '9–0 vote'],
  ]);
  itFindsNone([
    // Scores and shares are no votes, even beside a word for a ruling or a split.
    ['Velm won by a 3-1 margin on Sunday.', '3-1'],
    ['Velm led 2-1 at half-time, the referee ruled.', '2-1'],
    ['The proceeds will be split 55-45 between the two firms.', '55-45'],
    ['The partners agreed a 60-40 split of the profits.', '60-40'],
  ]);
});

describe('figures: "one in ten" is a share of a whole', () => {
  // Invented sentences.
  itFindsEach([
    ['One in ten adults in Velm had the fever.', 'One in ten', 'percent', 'fraction', '10%'],
    ['About 1 in 4 homes lost power.', '1 in 4', 'percent', 'fraction', '≈ 25%'],
    ['Roughly one in every three boats stayed in port.', 'one in every three', 'percent', 'fraction', '≈ 33.33%'],
  ]);
  itFindsNone([
    // The whole is no count of its own, and a length of time is no whole.
    ['One in ten adults in Velm had the fever.', 'ten adults'],
    ['She was one in a million.', 'one in a million'],
    ['Rescuers pulled three in four hours from the rubble.', 'three in four'],
  ]);
});

describe('figures: a range runs upwards', () => {
  // Invented sentences.
  itFindsEach([
    ['The bank cut its forecast for 2025 to 2.0% from 2.5%.', '2.0%', 'percent', 'percent', '2%'],
    ['Prices were up 5-6% on the year.', '5-6%', 'percent', 'percent', '5–6%'],
  ]);
  itFindsNone([['The bank cut its forecast for 2025 to 2.0% from 2.5%.', '2025 to 2.0%']]);
});
