import * as assert from 'node:assert/strict';
import { factOfFigure } from '../support/helpers';

/** The first day of the date attached to one figure's fact, as ISO text, or undefined when none. */
function dateOf(text: string, figure: string): string | undefined {
  const { fact } = factOfFigure(text, figure);
  return fact.date && fact.date.resolved !== false ? new Date(fact.date.value.lo * 86_400_000).toISOString().slice(0, 10) : undefined;
}

// 14 March 2024 was a Thursday.
const dated = (body: string): string => `---\ntitle: Brenport report\ndate: 2024-03-14\n---\n\n${body}\n`;

describe('facts: dates read from around a figure', () => {
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    { name: 'a weekday is the last such day on or before the article', text: dated('The Brenport council approved $12 million for the harbour on Tuesday.'), figure: '$12 million', date: '2024-03-12' },
    { name: "a possessive weekday dates the event it names", text: dated("Friday's storm in Brenport damaged 40 homes."), figure: '40 homes', date: '2024-03-08' },
    { name: '"last night" is the night before the article’s day', text: dated('At least 40 people were missing last night after the Brenport levee broke.'), figure: '40 people', date: '2024-03-13' },
    { name: 'people who "remain missing" are counted on the article’s day', text: dated('Forty people remain missing in Brenport, the council said.'), figure: 'Forty people', date: '2024-03-14' },
    { name: 'what is expected to remain is of no day', text: dated('Crews expect 40 homes to remain without power for a week.'), figure: '40 homes', date: undefined },
    { name: '"this morning" is the article’s day', text: dated('Crews pumped 300 tonnes of water out of the Brenport tunnel this morning.'), figure: '300 tonnes', date: '2024-03-14' },
    { name: 'a time of a value compared with ("above where it was priced") is not the change’s', text: dated('By noon Brenport shares traded 20% above where they were priced last night.'), figure: '20%', date: undefined },
    { name: 'the weekday of the article is that day', text: dated('Brenport said on Thursday that 85 people had left.'), figure: '85 people', date: '2024-03-14' },
    { name: '"since" a weekday starts a period and dates no figure', text: dated('All 14 crew members of the barge, which has been stuck since Tuesday, are safe, the owner said on Thursday.'), figure: '14 crew members', date: '2024-03-14' },
    { name: 'a weekday after "since" that a "when" clause tells of is a time', text: dated('The count has grown since Monday, when the council gave a first toll of 12 dead.'), figure: '12 dead', date: '2024-03-11' },
    { name: 'a coming weekday is not a date of the past', text: dated('The Brenport council will vote next Monday on $12 million for the harbour.'), figure: '$12 million', date: undefined },
    { name: 'a weekday without an article date dates nothing', text: 'The Brenport council approved $12 million for the harbour on Tuesday.', figure: '$12 million', date: undefined },
    { name: 'a written date wins over a weekday', text: dated('On Tuesday the Brenport council said it had spent $3 million in 2021.'), figure: '$3 million', date: '2021-01-01' },
    { name: 'a quarter without a year is the last one begun by the article', text: dated('Brenport Foods earned $41 million in the third quarter.'), figure: '$41 million', date: '2023-07-01' },
    { name: 'a quarter named by its months', text: dated('Brenport Foods earned $41 million in the October-December quarter.'), figure: '$41 million', date: '2023-10-01' },
    { name: 'a half without a year', text: dated('Brenport Foods sold 9,000 ovens in the first half.'), figure: '9,000 ovens', date: '2024-01-01' },
    { name: 'a quarter compared with dates the base, not the change', text: dated('Brenport Foods said users grew 2% from the second quarter.'), figure: '2%', date: undefined },
    { name: 'a quarter with its year is left to the date figure', text: dated('Brenport Foods earned $41 million in the third quarter of 2022.'), figure: '$41 million', date: '2022-07-01' },
    { name: 'a quarter after a point of comparison dates that figure', text: dated('Brenport Foods said sales grew 7%, faster than the 5% in the second quarter.'), figure: '5%', date: '2023-04-01' },
    { name: 'a quarter after a point of comparison does not date the change', text: dated('Brenport Foods said sales grew 7%, faster than the 5% in the second quarter.'), figure: '7%', date: undefined },
    { name: 'a weekday that opens the sentence dates the amounts after it', text: dated('By Friday evening, 130 people had died and 100 others were missing after the ferry sank on Thursday.'), figure: '100 others', date: '2024-03-08' },
    { name: 'an opening weekday reaches a clause after "and"', text: dated('On Tuesday, the council counted 40 homes lost and said 12 boats had sunk, a day after the storm of Monday.'), figure: '12 boats', date: '2024-03-12' },
    { name: 'a year between an opening weekday and the amount is nearer', text: dated('On Tuesday the council said 40 homes were lost, and in 2019 it had counted 12 boats after the storm of Monday.'), figure: '12 boats', date: '2019-01-01' },
    { name: 'a weekday later in the sentence sets no opening scope', text: dated('The council met on Tuesday and said 12 boats had sunk, a day after the storm of Monday.'), figure: '12 boats', date: undefined },
    { name: 'a weekday in a relative clause after the amount dates it', text: dated('Surveyors gave a magnitude of 5.1 for the tremor, which struck late on Tuesday.'), figure: 'magnitude of 5.1', date: '2024-03-12' },
    { name: 'a weekday in a relative clause before the amount is the clause’s', text: dated('The storm that hit Brenport on Tuesday has now damaged 40 homes, the council said on Thursday.'), figure: '40 homes', date: '2024-03-14' },
    {
      name: 'a date set off by commas in a relative clause stays in it',
      text: dated('The storm, which struck on Monday, 11 March, flooded 40 homes, according to council figures released on Wednesday.'),
      figure: '40 homes',
      date: '2024-03-13',
    },
    { name: 'a date inside a temporal clause dates no figure of the main clause', text: dated('Since the grocer reported its results on 7 March, its shares have risen 30%.'), figure: '30%', date: undefined },
    { name: 'a temporal clause is not dated by the main clause', text: dated('The Brenport dam failed on Tuesday, after 300 mm of rain had fallen in a week.'), figure: '300 mm', date: undefined },
    { name: 'a year earlier is the year before the article’s', text: dated('Brenport Foods earned $52 million, against $47 million a year earlier, a margin of 12%.'), figure: '$47 million', date: '2023-01-01' },
    { name: 'a year earlier after a point of comparison reaches no other clause', text: dated('Brenport Foods earned $52 million, against $47 million a year earlier, a margin of 12%.'), figure: '12%', date: undefined },
    { name: 'a change compared with a year earlier is not of that year', text: dated('Brenport Foods said sales were 9% higher than a year earlier.'), figure: '9%', date: undefined },
    { name: '"a year" for each year is no date', text: dated('Brenport pays its harbour master about €90,000 a year before tax.'), figure: '€90,000', date: undefined },
    { name: 'a participle after "before" goes on with the main clause’s day', text: dated('On Tuesday Brenport Foods shares rose to $14, before settling at $12.'), figure: '$12', date: '2024-03-12' },
    { name: '"now" places a state on the article’s day', text: dated('The flood now covers 420 hectares of farmland around Brenport.'), figure: '420 hectares', date: '2024-03-14' },
    { name: '"so far" places a count on the article’s day', text: dated('Rescuers have so far found 40 survivors.'), figure: '40 survivors', date: '2024-03-14' },
    { name: 'a share move in premarket trading is of the article’s day', text: dated('Shares of Brenport Foods rose 4% in premarket trading.'), figure: '4%', date: '2024-03-14' },
    { name: 'a price before the opening bell is of the article’s day', text: dated('The stock traded at $14.10 in dealings before the opening bell.'), figure: '$14.10', date: '2024-03-14' },
    { name: 'a session that opens the sentence scopes all its clauses', text: dated('In after-hours trading, Brenport Foods gained 4%, while Lowmoor Mills slipped 2%.'), figure: '2%', date: '2024-03-14' },
    { name: 'a session of a named day is that day', text: dated("Brenport Foods gained 3% before Tuesday's opening bell."), figure: '3%', date: '2024-03-12' },
    { name: 'a session in another clause does not reach the figure', text: dated('Brenport Foods has lost 30% of its value, although it edged higher in early trading.'), figure: '30%', date: undefined },
    { name: 'a state counted "as of" a month is of that month', text: dated('Brenport Foods employed 9,400 people as of July 2023, its filing shows.'), figure: '9,400 people', date: '2023-07-01' },
    { name: '"as of" a day dates a count in a clause before a comparison', text: dated('With Lowmoor reporting 1,200 staff as of 30 June 2023, a 5% cut works out to 60 jobs.'), figure: '1,200 staff', date: '2023-06-30' },
    { name: '"by then" takes the last time the paragraph named', text: dated('The Brenport dam failed on 2 March. By then 300 families had left the valley.'), figure: '300 families', date: '2024-03-02' },
    { name: 'a paragraph that opens with "at that point" points into the one before', text: dated('The levee broke on 4 March, a day after the warning.\n\nAt that point 120 people were in shelters, and 40 in the school.'), figure: '40', date: '2024-03-04' },
    {
      name: 'the time pointed back to is not one told of a value compared with',
      text: dated('On 3 March the council counted 400 homes damaged, far above the estimate of 250 given on 1 March.\n\nAt that point 90 people were in shelters.'),
      figure: '90 people',
      date: '2024-03-03',
    },
    { name: 'a weekday can be the time pointed back to', text: dated('A tremor struck Brenport late on Monday. A second shock of magnitude 4.1 was felt at about the same time.'), figure: 'magnitude 4.1', date: '2024-03-11' },
    { name: 'a "now" nearer the figure wins over the time pointed back to', text: dated('Brenport had 20,000 members at the end of June 2023. Over the same stretch Lowmoor signed up 31,000 members and now has 1.2 million.'), figure: '1.2 million', date: '2024-03-14' },
    { name: 'the time pointed back to dates the figures after it', text: dated('Brenport had 20,000 members at the end of June 2023. Over the same stretch Lowmoor signed up 31,000 members and now has 1.2 million.'), figure: '31,000 members', date: '2023-06-01' },
    { name: '"at the time" takes the last time the paragraph named', text: dated('The council approved the harbour plan on 4 March. At the time it put the cost at $40 million.'), figure: '$40 million', date: '2024-03-04' },
    { name: '"at that time" takes the year named before it', text: dated('Brenport opened the bridge in 2019. Officials at that time expected 9,000 crossings a day.'), figure: '9,000 crossings', date: '2019-01-01' },
    { name: '"at the time" later in a clause dates its figure', text: dated('The storm struck Brenport on 2 March. Gusts reached 140 km/h at the time, the council said.'), figure: '140 km/h', date: '2024-03-02' },
    { name: '"that day" takes the day named before it', text: dated('The council met on 5 March. It said 31 boats would be towed away that day.'), figure: '31 boats', date: '2024-03-05' },
    { name: '"the same afternoon" takes the day named before it', text: dated('Lowmoor hit 41 degrees Celsius on 3 March. Brenport hit 39 degrees Celsius the same afternoon.'), figure: '39 degrees', date: '2024-03-03' },
    { name: '"earlier the same day" takes the day named before it', text: dated('The council counted 12 dead on 6 March.\n\nEarlier the same day, the police had said 40 people were missing.'), figure: '40 people', date: '2024-03-06' },
    { name: '"later in the day" takes the day named before it', text: dated('The river crested on 7 March. Later in the day it fell by 40 cm.'), figure: '40 cm', date: '2024-03-07' },
    { name: 'with no time named before, "that afternoon" dates nothing', text: dated('Brenport hit 39 degrees Celsius that afternoon.'), figure: '39 degrees', date: undefined },
    { name: '"that evening" takes a day named earlier in its own sentence first', text: dated('The dam was inspected on 1 March. The river rose 2 metres on 4 March; by late that evening 40 homes were flooded.'), figure: '40 homes', date: '2024-03-04' },
    { name: '"that evening" at the opening takes the day of the sentence before', text: dated('The dam was inspected on 1 March. By that evening 40 homes were flooded.'), figure: '40 homes', date: '2024-03-01' },
    { name: 'with no time named before, "at the time" dates nothing', text: dated('At the time, Brenport had 900 fishing boats.'), figure: '900 fishing boats', date: undefined },
    { name: '"at the moment" is now, not a time pointed back to', text: dated('The harbour closed on 2 March. At the moment 40 boats are moored inside.'), figure: '40 boats', date: '2024-03-14' },
    { name: 'with no time named before, "by then" dates nothing', text: dated('By then 300 families had left the valley.'), figure: '300 families', date: undefined },
    { name: 'a participle clause after the amount tells when its thing happened', text: dated('Brenport leaned on its $12 billion purchase of Lowmoor, completed in March, to grow.'), figure: '$12 billion', date: '2024-03-01' },
    { name: 'a figure restated after "or" takes its figure’s date', text: dated('The council said on 3 March that repairs would cost 90 million euros, or about $98 million.'), figure: '$98 million', date: '2024-03-03' },
    { name: 'a conversion at current rates takes no date from its figure', text: dated('Brenport bought the mill in 2016 for $31 million (roughly 29 million euros at current rates).'), figure: '29 million euros', date: undefined },
    { name: 'a conversion in brackets takes its figure’s date', text: dated('Brenport bought the mill in 2016 for $31 million (roughly 29 million euros).'), figure: '29 million euros', date: '2016-01-01' },
    { name: 'a month set off by commas after a conversion dates the figure', text: dated('Brenport paid 30 million euros ($33 million), in March 2021, for the mill.'), figure: '30 million euros', date: '2021-03-01' },
    { name: 'a conversion in brackets shares the participle clause’s date', text: dated('Kestrel offered more than €90m (£77m) with bonuses, made on 4 March, for the striker.'), figure: '£77m', date: '2024-03-04' },
    { name: 'a bare time phrase after a restated figure dates it', text: dated('The loss narrowed to $10.2 million, or 12 cents, from $13.1 million, or 20 cents, in the same quarter of 2022.'), figure: '20 cents', date: '2022-01-01' },
    { name: 'a time phrase after a restatement dates the figure it restates', text: dated('The loss narrowed to $10.2 million, or 12 cents, from $13.1 million, or 20 cents, in the same quarter of 2022.'), figure: '$13.1 million', date: '2022-01-01' },
    { name: 'a time phrase after a conversion dates the converted figure', text: dated('Lowmoor Mills reported sales of 40 million euros ($44 million), in the first half of 2022.'), figure: '40 million euros', date: '2022-01-01' },
    { name: 'a year that names which spill yields to the day the sentence tells of', text: dated('Kestrel will pay $40 million to settle claims over its 2021 harbour spill, the council said on Tuesday.'), figure: '$40 million', date: '2024-03-12' },
    { name: 'a possessive month that names which flood yields to the weekday of the clause', text: dated("Officials on Friday cut the toll of last month's Brenport flood to 41, down from 44."), figure: '41', date: '2024-03-08' },
    { name: 'the value a cut toll starts from takes no weekday when a named date yields', text: dated("Officials on Friday cut the toll of last month's Brenport flood to 41, down from 44."), figure: '44', date: undefined },
    { name: 'a day that names which fire yields to the day of the report', text: dated('The number of people hurt in the 3 March ferry fire rose to 212 people, the coastguard said on Wednesday.'), figure: '212 people', date: '2024-03-13' },
    { name: 'a year that names which festival dates its bill when the sentence tells no other time', text: dated("Brenport's bill for the 2019 festival came to $4 million."), figure: '$4 million', date: '2019-01-01' },
    { name: 'a figure of a relative clause on the dated noun keeps the report’s day off', text: dated('Kestrel settled claims over the 2021 spill that fouled 40 beaches, the council said on Tuesday.'), figure: '40 beaches', date: '2021-01-01' },
    { name: 'a year after "of" that names which spill yields to the weekday that opens the sentence', text: dated('On Monday, the council fined 12 firms over the harbour spill of 2019.'), figure: '12 firms', date: '2024-03-11' },
    { name: 'a year after "of" that names which flood dates a figure when nothing else does', text: dated('The council spent $4 million on the flood of 2019.'), figure: '$4 million', date: '2019-01-01' },
    { name: 'the whole of a year is a time, not a name', text: dated('On Monday, the council said sales grew 12% over the whole of 2019.'), figure: '12%', date: '2019-01-01' },
    { name: 'a year before a company’s revenue is the revenue’s period, not a name', text: dated('Kestrel Foods said on Tuesday that its 2023 revenue rose to $40 million.'), figure: '$40 million', date: '2023-01-01' },
    { name: 'a holiday before a year is a time, not a name', text: dated('Retail sales in Brenport rose 4% over Christmas 2023.'), figure: '4%', date: '2023-01-01' },
    { name: '"that night" after a verb of saying opens what was said', text: dated('The storm hit Brenport on 9 March 2024. The council said that night shifts at the port would fall by 30 workers.'), figure: '30 workers', date: undefined },
    { name: 'a year in the name of a law dates no figure', text: dated('The Harbour Act 2019 set fees at 4% of cargo value.'), figure: '4%', date: undefined },
    { name: 'a year in the name of an event dates no figure', text: dated('Expo 2027 expects 3 million visitors.'), figure: '3 million visitors', date: undefined },
    { name: 'a year after a preposition is a time', text: dated('In 2019 the harbour handled 3 million tonnes.'), figure: '3 million tonnes', date: '2019-01-01' },
    { name: 'a year after a season is a time', text: dated('During Spring 2019 Brenport handled 3 million tonnes.'), figure: '3 million tonnes', date: '2019-03-01' },
    { name: 'a count over a span of years is of no one time', text: dated('Inspectors fined the harbour 42 times between 2015 and 2021.'), figure: '42 times', date: undefined },
    { name: 'a total recorded from one year to another is of no one time', text: dated('The port recorded 310 accidents from 2016 to 2022.'), figure: '310 accidents', date: undefined },
    { name: 'a span of years that names which plan still dates it', text: dated('The 2016-2019 plan cost $40 million.'), figure: '$40 million', date: '2016-01-01' },
    { name: 'a count of one year is of that year', text: dated('The port recorded 310 accidents in 2022.'), figure: '310 accidents', date: '2022-01-01' },
    { name: 'a year in a relative clause on a later figure is that figure’s', text: dated('Selling at 14 euros a share took the sale past the $90 million that Lowmoor raised in its debut in 2016.'), figure: '14 euros a share', date: undefined },
    { name: 'a year with no figure before it in between dates the amount', text: dated('Selling at 14 euros a share took the sale past $90 million in 2016.'), figure: '14 euros a share', date: '2016-01-01' },
    { name: 'a year in a relative clause on counted things is theirs, not the payment’s', text: dated('The fund paid $40 million for the 12 boats that sank in 2019.'), figure: '$40 million', date: undefined },
    { name: 'a "when" clause after a date tells of that date', text: dated('The stadium opened on 9 March, when 40,000 people watched, having hosted a test event in February that drew 9,000.'), figure: '40,000 people', date: '2024-03-09' },
    { name: 'a "when" clause after a year already used by a figure still takes it', text: dated('Prices rose 3% in 2019, when the harbour handled 4 million tonnes.'), figure: '4 million tonnes', date: '2019-01-01' },
    { name: 'a "when" clause after "since" a year is of no date', text: dated('It was the worst flood since 1953, when 300 people died.'), figure: '300 people', date: undefined },
    { name: 'a year after "and" that leads to a figure of its own is that figure’s', text: dated("The council put Brenport's bill for the 2019 festival at $4 million and Lowmoor's for 2021 at $3 million."), figure: '$4 million', date: '2019-01-01' },
    { name: 'the figure of the next conjunct takes the year before it', text: dated("The council put Brenport's bill for the 2019 festival at $4 million and Lowmoor's for 2021 at $3 million."), figure: '$3 million', date: '2021-01-01' },
    { name: 'a year after "and" with no figure of its own still dates the amount', text: dated('Brenport earned $4 million and spent it in 2021.'), figure: '$4 million', date: '2021-01-01' },
    { name: 'a figure that is not restated takes no time phrase from the next one', text: dated('The loss was $10.2 million, against a profit of $13.1 million, in the same quarter of 2022.'), figure: '$10.2 million', date: undefined },
    { name: 'a comparison clause after the amount tells of another time', text: dated('The loss was $4 million, compared with a profit in 2022.'), figure: '$4 million', date: undefined },
    { name: 'a day in an "after" clause with its verb is not the amount’s', text: dated('The agency on Tuesday grounded 40 ferries after a hull cracked on Monday.'), figure: '40 ferries', date: '2024-03-12' },
    { name: 'a day in an "after" clause with an irregular verb is not the amount’s', text: dated('The agency on Tuesday ordered 40 ferries grounded after a hull tore on Monday.'), figure: '40 ferries', date: '2024-03-12' },
    { name: 'a time counted up to an "after" clause keeps its day', text: dated('The ferry sank about two hours after it left Brenport on Monday.'), figure: 'two hours', date: '2024-03-11' },
    { name: 'an "after" without a verb leaves the day to the amount', text: dated('Brenport Foods shares rose 4% after the results on Monday.'), figure: '4%', date: '2024-03-11' },
    { name: 'a temporal clause after the amount tells of another time', text: dated('Brenport cut 300 jobs, after sales fell in June.'), figure: '300 jobs', date: undefined },
    { name: 'a participle clause with a figure of its own keeps its date', text: dated('Brenport sold 300 homes, built in 2019 for $40 million.'), figure: '300 homes', date: undefined },
    { name: '"the following year" counts on from the year named before it', text: dated('Brenport paid $3bn for Lowmoor in 2018 and $1.2bn for Kestrel the following year.'), figure: '$1.2bn', date: '2019-01-01' },
    { name: '"two days later" counts on from the day named before it', text: dated('On 20 February the council listed 90 missing.\n- Two days later it listed 120 names.'), figure: '120 names', date: '2024-02-22' },
    { name: 'a count of days needs a day to count from', text: dated('In 2019 the council listed 90 missing. Two days later it listed 120 names.'), figure: '120 names', date: undefined },
    { name: 'counting on crosses no paragraph', text: dated('The harbour opened in 2016.\n\nThe following year Brenport sold 30% of it.'), figure: '30%', date: undefined },
    { name: 'a present-tense relative clause tells what a thing is, whatever the day', text: dated('The tanker, which measures 300 metres from bow to stern, ran aground off Brenport on Tuesday.'), figure: '300 metres', date: undefined },
    { name: 'a relative clause of what happened is of the main clause’s day', text: dated('The ferry, which was carrying 200 passengers, capsized off Brenport on Tuesday.'), figure: '200 passengers', date: '2024-03-12' },
    { name: 'a relative clause of a change is of the main clause’s day', text: dated('The toll, which has risen to 45, was confirmed on Tuesday.'), figure: '45', date: '2024-03-12' },
    { name: 'a sentence that opens with "That is" is no relative clause', text: dated('That is deeper than the 8% cut Lowmoor announced on Monday.'), figure: '8%', date: '2024-03-11' },
    { name: 'a unit joined to an adjective describes the thing', text: dated('The 1.2 km-long pier collapsed on Tuesday.'), figure: '1.2 km', date: undefined },
    {
      name: 'a numbered quarter of a fiscal year is that quarter, when the article says when its year starts',
      text: dated('Brenport Foods said its fourth quarter ended 27 July 2023.\n\nIt expects to book $70 million of charges in the first quarter of fiscal 2024.'),
      figure: '$70 million',
      date: '2023-08-01',
    },
    { name: 'without the fiscal year’s start, a quarter of a fiscal year is dated by its year', text: dated('It expects to book $70 million of charges in the first quarter of fiscal 2024.'), figure: '$70 million', date: '2024-01-01' },
    { name: 'a duration counted from the opening date does not keep it from the clause after', text: dated('- 2 March: Three days after the dam failed, the council said it would seek $40 million for repairs.'), figure: '$40 million', date: '2024-03-02' },
    { name: 'two times side by side are one, told the second time more precisely', text: dated('Earlier this year, in February, Brenport Foods had cut 1,200 jobs.'), figure: '1,200 jobs', date: '2024-02-01' },
    { name: 'a quarter between an amount and a later year is the nearer date', text: dated('Sales grew 12% in the second quarter and 40% over the whole of 2022.'), figure: '12%', date: '2023-04-01' },
    { name: 'a weekday between an amount and a later month is the nearer date', text: dated('The board issued two rulings on Tuesday in addition to three made in January.'), figure: 'two rulings', date: '2024-03-12' },
    { name: 'a quarter of a written year is that year’s, not a nearer date', text: dated('Sales grew 60% in the third quarter of last year.'), figure: '60%', date: '2023-01-01' },
    { name: 'a list item takes the date of the line that introduces its list', text: dated('For the three months ended 31 January, Brenport Foods reported:\n\n- Revenue of $41 million, down 3%\n- Net income of $6 million, up 8%'), figure: '$6 million', date: '2024-01-31' },
    { name: 'a list under a line that names a weekday takes that day', text: dated('What the council said on Tuesday:\n- 40 homes were flooded\n- 300 people left'), figure: '300 people', date: '2024-03-12' },
    { name: 'the value a change starts from takes no date from the list’s line', text: dated('Harbour fees change on 1 April 2024:\n\n- The berth fee rises from £40 a day to £45.\n- The crane fee falls to £12.'), figure: '£40', date: undefined },
    { name: 'the value a change reaches takes the list’s date', text: dated('Harbour fees change on 1 April 2024:\n\n- The berth fee rises from £40 a day to £45.\n- The crane fee falls to £12.'), figure: '£45', date: '2024-04-01' },
    { name: 'a list item’s own date comes first', text: dated('For the three months ended 31 January, Brenport Foods reported:\n\n- Revenue of $41 million\n- A dividend of $2 million, paid in February'), figure: '$2 million', date: '2024-02-01' },
    { name: 'a list under a line that names two times takes neither', text: dated('Between 2019 and March 2023 the council counted:\n- 40 homes flooded'), figure: '40 homes', date: undefined },
    { name: 'a list under a line without a colon takes nothing from it', text: dated('The storm struck on Tuesday.\n- 40 homes were flooded'), figure: '40 homes', date: undefined },
    { name: '"still" places a state on the article’s day', text: dated('Kestrel still owns about 60% of the harbour company.'), figure: '60%', date: '2024-03-14' },
    { name: '"were still" missing is the state on the article’s day', text: dated('Eleven more people were still missing in Brenport.'), figure: 'Eleven more people', date: '2024-03-14' },
    { name: '"will still" tells of a state to come', text: dated('Kestrel will still control about 60% of the harbour company.'), figure: '60%', date: undefined },
    { name: 'a "When" clause on a date dates the clause it leads to', text: dated('When the shares were priced at $21 on 13 June 2023, most outlets put the value at $4.5bn.'), figure: '$4.5bn', date: '2023-06-13' },
    { name: 'a share of a dated reference point is not of its date', text: dated('That is roughly 40% of its value at the 2020 peak.'), figure: '40%', date: undefined },
    { name: 'a share below a dated high is not of its date', text: dated('Brenport shares ended 30% below the 2021 high.'), figure: '30%', date: undefined },
    { name: 'a change in a year is of that year', text: dated('Brenport shares rose 30% in 2021.'), figure: '30%', date: '2021-01-01' },
    { name: 'a year a change is measured against is not the change’s', text: dated('The 2023 harbour budget was 12% larger than the 2022 budget.'), figure: '12%', date: '2023-01-01' },
    { name: 'a year after "than in" dates no change', text: dated('Harbour sales were 12% higher than in 2022.'), figure: '12%', date: undefined },
    { name: 'a year after "compared with" leaves the change its own year', text: dated('Harbour fees were 9% higher in 2023 compared with 2022.'), figure: '9%', date: '2023-01-01' },
    { name: 'a time after "from the same period" is the compared value’s', text: dated('Harbour revenue in the first half of 2023 rose 8% from the same period last year.'), figure: '8%', date: '2023-01-01' },
    { name: 'a change between two fiscal years is the later one’s', text: dated('Harbour fees jumped 9% between fiscal 2021 and fiscal 2022.'), figure: '9%', date: '2022-01-01' },
    { name: 'a value a change starts from takes the year told with it', text: dated('Port fees rose from 3.1% of costs in 2020 to 4.6% in 2023.'), figure: '3.1%', date: '2020-01-01' },
    { name: 'the value a change reaches takes the year told with it', text: dated('Port fees rose from 3.1% of costs in 2020 to 4.6% in 2023.'), figure: '4.6%', date: '2023-01-01' },
    { name: 'the value a change reaches takes no year told with the value it starts from', text: dated('Port fees rose from 3.1% of costs in 2020 to 4.6% of costs.'), figure: '4.6%', date: undefined },
    { name: 'the value a change starts from keeps the year told with it', text: dated('Port fees rose from 3.1% of costs in 2020 to 4.6% of costs.'), figure: '3.1%', date: '2020-01-01' },
    { name: 'a forecast value reached takes no "this year" of the value it starts from', text: dated('Borrowing will fall from 4.5% of output this year to 2.1% at the end of the plan.'), figure: '2.1%', date: undefined },
    { name: 'a sum moved between two periods is of neither', text: dated('Some $40 million of grants shifted from fiscal 2022 into fiscal 2021, the council said.'), figure: '$40 million', date: undefined },
    { name: 'a sum of one period is of it', text: dated('Some $40 million of grants were paid in fiscal 2022, the council said.'), figure: '$40 million', date: '2022-01-01' },
    { name: '"until now" tells of the state before the article’s day', text: dated('Until now the council held 75% of the harbour company.'), figure: '75%', date: undefined },
    { name: '"still" as in "still better" is no time word', text: dated('Sales of $41 million were still better than the $39 million analysts had pencilled in.'), figure: '$41 million', date: undefined },
    { name: 'a place’s population holds whatever the weekday', text: dated('The storm reached Brenport, a town of about 9,000 people, on Tuesday.'), figure: '9,000 people', date: undefined },
    { name: 'a place’s residents hold whatever the weekday', text: dated('Many of Brenport’s 9,000 residents were without power on Tuesday.'), figure: '9,000 residents', date: undefined },
    { name: 'where a place lies holds whatever the day', text: dated('Rescuers reached Lowmoor, 40 kilometres east of Brenport, on Tuesday.'), figure: '40 kilometres', date: undefined },
    { name: 'a count of people in the place is of the day', text: dated('The storm forced 900 people in Brenport from their homes on Tuesday.'), figure: '900 people', date: '2024-03-12' },
    { name: 'a quantity written as an adjective describes a thing, whatever the day', text: dated('The 300-metre tanker ran aground off Brenport on Tuesday.'), figure: '300-metre', date: undefined },
    { name: 'a wire dateline gives way to the sentence’s weekday', text: dated('BRENPORT, March 14 (Tidewire) - The council said on Tuesday it had approved $12 million for the harbour.'), figure: '$12 million', date: '2024-03-12' },
    { name: 'a wire dateline dates what nothing else dates', text: dated('BRENPORT, March 14 (Tidewire) - The council has approved $12 million for the harbour.'), figure: '$12 million', date: '2024-03-14' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));

  it('the date of a "When" clause stays a fact of its own when it dates the clause it leads to', () => {
    const { corpus } = factOfFigure(dated('When the climbers reached the top on 2 June 1961, they stayed there for about 20 minutes.'), '20 minutes');
    const source = corpus.sources[0]!;
    const own = corpus.factsOfSource(source.uri).some((f) => !f.amount && f.date?.text === '2 June 1961');
    assert.equal(own, true, 'the date is a fact of its own');
  });

  it('a share move of one trading session is tied to that session, not to the whole day', () => {
    const { fact } = factOfFigure(dated('Shares of Brenport Foods rose 4% in premarket trading.'), '4%');
    assert.equal(fact.timeScoped, true);
  });

  it('a quarter ends where the next begins, as date figures do', () => {
    const { fact } = factOfFigure(dated('Brenport Foods earned $41 million in the third quarter.'), '$41 million');
    assert.equal(new Date(fact.date!.value.hi * 86_400_000).toISOString().slice(0, 10), '2023-10-01');
  });
});

