/**
 * Physical units with their conversion to one base unit per dimension, so that
 * "4.5 gigawatts" meets "4,500 MW" and "8,848 metres" meets "29,029 feet".
 */

/** One unit: the names it is written with, its dimension and its factor to the base unit. */
export interface UnitDefinition {
  /** Written forms. Symbols are matched case-sensitively, words case-insensitively. */
  readonly symbols: readonly string[];
  readonly words: readonly string[];
  readonly dimension: string;
  /** Multiply by this to get the base unit (temperatures also add `offset`). */
  readonly factor: number;
  readonly offset?: number;
  /** The symbol used in normalised output. */
  readonly display: string;
}

/** Base unit shown for each dimension in normalised output. */
export const BASE_UNIT: Readonly<Record<string, string>> = {
  length: 'm', mass: 'kg', power: 'W', energy: 'Wh', area: 'm²', volume: 'm³', speed: 'm/s',
  temperature: 'K', voltage: 'V', data: 'B', 'data-rate': 'bit/s', pressure: 'Pa',
  // Ships are measured in units of their own: containers carried, enclosed volume and cargo weight
  // kept apart from plain tonnes so that a ship's tonnage never meets a cargo's mass.
  'container-capacity': 'TEU', 'gross-tonnage': 'GT', deadweight: 'DWT',
};

const u = (dimension: string, factor: number, display: string, symbols: string[], words: string[], offset?: number): UnitDefinition =>
  offset === undefined ? { dimension, factor, display, symbols, words } : { dimension, factor, display, symbols, words, offset };

