// shared parts of the address detectors: the province or metropolitan-city prefix every full Korean address has.

/** Provinces and metropolitan cities, short and long forms (서울, 서울시, 서울특별시, 경기, 경기도, ...). */
export const PROVINCE =
  "(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|충청북|충청남|전북|전남|전라북|전라남|경북|경남|경상북|경상남|제주)(?:특별시|광역시|특별자치시|특별자치도|시|도)?";

/** First characters of those prefixes: a cheap filter before the regular expression. */
export const PROVINCE_FIRST = new Set([
  "서",
  "부",
  "대",
  "인",
  "광",
  "울",
  "세",
  "경",
  "강",
  "충",
  "전",
  "제",
]);