describe('facts: a paragraph that opens with a time dates the sentences after it', () => {
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    { name: 'a weekday that opens the paragraph dates the next sentence', text: dated('By Tuesday the Brenport council had counted the damage. It listed 240 homes as lost.'), figure: '240 homes', date: '2024-03-12' },
    { name: 'a written day that opens the paragraph dates the next sentence', text: dated('On 2 March the harbour reopened. Pilots guided 14 ships in.'), figure: '14 ships', date: '2024-03-02' },
    { name: 'a day without a preposition opens the scene too', text: dated('Yesterday, the last four divers came out. Three medics followed an hour after.'), figure: 'Three medics', date: '2024-03-13' },
    { name: 'the scene carries over a sentence with no figure', text: dated('As of Sunday, the levee had held. Engineers were worried. They had laid 600 sandbags.'), figure: '600 sandbags', date: '2024-03-10' },
    { name: 'a time told at the end of the first sentence sets no scene', text: dated('The harbour reopened on 2 March. Pilots guided 14 ships in.'), figure: '14 ships', date: undefined },
    { name: 'a time that opens a later sentence of the paragraph sets no scene', text: dated('Residents want a new levee. In May 2019 the council drew up a plan. It was put at $40 million.'), figure: '$40 million', date: undefined },
    { name: 'the scene ends with the paragraph', text: dated('By Tuesday the water had risen.\n\nIt covered 300 hectares.'), figure: '300 hectares', date: undefined },
    { name: 'a sentence that names another time ends the scene', text: dated('On 2 March the council met. It said 12 homes were lost in 2019. Repairs took 40 days.'), figure: '12 homes', date: '2019-01-01' },
    { name: 'a sentence that opens with a time of its own is not the scene’s', text: dated('By Tuesday the water had risen. Since then it has covered 300 hectares.'), figure: '300 hectares', date: undefined },
    { name: '"now" is the article’s day, not the scene’s', text: dated('By Tuesday the water had risen. The flood now covers 300 hectares.'), figure: '300 hectares', date: '2024-03-14' },
    { name: 'what would be is of no day', text: dated('On 2 March the council met. A new levee would cost $40 million.'), figure: '$40 million', date: undefined },
    { name: 'a heading ends the scene', text: dated('On 2 March the council met.\n\n## Costs\n\nA new levee cost $40 million.'), figure: '$40 million', date: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));
});