/** Every unit the figure parser recognises. */
export const UNITS: readonly UnitDefinition[] = [
  u('length', 1, 'm', ['m'], ['metres', 'metre', 'meters', 'meter']),
  u('length', 1000, 'km', ['km'], ['kilometres', 'kilometre', 'kilometers', 'kilometer']),
  u('length', 0.01, 'cm', ['cm'], ['centimetres', 'centimetre', 'centimeters', 'centimeter']),
  u('length', 0.001, 'mm', ['mm'], ['millimetres', 'millimetre', 'millimeters', 'millimeter']),
  u('length', 1609.344, 'mi', [], ['miles', 'mile']),
  u('length', 1852, 'nmi', ['nmi'], ['nautical miles', 'nautical mile']),
  u('length', 0.3048, 'ft', ['ft'], ['feet', 'foot']),
  u('length', 0.0254, 'in', [], ['inches', 'inch']),
  u('length', 0.9144, 'yd', ['yd'], ['yards', 'yard']),
  u('mass', 1, 'kg', ['kg'], ['kilograms', 'kilogram', 'kilos', 'kilo']),
  u('mass', 0.001, 'g', ['g'], ['grams', 'gram', 'grammes', 'gramme']),
  u('mass', 1e-6, 'mg', ['mg'], ['milligrams', 'milligram']),
  u('mass', 1e-9, 'µg', ['µg', 'μg', 'mcg'], ['micrograms', 'microgram']),
  u('mass', 1000, 't', [], ['tonnes', 'tonne', 'metric tons', 'metric ton', 'tons', 'ton']),
  u('mass', 0.45359237, 'lb', ['lb', 'lbs'], ['pounds', 'pound']),
  u('mass', 0.028349523, 'oz', ['oz'], ['ounces', 'ounce']),
  u('power', 1, 'W', ['W'], ['watts', 'watt']),
  u('voltage', 1, 'V', ['V'], ['volts', 'volt']),
  u('voltage', 1e3, 'kV', ['kV'], ['kilovolts', 'kilovolt']),
  u('power', 1e3, 'kW', ['kW'], ['kilowatts', 'kilowatt']),
  u('power', 1e6, 'MW', ['MW'], ['megawatts', 'megawatt']),
  u('power', 1e9, 'GW', ['GW'], ['gigawatts', 'gigawatt']),
  u('power', 1e12, 'TW', ['TW'], ['terawatts', 'terawatt']),
  u('power', 745.7, 'hp', ['hp'], ['horsepower']),
  u('energy', 1, 'Wh', ['Wh'], ['watt-hours', 'watt hours', 'watt-hour', 'watt hour']),
  u('energy', 1e3, 'kWh', ['kWh'], ['kilowatt-hours', 'kilowatt hours', 'kilowatt-hour', 'kilowatt hour']),
  u('energy', 1e6, 'MWh', ['MWh'], ['megawatt-hours', 'megawatt hours', 'megawatt-hour', 'megawatt hour']),
  u('energy', 1e9, 'GWh', ['GWh'], ['gigawatt-hours', 'gigawatt hours', 'gigawatt-hour', 'gigawatt hour']),
  u('energy', 1e12, 'TWh', ['TWh'], ['terawatt-hours', 'terawatt hours', 'terawatt-hour', 'terawatt hour']),
  u('energy', 1 / 3600, 'J', ['J'], ['joules', 'joule']),
  u('energy', 1e6 / 3600, 'MJ', ['MJ'], ['megajoules', 'megajoule']),
  u('energy', 1e9 / 3600, 'GJ', ['GJ'], ['gigajoules', 'gigajoule']),
  u('area', 1, 'm²', ['m²', 'm2', 'sq m'], ['square metres', 'square metre', 'square meters', 'square meter']),
  u('area', 1e6, 'km²', ['km²', 'km2', 'sq km'], ['square kilometres', 'square kilometre', 'square kilometers', 'square kilometer']),
  u('area', 2589988.11, 'mi²', ['sq mi'], ['square miles', 'square mile', 'sq miles', 'sq mile']),
  u('area', 0.09290304, 'ft²', ['sq ft'], ['square feet', 'square foot']),
  u('area', 1e4, 'ha', ['ha'], ['hectares', 'hectare']),
  u('area', 4046.8564224, 'ac', [], ['acres', 'acre']),
  u('volume', 1, 'm³', ['m³', 'm3'], ['cubic metres', 'cubic metre', 'cubic meters', 'cubic meter']),
  u('volume', 0.001, 'L', ['L', 'l'], ['litres', 'litre', 'liters', 'liter']),
  u('volume', 0.000001, 'mL', ['ml', 'mL'], ['millilitres', 'millilitre', 'milliliters', 'milliliter']),
  u('volume', 0.003785411784, 'gal', ['gal'], ['gallons', 'gallon', 'u.s. gallons', 'us gallons']),
  u('volume', 0.158987294928, 'bbl', ['bbl'], ['barrels', 'barrel']),
  // Water held in a reservoir or released by a dam: an acre of it a foot deep.
  u('volume', 1233.48183754752, 'acre-ft', [], ['acre-feet', 'acre-foot']),
  u('speed', 1 / 3.6, 'km/h', ['km/h', 'kph', 'kmh', 'kmph', 'km/hr'], ['kilometres per hour', 'kilometers per hour', 'kilometres an hour', 'kilometers an hour', 'km per hour', 'km an hour']),
  u('speed', 0.44704, 'mph', ['mph'], ['miles per hour', 'miles an hour']),
  u('speed', 1, 'm/s', ['m/s'], ['metres per second', 'meters per second']),
  u('speed', 0.514444, 'kn', ['kn', 'kt'], ['knots', 'knot']),
  u('temperature', 1, '°C', ['°C', 'ºC'], ['degrees celsius', 'degrees centigrade', 'degree celsius', 'celsius', 'centigrade'], 273.15),
  u('temperature', 5 / 9, '°F', ['°F', 'ºF'], ['degrees fahrenheit', 'degree fahrenheit', 'fahrenheit'], 255.3722222),
  u('container-capacity', 1, 'TEU', ['TEU', 'TEUs'], ['twenty-foot equivalent units', 'twenty-foot equivalent unit']),
  u('gross-tonnage', 1, 'GT', [], ['gross tons', 'gross tonnes', 'gross tonnage', 'gross ton', 'gross tonne']),
  u('deadweight', 1, 'DWT', ['DWT', 'dwt'], ['deadweight tonnes', 'deadweight tons', 'deadweight tonne', 'deadweight ton', 'tonnes deadweight', 'tons deadweight']),
  // A storm's central pressure is given in millibars or hectopascals, sometimes in inches of mercury.
  u('pressure', 100, 'hPa', ['hPa', 'mb', 'mbar'], ['hectopascals', 'hectopascal', 'millibars', 'millibar']),
  u('pressure', 1000, 'kPa', ['kPa'], ['kilopascals', 'kilopascal']),
  // The pressure a deep dive or a pipeline is rated for.
  u('pressure', 1e5, 'bar', ['bar'], []),
  u('pressure', 3386.389, 'inHg', ['inHg'], ['inches of mercury']),
  u('data', 1, 'B', [], ['bytes', 'byte']),
  u('data', 1e3, 'kB', ['kB', 'KB'], ['kilobytes', 'kilobyte']),
  u('data', 1e6, 'MB', ['MB'], ['megabytes', 'megabyte']),
  u('data', 1e9, 'GB', ['GB'], ['gigabytes', 'gigabyte']),
  u('data', 1e12, 'TB', ['TB'], ['terabytes', 'terabyte']),
  u('data', 1e15, 'PB', ['PB'], ['petabytes', 'petabyte']),
  u('data-rate', 1e6, 'Mbps', ['Mbps', 'Mbit/s'], ['megabits per second']),
  u('data-rate', 1e9, 'Gbps', ['Gbps', 'Gbit/s'], ['gigabits per second']),
];

const bySymbol = new Map<string, UnitDefinition>();
const byWord = new Map<string, UnitDefinition>();
for (const unit of UNITS) {
  for (const s of unit.symbols) bySymbol.set(s, unit);
  for (const w of unit.words) byWord.set(w, unit);
}

/** Finds the unit written as `text` (a symbol, exactly, or a word in any case). */
export function lookupUnit(text: string): UnitDefinition | undefined {
  return bySymbol.get(text) ?? byWord.get(text.toLowerCase().replace(/\s+/g, ' '));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');
}

/** Alternation of every unit symbol, longest first (for case-sensitive regexes). */
export const UNIT_SYMBOL_PATTERN = [...bySymbol.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
/** Alternation of every unit word, longest first (for case-insensitive matching). */
export const UNIT_WORD_PATTERN = [...byWord.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
