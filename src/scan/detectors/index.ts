// every detector the scanner runs, in the order evidence lists them.
import type { Detector } from "../detector.js";
import { ACCOUNT_ID } from "./account-id.js";
import { BANK_ACCOUNT } from "./bank-account.js";
import { BRN } from "./brn.js";
import { CARD } from "./card.js";
import { DATE_OF_BIRTH } from "./date-of-birth.js";
import { DRIVERS_LICENSE } from "./drivers-license.js";
import { EMAIL } from "./email.js";
import { FRN } from "./frn.js";
import { FRN_UNCHECKED } from "./frn-unchecked.js";
import { IPV4 } from "./ipv4.js";
import { IPV6 } from "./ipv6.js";
import { LANDLINE } from "./landline.js";
import { LANDLINE_DIGITS } from "./landline-digits.js";
import { LOT_ADDRESS } from "./lot-address.js";
import { MOBILE } from "./mobile.js";
import { PASSPORT } from "./passport.js";
import { PERSON_NAME } from "./person-name.js";
import { POSTAL_CODE } from "./postal-code.js";
import { ROAD_ADDRESS } from "./road-address.js";
import { RRN } from "./rrn.js";
import { RRN_UNCHECKED } from "./rrn-unchecked.js";

export const DETECTORS: readonly Detector[] = [
  MOBILE,
  LANDLINE,
  LANDLINE_DIGITS,
  RRN,
  RRN_UNCHECKED,
  FRN,
  FRN_UNCHECKED,
  BRN,
  PASSPORT,
  DRIVERS_LICENSE,
  CARD,
  BANK_ACCOUNT,
  EMAIL,
  IPV4,
  IPV6,
  PERSON_NAME,
  ROAD_ADDRESS,
  LOT_ADDRESS,
  DATE_OF_BIRTH,
  POSTAL_CODE,
  ACCOUNT_ID,
];

export {
  ACCOUNT_ID,
  BANK_ACCOUNT,
  BRN,
  CARD,
  DATE_OF_BIRTH,
  DRIVERS_LICENSE,
  EMAIL,
  FRN,
  FRN_UNCHECKED,
  IPV4,
  IPV6,
  LANDLINE,
  LANDLINE_DIGITS,
  LOT_ADDRESS,
  MOBILE,
  PASSPORT,
  PERSON_NAME,
  POSTAL_CODE,
  ROAD_ADDRESS,
  RRN,
  RRN_UNCHECKED,
};