describe('facts: a week or month named by the month or year it is in', () => {
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    { name: '"the last week of June" is its seven days in June, not the week before the article', text: dated('In the last week of June 2023, pumps moved 5,000 litres a minute.'), figure: '5,000 litres', date: '2023-06-24' },
    { name: '"last week" before "of" and a figure is still the week before the article', text: dated('The firm issued an estimate last week of $3 billion in losses.'), figure: '$3 billion', date: '2024-03-01' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));
});

describe('facts: the article date read from a byline', () => {
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    {
      name: 'a written date in a byline line',
      text: 'Brenport harbour gets its money\n\nBy Staff | Updated: 14 March 2024 09:12 GMT\n\nThe Brenport council approved $12 million for the harbour on Tuesday.\n',
      figure: '$12 million',
      date: '2024-03-12',
    },
    {
      name: 'a dotted numeric date in a header line, day first',
      text: 'Brenport harbour gets its money\n\nTidewire | Local\n14.03.2024 - 10:05 | Updated: 14.03.2024 - 12:40\n\nThe Brenport council approved $12 million for the harbour on Tuesday.\n',
      figure: '$12 million',
      date: '2024-03-12',
    },
    {
      name: 'a day without a year takes the byline’s year',
      text: 'Brenport harbour gets its money\n\nTidewire · Local · March 14, 2024\n\nThe Brenport council approved $12 million for the harbour on 9 March.\n',
      figure: '$12 million',
      date: '2024-03-09',
    },
    {
      name: 'a date in the first sentence of the article is not its byline',
      text: 'Brenport harbour gets its money\n\nOn 2 February 2020 the Brenport council opened its harbour.\n\nThe council approved $12 million for it on Tuesday.\n',
      figure: '$12 million',
      date: undefined,
    },
    {
      name: 'a wire dateline without a year takes the first year after those written in which its day fits the weekday',
      text: 'Brenport harbour gets its money\n\nBRENPORT, March 12 (Tidewire) - The council said on Tuesday it had approved $12 million for the harbour.\n\nThe harbour was last dredged in 2021.\n',
      figure: '$12 million',
      date: '2024-03-12',
    },
    {
      name: 'a year a sentence looks ahead to does not date the dateline',
      text: 'Brenport harbour gets its money\n\nBRENPORT, March 12 (Tidewire) - The council said on Tuesday it had approved $12 million for the harbour.\n\nThe harbour was last dredged in 2021. The council expects the work to end in 2031.\n',
      figure: '$12 million',
      date: '2024-03-12',
    },
    {
      name: 'a dateline without a year or a weekday dates nothing',
      text: 'Brenport harbour gets its money\n\nBRENPORT, March 12 (Tidewire) - The council has approved $12 million for the harbour.\n\nThe harbour was last dredged in 2021.\n',
      figure: '$12 million',
      date: undefined,
    },
    {
      name: 'front matter comes before the byline',
      text: '---\ntitle: Brenport harbour\ndate: 2024-03-20\n---\n\nBy Staff | 14 March 2024\n\nThe Brenport council approved $12 million for the harbour on Tuesday.\n',
      figure: '$12 million',
      date: '2024-03-19',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));
});

