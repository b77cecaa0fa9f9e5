// Korean name material: surnames with population shares, given-name syllables, romanisations for emails.
import { WeightedPick } from "./tables.js";

/** [hangul, romanisation, weight] */
type Syllable = readonly [string, string, number];

// shares roughly follow the 2015 census (percent of population)
// biome-ignore format: a dense table reads better
const SURNAMES: readonly Syllable[] = [
  ["김", "kim", 21.5], ["이", "lee", 14.7], ["박", "park", 8.4], ["최", "choi", 4.7], ["정", "jung", 4.3],
  ["강", "kang", 2.3], ["조", "cho", 2.1], ["윤", "yoon", 2.1], ["장", "jang", 2.0], ["임", "lim", 1.7],
  ["한", "han", 1.5], ["오", "oh", 1.5], ["서", "seo", 1.5], ["신", "shin", 1.5], ["권", "kwon", 1.4],
  ["황", "hwang", 1.4], ["안", "ahn", 1.3], ["송", "song", 1.3], ["류", "ryu", 1.2], ["전", "jeon", 1.1],
  ["홍", "hong", 1.1], ["고", "ko", 0.9], ["문", "moon", 0.9], ["양", "yang", 0.9], ["손", "son", 0.9],
  ["배", "bae", 0.8], ["백", "baek", 0.7], ["허", "heo", 0.7], ["유", "yoo", 0.7], ["남", "nam", 0.6],
  ["심", "shim", 0.5], ["노", "noh", 0.5], ["하", "ha", 0.5], ["곽", "kwak", 0.4], ["성", "sung", 0.4],
  ["차", "cha", 0.4], ["주", "joo", 0.4], ["우", "woo", 0.4], ["구", "koo", 0.4], ["민", "min", 0.3],
  ["나", "na", 0.3], ["진", "jin", 0.3], ["지", "ji", 0.3], ["엄", "eom", 0.3], ["채", "chae", 0.3],
  ["원", "won", 0.3], ["천", "cheon", 0.2], ["방", "bang", 0.2], ["공", "kong", 0.2], ["현", "hyun", 0.2],
  ["함", "ham", 0.2], ["변", "byun", 0.2], ["염", "yeom", 0.2], ["여", "yeo", 0.2], ["추", "choo", 0.1],
  ["도", "do", 0.1], ["소", "so", 0.1], ["석", "seok", 0.1], ["선", "sun", 0.1], ["설", "seol", 0.1],
  ["마", "ma", 0.1], ["길", "gil", 0.1], ["연", "yeon", 0.1], ["위", "wi", 0.1], ["표", "pyo", 0.1],
  ["명", "myung", 0.1], ["기", "ki", 0.1], ["반", "ban", 0.1], ["왕", "wang", 0.1], ["금", "keum", 0.1],
  ["옥", "ok", 0.05], ["육", "yook", 0.05], ["인", "in", 0.05], ["맹", "maeng", 0.05], ["제", "je", 0.05],
  ["모", "mo", 0.05], ["남궁", "namgung", 0.05], ["탁", "tak", 0.05], ["국", "kook", 0.05], ["어", "eo", 0.03],
  ["은", "eun", 0.03], ["편", "pyun", 0.03], ["용", "yong", 0.03], ["예", "ye", 0.03], ["경", "kyung", 0.03],
  ["봉", "bong", 0.03], ["황보", "hwangbo", 0.03], ["제갈", "jegal", 0.02], ["선우", "sunwoo", 0.02],
  ["독고", "dokgo", 0.01],
];

