/**
 * Name spans read a sentence's words by their first letters and test a sentence for capitals with
 * a cheap pattern first: words that open in lower case but name something, and sentences shouted
 * in capitals beyond A–Z, are still read as before.
 */
import * as assert from 'node:assert/strict';
import { extractNameSpans } from '../../src/core/names';

/** Each span of a sentence as its words and whether it only mentions (a heading or a shouted sentence). */
function spansOf(sentence: string): Array<[string, boolean]> {
  return extractNameSpans(sentence, 0, sentence.length, false).map((span) => [span.tokens.map((t) => t.text).join(' '), span.heading]);
}

describe('name spans: words that open in lower case, and sentences in capitals', () => {
  const cases: Array<[what: string, sentence: string, spans: Array<[string, boolean]>]> = [
    ['a capital after one or two lower-case letters, and particles glued to a name', 'Shares of eBay and the iPhone maker rose, and al-Rashid met d’Arcy and o’Neill in town.', [['Shares', false], ['eBay', false], ['iPhone', false], ['al-Rashid', false], ['d’Arcy', false], ['o’Neill', false]]],
    ['a three-letter particle, and a capital as the third letter', 'The deVries estate and the xAI lab were sold to bin-Salem, said l’Oréal.', [['deVries', false], ['xAI', false], ['bin-Salem', false], ['l’Oréal', false]]],
    ['a sentence shouted in accented capitals', 'ÉTAT ÉMIS PAR LA RÉGION DU NORD, SAID THE WIRE.', [['ÉTAT ÉMIS PAR LA RÉGION DU NORD', true], ['SAID THE WIRE', true]]],
    ['a sentence shouted with capitals beyond the Basic Multilingual Plane', 'THE 𝐀𝐁 𝐂𝐃 TEAM WON AGAIN, SAID THE CLUB.', [['𝐀𝐁 𝐂𝐃 TEAM WON AGAIN', true], ['SAID THE CLUB', true]]],
    ['a sentence shouted in capitals with umlauts', 'ÖL ÜBER ÄRGER IN DER STADT HEUTE.', [['ÖL ÜBER ÄRGER IN DER STADT HEUTE', true]]],
    ['two words in capitals in a sentence that does not shout', 'Crews worked in Nuuk as the NTB WIRE reported.', [['Crews', false], ['Nuuk', false], ['NTB WIRE', false]]],
  ];
  for (const [what, sentence, spans] of cases) {
    it(what, () => assert.deepEqual(spansOf(sentence), spans));
  }
});

describe('name spans: numbers after names', () => {
  const cases: Array<[what: string, sentence: string, spans: Array<[string, boolean]>]> = [
    ['a value after a name in a list of four-word items', 'Skyway Airlines owns 12 of the new buses and Tarvo Air 40, officials said.', [['Skyway Airlines', false], ['Tarvo Air', false]]],
    ['a number after sentence words alone', 'About 30 VTSB engineers checked the track.', [['VTSB', false]]],
    ['a model’s word in capitals after its number', 'Orders for the Tarvo 320 NEO rose, and Kestrel added 500 MW.', [['Orders', false], ['Tarvo 320 NEO', false], ['Kestrel', false]]],
  ];
  for (const [what, sentence, spans] of cases) {
    it(what, () => assert.deepEqual(spansOf(sentence), spans));
  }
});