describe('facts: live-blog timestamps date their updates', () => {
  const blog = (...updates: string[]): string => dated(updates.join('\n\n'));
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    {
      name: 'a time alone is the article’s day',
      text: blog('**16:40 GMT** — Council votes', 'The Brenport council approved $12 million for the harbour.', '**09:15 GMT** — Rain gauges', 'Gauges recorded 85 mm of rain overnight.'),
      figure: '$12 million',
      date: '2024-03-14',
    },
    {
      name: 'a timestamp with its date is that day',
      text: blog('**14 Mar 2024 – 08:10 GMT** — Morning', 'Gauges recorded 85 mm of rain.', '**13 Mar 2024 – 18:20 GMT** — Evening', 'Gauges recorded 40 mm of rain by nightfall.'),
      figure: '40 mm',
      date: '2024-03-13',
    },
    {
      name: 'a timestamp that opens the paragraph of its update',
      text: blog('**11:05 ET** — Brenport Foods shares rose 4% in early trading.', '**10:20 ET** — Brenport Foods reported revenue of $41 million.'),
      figure: '$41 million',
      date: '2024-03-14',
    },
    {
      name: 'a date in the update comes first',
      text: blog('**16:40 GMT** — Council votes', 'The council approved $12 million in 2021 for the harbour.', '**09:15 GMT** — Rain gauges', 'Gauges recorded 85 mm of rain overnight.'),
      figure: '$12 million',
      date: '2021-01-01',
    },
    {
      name: 'a timestamp with a day its month does not have dates nothing',
      text: blog('**31 Feb 2024 – 08:10 GMT** — Morning', 'Gauges recorded 85 mm of rain.', '**13 Mar 2024 – 18:20 GMT** — Evening', 'Gauges recorded 40 mm of rain by nightfall.'),
      figure: '85 mm',
      date: undefined,
    },
    {
      name: 'a headline under a timestamp of its own goes on with the update',
      text: blog('**13 Mar 2024 – 18:20 GMT**', '**Gauges fill up**', 'Gauges recorded 40 mm of rain by nightfall.', '**12 Mar 2024 – 09:10 GMT**', '**Dry start**', 'Gauges recorded 2 mm of rain.'),
      figure: '40 mm',
      date: '2024-03-13',
    },
    {
      name: 'a heading after the update’s text ends the update',
      text: blog('**13 Mar 2024 – 18:20 GMT** — Gauges fill up', 'Gauges recorded 40 mm of rain by nightfall.', '**12 Mar 2024 – 09:10 GMT** — Dry start', 'Gauges recorded 2 mm of rain.', '**Background**', 'The harbour wall is 900 metres long.'),
      figure: '900 metres',
      date: undefined,
    },
    {
      name: 'a weekday in brackets after the time is the last such day',
      text: blog('**08:10 ET** — Morning', 'Gauges recorded 85 mm of rain.', '**22:30 ET (Tuesday)** — Late news', 'Gauges recorded 40 mm of rain by nightfall.'),
      figure: '40 mm',
      date: '2024-03-12',
    },
    {
      name: 'a heading that names a day dates the times under it',
      text: blog('**Thursday, 14 March**', '**08:10** — Gauges recorded 85 mm of rain.', '**Wednesday, 13 March**', '**21:40** — Gauges recorded 40 mm of rain by nightfall.', '**07:15** — The council met.'),
      figure: '40 mm',
      date: '2024-03-13',
    },
    {
      name: 'a heading that is not a day leaves the times under it on the article’s day',
      text: blog('**Thursday updates**', '**08:10** — Gauges recorded 85 mm of rain.', '**Earlier**', '**21:40** — Gauges recorded 40 mm of rain by nightfall.'),
      figure: '40 mm',
      date: '2024-03-14',
    },
    {
      name: 'a live page’s headline above its first update takes no day from the page’s date',
      text: blog('# Brenport flood live: 40 homes evacuated', '**16:40 GMT** — The council met.', '**09:15 GMT** — Gauges recorded 85 mm of rain.'),
      figure: '40 homes',
      date: undefined,
    },
    {
      name: 'a headline of a page without updates takes no day',
      text: dated('# Brenport flood: 40 homes evacuated\n\nThe council met.'),
      figure: '40 homes',
      date: undefined,
    },
    {
      name: 'a time elapsed up to an update ("30 hours after") is of the update’s day',
      text: blog('**Thursday, 14 March**', '**08:10** — Gauges recorded 85 mm of rain.', '**Tuesday, 12 March**', '**21:40** — Divers reached the barge 30 hours after it sank.', '**07:15** — The council met.'),
      figure: '30 hours',
      date: '2024-03-12',
    },
    {
      name: 'a time elapsed up to an update ("after nine days") is of the update’s day',
      text: blog('**Thursday, 14 March**', '**09:30** — The council met.', '**08:10** — The last two miners walked out after nine days underground.'),
      figure: 'nine days',
      date: '2024-03-14',
    },
    {
      name: 'a duration that counts to no moment stays undated in an update',
      text: blog('**Thursday, 14 March**', '**09:30** — The council met.', '**08:10** — The mayor spoke for 40 minutes about the levee.'),
      figure: '40 minutes',
      date: undefined,
    },
    {
      name: '"today" in an update is the update’s day, not the page’s',
      text: blog('**Thursday, 14 March**', '**08:10** — Gauges recorded 85 mm of rain.', '**Tuesday, 12 March**', '**21:40** — The council says 40 homes have flooded today.', '**07:15** — The council met.'),
      figure: '40 homes',
      date: '2024-03-12',
    },
    {
      name: '"last night" in an update is the night before the update’s day',
      text: blog('**Thursday, 14 March**', '**08:10** — Gauges recorded 85 mm of rain.', '**Tuesday, 12 March**', '**09:40** — Crews pumped 300 tonnes of water out last night.', '**07:15** — The council met.'),
      figure: '300 tonnes',
      date: '2024-03-11',
    },
    {
      name: 'one time on a page makes no live blog',
      text: blog('**16:40 GMT** — Council votes', 'The Brenport council approved $12 million for the harbour.'),
      figure: '$12 million',
      date: undefined,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));
});