// biome-ignore format: a dense table reads better
const FIRST_SYLLABLES: readonly Syllable[] = [
  ["민", "min", 9], ["서", "seo", 8], ["지", "ji", 9], ["하", "ha", 5], ["도", "do", 4], ["예", "ye", 4],
  ["수", "su", 5], ["주", "ju", 3], ["시", "si", 3], ["유", "yu", 4], ["윤", "yun", 3], ["은", "eun", 5],
  ["현", "hyun", 5], ["준", "jun", 4], ["성", "sung", 5], ["영", "young", 6], ["정", "jung", 5], ["재", "jae", 4],
  ["승", "seung", 4], ["동", "dong", 3], ["상", "sang", 4], ["태", "tae", 3], ["혜", "hye", 3], ["다", "da", 2],
  ["채", "chae", 2], ["소", "so", 3], ["나", "na", 2], ["진", "jin", 3], ["경", "kyung", 4], ["미", "mi", 4],
  ["건", "geon", 2], ["우", "woo", 2], ["연", "yeon", 2], ["세", "se", 2], ["가", "ga", 2], ["아", "a", 2],
  ["희", "hee", 2], ["종", "jong", 3], ["용", "yong", 3], ["기", "ki", 2], ["인", "in", 2], ["한", "han", 2],
  ["보", "bo", 2], ["선", "sun", 2], ["혁", "hyuk", 1], ["명", "myung", 2], ["규", "kyu", 2], ["광", "kwang", 2],
  ["순", "soon", 2], ["옥", "ok", 1],
];

// biome-ignore format: a dense table reads better
const SECOND_SYLLABLES: readonly Syllable[] = [
  ["준", "jun", 8], ["우", "woo", 6], ["윤", "yoon", 5], ["서", "seo", 5], ["연", "yeon", 6], ["민", "min", 6],
  ["아", "a", 5], ["은", "eun", 4], ["진", "jin", 6], ["현", "hyun", 6], ["호", "ho", 6], ["원", "won", 4],
  ["수", "su", 6], ["희", "hee", 6], ["영", "young", 6], ["빈", "bin", 3], ["훈", "hoon", 4], ["율", "yul", 2],
  ["유", "yu", 3], ["린", "rin", 2], ["하", "ha", 3], ["인", "in", 3], ["석", "seok", 4], ["혁", "hyuk", 3],
  ["성", "sung", 4], ["경", "kyung", 4], ["철", "chul", 3], ["숙", "sook", 3], ["자", "ja", 2], ["순", "soon", 2],
  ["식", "sik", 2], ["재", "jae", 2], ["환", "hwan", 3], ["주", "ju", 3], ["지", "ji", 3], ["미", "mi", 3],
  ["나", "na", 2], ["정", "jung", 4], ["후", "hoo", 2], ["겸", "gyeom", 1], ["온", "on", 1], ["솔", "sol", 1],
  ["람", "ram", 1], ["별", "byul", 1], ["혜", "hye", 2], ["선", "sun", 3], ["규", "kyu", 2], ["찬", "chan", 3],
  ["욱", "wook", 2], ["태", "tae", 2], ["용", "yong", 2], ["기", "ki", 2], ["남", "nam", 1], ["옥", "ok", 1],
];

/** Parallel arrays for a syllable list plus its weighted picker. */
export interface SyllableTable {
  readonly hangul: readonly string[];
  readonly roman: readonly string[];
  readonly initial: readonly string[];
  readonly picker: WeightedPick;
}

function table(list: readonly Syllable[]): SyllableTable {
  return {
    hangul: list.map((s) => s[0]),
    roman: list.map((s) => s[1]),
    initial: list.map((s) => s[1].charAt(0)),
    picker: new WeightedPick(list.map((s) => s[2])),
  };
}

/** Surnames weighted by population share (김 about 21%, 이 about 15%, 박 about 8%). */
export const SURNAME_TABLE: SyllableTable = table(SURNAMES);
/** First syllable of a two-syllable given name. */
export const GIVEN_FIRST_TABLE: SyllableTable = table(FIRST_SYLLABLES);
/** Second syllable of a two-syllable given name. */
export const GIVEN_SECOND_TABLE: SyllableTable = table(SECOND_SYLLABLES);