describe('facts: the period a results or budget article reports on', () => {
  const article = (...paragraphs: string[]): string => dated(paragraphs.join('\n\n'));
  const quarterly = (...paragraphs: string[]): string =>
    article('Brenport Foods reported its results for the fourth quarter of 2023 on Tuesday.', 'In the fourth quarter of 2023 the grocer opened nine shops.', ...paragraphs);
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    { name: 'a quarter the article names most dates an undated flow', text: quarterly('Revenue rose 6% to $41 million.'), figure: '$41 million', date: '2023-10-01' },
    { name: 'a change in a flow is of the period too', text: quarterly('Revenue rose 6% to $41 million.'), figure: '6%', date: '2023-10-01' },
    { name: 'users counted in the period', text: quarterly('The app had 2.1 million monthly users.'), figure: '2.1 million', date: '2023-10-01' },
    { name: 'monthly active users written short', text: quarterly('In Europe, MAUs were 4.2 million, up 2% on the year.'), figure: '4.2 million', date: '2023-10-01' },
    { name: 'a flow named by the label before a colon', text: quarterly('- Bakery sales: $12 million, up 4%'), figure: '$12 million', date: '2023-10-01' },
    { name: 'a value compared with is of another period', text: quarterly('Net profit climbed to $9 million from about $7 million.'), figure: '$7 million', date: undefined },
    { name: 'a forecast is not of the reported period', text: quarterly('The grocer expects revenue of about $45 million.'), figure: '$45 million', date: undefined },
    { name: 'a forecast after the figure’s clause leaves it of the period', text: quarterly('Net profit was $9 million, well above the grocer’s own guidance of $7 million.'), figure: '$9 million', date: '2023-10-01' },
    { name: 'the forecast it names is not', text: quarterly('Net profit was $9 million, well above the grocer’s own guidance of $7 million.'), figure: '$7 million', date: undefined },
    { name: 'a figure that is no flow keeps no date', text: quarterly('The grocer employs 1,200 people across the region.'), figure: '1,200 people', date: undefined },
    { name: 'a sentence of a shorter period is of that one', text: quarterly('Sales for the month came to $12 million.'), figure: '$12 million', date: undefined },
    { name: 'a date of the sentence comes first', text: quarterly('Revenue in 2022 was $30 million.'), figure: '$30 million', date: '2022-01-01' },
    { name: 'a period named once is not the article’s', text: article('Brenport Foods reported its results for the fourth quarter of 2023 on Tuesday.', 'Revenue rose 6% to $41 million.'), figure: '$41 million', date: undefined },
    {
      name: 'a period named once by its end, the only one named, is the article’s',
      text: article('Revenue for the three months to 31 December 2023 came to $41 million.', 'Net profit was $9 million, against the $7 million analysts had expected.'),
      figure: '$9 million',
      date: '2023-10-01',
    },
    {
      name: 'a period named once by its end beside another period is not the article’s',
      text: article('Revenue for the three months to 31 December 2023 came to $41 million.', 'In the second half the grocer opened nine shops.', 'Net profit was $9 million.'),
      figure: '$9 million',
      date: undefined,
    },
    {
      name: 'a fiscal year named most dates the budget’s flows',
      text: article('The Brenport council closed fiscal 2023 with a gap of $12 million.', 'Spending in fiscal 2023 was the highest on record.', 'Receipts fell 3% to $80 million.'),
      figure: '$80 million',
      date: '2023-01-01',
    },
    {
      name: 'a quarter named by its end is the quarter named by its number',
      text: article('Brenport Foods said revenue for the quarter ended December 31 beat forecasts.', 'It was the best fourth quarter in the grocer’s history.', 'Net profit was $9 million.'),
      figure: '$9 million',
      date: '2023-10-01',
    },
    {
      name: 'periods compared with do not make the article’s period',
      text: article('Revenue was higher than in the second quarter of 2023.', 'Margins were wider than in the second quarter of 2023.', 'Net profit was $9 million.'),
      figure: '$9 million',
      date: undefined,
    },
    {
      name: 'a numbered quarter named by its end sets the fiscal year for the others',
      text: article('Brenport Foods said sales for the second quarter ended January 31 rose 4%.', 'Second-quarter profit was $9 million.'),
      figure: '$9 million',
      date: '2023-11-01',
    },
    { name: 'the current quarter is the one the article’s date falls in', text: article('For the current quarter, Brenport Foods expects sales of $50 million to $55 million.'), figure: '$50 million to $55 million', date: '2024-01-01' },
    {
      name: 'the current quarter of a fiscal year the article states',
      text: article('Brenport Foods said sales for the second quarter ended January 31 rose 4%.', 'For the current quarter, it expects sales of $50 million to $55 million.'),
      figure: '$50 million to $55 million',
      date: '2024-02-01',
    },
    {
      name: 'a quarter named by its months stays the calendar’s',
      text: article('Brenport Foods said sales for the second quarter ended January 31 rose 4%.', 'In the April-June quarter it opened 12 shops.'),
      figure: '12 shops',
      date: '2023-04-01',
    },
    {
      name: 'without a fiscal year stated, a numbered quarter is the calendar’s',
      text: article('Second-quarter profit at Brenport Foods was $9 million.'),
      figure: '$9 million',
      date: '2023-04-01',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));

  it('a forecast in a live-blog update is of no day yet', () => {
    const text = dated(['**16:40 GMT** — Rain', 'Forecasters expect 85 mm of rain across Brenport.', '**09:15 GMT** — Gauges', 'Gauges recorded 40 mm of rain overnight.'].join('\n\n'));
    assert.equal(dateOf(text, '85 mm'), undefined);
    assert.equal(dateOf(text, '40 mm'), '2024-03-14');
  });
});

describe('facts: a table header dates its columns', () => {
  const table = (...rows: string[]): string => dated(['The harbour accounts in brief:', '', ...rows].join('\n'));
  const cases: Array<{ name: string; text: string; figure: string; date: string | undefined }> = [
    { name: 'a cell takes its column’s year', text: table('| | 2022 | 2023 |', '|---|---|---|', '| Dredging | $4 million | $6 million |'), figure: '$4 million', date: '2022-01-01' },
    { name: 'the next column its own year', text: table('| | 2022 | 2023 |', '|---|---|---|', '| Dredging | $4 million | $6 million |'), figure: '$6 million', date: '2023-01-01' },
    { name: 'a header without dates dates nothing', text: table('| Item | Cost |', '|---|---|', '| Dredging | $4 million |'), figure: '$4 million', date: undefined },
    { name: 'a date in the row comes first', text: table('| | 2022 | 2023 |', '|---|---|---|', '| Dredging (2021) | $4 million | $6 million |'), figure: '$4 million', date: '2021-01-01' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(dateOf(c.text, c.figure), c.date));
});
